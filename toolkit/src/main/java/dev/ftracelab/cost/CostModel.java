package dev.ftracelab.cost;

import dev.ftracelab.emu.Hart;
import dev.ftracelab.emu.RetireListener;
import dev.ftracelab.isa.InsnClass;
import dev.ftracelab.isa.Instruction;

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
 * indexed gshare-style (pc XOR global history);
 * indirect targets by a 4-way set-associative BTB ({@code btb_entries}); returns by a return-address
 * stack ({@code ras_entries}). Caches: set-associative, LRU, L1I / L1D backed by L2 and memory.
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
    /** Global branch history (gshare), as many bits as index the table. */
    private long history;
    private final long historyMask;
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
        this.historyMask = (Long.highestOneBit(bht.length) - 1) & 0xffff;
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
        if (memAddress >= 0 && (c == InsnClass.LOAD || c == InsnClass.ATOMIC || c == InsnClass.STORE)) {
            extra = dataAccess(memAddress);
            if (c == InsnClass.STORE) {
                extra = 0; // a store buffer hides a store miss from the pipeline
            }
        }
        long done = p.outOfOrder() ? executeOutOfOrder(operands, operandMissed, latency + extra)
                : executeInOrder(operands, operandMissed, latency + extra);
        long issued = done - latency - extra;
        writeResults(insn.writeMask(), done, extra > 0);
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
                int i = (int) Long.remainderUnsigned((pc >>> 1) ^ history, bht.length);
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
        return (int) Long.remainderUnsigned(pc >>> 1, btbTag.length / BTB_WAYS) * BTB_WAYS;
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

    // ---- execution ----

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
