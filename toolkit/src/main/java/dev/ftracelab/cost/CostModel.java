package dev.ftracelab.cost;

import dev.ftracelab.emu.Hart;
import dev.ftracelab.emu.RetireListener;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.InsnClass;
import dev.ftracelab.isa.Instruction;
import dev.ftracelab.isa.MemoryAccess;

/**
 * Turns a hart's retired-instruction stream into cycles for a {@link Profile}: install it as the
 * hart's {@link RetireListener}, run, and read {@link #snapshot()}.
 *
 * <p>In-order cores (VF2's U74, K1's X60): up to {@code issue_width} instructions issue per
 * cycle, in program order, each when its source registers are ready (result latencies by class;
 * loads pay the D-cache's miss latency), and after the front end has recovered from the last
 * taken branch, jump, mispredict or I-cache miss. Out-of-order cores (M1): the front end delivers
 * {@code issue_width} instructions per cycle until redirected; each executes when its operands
 * are ready and it has a ROB entry; a mispredict restarts fetch after the branch resolves — a
 * throughput and dependency-chain bound, not a pipeline simulation.
 *
 * <p>Predictors: conditional branches by a table of 2-bit counters ({@code bht_entries})
 * indexed gshare-style (pc XOR the last {@code history_bits} outcomes, folded to the index width);
 * indirect targets by a 4-way set-associative BTB ({@code btb_entries}); returns by a return-address
 * stack ({@code ras_entries}). Caches: set-associative, LRU, L1I / L1D backed by L2 and memory.
 *
 * <p>Memory-carried dependencies ({@code store_buffer}): every store is kept, with its bytes,
 * until it is visible (written to the L1D) {@code visibility_latency} cycles after it commits
 * (in order: issue + {@code latency.store}; out of order: its in-order retirement). A load that
 * reads bytes of a store not yet visible gets them by forwarding ({@code forward_latency} instead
 * of {@code load_to_use}) when the youngest such store is one plain store holding all its bytes;
 * otherwise (partial overlap, an {@code ldp} over two stores, a release store, an atomic) it
 * waits until they are visible. A release store ({@code stlr}; a store after RISC-V
 * {@code fence rw,w}) is visible only after every earlier store and load. A fence holds the later
 * accesses it orders until the earlier ones are done (loads: their result; stores: visible),
 * which on an in-order core stalls issue: it drains the store buffer. An acquire load holds every
 * later access until its result.
 *
 * <p>A control transfer is priced when the next instruction retires: its pc is where the
 * transfer went, which is what the predictors are checked against.
 *
 * <pre>{@code
 * CostModel cm = new CostModel(Profile.load("vf2"));
 * Cost before = cm.snapshot();
 * ftraceModel.call("tracee_relevant", 10_000, cm);
 * double cyclesPerCall = cm.snapshot().minus(before).cycles() / 10_000.0;
 * }</pre>
 */
public final class CostModel implements RetireListener {
    private static final int REGISTERS = 33; // 32 integer registers + the AArch64 flags

    private final Profile p;
    private final int width;
    private final Caches.SetAssociative l1i;
    private final Caches.SetAssociative l1d;
    private final Caches.SetAssociative l2;
    private final byte[] bht;
    /** Global branch history (gshare): the last {@code history_bits} outcomes, folded into {@link #indexBits}. */
    private long history;
    private final long historyMask;
    private final int indexBits;
    /**
     * Low pc bits that are always zero: 2 on AArch64, 1 on RISC-V (compressed instructions). The
     * predictors index with {@code pc >>> pcShift}; a shift of 1 on AArch64 left the low index bit
     * to the history alone and made the list loop's exit and continue branches alias on m1.
     */
    private final int pcShift;
    private static final int BTB_WAYS = 4;
    /** BTB: pc + 1 (0 = empty), predicted target and last use, per way. */
    private final long[] btbTag;
    private final long[] btbTarget;
    private final long[] btbUse;
    private long btbClock;
    private final long[] ras;
    private int rasTop;
    private int rasDepth;

    /** Cycle at which each register's value is available. */
    private final long[] ready = new long[REGISTERS];
    /** Whether that value waited for a D-cache miss (to attribute the stall). */
    private final boolean[] missed = new boolean[REGISTERS];
    /** The cycle the last instruction issued (in-order) / the front end's current cycle (out-of-order). */
    private long cycle = -1;
    private int slots;
    /** Earliest cycle the next instruction can be fetched, and why it is not earlier. */
    private long fetchReady;
    private boolean fetchWaitIsCache;
    private long lastLine = -1;
    /** Out-of-order: the latest completion, and the completion times of the last ROB entries. */
    private long lastComplete;
    private final long[] rob;
    private int robIndex;

    /** Stores not yet known to be visible: a ring of the last {@link #STORES}, youngest at {@code storeTop}. */
    private static final int STORES = 64;
    private final long[] storeAddress = new long[STORES];
    private final int[] storeBytes = new int[STORES];
    private final long[] storeStart = new long[STORES];
    private final long[] storeVisible = new long[STORES];
    private final boolean[] storeRelease = new boolean[STORES];
    private int storeTop = -1;
    private int storeCount;
    /** Latest result of a load, visibility of a store, of a release store; in-order retirement (out of order). */
    private long lastLoadDone;
    private long lastStoreVisible;
    private long lastReleaseVisible;
    private long lastRetire;
    /** Earliest start of a later load / store, set by fences and acquire loads. */
    private long loadBarrier;
    private long storeBarrier;
    /** The previous fence orders earlier loads and stores before later stores: the next store is a release. */
    private boolean fenceRelease;

    private long instructions;
    private long issueCycles;
    private long dependencyCycles;
    private long branchCycles;
    private long cacheCycles;
    private long mispredicts;
    private long icacheMisses;
    private long dcacheMisses;

    public CostModel(Profile profile) {
        this.p = profile;
        this.width = profile.issueWidth();
        this.l2 = new Caches.SetAssociative(profile.l2());
        this.l1i = new Caches.SetAssociative(profile.l1i());
        this.l1d = new Caches.SetAssociative(profile.l1d());
        this.bht = new byte[profile.predictor().bhtEntries()];
        java.util.Arrays.fill(bht, (byte) 1); // weakly not taken
        // The history used to be as long as the index (and at most 16 bits): 14 bits on m1, fewer
        // than the 10 branches of one ops in the list loop, so the loop-exit branch at 3 ops shared
        // a counter with the loop-continue one at 2 ops and the model mispredicted twice a call at
        // R=1 I=2 but never at R=1 I=1 — an artefact of the short history, not of the hardware.
        // Now the history is its own parameter, folded into the index.
        int h = profile.predictor().historyBits();
        this.historyMask = h >= 64 ? -1L : (1L << h) - 1;
        this.indexBits = Math.max(1, Long.numberOfTrailingZeros(Long.highestOneBit(bht.length)));
        this.pcShift = profile.arch() == Arch.ARM64 ? 2 : 1;
        int btbEntries = Math.max(BTB_WAYS, profile.predictor().btbEntries() / BTB_WAYS * BTB_WAYS);
        this.btbTag = new long[btbEntries];
        this.btbTarget = new long[btbEntries];
        this.btbUse = new long[btbEntries];
        this.ras = new long[profile.predictor().rasEntries()];
        this.rob = new long[Math.max(1, profile.robEntries())];
    }

    public Profile profile() {
        return p;
    }

    @Override
    public void retired(Hart hart, long pc, Instruction insn, long memAddress, boolean taken) {
        if (pendingClass != null) {
            // the previous instruction was a control transfer: this pc is where it went
            control(pendingPc, pendingLength, pendingClass, pendingTaken, pendingIssued, pendingDone, pc);
            pendingClass = null;
        }
        instructions++;
        fetch(pc);
        InsnClass c = insn.insnClass();
        long operands = operandsReady(insn.readMask());
        boolean operandMissed = operandMissedFlag;
        int latency = latency(insn, c);
        long extra = 0;
        MemoryAccess m = insn.memoryAccess();
        boolean access = memAddress >= 0 && m.bytes() > 0;
        long storeMiss = 0;
        if (access) {
            long memReady = memoryReady(m);
            if (m.reads()) {
                // the youngest store not yet visible that overlaps these bytes, if any
                long t = earliestStart(Math.max(operands, memReady));
                int s = youngestPendingOverlap(memAddress, m.bytes(), t);
                boolean forwarded = false;
                if (s >= 0) {
                    if (!m.writes() && !storeRelease[s] && storeAddress[s] <= memAddress
                            && memAddress + m.bytes() <= storeAddress[s] + storeBytes[s]) {
                        forwarded = true; // from the store buffer, once the store has its data
                        memReady = Math.max(memReady, storeStart[s]);
                        latency = p.storeBuffer().forwardLatency();
                    } else {
                        // visibility is in program order, so the youngest overlapping store is the last to land
                        memReady = Math.max(memReady, storeVisible[s]);
                    }
                }
                if (!forwarded) {
                    extra = dataAccess(memAddress);
                }
            } else {
                storeMiss = dataAccess(memAddress); // a store buffer hides a store miss from the pipeline
            }
            if (memReady > operands) {
                operands = memReady;
                operandMissed = false; // a memory-carried dependency
            }
        }
        long done = p.outOfOrder() ? executeOutOfOrder(operands, operandMissed, latency + extra)
                : executeInOrder(operands, operandMissed, latency + extra);
        long issued = done - latency - extra;
        writeResults(insn.writeMask(), done, extra > 0);
        if (access) {
            ordered(m, memAddress, issued, done, storeMiss);
        } else if (m.isFence()) {
            fence(m);
        }
        lastRetire = Math.max(lastRetire, done);
        if (c.ordinal() >= InsnClass.BRANCH.ordinal() && c != InsnClass.SYSTEM) {
            pendingPc = pc;
            pendingLength = insn.length();
            pendingClass = c;
            pendingTaken = taken;
            pendingIssued = issued;
            pendingDone = done;
        }
    }

    /**
     * A read of the cycle counter, priced as a serializing one ({@code isb; mrs cntvct_el0}; on
     * the in-order cores {@code rdcycle} after the loop it times): the cycle by which everything
     * before it has completed, and no later instruction issues before that cycle. What a program
     * timing a loop with the counter sees; {@link Probe} answers counter reads with it.
     */
    public long counterRead() {
        long t = Math.max(snapshot().cycles() > 0 ? (long) snapshot().cycles() : 0, latestResult());
        if (t > fetchReady) {
            fetchReady = t;
            fetchWaitIsCache = false;
        }
        return t;
    }

    /** The cycle the last register result of an instruction so far is ready. */
    private long latestResult() {
        long t = 0;
        for (long r : ready) {
            t = Math.max(t, r);
        }
        return t;
    }

    /** The running totals since this model was created. */
    public Cost snapshot() {
        long cycles = p.outOfOrder() ? Math.max(lastComplete, cycle + 1) : cycle + 1;
        return new Cost(instructions, Math.max(cycles, 0), issueCycles, dependencyCycles, branchCycles, cacheCycles,
                mispredicts, icacheMisses, dcacheMisses);
    }

    // ---- front end ----

    private void fetch(long pc) {
        long line = pc >>> Long.numberOfTrailingZeros(p.l1i().lineBytes());
        if (line == lastLine) {
            return;
        }
        lastLine = line;
        if (!l1i.access(pc)) {
            icacheMisses++;
            long penalty = l2.access(pc) ? p.l2().hitLatency() : p.memoryLatency();
            long from = Math.max(fetchReady, cycle + 1);
            fetchReady = from + penalty;
            fetchWaitIsCache = true;
        }
    }

    /** Branch prediction and the front-end bubble after a control transfer. */
    private void control(long pc, int length, InsnClass c, boolean taken, long issued, long resolved, long target) {
        boolean mispredicted = false;
        int bubble = 0;
        switch (c) {
            case BRANCH -> {
                // gshare: the pc hashed with the recent outcomes, so a repeating pattern (the list
                // walk's hit on one ops, miss on the next) is learnt, as real predictors learn it
                int i = (int) Long.remainderUnsigned((pc >>> pcShift) ^ foldedHistory(), bht.length);
                boolean predicted = bht[i] >= 2;
                mispredicted = predicted != taken;
                bht[i] = (byte) (taken ? Math.min(3, bht[i] + 1) : Math.max(0, bht[i] - 1));
                history = ((history << 1) | (taken ? 1 : 0)) & historyMask;
                bubble = taken ? p.branch().takenBubble() : 0;
            }
            case DIRECT_JUMP -> bubble = p.branch().directJump();
            case DIRECT_CALL -> {
                push(pc + length);
                bubble = p.branch().directJump();
            }
            case INDIRECT_JUMP, INDIRECT_CALL -> {
                mispredicted = btbPredict(pc) != target;
                btbUpdate(pc, target);
                if (c == InsnClass.INDIRECT_CALL) {
                    push(pc + length);
                }
                bubble = p.branch().indirectJump();
            }
            case RETURN -> {
                mispredicted = pop() != target;
                bubble = p.branch().indirectJump();
            }
            default -> {
                return;
            }
        }
        if (mispredicted) {
            mispredicts++;
            // resolved when it executes; fetch restarts after the penalty
            fetchReady = Math.max(fetchReady, resolved + p.branch().mispredictPenalty());
            fetchWaitIsCache = false;
        } else if (bubble > 0 || (c != InsnClass.BRANCH || taken)) {
            long next = (p.outOfOrder() ? cycle : issued) + 1 + bubble;
            if (next > fetchReady) {
                fetchReady = next;
                fetchWaitIsCache = false;
            }
        }
    }

    /** The history XOR-folded to the index width (itself when it is no longer than the index). */
    private long foldedHistory() {
        long f = 0;
        for (long h = history; h != 0; h >>>= indexBits) {
            f ^= h & ((1L << indexBits) - 1);
        }
        return f;
    }

    private boolean operandMissedFlag;
    /** A control transfer waiting for the next instruction, whose pc is its target. */
    private InsnClass pendingClass;
    private long pendingPc;
    private int pendingLength;
    private boolean pendingTaken;
    private long pendingIssued;
    private long pendingDone;

    /** The BTB's target for the jump at {@code pc}, or -1. 4-way set-associative, LRU. */
    private long btbPredict(long pc) {
        int base = btbSet(pc);
        for (int w = base; w < base + BTB_WAYS; w++) {
            if (btbTag[w] == pc + 1) {
                btbUse[w] = ++btbClock;
                return btbTarget[w];
            }
        }
        return -1;
    }

    private void btbUpdate(long pc, long target) {
        int base = btbSet(pc);
        int victim = base;
        for (int w = base; w < base + BTB_WAYS; w++) {
            if (btbTag[w] == pc + 1) {
                victim = w;
                break;
            }
            if (btbUse[w] < btbUse[victim]) {
                victim = w;
            }
        }
        btbTag[victim] = pc + 1;
        btbTarget[victim] = target;
        btbUse[victim] = ++btbClock;
    }

    private int btbSet(long pc) {
        return (int) Long.remainderUnsigned(pc >>> pcShift, btbTag.length / BTB_WAYS) * BTB_WAYS;
    }

    private void push(long ret) {
        rasTop = (rasTop + 1) % ras.length;
        ras[rasTop] = ret;
        rasDepth = Math.min(rasDepth + 1, ras.length);
    }

    private long pop() {
        if (rasDepth == 0) {
            return -1;
        }
        long r = ras[rasTop];
        rasTop = (rasTop - 1 + ras.length) % ras.length;
        rasDepth--;
        return r;
    }

    // ---- memory ordering ----

    /** The earliest start the fences and acquires before it allow access {@code m}. */
    private long memoryReady(MemoryAccess m) {
        long t = 0;
        if (m.reads()) {
            t = loadBarrier;
            if (m.order() == MemoryAccess.Order.ACQUIRE || m.order() == MemoryAccess.Order.ACQUIRE_RELEASE) {
                t = Math.max(t, lastReleaseVisible); // RCsc: ldar is not performed before an earlier stlr
            }
        }
        if (m.writes()) {
            t = Math.max(t, storeBarrier);
        }
        return t;
    }

    /**
     * The ring index of the youngest store that overlaps {@code [address, address + bytes)} and is
     * not visible at {@code t}, or -1. Visibility times never decrease in program order, so the
     * walk stops at the first visible store.
     */
    private int youngestPendingOverlap(long address, int bytes, long t) {
        for (int k = 0, i = storeTop; k < storeCount; k++, i = (i - 1 + STORES) % STORES) {
            if (storeVisible[i] <= t) {
                return -1;
            }
            if (storeAddress[i] < address + bytes && address < storeAddress[i] + storeBytes[i]) {
                return i;
            }
        }
        return -1;
    }

    /** Books a completed access: a store enters the store buffer; a load may be an acquire. */
    private void ordered(MemoryAccess m, long address, long issued, long done, long storeMiss) {
        if (m.reads()) {
            lastLoadDone = Math.max(lastLoadDone, done);
            if (m.order().acquires()) {
                loadBarrier = Math.max(loadBarrier, done);
                storeBarrier = Math.max(storeBarrier, done);
            }
        }
        if (m.writes()) {
            long commit = issued + p.latency().store();
            if (p.outOfOrder()) {
                commit = Math.max(commit, lastRetire); // written only after it retires, in order
            }
            long visible = commit + p.storeBuffer().visibilityLatency() + storeMiss;
            boolean release = m.order().releases() || fenceRelease;
            if (release) {
                visible = Math.max(visible, Math.max(lastStoreVisible, lastLoadDone));
                lastReleaseVisible = Math.max(lastReleaseVisible, visible);
            }
            visible = Math.max(visible, lastStoreVisible); // the store buffer drains in order
            lastStoreVisible = visible;
            fenceRelease = false;
            storeTop = (storeTop + 1) % STORES;
            storeCount = Math.min(storeCount + 1, STORES);
            storeAddress[storeTop] = address;
            storeBytes[storeTop] = m.bytes();
            storeStart[storeTop] = issued;
            storeVisible[storeTop] = visible;
            storeRelease[storeTop] = release;
        }
    }

    /** A fence: later accesses of the kinds it orders wait for the earlier ones it orders. */
    private void fence(MemoryAccess f) {
        int r = MemoryAccess.R;
        int w = MemoryAccess.W;
        if (f.orders(r, r)) {
            loadBarrier = Math.max(loadBarrier, lastLoadDone);
        }
        if (f.orders(w, r)) {
            loadBarrier = Math.max(loadBarrier, lastStoreVisible);
        }
        if (f.orders(r, w)) {
            storeBarrier = Math.max(storeBarrier, lastLoadDone);
        }
        if (f.orders(w, w)) {
            storeBarrier = Math.max(storeBarrier, lastStoreVisible);
        }
        // rcu_assign_pointer on RISC-V is fence rw,w + a plain store: a release by way of the fence
        fenceRelease = f.orders(r, w) && f.orders(w, w);
    }

    // ---- execution ----

    /** When an instruction whose operands are ready at {@code operands} would start, without changing state. */
    private long earliestStart(long operands) {
        if (p.outOfOrder()) {
            long front = slots >= width || fetchReady > cycle ? Math.max(cycle + 1, fetchReady) : cycle;
            return Math.max(front, Math.max(operands, rob[robIndex]));
        }
        long bySlots = slots >= width ? cycle + 1 : Math.max(cycle, 0);
        return Math.max(bySlots, Math.max(fetchReady, operands));
    }

    private long operandsReady(long mask) {
        long t = 0;
        boolean miss = false;
        for (long m = mask & ((1L << REGISTERS) - 1); m != 0; m &= m - 1) {
            int r = Long.numberOfTrailingZeros(m);
            if (ready[r] > t) {
                t = ready[r];
                miss = missed[r];
            }
        }
        operandMissedFlag = miss;
        return t;
    }

    private void writeResults(long mask, long done, boolean miss) {
        for (long m = mask & ((1L << REGISTERS) - 1); m != 0; m &= m - 1) {
            int r = Long.numberOfTrailingZeros(m);
            ready[r] = done;
            missed[r] = miss;
        }
    }

    /** In order: issue in program order, at most {@code width} per cycle; returns the completion cycle. */
    private long executeInOrder(long operands, boolean operandMissed, long latency) {
        long bySlots = slots >= width ? cycle + 1 : Math.max(cycle, 0);
        long issue = Math.max(bySlots, Math.max(fetchReady, operands));
        if (issue > cycle) {
            long idle = issue - Math.max(cycle + 1, 0);
            if (idle > 0) {
                if (operands >= fetchReady && operands == issue) {
                    if (operandMissed) {
                        cacheCycles += idle;
                    } else {
                        dependencyCycles += idle;
                    }
                } else if (fetchWaitIsCache) {
                    cacheCycles += idle;
                } else {
                    branchCycles += idle;
                }
            }
            issueCycles++;
            cycle = issue;
            slots = 0;
        }
        slots++;
        return issue + latency;
    }

    /** Out of order: the front end delivers {@code width} per cycle; execution waits for operands and a ROB entry. */
    private long executeOutOfOrder(long operands, boolean operandMissed, long latency) {
        if (slots >= width || fetchReady > cycle) {
            long next = Math.max(cycle + 1, fetchReady);
            long gap = next - cycle - 1;
            if (gap > 0 && cycle >= 0) {
                if (fetchWaitIsCache) {
                    cacheCycles += gap;
                } else {
                    branchCycles += gap;
                }
            }
            issueCycles++;
            cycle = next;
            slots = 0;
        }
        slots++;
        long start = Math.max(cycle, Math.max(operands, rob[robIndex]));
        long done = start + latency;
        rob[robIndex] = done;
        robIndex = (robIndex + 1) % rob.length;
        if (done > lastComplete) {
            // the part of the completion the front end does not explain is the dependency chain
            long beyond = done - Math.max(lastComplete, cycle + latency);
            if (beyond > 0) {
                if (operandMissed) {
                    cacheCycles += beyond;
                } else {
                    dependencyCycles += beyond;
                }
            }
            lastComplete = done;
        }
        return done;
    }

    private int latency(Instruction insn, InsnClass c) {
        Profile.Latencies l = p.latency();
        return switch (c) {
            case MUL_DIV -> insn.mnemonic().contains("div") || insn.mnemonic().contains("rem") ? l.div() : l.mul();
            case LOAD -> l.loadToUse();
            case ATOMIC -> l.loadToUse() + 1;
            case STORE -> l.alu(); // only a written-back base register has a result
            default -> l.alu();
        };
    }

    /** Extra load latency beyond an L1D hit. */
    private long dataAccess(long address) {
        if (l1d.access(address)) {
            return 0;
        }
        dcacheMisses++;
        return l2.access(address) ? p.l2().hitLatency() : p.memoryLatency();
    }
}
