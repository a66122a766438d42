package dev.ftracelab.emu;

import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.DecodeException;
import dev.ftracelab.isa.InsnClass;
import dev.ftracelab.isa.Instruction;
import dev.ftracelab.util.Hash;
import dev.ftracelab.util.LongMap;
import java.util.Arrays;
import java.util.function.BiFunction;

/**
 * One hardware thread: registers, PC, retirement counters, and its <b>own instruction-fetch
 * cache</b>. The cache holds snapshots of the 64-byte lines this hart has fetched and the
 * instructions decoded from them; the hart keeps executing those until it flushes — {@code fence.i}
 * on RISC-V, {@code ISB} after an {@code IC} invalidation on AArch64, or a remote flush
 * ({@link #flushFetchCache()}, what an IPI does). Stale fetch after patching is therefore the
 * natural behaviour, not a special case. Harts execute straight-line blocks of instructions, so a
 * hart may fetch a few lines ahead of the instruction it retires (within the same page), as a
 * hardware prefetcher does; what it fetched stays what it runs until a flush.
 *
 * <p>An external scheduler drives harts with {@link #step()} and {@link #run(long)}; traps come
 * back as {@link Trap} values. Each ISA subclass owns its execution loop.
 *
 * <pre>{@code
 * Machine m = Machine.create(Arch.RISCV64, 2);
 * Hart h = m.hart(0);
 * h.setPc(entry);
 * Trap t = h.run(1_000_000);
 * }</pre>
 */
public abstract class Hart {
    private static final int LINE_BITS = 6;

    /** This hart's copy of one page of text: fetched line snapshots and decoded instructions. */
    private static final class FetchPage {
        final byte[] bytes = new byte[Memory.PAGE_SIZE];
        long validLines; // 64 lines of 64 bytes: one bit each

        final Instruction[] decoded = new Instruction[Memory.PAGE_SIZE / 2];
        final Block[] blocks = new Block[Memory.PAGE_SIZE / 2];
        Block[] singles; // one-instruction blocks for single steps, made on first use
        // slots of decoded/blocks filled since the last reset: a flush clears those, not 4096 entries
        private int[] used = new int[32];
        private int usedCount;

        void used(int slot) {
            if (usedCount == used.length) {
                used = Arrays.copyOf(used, usedCount * 2);
            }
            used[usedCount++] = slot;
        }

        /** Forgets every decoded instruction and block; with {@code lines}, the fetched bytes too. */
        void reset(boolean lines) {
            for (int i = 0; i < usedCount; i++) {
                decoded[used[i]] = null;
                blocks[used[i]] = null;
                if (singles != null) {
                    singles[used[i]] = null;
                }
            }
            usedCount = 0;
            if (lines) {
                validLines = 0;
            }
        }
    }

    protected final Machine machine;
    protected final Memory memory;
    private final int id;

    /** Integer registers. RISC-V: x0..x31 (x0 kept 0). AArch64: x0..x30, index 31 is SP. */
    protected final long[] x = new long[32];
    protected long pc;
    protected final long[] counters = new long[Counter.COUNT];
    protected RetireListener listener;

    private final LongMap<FetchPage> fetchPages = new LongMap<>(64);
    private long lastFetchPn = -1;
    private FetchPage lastFetchPage;
    private boolean flushPending;
    private long fetchFlushes;

    protected Hart(Machine machine, int id) {
        this.machine = machine;
        this.memory = machine.memory();
        this.id = id;
    }

    public abstract Arch arch();

    /**
     * Executes up to {@code maxInstructions} instructions.
     *
     * @return the trap that stopped the hart (PC at the trapping instruction), or null when the
     *         budget was used up
     */
    public abstract Trap run(long maxInstructions);

    /** Executes one instruction; returns its trap, or null if it retired. */
    public final Trap step() {
        return run(1);
    }

    /** Decodes one instruction; called on a fetch-cache miss only. */
    protected abstract Instruction decode(long pc, int word);

    /** Length in bytes of the instruction whose first halfword is {@code low16}. */
    protected abstract int instructionLength(int low16);

    /** Required alignment of the PC. */
    protected abstract int pcAlignment();

    public final int id() {
        return id;
    }

    public final Machine machine() {
        return machine;
    }

    public final long pc() {
        return pc;
    }

    public final void setPc(long pc) {
        this.pc = pc;
    }

    /** Integer register {@code i} (AArch64: 31 is SP). */
    public long reg(int i) {
        return x[i];
    }

    public void setReg(int i, long value) {
        x[i] = value;
    }

    /** A copy of the integer registers. */
    public long[] registers() {
        return x.clone();
    }

    /** Restores registers saved with {@link #registers()} (a context switch). */
    public void setRegisters(long[] regs) {
        System.arraycopy(regs, 0, x, 0, x.length);
    }

    /**
     * What a context switch saves: the integer registers, the PC and the ISA's other user state
     * (AArch64: NZCV, TPIDR_EL0 and SP_EL0). {@link #setContext} puts it back, on this hart or another.
     * FP and SIMD registers (RISC-V f0-f31 and fcsr, AArch64 V0-V31, FPCR and FPSR) are not in it:
     * the tasks the patch explorer switches run kernel code, which does not use them (a kernel
     * saves them lazily, apart from this switch), and every state fingerprint would hash them.
     *
     * <pre>{@code
     * long[] saved = h0.context();   // task preempted on hart 0
     * h1.setContext(saved);          // ... resumed on hart 1
     * }</pre>
     */
    public final long[] context() {
        long[] c = Arrays.copyOf(x, 33 + extraContext());
        c[32] = pc;
        saveExtraContext(c, 33);
        return c;
    }

    /** Restores a {@link #context()}; a pending load-reserved / exclusive monitor is dropped, as on a real switch. */
    public final void setContext(long[] c) {
        setRegisters(Arrays.copyOf(c, 32));
        pc = c[32];
        loadExtraContext(c, 33);
    }

    /** {@link #context()} mixed into {@code seed} with {@link Hash#mix}, without copying it: for state fingerprints. */
    public final long hashContext(long seed) {
        long h = seed;
        for (long v : x) {
            h = Hash.mix(h, v);
        }
        h = Hash.mix(h, pc);
        if (extraContext() > 0) {
            long[] extra = new long[33 + extraContext()];
            saveExtraContext(extra, 33);
            for (int i = 33; i < extra.length; i++) {
                h = Hash.mix(h, extra[i]);
            }
        }
        return h;
    }

    /** Number of longs of ISA state beyond the registers and PC. */
    protected int extraContext() {
        return 0;
    }

    protected void saveExtraContext(long[] c, int at) {
    }

    protected void loadExtraContext(long[] c, int at) {
    }

    /** Retirement count for one counter. */
    public final long count(Counter c) {
        return counters[c.ordinal()];
    }

    /** Instructions retired so far. */
    public final long retired() {
        long n = 0;
        for (long c : counters) {
            n += c;
        }
        return n;
    }

    /** A copy of all counters, indexed by {@link Counter#ordinal()}. */
    public final long[] counters() {
        return counters.clone();
    }

    public final void resetCounters() {
        Arrays.fill(counters, 0);
    }

    private CounterSource counterSource = CounterSource.RETIRED;

    /**
     * Makes the cycle, timer and instruction counters read from {@code source} (null: back to
     * {@link CounterSource#RETIRED}, the retired-instruction count).
     */
    public final void setCounterSource(CounterSource source) {
        this.counterSource = source == null ? CounterSource.RETIRED : source;
    }

    /** What counter {@code kind} reads now, for the ISA's counter instructions. */
    protected final long readCounter(CounterSource.Kind kind) {
        return counterSource.read(this, kind);
    }

    /** Installs (or, with null, removes) the retirement listener. */
    public final void setListener(RetireListener listener) {
        this.listener = listener;
    }

    /** Discards every fetched line and decoded instruction: the next fetch reads memory. */
    public final void flushFetchCache() {
        fetchPages.forEach((pn, p) -> p.reset(true)); // the pages' arrays are kept for reuse
        lastFetchPn = -1;
        lastFetchPage = null;
        flushPending = false;
        fetchFlushes++;
    }

    /** How many times this hart's fetch cache was flushed. */
    public final long fetchFlushes() {
        return fetchFlushes;
    }

    /** Whether this hart holds a fetched copy of the byte at {@code addr}. */
    public final boolean hasFetched(long addr) {
        FetchPage p = fetchPages.get(addr >>> Memory.PAGE_BITS);
        return p != null && (p.validLines >>> ((addr & (Memory.PAGE_SIZE - 1)) >>> LINE_BITS) & 1) != 0;
    }

    /** Size of the unit this hart fetches and keeps: a 64-byte line. */
    public static final int FETCH_LINE = 1 << LINE_BITS;

    /**
     * This hart's fetched copy of the {@link #FETCH_LINE}-byte line holding {@code addr}, or null
     * when it holds none: which version of patched text the hart would execute.
     */
    public final byte[] fetchedLine(long addr) {
        FetchPage p = fetchPages.get(addr >>> Memory.PAGE_BITS);
        if (p == null || !hasFetched(addr)) {
            return null;
        }
        int off = (int) (addr & (Memory.PAGE_SIZE - 1)) & -FETCH_LINE;
        return Arrays.copyOfRange(p.bytes, off, off + FETCH_LINE);
    }

    /** {@link #fetchedLine} mixed into {@code seed} without copying it (a line not held mixes in -1). */
    public final long hashFetchedLine(long addr, long seed) {
        FetchPage p = fetchPages.get(addr >>> Memory.PAGE_BITS);
        if (p == null || !hasFetched(addr)) {
            return Hash.mix(seed, -1);
        }
        int off = (int) (addr & (Memory.PAGE_SIZE - 1)) & -FETCH_LINE;
        long h = seed;
        for (int i = 0; i < FETCH_LINE; i += 8) {
            h = Hash.mix(h, (long) LINE_LONGS.get(p.bytes, off + i));
        }
        return h;
    }

    private static final java.lang.invoke.VarHandle LINE_LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** Lines this hart has filled from memory so far: a cheap test of whether a step fetched anything. */
    public final long lineFills() {
        return lineFills;
    }

    /** The address of the line this hart filled last. */
    public final long lastFilledLine() {
        return lastFilledLine;
    }

    private long lineFills;
    private long lastFilledLine = -1;

    /**
     * Makes this hart hold {@code line} (null: nothing) for the line holding {@code addr}, as
     * saved by {@link #fetchedLine}: the explorer going back to an earlier state. When that changes
     * what the hart holds, every instruction it decoded is forgotten (blocks may span lines); the
     * bytes of its other lines stay.
     */
    public final void restoreFetchedLine(long addr, byte[] line) {
        byte[] now = fetchedLine(addr);
        // never Arrays.equals(line, null): Jazzer 0.24's hook on it crashes the JVM when fuzzing
        if (line == null ? now == null : now != null && Arrays.equals(line, now)) {
            return;
        }
        fetchPages.forEach((pn, p) -> p.reset(false));
        FetchPage p = fetchPage(addr >>> Memory.PAGE_BITS);
        int off = (int) (addr & (Memory.PAGE_SIZE - 1)) & -FETCH_LINE;
        if (line == null) {
            p.validLines &= ~(1L << (off >>> LINE_BITS));
        } else {
            System.arraycopy(line, 0, p.bytes, off, FETCH_LINE);
            p.validLines |= 1L << (off >>> LINE_BITS);
        }
    }

    /** AArch64 {@code IC IVAU / IALLU(IS)}: every hart will drop its fetched text at its next ISB. */
    protected final void invalidateInstructionCaches() {
        for (Hart h : machine.harts()) {
            h.flushPending = true;
        }
    }

    /** AArch64 {@code ISB}: apply a pending invalidation. */
    protected final void instructionSyncBarrier() {
        if (flushPending) {
            flushFetchCache();
        }
    }

    /**
     * The instruction at {@code pc} as this hart sees it: from its fetch cache, else fetched
     * (line by line) from memory and decoded.
     *
     * @throws MemoryFault      fetch from unmapped or non-executable memory, or a misaligned PC
     * @throws DecodeException  an unsupported encoding
     */
    protected final Instruction fetch(long pc) {
        long pn = pc >>> Memory.PAGE_BITS;
        FetchPage page = pn == lastFetchPn ? lastFetchPage : fetchPage(pn);
        Instruction insn = page.decoded[(int) (pc & (Memory.PAGE_SIZE - 1)) >>> 1];
        return insn != null ? insn : fill(page, pc);
    }

    /** The most instructions one block holds (bounds the work of building one). */
    private static final int MAX_BLOCK = 32;

    /**
     * A straight-line run of decoded instructions, from this hart's fetch cache, following direct
     * jumps and calls (and, if the ISA chooses, {@linkplain #blocksGoOnPastBranches() conditional
     * branches} not taken) and ending at the first other control transfer or system instruction,
     * at the end of the page, or before an address that cannot be fetched or decoded. Run loops
     * execute blocks so that fetching the next instruction does not wait for the current one to
     * finish: that serial chain is what limits a one-instruction-at-a-time interpreter. A block
     * that runs often is compiled to JVM bytecode by the hart's ISA ({@link CompiledBlock}).
     */
    protected static final class Block {
        /** The instructions, in order. */
        public final Instruction[] insns;
        /** Their addresses. */
        public final long[] pcs;
        /** How often the block was entered while interpreted. */
        int runs;
        /** The compiled form, once there is one (or {@link CompiledBlock#NOT_COMPILABLE}). */
        CompiledBlock compiled;

        Block(Instruction[] insns, long[] pcs) {
            this.insns = insns;
            this.pcs = pcs;
        }
    }

    /**
     * Interpreted entries after which a block is compiled: only hot code, since a new class runs in
     * the JVM's own interpreter until the JIT has compiled it too.
     */
    public static final int COMPILE_THRESHOLD = 1_000;

    private int compileThreshold = COMPILE_THRESHOLD;
    private long compiledBlocks;

    /**
     * Entries before a block is compiled; {@link Integer#MAX_VALUE} keeps this hart interpreting
     * (tests compare both ways; results are identical).
     */
    public final void setCompileThreshold(int entries) {
        this.compileThreshold = entries;
    }

    /** How many blocks this hart has compiled (or reused compiled from another run). */
    public final long compiledBlocks() {
        return compiledBlocks;
    }

    /**
     * The compiled form of {@code b}: counts an interpreted entry and compiles the block with
     * {@code compiler} when it gets hot; null while it is not (yet) compiled.
     */
    protected final CompiledBlock compiledForm(Block b, BiFunction<Instruction[], long[], CompiledBlock> compiler) {
        CompiledBlock cb = b.compiled;
        if (cb == null && compileThreshold != Integer.MAX_VALUE) {
            int runs = ++b.runs;
            if (runs == compileThreshold) {
                cb = b.compiled = CompiledBlockCache.get(b.insns, b.pcs, compiler);
                compiledBlocks += cb != CompiledBlock.NOT_COMPILABLE ? 1 : 0;
            } else if (runs == Math.min(REUSE_THRESHOLD, compileThreshold - 1)) {
                // warm already if another hart or an earlier run compiled it: reuse costs a lookup
                cb = b.compiled = CompiledBlockCache.peek(b.insns, b.pcs);
                compiledBlocks += cb != null && cb != CompiledBlock.NOT_COMPILABLE ? 1 : 0;
            }
        }
        return cb == CompiledBlock.NOT_COMPILABLE ? null : cb;
    }

    /** Entries after which a block looks for a class compiled by another hart or run. */
    private static final int REUSE_THRESHOLD = 50;

    /**
     * Runs compiled blocks, starting with {@code b} (compiled, within {@code budget}), for as long
     * as the next block is on the same page, compiled and within the budget: a loop this small
     * gets better JIT code than an interpreter's. Compiled blocks count their own instructions and
     * leave how many they retired in {@link #progress()} (fewer than the block's length after a
     * side exit). Leaves the next PC in {@link #pc} — on a {@link MemoryFault}, the faulting
     * instruction's, with the instructions before it counted.
     *
     * @param r the register array the compiled code works on
     * @return the number of instructions retired
     */
    protected final long runCompiled(Block b, Block[] blocks, long blocksBase, long budget, long[] r) {
        final Memory mem = this.memory;
        long n = 0;
        long pc;
        while (true) {
            long next;
            try {
                // a block that loops on itself goes round while the budget covers another pass
                blockBudget = (int) Math.min(budget - n, MAX_BLOCK_BUDGET);
                next = b.compiled.run(r, mem, this);
            } catch (RuntimeException f) { // a fault (or an encoding the semantics reject)
                int k = progress(); // instructions before k retired, k itself did not
                countPartial(b, k);
                this.pc = b.pcs[k];
                throw f;
            }
            n += progress; // counted by the compiled code itself
            pc = next;
            long off = pc - blocksBase;
            b = Long.compareUnsigned(off, Memory.PAGE_SIZE) < 0 ? blocks[(int) off >>> 1] : null;
            // the run loop handles other pages, blocks still counting towards compilation, and the rest
            if (b == null || b.compiled == null || b.compiled == CompiledBlock.NOT_COMPILABLE
                    || budget - n < b.insns.length) {
                break;
            }
        }
        this.pc = pc;
        return n;
    }

    /** Counts the first {@code retired} instructions of a block cut short by a fault. */
    protected final void countPartial(Block b, int retired) {
        for (int k = 0; k < retired; k++) {
            InsnClass c = b.insns[k].insnClass();
            // a conditional branch the block went on past was not taken; none of these is the final one
            counters[c == InsnClass.BRANCH ? NOT_TAKEN : c.ordinal()]++;
        }
    }

    private static final int NOT_TAKEN = Counter.BRANCH_NOT_TAKEN.ordinal();

    private int progress;
    private int blockBudget;

    /** The most instructions one call of a compiled block may retire (its count stays an int). */
    private static final int MAX_BLOCK_BUDGET = 1 << 30;

    /**
     * For compiled blocks: how many instructions this call may retire at most. A block that
     * jumps back to its own start runs another pass only while that fits. Not for other callers.
     */
    public final int blockBudget() {
        return blockBudget;
    }

    /**
     * Called by compiled blocks before each instruction that may fault, and with the number of
     * instructions retired as they exit: the run loop then knows how far the block got. Not for
     * other callers.
     */
    public final void markProgress(int index) {
        progress = index;
    }

    /** The index last passed to {@link #markProgress}. */
    protected final int progress() {
        return progress;
    }

    /** An array of nulls: what a run loop holds before it has looked up its first page. */
    protected static final Block[] NO_BLOCKS = new Block[Memory.PAGE_SIZE / 2];

    /**
     * The block starting at {@code pc}, built on first use.
     *
     * @throws MemoryFault     if the first instruction cannot be fetched
     * @throws DecodeException if the first instruction is unsupported
     */
    protected final Block block(long pc) {
        FetchPage page = fetchPage(pc >>> Memory.PAGE_BITS);
        int slot = (int) (pc & (Memory.PAGE_SIZE - 1)) >>> 1;
        Block b = page.blocks[slot];
        if (b == null) {
            b = buildBlock(pc);
            page.blocks[slot] = b;
            page.used(slot);
        }
        return b;
    }

    /**
     * A block of just the instruction at {@code pc}, for a run of one instruction: a debugger's or
     * an explorer's single steps would otherwise build a block at every address they pass.
     */
    protected final Block singleStep(long pc) {
        FetchPage page = fetchPage(pc >>> Memory.PAGE_BITS);
        int slot = (int) (pc & (Memory.PAGE_SIZE - 1)) >>> 1;
        if (page.singles == null) {
            page.singles = new Block[Memory.PAGE_SIZE / 2];
        }
        Block b = page.singles[slot];
        if (b == null) {
            b = new Block(new Instruction[] {fetch(pc)}, new long[] {pc});
            page.singles[slot] = b;
            page.used(slot);
        }
        return b;
    }

    /**
     * The block slots of this hart's copy of the page holding {@code pc}, indexed by
     * {@code (pc & 0xfff) >>> 1}: run loops keep them in a local. After anything that may flush
     * the fetch cache (fence.i, ISB) a loop must drop them and look them up again.
     */
    protected final Block[] blockSlots(long pc) {
        return fetchPage(pc >>> Memory.PAGE_BITS).blocks;
    }

    private static boolean contains(long[] pcs, int n, long pc) {
        for (int k = 0; k < n; k++) {
            if (pcs[k] == pc) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether blocks go on past a conditional branch, on its not-taken path (a superblock): when it
     * is taken the block leaves early, a side exit, and its run loop and compiled code must count
     * only the instructions before that exit. Fewer block entries per guest loop iteration.
     */
    protected boolean blocksGoOnPastBranches() {
        return false;
    }

    private Block buildBlock(long start) {
        Instruction[] insns = new Instruction[MAX_BLOCK];
        long[] pcs = new long[MAX_BLOCK];
        long pc = start;
        int n = 0;
        while (n < MAX_BLOCK) {
            Instruction insn;
            if (n == 0) {
                insn = fetch(pc); // faults here are the caller's trap
            } else {
                try {
                    insn = fetch(pc);
                } catch (MemoryFault | DecodeException e) {
                    break; // reported only if execution really gets there
                }
            }
            insns[n] = insn;
            pcs[n++] = pc;
            InsnClass c = insn.insnClass();
            if ((c == InsnClass.DIRECT_JUMP || c == InsnClass.DIRECT_CALL) && !contains(pcs, n, insn.target(pc))) {
                // the block goes on where the jump goes: fewer, longer blocks; a loop's back edge
                // ends it, so a loop stays one block instead of unrolling into several
                pc = insn.target(pc);
                continue;
            }
            pc += insn.length();
            if (c != InsnClass.ALU && c != InsnClass.MUL_DIV && c != InsnClass.LOAD && c != InsnClass.STORE
                    && c != InsnClass.ATOMIC && (c != InsnClass.BRANCH || !blocksGoOnPastBranches())
                    || (pc & (Memory.PAGE_SIZE - 1)) == 0) {
                break;
            }
        }
        return new Block(Arrays.copyOf(insns, n), Arrays.copyOf(pcs, n));
    }

    private FetchPage fetchPage(long pn) {
        FetchPage p = fetchPages.get(pn);
        if (p == null) {
            p = new FetchPage();
            fetchPages.put(pn, p);
        }
        lastFetchPn = pn;
        lastFetchPage = p;
        return p;
    }

    private Instruction fill(FetchPage page, long pc) {
        if ((pc & (pcAlignment() - 1)) != 0) {
            throw new MemoryFault(pc, Access.FETCH, "misaligned");
        }
        int low = fetchHalf(page, pc);
        int len = instructionLength(low);
        int word = low;
        if (len == 4) {
            long next = pc + 2;
            FetchPage p2 = (next >>> Memory.PAGE_BITS) == (pc >>> Memory.PAGE_BITS) ? page
                    : fetchPage(next >>> Memory.PAGE_BITS);
            word |= fetchHalf(p2, next) << 16;
            fetchPage(pc >>> Memory.PAGE_BITS); // restore the one-entry lookup cache
        }
        Instruction insn = decodeRemembered(pc, word);
        int slot = (int) (pc & (Memory.PAGE_SIZE - 1)) >>> 1;
        page.decoded[slot] = insn;
        page.used(slot);
        return insn;
    }

    // The last instruction decoded at each of 1024 PC slots: refilling after a flush (or an
    // explorer's restore) mostly finds the same words at the same addresses again.
    private static final int MEMO = 1024;
    private final long[] memoPc = new long[MEMO];
    private final int[] memoWord = new int[MEMO];
    private final Instruction[] memoInsn = new Instruction[MEMO];

    private Instruction decodeRemembered(long pc, int word) {
        int i = (int) (pc >>> 1) & (MEMO - 1);
        Instruction insn = memoInsn[i];
        if (insn != null && memoPc[i] == pc && memoWord[i] == word) {
            return insn;
        }
        insn = decode(pc, word);
        memoPc[i] = pc;
        memoWord[i] = word;
        memoInsn[i] = insn;
        return insn;
    }

    /** A halfword from this hart's snapshot, filling its line from memory if not yet fetched. */
    private int fetchHalf(FetchPage page, long addr) {
        int off = (int) (addr & (Memory.PAGE_SIZE - 1));
        int line = off >>> LINE_BITS;
        if ((page.validLines >>> line & 1) == 0) {
            byte[] src = memory.executablePage(addr);
            System.arraycopy(src, line << LINE_BITS, page.bytes, line << LINE_BITS, 1 << LINE_BITS);
            page.validLines |= 1L << line;
            lineFills++;
            lastFilledLine = addr & -FETCH_LINE;
        }
        return (page.bytes[off] & 0xff) | (page.bytes[off + 1] & 0xff) << 8;
    }

    /** Turns an exception from fetch or execute into the trap value the caller sees. */
    protected final Trap trapFor(RuntimeException e, long pc) {
        if (e instanceof MemoryFault f) {
            if (f.access() == Access.FETCH && "misaligned".equals(f.getMessage())) {
                return new Trap.Misaligned(pc, f.address(), Access.FETCH);
            }
            if ("misaligned".equals(f.getMessage())) {
                return new Trap.Misaligned(pc, f.address(), f.access());
            }
            return new Trap.AccessFault(pc, f.address(), f.access(), f.getMessage());
        }
        if (e instanceof DecodeException d) {
            return new Trap.IllegalInstruction(pc, d.word(), d.getMessage());
        }
        throw e;
    }
}
