package dev.ftracelab.emu.arm64;

import dev.ftracelab.emu.Access;
import dev.ftracelab.emu.CompiledBlock;
import dev.ftracelab.emu.Counter;
import dev.ftracelab.emu.CounterSource;
import dev.ftracelab.emu.Hart;
import dev.ftracelab.emu.Machine;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.emu.MemoryFault;
import dev.ftracelab.emu.RetireListener;
import dev.ftracelab.emu.Trap;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.DecodeException;
import dev.ftracelab.isa.Instruction;
import dev.ftracelab.isa.arm64.A64Decoder;
import dev.ftracelab.isa.arm64.A64Insn;
import dev.ftracelab.isa.arm64.A64Op;
import dev.ftracelab.isa.arm64.A64SysReg;
import dev.ftracelab.isa.arm64.A64SysRegNames;

/**
 * An AArch64 hart: X0-X30, SP, PC, the NZCV flags, the system registers of {@link A64SysReg}
 * and an exclusive monitor. It runs user code at EL0, and also lets kernel code read and write the
 * few EL1/EL2 registers in that table (no privilege checks, no exceptions taken). Executes everything {@link A64Decoder} decodes; the instruction cache is modelled by
 * {@link Hart}'s fetch cache, so patched text becomes visible only after {@code IC IVAU} /
 * {@code IC IALLU} followed by {@code ISB} (or a remote flush).
 *
 * <pre>{@code
 * Machine m = new Machine(Arch.ARM64, 1, A64Hart::new);
 * A64Hart h = (A64Hart) m.hart(0);
 * h.setPc(entry);
 * h.setReg(A64Insn.SP, stackTop);
 * Trap t = h.run(1_000_000);   // e.g. Trap.EnvironmentCall at an svc
 * }</pre>
 *
 * <p>Semantics worth knowing: {@code svc}/{@code brk} return a trap with the PC left on them (not
 * retired); DMB/DSB and DC maintenance are no-ops (memory is sequentially consistent and
 * coherent); exclusives, acquire/release and LSE atomics must be naturally aligned
 * ({@link Trap.Misaligned} otherwise), plain loads and stores need not be; {@code CNTVCT_EL0},
 * {@code CNTPCT_EL0} and {@code PMCCNTR_EL0} read the {@linkplain #setCounterSource counter
 * source} (by default the retired-instruction count) and {@code CNTFRQ_EL0} claims 1 GHz until
 * {@link #setSystemRegister} says otherwise.
 *
 * <p>Exclusive monitor: each hart remembers the address, size and value of its last LDXR. An
 * STXR succeeds only if that monitor covers the same address and size and memory still holds
 * the value read (so a plain store by another hart that changed it also fails the STXR); any
 * STXR clears the monitor, and a successful one clears other harts' monitors on that address.
 *
 * <p>The run loop keeps registers in a private array and copies them back to {@link Hart}'s
 * on exit and before each listener call; a listener must not modify the hart.
 *
 * <p>A block entered {@value Hart#COMPILE_THRESHOLD} times is compiled to JVM bytecode
 * ({@link A64BlockCompiler}); compiled blocks run only while no listener is installed and the
 * budget covers the whole block, and leave registers, flags, memory, counters and traps exactly
 * as interpretation would.
 */
public final class A64Hart extends Hart {
    private static final long W = 0xffff_ffffL;
    private static final int NOT_TAKEN = Counter.BRANCH_NOT_TAKEN.ordinal();
    private static final int TAKEN = Counter.BRANCH_TAKEN.ordinal();
    /** {@code HOLDS[cond << 4 | nzcv]}: whether a condition holds for a flag value. */
    private static final boolean[] HOLDS = conditionTable();
    /**
     * CTR_EL0 as qemu-user 7.2 reports it (its default cpu, max): 32-byte minimum I and D lines,
     * PIPT I-cache, no DIC/IDC: software must clean and invalidate after writing code.
     */
    private static final long CTR = 0x8003_8003L;
    /** DCZID_EL0 as qemu-user reports it: DC ZVA allowed, blocks of 2^7 words (512 bytes). */
    private static final long DCZID = 0x7;
    /** Bytes DC ZVA zeroes (from DCZID's BS field). */
    private static final int ZVA_BYTES = 4 << (DCZID & 0xf);
    /** Field a (CRm) of the DC that is DC ZVA. */
    static final int DC_ZVA = 4;

    /** Registers while running: 0-30, 31 = SP, 32 = XZR (reads 0), 33 = write sink for XZR. */
    final long[] r = new long[34];
    /**
     * The SIMD&FP registers V0-V31, 128 bits each: {@code v[2n]} holds bits 63:0 of Vn,
     * {@code v[2n + 1]} bits 127:64 (B, H, S and D registers are the low bits of Vn).
     */
    final long[] v = new long[64];
    /** NZCV as a 4-bit value: N = 8, Z = 4, C = 2, V = 1. */
    private int nzcv;
    /** System-register values by {@link A64SysReg} ordinal (NZCV lives in {@link #nzcv}). */
    private final long[] sysregs = new long[A64SysReg.values().length];
    // Exclusive monitor: the address, size and value an LDXR read; -1 when not held
    private long monitorAddress = -1;
    private int monitorSize;
    private long monitorValue;
    /** Effective address of the last memory access of the slow path, for the listener. */
    private long slowAddress;

    public A64Hart(Machine machine, int id) {
        super(machine, id);
        sysregs[A64SysReg.CNTFRQ_EL0.ordinal()] = 1_000_000_000L;
        sysregs[A64SysReg.CTR_EL0.ordinal()] = CTR;
        sysregs[A64SysReg.DCZID_EL0.ordinal()] = DCZID;
    }

    @Override
    public Arch arch() {
        return Arch.ARM64;
    }

    /**
     * The instruction at {@code pc} as this hart executes it. The crypto extensions (AES, SHA,
     * PMULL) are decoded for listings but not executed, and AT_HWCAP does not advertise them
     * ({@link dev.ftracelab.emu.LinuxUser#hwcap}): to a program they are an illegal instruction,
     * as on a core without them.
     */
    @Override
    protected Instruction decode(long pc, int word) {
        A64Insn i = A64Decoder.decode(pc, word);
        if (A64Op.isCrypto(i.op())) {
            throw new DecodeException(Arch.ARM64, pc, word, i.mnemonic() + ": the crypto extensions are listed, not executed");
        }
        return i;
    }

    @Override
    protected int instructionLength(int low16) {
        return 4;
    }

    @Override
    protected int pcAlignment() {
        return 4;
    }

    @Override
    protected boolean blocksGoOnPastBranches() {
        return true;
    }

    /** The condition flags as a 4-bit value: N = 8, Z = 4, C = 2, V = 1. */
    public int flags() {
        return nzcv;
    }

    public void setFlags(int nzcv) {
        this.nzcv = nzcv & 0xf;
    }

    @Override
    protected int extraContext() {
        return 3;
    }

    // SP_EL0 too: a kernel keeps `current` there, and switches it with the task
    @Override
    protected void saveExtraContext(long[] c, int at) {
        c[at] = nzcv;
        c[at + 1] = sysregs[TPIDR_EL0];
        c[at + 2] = sysregs[SP_EL0];
    }

    @Override
    protected void loadExtraContext(long[] c, int at) {
        nzcv = (int) c[at] & 0xf;
        sysregs[TPIDR_EL0] = c[at + 1];
        sysregs[SP_EL0] = c[at + 2];
        monitorAddress = -1; // a context switch clears the exclusive monitor
    }

    /** TPIDR_EL0, the user thread pointer. */
    public long threadPointer() {
        return sysregs[TPIDR_EL0];
    }

    public void setThreadPointer(long value) {
        sysregs[TPIDR_EL0] = value;
    }

    /**
     * The value {@code mrs} of {@code reg} would read now (counters from the
     * {@linkplain #setCounterSource counter source}).
     */
    public long systemRegister(A64SysReg reg) {
        return readSystemRegister(reg);
    }

    /**
     * Sets a system register as the toolkit prepares the hart: e.g. {@code SP_EL0} (the current
     * task) and {@code TPIDR_EL1} (the per-CPU offset) before running kernel code, or
     * {@code CNTFRQ_EL0}. The counters ({@code CNTVCT_EL0}, {@code CNTPCT_EL0},
     * {@code PMCCNTR_EL0}) come from the counter source and cannot be set; {@code DAIF} keeps
     * only its mask bits 9:6.
     *
     * <pre>{@code
     * hart.setSystemRegister(A64SysReg.SP_EL0, taskStruct);
     * }</pre>
     */
    public void setSystemRegister(A64SysReg reg, long value) {
        if (counterKind(reg) != null) {
            throw new IllegalArgumentException(reg.objdumpName() + " is a counter: install a CounterSource");
        }
        writeSystemRegister(reg, value);
    }


    /** Bits 63:0 of SIMD&FP register Vn (Dn, and Sn/Hn/Bn in its low bits). */
    public long vectorLow(int n) {
        return v[2 * n];
    }

    /** Bits 127:64 of SIMD&FP register Vn. */
    public long vectorHigh(int n) {
        return v[2 * n + 1];
    }

    /**
     * Sets SIMD&FP register Vn to {@code high:low}, e.g. before running a test.
     *
     * <pre>{@code
     * hart.setVector(0, Double.doubleToRawLongBits(1.5), 0);   // d0 = 1.5
     * }</pre>
     */
    public void setVector(int n, long low, long high) {
        v[2 * n] = low;
        v[2 * n + 1] = high;
    }

    /** FPCR, for the FP semantics (rounding mode, default NaN, flush-to-zero). */
    long fpcr() {
        return sysregs[FPCR];
    }

    /** Sets cumulative exception bits in FPSR (IOC = 1, DZC = 2, OFC = 4, UFC = 8, IXC = 16, IDC = 128, QC = 1 << 27). */
    void raiseFpsr(long bits) {
        sysregs[FPSR] |= bits;
    }

    /** The retirement counters, for compiled blocks (which count themselves, see {@link A64BlockCompiler}). */
    long[] counterArray() {
        return counters;
    }

    /** Whether this hart's exclusive monitor is held on {@code address}. */
    public boolean holdsExclusive(long address) {
        return monitorAddress == address;
    }

    /** Another hart's successful store-exclusive to {@code address} breaks this hart's reservation. */
    private void loseExclusive(long address) {
        if (monitorAddress == address) {
            monitorAddress = -1;
        }
    }

    @Override
    public Trap run(long maxInstructions) {
        final long[] r = this.r;
        final long[] counters = this.counters;
        final Memory mem = this.memory;
        System.arraycopy(x, 0, r, 0, 32);
        r[A64Insn.ZR] = 0;
        final RetireListener listener = this.listener; // fixed for the duration of a run
        long pc = this.pc;
        Trap trap = null;
        Block[] blocks = NO_BLOCKS; // block slots of the page at blocksBase
        long blocksBase = 0;
        long n = 0;
        try {
            loop:
            while (n < maxInstructions) {
                long off = pc - blocksBase;
                Block b = Long.compareUnsigned(off, Memory.PAGE_SIZE) < 0 ? blocks[(int) off >>> 1] : null;
                if (b == null && maxInstructions - n == 1) {
                    b = singleStep(pc); // a single step: no block that would run no further
                } else if (b == null) {
                    b = block(pc);
                    blocks = blockSlots(pc);
                    blocksBase = pc & -Memory.PAGE_SIZE;
                }
                Instruction[] insns = b.insns;
                CompiledBlock compiled = compiledForm(b, A64BlockCompiler::compile);
                if (compiled != null && listener == null
                        && maxInstructions - n >= insns.length) {
                    try {
                        n += runCompiled(b, blocks, blocksBase, maxInstructions - n, r);
                    } finally {
                        pc = this.pc; // on a fault, the faulting instruction's
                    }
                    continue;
                }
                long[] pcs = b.pcs;
                int count = (int) Math.min(insns.length, maxInstructions - n);
                n += count;
                for (int k = 0; k < count; k++) {
                pc = pcs[k];
                A64Insn i = (A64Insn) insns[k];
                long next = pc + 4;
                long ea = -1;
                int ctr = i.counter();
                switch (i.op()) {
                    case A64Op.ADD_IMM -> r[i.rd()] = (r[i.rn()] + i.imm()) & mask(i);
                    case A64Op.SUB_IMM -> r[i.rd()] = (r[i.rn()] - i.imm()) & mask(i);
                    case A64Op.ADDS_IMM -> r[i.rd()] = adds(i, r[i.rn()], i.imm(), 0);
                    case A64Op.SUBS_IMM -> r[i.rd()] = adds(i, r[i.rn()], ~i.imm(), 1);
                    case A64Op.AND_IMM -> r[i.rd()] = r[i.rn()] & i.imm();
                    case A64Op.ORR_IMM -> r[i.rd()] = (r[i.rn()] | i.imm()) & mask(i);
                    case A64Op.EOR_IMM -> r[i.rd()] = (r[i.rn()] ^ i.imm()) & mask(i);
                    case A64Op.ANDS_IMM -> r[i.rd()] = logicFlags(i, r[i.rn()] & i.imm());
                    case A64Op.MOVZ -> r[i.rd()] = i.imm();
                    case A64Op.MOVN -> r[i.rd()] = ~i.imm() & mask(i);
                    case A64Op.MOVK -> r[i.rd()] = (r[i.rn()] & ~(0xffffL << (i.a() * 16)) | i.imm()) & mask(i);
                    case A64Op.SBFM, A64Op.UBFM, A64Op.BFM -> r[i.rd()] = bitfield(i, r[i.rn()], r[i.rm()]);
                    case A64Op.ADR -> r[i.rd()] = pc + i.imm();
                    case A64Op.ADRP -> r[i.rd()] = (pc & ~0xfffL) + i.imm();
                    case A64Op.ADD_SHIFT -> r[i.rd()] = (r[i.rn()] + shifted(i, r[i.rm()])) & mask(i);
                    case A64Op.SUB_SHIFT -> r[i.rd()] = (r[i.rn()] - shifted(i, r[i.rm()])) & mask(i);
                    case A64Op.ADDS_SHIFT -> r[i.rd()] = adds(i, r[i.rn()], shifted(i, r[i.rm()]), 0);
                    case A64Op.SUBS_SHIFT -> r[i.rd()] = adds(i, r[i.rn()], ~shifted(i, r[i.rm()]), 1);
                    case A64Op.AND -> r[i.rd()] = r[i.rn()] & shifted(i, r[i.rm()]) & mask(i);
                    case A64Op.ORR -> r[i.rd()] = (r[i.rn()] | shifted(i, r[i.rm()])) & mask(i);
                    case A64Op.EOR -> r[i.rd()] = (r[i.rn()] ^ shifted(i, r[i.rm()])) & mask(i);
                    case A64Op.ANDS -> r[i.rd()] = logicFlags(i, r[i.rn()] & shifted(i, r[i.rm()]));
                    case A64Op.CSEL -> r[i.rd()] = (holds(i.a()) ? r[i.rn()] : r[i.rm()]) & mask(i);
                    case A64Op.CSINC -> r[i.rd()] = (holds(i.a()) ? r[i.rn()] : r[i.rm()] + 1) & mask(i);
                    case A64Op.MADD -> r[i.rd()] = (r[i.ra()] + r[i.rn()] * r[i.rm()]) & mask(i);
                    case A64Op.LDR_IMM -> {
                        ea = r[i.rn()] + i.imm();
                        r[i.rd()] = load(mem, i.a(), ea);
                    }
                    case A64Op.STR_IMM -> {
                        ea = r[i.rn()] + i.imm();
                        store(mem, i.a(), ea, r[i.rd()]);
                    }
                    case A64Op.LDR_REG -> {
                        ea = r[i.rn()] + (extend(r[i.rm()], i.b()) << i.imm());
                        r[i.rd()] = load(mem, i.a(), ea);
                    }
                    case A64Op.STR_REG -> {
                        ea = r[i.rn()] + (extend(r[i.rm()], i.b()) << i.imm());
                        store(mem, i.a(), ea, r[i.rd()]);
                    }
                    case A64Op.B -> next = pc + i.imm();
                    case A64Op.BL -> {
                        r[30] = next;
                        next = pc + i.imm();
                    }
                    case A64Op.B_COND -> {
                        if (holds(i.a())) {
                            next = pc + i.imm();
                        } else {
                            ctr = NOT_TAKEN;
                        }
                    }
                    case A64Op.CBZ, A64Op.CBNZ -> {
                        long v = i.sf() ? r[i.rn()] : r[i.rn()] & W;
                        if ((v == 0) == (i.op() == A64Op.CBZ)) {
                            next = pc + i.imm();
                        } else {
                            ctr = NOT_TAKEN;
                        }
                    }
                    case A64Op.TBZ, A64Op.TBNZ -> {
                        long bit = (r[i.rn()] >>> i.a()) & 1;
                        if ((bit == 0) == (i.op() == A64Op.TBZ)) {
                            next = pc + i.imm();
                        } else {
                            ctr = NOT_TAKEN;
                        }
                    }
                    case A64Op.BR, A64Op.RET -> next = r[i.rn()];
                    case A64Op.BLR -> {
                        next = r[i.rn()]; // read before the link: blr x30 jumps to the old x30
                        r[30] = pc + 4;
                    }
                    case A64Op.HINT, A64Op.PRFM, A64Op.DMB, A64Op.DSB -> {
                        // no architectural effect on a sequentially consistent, coherent machine
                    }
                    case A64Op.DC -> {
                        if (i.a() == DC_ZVA) {
                            ea = zeroBlock(r[i.rn()], mem);
                        }
                    }
                    case A64Op.SVC -> {
                        trap = i.a() == 0 ? new Trap.EnvironmentCall(pc, (int) i.imm())
                                : new Trap.IllegalInstruction(pc, i.word(), i.mnemonic() + ": undefined at EL0");
                        break loop;
                    }
                    case A64Op.BRK -> {
                        trap = new Trap.Breakpoint(pc, (int) i.imm());
                        break loop;
                    }
                    case A64Op.UDF -> {
                        trap = new Trap.IllegalInstruction(pc, i.word(), "permanently undefined (udf)");
                        break loop;
                    }
                    default -> {
                        next = slow(i, pc, mem);
                        ea = slowAddress;
                        if (ctr == SYSTEM) { // ISB may have flushed the page these blocks belong to
                            blocks = NO_BLOCKS;
                            blocksBase = 0;
                        }
                    }
                }
                counters[ctr]++;
                if (listener != null) {
                    notifyListener(listener, pc, i, ea, next != pc + 4);
                }
                pc = next; // a block's last instruction may jump; the others fall through
                if (ctr == TAKEN && k < count - 1) { // a side exit: the rest of the block did not run
                    n -= count - 1 - k;
                    break;
                }
                }
            }
        } catch (RuntimeException e) {
            trap = trapFor(e, pc);
        }
        this.pc = pc;
        System.arraycopy(r, 0, x, 0, 32);
        return trap;
    }

    private static final int SYSTEM = dev.ftracelab.isa.InsnClass.SYSTEM.ordinal();

    private void notifyListener(RetireListener listener, long pc, A64Insn i, long ea, boolean taken) {
        System.arraycopy(r, 0, x, 0, 32); // the listener sees the registers after this instruction
        listener.retired(this, pc, i, ea, taken);
    }

    private static long mask(A64Insn i) {
        return i.sf() ? -1L : W;
    }

    boolean holds(int cond) {
        return HOLDS[cond << 4 | nzcv];
    }

    private static boolean[] conditionTable() {
        boolean[] t = new boolean[256];
        for (int cond = 0; cond < 16; cond++) {
            for (int f = 0; f < 16; f++) {
                boolean n = (f & 8) != 0;
                boolean z = (f & 4) != 0;
                boolean c = (f & 2) != 0;
                boolean v = (f & 1) != 0;
                boolean base = switch (cond >>> 1) {
                    case 0 -> z;
                    case 1 -> c;
                    case 2 -> n;
                    case 3 -> v;
                    case 4 -> c && !z;
                    case 5 -> n == v;
                    case 6 -> n == v && !z;
                    default -> true;
                };
                // odd conditions invert, except 0b1111 (nv) which is "always" like al
                t[cond << 4 | f] = (cond & 1) == 1 && cond != 15 ? !base : base;
            }
        }
        return t;
    }

    /** Add with carry-in {@code carry}; sets NZCV and returns the (width-masked) sum. */
    long adds(A64Insn i, long a, long b, long carry) {
        return adds(i.sf(), a, b, carry);
    }

    /**
     * The kind code compiled code keeps for a compare whose NZCV it has not computed yet
     * ({@link #deferredFlags}): never 0, which means none.
     */
    static int deferredKind(boolean sub, boolean sf) {
        return (sub ? 1 : 3) + (sf ? 0 : 1);
    }

    /** Sets NZCV as the deferred SUBS/ADDS of kind {@link #deferredKind} of {@code a} and {@code b} would have. */
    void deferredFlags(int kind, long a, long b) {
        boolean sub = kind <= 2;
        adds(kind == 1 || kind == 3, a, sub ? ~b : b, sub ? 1 : 0);
    }

    private long adds(boolean sf, long a, long b, long carry) {
        if (sf) {
            long res = a + b + carry;
            long c = ((a & b) | ((a | b) & ~res)) >>> 63;
            long v = ((a ^ res) & (b ^ res)) >>> 63;
            nzcv = (int) ((res >>> 63) << 3 | (res == 0 ? 4 : 0) | c << 1 | v);
            return res;
        }
        int x32 = (int) a;
        int y32 = (int) b;
        int res = x32 + y32 + (int) carry;
        int c = ((x32 & y32) | ((x32 | y32) & ~res)) >>> 31;
        int v = ((x32 ^ res) & (y32 ^ res)) >>> 31;
        nzcv = (res >>> 31) << 3 | (res == 0 ? 4 : 0) | c << 1 | v;
        return res & W;
    }

    /** CCMP / CCMN of {@code a} and {@code b}: the compare's flags if the condition holds, else the immediate NZCV. */
    void condCompare(A64Insn i, long a, long b) {
        if (holds(i.a())) {
            boolean sub = i.op() == A64Op.CCMP_REG || i.op() == A64Op.CCMP_IMM;
            adds(i, a, sub ? ~b : b, sub ? 1 : 0);
        } else {
            nzcv = i.b();
        }
    }

    /** The C flag as 0 or 1, the carry-in of ADC / SBC. */
    long carry() {
        return nzcv >>> 1 & 1;
    }

    /** Sets N and Z from a logical result, clears C and V. */
    long logicFlags(A64Insn i, long res) {
        if (i.sf()) {
            nzcv = (int) (res >>> 63) << 3 | (res == 0 ? 4 : 0);
            return res;
        }
        int v = (int) res;
        nzcv = (v >>> 31) << 3 | (v == 0 ? 4 : 0);
        return res & W;
    }

    /** The shifted-register operand: field a is the shift type, b the amount. */
    static long shifted(A64Insn i, long v) {
        int amount = i.b();
        if (amount == 0) {
            return v; // the common case (mov, cmp, add of plain registers); callers mask to width
        }
        if (i.sf()) {
            return switch (i.a()) {
                case 0 -> v << amount;
                case 1 -> v >>> amount;
                case 2 -> v >> amount;
                default -> Long.rotateRight(v, amount);
            };
        }
        int w = (int) v;
        return switch (i.a()) {
            case 0 -> w << amount;
            case 1 -> w >>> amount;
            case 2 -> w >> amount;
            default -> Integer.rotateRight(w, amount);
        } & W;
    }

    /** The extended-register operand for extend option {@code option} (UXTB ... SXTX). */
    static long extend(long v, int option) {
        return switch (option) {
            case 0 -> v & 0xff;
            case 1 -> v & 0xffff;
            case 2 -> v & W;
            case 4 -> (byte) v;
            case 5 -> (short) v;
            case 6 -> (int) v;
            default -> v;
        };
    }

    /** UDIV: division by zero gives 0, no trap. */
    static long udiv(A64Insn i, long a, long b) {
        long m = mask(i);
        return (b & m) == 0 ? 0 : Long.divideUnsigned(a & m, b & m);
    }

    /** SDIV: division by zero gives 0, no trap; MIN / -1 wraps to MIN, as in Java. */
    static long sdiv(A64Insn i, long a, long b) {
        if (i.sf()) {
            return b == 0 ? 0 : a / b;
        }
        return (int) b == 0 ? 0 : ((int) a / (int) b) & W;
    }

    /** LSLV / LSRV / ASRV / RORV of {@code a} by {@code b} (modulo the width). */
    static long shiftVariable(A64Insn i, long a, long b) {
        long m = mask(i);
        return switch (i.op()) {
            case A64Op.LSLV -> (a << (b & (i.sf() ? 63 : 31))) & m;
            case A64Op.LSRV -> (a & m) >>> (b & (i.sf() ? 63 : 31));
            case A64Op.ASRV -> i.sf() ? a >> (b & 63) : ((int) a >> (b & 31)) & W;
            default -> i.sf() ? Long.rotateRight(a, (int) (b & 63)) : Integer.rotateRight((int) a, (int) (b & 31)) & W;
        };
    }

    /** SMADDL / SMSUBL / UMADDL / UMSUBL (accumulator {@code acc}), SMULH / UMULH. */
    static long multiplyLong(A64Insn i, long acc, long a, long b) {
        return switch (i.op()) {
            case A64Op.SMADDL -> acc + (long) (int) a * (int) b;
            case A64Op.SMSUBL -> acc - (long) (int) a * (int) b;
            case A64Op.UMADDL -> acc + (a & W) * (b & W);
            case A64Op.UMSUBL -> acc - (a & W) * (b & W);
            case A64Op.SMULH -> Math.multiplyHigh(a, b);
            default -> Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a); // UMULH
        };
    }

    private static long ones(int n) {
        return n >= 64 ? -1L : (1L << n) - 1;
    }

    /** SBFM / UBFM / BFM, written as the field extract / insert their aliases describe. */
    static long bitfield(A64Insn i, long src, long dst) {
        int width = i.sf() ? 64 : 32;
        int immr = i.a();
        int imms = i.b();
        long res;
        if (imms >= immr) { // extract bits imms..immr to the bottom: sbfx / ubfx / bfxil / asr / lsr
            int len = imms - immr + 1;
            long field = (src >>> immr) & ones(len);
            res = switch (i.op()) {
                case A64Op.SBFM -> field << (64 - len) >> (64 - len);
                case A64Op.UBFM -> field;
                default -> (dst & ~ones(len)) | field;
            };
        } else { // insert bits imms..0 at width - immr: sbfiz / ubfiz / bfi / lsl
            int len = imms + 1;
            int lsb = width - immr;
            long field = src & ones(len);
            res = switch (i.op()) {
                case A64Op.SBFM -> (field << (64 - len) >> (64 - len)) << lsb;
                case A64Op.UBFM -> field << lsb;
                default -> (dst & ~(ones(len) << lsb)) | (field << lsb);
            };
        }
        return i.sf() ? res : res & W;
    }

    static long load(Memory mem, int kind, long ea) {
        return switch (kind) {
            case A64Op.MK_U8 -> mem.load8(ea);
            case A64Op.MK_U16 -> mem.load16(ea);
            case A64Op.MK_U32 -> mem.load32(ea) & W;
            case A64Op.MK_U64 -> mem.load64(ea);
            case A64Op.MK_S8_32 -> (byte) mem.load8(ea) & W;
            case A64Op.MK_S16_32 -> (short) mem.load16(ea) & W;
            case A64Op.MK_S8_64 -> (byte) mem.load8(ea);
            case A64Op.MK_S16_64 -> (short) mem.load16(ea);
            default -> mem.load32(ea);
        };
    }

    static void store(Memory mem, int kind, long ea, long v) {
        switch (kind) {
            case A64Op.MK_U8 -> mem.store8(ea, (int) v);
            case A64Op.MK_U16 -> mem.store16(ea, (int) v);
            case A64Op.MK_U32 -> mem.store32(ea, (int) v);
            default -> mem.store64(ea, v);
        }
    }

    /** Memory kind of a naturally sized access of {@code 1 << log2Size} bytes. */
    private static int sizedKind(int log2Size) {
        return log2Size; // MK_U8..MK_U64 are 0..3
    }

    private static void checkAligned(long ea, int log2Size, Access access) {
        if ((ea & ((1L << log2Size) - 1)) != 0) {
            throw new MemoryFault(ea, access, "misaligned");
        }
    }

    /**
     * Everything not on the hot path of the run loop, kept out of it so that loop stays small
     * enough for the JIT. Returns the next PC; sets {@link #slowAddress} for the listener.
     */
    private long slow(A64Insn i, long pc, Memory mem) {
        final long[] r = this.r;
        long next = pc + 4;
        long ea = -1;
        long m = mask(i);
        switch (i.op()) {
            case A64Op.EXTR -> {
                int lsb = i.b();
                if (i.sf()) {
                    r[i.rd()] = lsb == 0 ? r[i.rm()] : (r[i.rm()] >>> lsb) | (r[i.rn()] << (64 - lsb));
                } else {
                    long both = (r[i.rn()] & W) << 32 | (r[i.rm()] & W);
                    r[i.rd()] = (both >>> lsb) & W;
                }
            }
            case A64Op.ADD_EXT -> r[i.rd()] = (r[i.rn()] + (extend(r[i.rm()], i.a()) << i.b())) & m;
            case A64Op.SUB_EXT -> r[i.rd()] = (r[i.rn()] - (extend(r[i.rm()], i.a()) << i.b())) & m;
            case A64Op.ADDS_EXT -> r[i.rd()] = adds(i, r[i.rn()], extend(r[i.rm()], i.a()) << i.b(), 0);
            case A64Op.SUBS_EXT -> r[i.rd()] = adds(i, r[i.rn()], ~(extend(r[i.rm()], i.a()) << i.b()), 1);
            case A64Op.BIC -> r[i.rd()] = r[i.rn()] & ~shifted(i, r[i.rm()]) & m;
            case A64Op.ORN -> r[i.rd()] = (r[i.rn()] | ~shifted(i, r[i.rm()])) & m;
            case A64Op.EON -> r[i.rd()] = (r[i.rn()] ^ ~shifted(i, r[i.rm()])) & m;
            case A64Op.BICS -> r[i.rd()] = logicFlags(i, r[i.rn()] & ~shifted(i, r[i.rm()]));
            case A64Op.ADC -> r[i.rd()] = (r[i.rn()] + r[i.rm()] + (nzcv >>> 1 & 1)) & m;
            case A64Op.SBC -> r[i.rd()] = (r[i.rn()] + ~r[i.rm()] + (nzcv >>> 1 & 1)) & m;
            case A64Op.ADCS -> r[i.rd()] = adds(i, r[i.rn()], r[i.rm()], nzcv >>> 1 & 1);
            case A64Op.SBCS -> r[i.rd()] = adds(i, r[i.rn()], ~r[i.rm()], nzcv >>> 1 & 1);
            case A64Op.CCMN_REG, A64Op.CCMP_REG -> condCompare(i, r[i.rn()], r[i.rm()]);
            case A64Op.CCMN_IMM, A64Op.CCMP_IMM -> condCompare(i, r[i.rn()], i.imm());
            case A64Op.CSINV -> r[i.rd()] = (holds(i.a()) ? r[i.rn()] : ~r[i.rm()]) & m;
            case A64Op.CSNEG -> r[i.rd()] = (holds(i.a()) ? r[i.rn()] : -r[i.rm()]) & m;
            case A64Op.RBIT -> r[i.rd()] = i.sf() ? Long.reverse(r[i.rn()]) : Integer.reverse((int) r[i.rn()]) & W;
            case A64Op.REV -> r[i.rd()] = i.sf() ? Long.reverseBytes(r[i.rn()])
                    : Integer.reverseBytes((int) r[i.rn()]) & W;
            case A64Op.REV16 -> {
                long v = r[i.rn()];
                r[i.rd()] = (((v >>> 8) & 0x00ff00ff00ff00ffL) | ((v & 0x00ff00ff00ff00ffL) << 8)) & m;
            }
            case A64Op.REV32 -> r[i.rd()] = Long.rotateRight(Long.reverseBytes(r[i.rn()]), 32);
            case A64Op.CLZ -> r[i.rd()] = i.sf() ? Long.numberOfLeadingZeros(r[i.rn()])
                    : Integer.numberOfLeadingZeros((int) r[i.rn()]);
            case A64Op.CLS -> {
                long v = r[i.rn()];
                int w = (int) v;
                r[i.rd()] = i.sf() ? Long.numberOfLeadingZeros(v ^ (v >> 1)) - 1
                        : Integer.numberOfLeadingZeros(w ^ (w >> 1)) - 1;
            }
            case A64Op.UDIV -> r[i.rd()] = udiv(i, r[i.rn()], r[i.rm()]);
            case A64Op.SDIV -> r[i.rd()] = sdiv(i, r[i.rn()], r[i.rm()]);
            case A64Op.LSLV, A64Op.LSRV, A64Op.ASRV, A64Op.RORV -> r[i.rd()] = shiftVariable(i, r[i.rn()], r[i.rm()]);
            case A64Op.MSUB -> r[i.rd()] = (r[i.ra()] - r[i.rn()] * r[i.rm()]) & m;
            case A64Op.SMADDL, A64Op.SMSUBL, A64Op.UMADDL, A64Op.UMSUBL, A64Op.SMULH, A64Op.UMULH ->
                    r[i.rd()] = multiplyLong(i, r[i.ra()], r[i.rn()], r[i.rm()]);
            case A64Op.LDR_PRE, A64Op.LDR_POST -> {
                long base = r[i.rn()];
                ea = i.op() == A64Op.LDR_PRE ? base + i.imm() : base;
                long v = load(mem, i.a(), ea);
                r[i.rn()] = base + i.imm(); // writeback only after the access succeeded
                r[i.rd()] = v;
            }
            case A64Op.STR_PRE, A64Op.STR_POST -> {
                long base = r[i.rn()];
                ea = i.op() == A64Op.STR_PRE ? base + i.imm() : base;
                store(mem, i.a(), ea, r[i.rd()]);
                r[i.rn()] = base + i.imm();
            }
            case A64Op.LDR_LIT -> {
                ea = pc + i.imm();
                r[i.rd()] = load(mem, i.a(), ea);
            }
            case A64Op.LDP, A64Op.STP -> ea = pair(i, mem);
            case A64Op.LDXR -> {
                ea = r[i.rn()];
                checkAligned(ea, i.a(), Access.READ);
                long v = load(mem, sizedKind(i.a()), ea);
                monitorAddress = ea;
                monitorSize = i.a();
                monitorValue = v;
                r[i.rd()] = v;
            }
            case A64Op.STXR -> {
                ea = r[i.rn()];
                checkAligned(ea, i.a(), Access.WRITE);
                boolean ok = monitorAddress == ea && monitorSize == i.a()
                        && load(mem, sizedKind(i.a()), ea) == monitorValue;
                if (ok) {
                    store(mem, sizedKind(i.a()), ea, r[i.rd()]);
                    for (Hart h : machine.harts()) {
                        if (h != this && h instanceof A64Hart other) {
                            other.loseExclusive(ea);
                        }
                    }
                }
                monitorAddress = -1; // any store-exclusive clears the monitor
                r[i.rm()] = ok ? 0 : 1;
            }
            case A64Op.CLREX -> monitorAddress = -1;
            case A64Op.LDAR -> {
                ea = r[i.rn()];
                checkAligned(ea, i.a(), Access.READ);
                r[i.rd()] = load(mem, sizedKind(i.a()), ea);
            }
            case A64Op.STLR -> {
                ea = r[i.rn()];
                checkAligned(ea, i.a(), Access.WRITE);
                store(mem, sizedKind(i.a()), ea, r[i.rd()]);
            }
            case A64Op.LD_ADD, A64Op.LD_CLR, A64Op.LD_EOR, A64Op.LD_SET, A64Op.LD_SMAX, A64Op.LD_SMIN,
                    A64Op.LD_UMAX, A64Op.LD_UMIN, A64Op.SWP -> ea = atomic(i, mem);
            case A64Op.CAS -> {
                ea = r[i.rn()];
                checkAligned(ea, i.a(), Access.WRITE);
                int kind = sizedKind(i.a());
                long old = load(mem, kind, ea);
                long sizeMask = ones(8 << i.a());
                if (old == (r[i.ra()] & sizeMask)) {
                    store(mem, kind, ea, r[i.rd()]);
                }
                r[i.rm()] = old;
            }
            case A64Op.ISB -> instructionSyncBarrier();
            case A64Op.IC_IVAU, A64Op.IC_IALLU -> invalidateInstructionCaches();
            case A64Op.MRS -> r[i.rd()] = readSystemRegister(sysReg(i, pc));
            case A64Op.MSR -> writeSystemRegister(sysReg(i, pc), r[i.rn()]);
            case A64Op.MSR_IMM -> {
                long bits = i.imm() << 6; // DAIFSet / DAIFClr name D, A, I, F as bits 3:0 of the immediate
                int daif = A64SysReg.DAIF.ordinal();
                sysregs[daif] = i.a() == 6 ? sysregs[daif] | bits : sysregs[daif] & ~bits;
            }
            default -> {
                if (A64Op.isFp(i.op())) {
                    ea = A64Fp.execute(this, i, pc, mem);
                } else if (A64Op.isSimd(i.op())) {
                    ea = A64Simd.execute(this, i, pc, mem);
                } else {
                    throw new IllegalStateException("no semantics for " + i.mnemonic());
                }
            }
        }
        slowAddress = ea;
        return next;
    }

    /** DC ZVA: zeroes the aligned block holding {@code va}; returns the block's address. */
    private static long zeroBlock(long va, Memory mem) {
        long block = va & -ZVA_BYTES;
        if ((mem.permissions(block) & Memory.W) == 0 || (mem.permissions(block + ZVA_BYTES - 1) & Memory.W) == 0) {
            long bad = (mem.permissions(block) & Memory.W) == 0 ? block : block + ZVA_BYTES - 1;
            throw new MemoryFault(bad, Access.WRITE, mem.isMapped(bad) ? "not writable" : "unmapped");
        }
        for (int k = 0; k < ZVA_BYTES; k += 8) {
            mem.store64(block + k, 0);
        }
        return block;
    }

    /** LDP / STP / LDPSW; returns the effective address. */
    long pair(A64Insn i, Memory mem) {
        final long[] r = this.r;
        long base = r[i.rn()];
        long ea = i.b() == A64Op.PAIR_POST ? base : base + i.imm();
        int kind = i.a();
        int size = A64Op.size(kind);
        if (i.op() == A64Op.LDP) {
            long v1 = load(mem, kind, ea);
            long v2 = load(mem, kind, ea + size);
            if (i.b() != A64Op.PAIR_OFFSET) {
                r[i.rn()] = base + i.imm();
            }
            r[i.rd()] = v1;
            r[i.rm()] = v2;
        } else {
            storePair(mem, kind, ea, r[i.rd()], r[i.rm()]);
            if (i.b() != A64Op.PAIR_OFFSET) {
                r[i.rn()] = base + i.imm();
            }
        }
        return ea;
    }

    /** The two stores of an STP of kind {@code kind} at {@code ea}: both or, on a fault, neither. */
    static void storePair(Memory mem, int kind, long ea, long first, long second) {
        int size = A64Op.size(kind);
        long end = ea + 2L * size - 1;
        if ((end >>> Memory.PAGE_BITS) != (ea >>> Memory.PAGE_BITS)
                && (mem.permissions(end) & Memory.W) == 0) {
            // the second half would fault: fault before writing the first, so nothing changes
            throw new MemoryFault(end, Access.WRITE, mem.isMapped(end) ? "not writable" : "unmapped");
        }
        store(mem, kind, ea, first);
        store(mem, kind, ea + size, second);
    }

    /** LSE read-modify-write; returns the effective address. */
    private long atomic(A64Insn i, Memory mem) {
        final long[] r = this.r;
        long ea = r[i.rn()];
        checkAligned(ea, i.a(), Access.WRITE);
        int kind = sizedKind(i.a());
        int bitsWide = 8 << i.a();
        long old = load(mem, kind, ea);
        long operand = r[i.rm()] & ones(bitsWide);
        int shift = 64 - bitsWide;
        long sOld = old << shift >> shift;
        long sOperand = operand << shift >> shift;
        long v = switch (i.op()) {
            case A64Op.LD_ADD -> old + operand;
            case A64Op.LD_CLR -> old & ~operand;
            case A64Op.LD_EOR -> old ^ operand;
            case A64Op.LD_SET -> old | operand;
            case A64Op.LD_SMAX -> Math.max(sOld, sOperand);
            case A64Op.LD_SMIN -> Math.min(sOld, sOperand);
            case A64Op.LD_UMAX -> Long.compareUnsigned(old, operand) >= 0 ? old : operand;
            case A64Op.LD_UMIN -> Long.compareUnsigned(old, operand) <= 0 ? old : operand;
            default -> operand; // SWP
        };
        store(mem, kind, ea, v);
        r[i.rd()] = old;
        return ea;
    }

    private static final int TPIDR_EL0 = A64SysReg.TPIDR_EL0.ordinal();
    private static final int SP_EL0 = A64SysReg.SP_EL0.ordinal();
    private static final int FPCR = A64SysReg.FPCR.ordinal();
    private static final int FPSR = A64SysReg.FPSR.ordinal();
    /** DAIF's D, A, I and F mask bits. */
    private static final long DAIF_MASK = 0x3c0;

    /** The counter a register reads, or null for a plain register. */
    private static CounterSource.Kind counterKind(A64SysReg reg) {
        return switch (reg) {
            case CNTVCT_EL0, CNTPCT_EL0 -> CounterSource.Kind.TIME;
            case PMCCNTR_EL0 -> CounterSource.Kind.CYCLE;
            default -> null;
        };
    }

    /** The register an MRS/MSR names; an encoding outside {@link A64SysReg} is an illegal instruction. */
    private static A64SysReg sysReg(A64Insn i, long pc) {
        if (i.b() < 0) {
            String name = A64SysRegNames.name(i.a(), i.op() == A64Op.MRS);
            String generic = A64SysRegNames.generic(i.a());
            throw new DecodeException(Arch.ARM64, pc, i.word(), (i.op() == A64Op.MRS ? "mrs of " : "msr to ") + name
                    + (name.equals(generic) ? "" : " (" + generic + ")") + ": not an emulated system register"
                    + (i.op() == A64Op.MSR && A64SysReg.byEncoding(i.a()) != null ? " (read-only)" : ""));
        }
        return A64SysReg.of(i.b());
    }

    private long readSystemRegister(A64SysReg reg) {
        CounterSource.Kind counter = counterKind(reg);
        if (counter != null) {
            return readCounter(counter);
        }
        return reg == A64SysReg.NZCV ? (long) nzcv << 28 : sysregs[reg.ordinal()];
    }

    private void writeSystemRegister(A64SysReg reg, long value) {
        switch (reg) {
            case NZCV -> nzcv = (int) (value >>> 28) & 0xf;
            case DAIF -> sysregs[reg.ordinal()] = value & DAIF_MASK;
            default -> sysregs[reg.ordinal()] = value;
        }
    }
}
