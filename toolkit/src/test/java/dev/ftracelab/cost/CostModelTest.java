package dev.ftracelab.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.InsnClass;
import dev.ftracelab.isa.Instruction;
import dev.ftracelab.isa.arm64.A64Decoder;
import dev.ftracelab.isa.arm64.A64Disassembler;
import dev.ftracelab.isa.arm64.A64Encoder;
import dev.ftracelab.isa.riscv.RvDecoder;
import dev.ftracelab.isa.riscv.RvEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cost model driven directly with synthetic RISC-V instruction streams (real encodings,
 * decoded by {@link RvDecoder}) on small hand-made profiles, so every expectation is an exact
 * number of cycles. Streams are run once to warm the I-cache, then measured as the difference
 * of two snapshots.
 */
class CostModelTest {
    private static final long CODE = 0x1000;
    private static final long DATA = 0x8_0000;

    /** The base test core: in order, 1 wide, no taken-branch bubbles, small caches. */
    private static final Profile.Latencies LAT = new Profile.Latencies(1, 3, 20, 3, 1);
    private static final Profile.Branch BR = new Profile.Branch(0, 0, 0, 5);
    private static final Profile.Predictor PRED = new Profile.Predictor(64, 16, 4, 6);
    /** 1 KiB, 2-way, 64 B lines: 8 sets, lines 512 B apart share a set. */
    private static final Profile.Cache L1I = new Profile.Cache(1, 2, 64, 1);
    /** 1 KiB, direct mapped, 64 B lines: addresses 1 KiB apart evict each other. */
    private static final Profile.Cache L1D = new Profile.Cache(1, 1, 64, 3);
    private static final Profile.Cache L2 = new Profile.Cache(64, 4, 64, 10);
    private static final int MEMORY = 100;
    /** Forwarding 5 cycles, a store visible 4 cycles after it commits. */
    private static final Profile.StoreBuffer SB = new Profile.StoreBuffer(5, 4);

    @TempDir
    Path dir;

    // ---- (a) in-order issue width ----

    @Test
    void inOrderOneWideRunsIndependentOpsOneACycle() {
        Run r = new Run(inOrder(1));
        Cost c = r.measureAfterWarmup(() -> independentAlu(r, 32));
        assertEquals(32, c.instructions());
        assertEquals(32, c.cycles());
        assertEquals(32, c.issueCycles());
        assertEquals(0, c.dependencyCycles() + c.branchCycles() + c.cacheCycles());
        assertEquals(0, c.icacheMisses());
        assertEquals(1.0, c.ipc());
    }

    @Test
    void inOrderTwoWideRunsIndependentOpsTwoACycle() {
        Run r = new Run(inOrder(2));
        Cost c = r.measureAfterWarmup(() -> independentAlu(r, 32));
        assertEquals(32, c.instructions());
        assertEquals(16, c.cycles());
        assertEquals(16, c.issueCycles());
        assertEquals(2.0, c.ipc());
        Run r4 = new Run(inOrder(4));
        assertEquals(8, r4.measureAfterWarmup(() -> independentAlu(r4, 32)).cycles());
    }

    @Test
    void inOrderTwoWideCannotPairDependentOps() {
        Run r = new Run(inOrder(2));
        // addi x5,x5,1 x 32: each waits for the previous (ALU latency 1), so one a cycle
        Cost c = r.measureAfterWarmup(() -> {
            for (int i = 0; i < 32; i++) {
                r.retire(CODE + 4 * i, RvEncoder.addi(5, 5, 1));
            }
        });
        assertEquals(32, c.cycles());
    }

    @Test
    void profileReadFromYamlDrivesTheModel() throws IOException {
        // the same core as inOrder(2), written as a profile file
        Path f = dir.resolve("tiny.yaml");
        Files.writeString(f, yaml(2));
        Profile p = Profile.read(f);
        assertEquals(inOrder(2).latency(), p.latency());
        Run r = new Run(p);
        assertEquals(16, r.measureAfterWarmup(() -> independentAlu(r, 32)).cycles());
    }

    // ---- (b) dependent loads ----

    @Test
    void dependentLoadsCostLoadToUseEach() {
        for (int loadToUse : new int[] {3, 4}) {
            Profile p = inOrder(2, new Profile.Latencies(1, 3, 20, loadToUse, 1), BR, PRED);
            Run r = new Run(p);
            // ld x5,0(x5) x 10, all to one (warm) line: a pointer chase
            Cost c = r.measureAfterWarmup(() -> {
                for (int i = 0; i < 10; i++) {
                    r.retire(CODE + 4 * i, RvEncoder.ld(5, 5, 0), DATA + 8 * i, false);
                }
            });
            assertEquals(10 * loadToUse, c.cycles(), "load_to_use " + loadToUse);
            assertEquals(10 * (loadToUse - 1), c.dependencyCycles(), "load_to_use " + loadToUse);
            assertEquals(0, c.cacheCycles());
            assertEquals(0, c.dcacheMisses());
        }
    }

    @Test
    void independentLoadsDoNotStall() {
        Run r = new Run(inOrder(1));
        // ld x(6+i),0(x4): nothing writes x4, so no load waits
        Cost c = r.measureAfterWarmup(() -> {
            for (int i = 0; i < 10; i++) {
                r.retire(CODE + 4 * i, RvEncoder.ld(6 + i, 4, 0), DATA + 8 * i, false);
            }
        });
        assertEquals(10, c.cycles());
        assertEquals(0, c.dependencyCycles());
    }

    @Test
    void mulAndDivLatencies() {
        Run r = new Run(inOrder(1));
        Cost mul = r.measureAfterWarmup(() -> {
            for (int i = 0; i < 4; i++) {
                r.retire(CODE + 4 * i, mul(5, 5, 5));
            }
        });
        assertEquals(4 * LAT.mul(), mul.cycles());
        Run r2 = new Run(inOrder(1));
        Cost div = r2.measureAfterWarmup(() -> {
            for (int i = 0; i < 4; i++) {
                r2.retire(CODE + 4 * i, div(5, 5, 5));
            }
        });
        assertEquals(4 * LAT.div(), div.cycles());
    }

    // ---- (c) branches ----

    @Test
    void mispredictedBranchCostsThePenalty() {
        // fresh predictor: weakly not taken, so a taken branch mispredicts and a not-taken one does not
        Cost taken = branchThenOne(true);
        Cost notTaken = branchThenOne(false);
        assertEquals(1, taken.mispredicts());
        assertEquals(0, notTaken.mispredicts());
        assertEquals(BR.mispredictPenalty(), taken.branchCycles());
        assertEquals(0, notTaken.branchCycles());
        assertEquals(2, notTaken.cycles());
        assertEquals(2 + BR.mispredictPenalty(), taken.cycles());
    }

    /** addi; beq (taken or not); addi at where it went — measured on a 1-wide core with a warm I-cache. */
    private Cost branchThenOne(boolean taken) {
        Run r = new Run(inOrder(1));
        independentAlu(r, 16);
        r.retire(CODE, RvEncoder.addi(6, 0, 1));
        Cost before = r.cm.snapshot();
        r.retire(CODE + 4, beq(0, 0, 8), -1, taken);
        r.retire(taken ? CODE + 12 : CODE + 8, RvEncoder.addi(7, 0, 1));
        return r.cm.snapshot().minus(before);
    }

    @Test
    void alwaysTakenBranchIsLearnt() {
        Run r = new Run(inOrder(1));
        independentAlu(r, 16);
        Cost start = r.cm.snapshot();
        loop(r, 20);
        Cost warm = r.cm.snapshot();
        loop(r, 80);
        Cost learnt = r.cm.snapshot().minus(warm);
        assertTrue(warm.minus(start).mispredicts() >= 1, "the first taken branch mispredicts");
        assertEquals(0, learnt.mispredicts());
        assertEquals(0, learnt.branchCycles());
        assertEquals(160, learnt.cycles()); // 2 instructions an iteration, 1 wide, no bubble
    }

    @Test
    void takenBubbleIsPaidOnEveryTakenBranch() {
        Run r = new Run(inOrder(1, LAT, new Profile.Branch(2, 0, 0, 5), PRED));
        independentAlu(r, 16);
        loop(r, 20);
        Cost warm = r.cm.snapshot();
        loop(r, 80);
        Cost learnt = r.cm.snapshot().minus(warm);
        assertEquals(0, learnt.mispredicts());
        assertEquals(80 * 2, learnt.branchCycles());
        assertEquals(80 * (2 + 2), learnt.cycles());
    }

    /**
     * {@code n} iterations of: addi at CODE+0x100; bne taken back to it. The last branch is priced
     * when the next instruction retires.
     */
    private static void loop(Run r, int n) {
        for (int i = 0; i < n; i++) {
            r.retire(CODE + 0x100, RvEncoder.addi(5, 5, 1));
            r.retire(CODE + 0x104, bne(5, 0, -4), -1, true);
        }
    }

    @Test
    void alternatingBranchIsLearntThroughHistory() {
        Run r = new Run(inOrder(1));
        independentAlu(r, 16);
        alternating(r, 40);
        Cost warm = r.cm.snapshot();
        alternating(r, 100);
        assertEquals(0, r.cm.snapshot().minus(warm).mispredicts());
    }

    @Test
    void aLoopExitIsLearntWhenTheHistoryCoversTheLoop() {
        // a 3-iteration loop whose body has 9 not-taken branches before the loop branch, run again
        // and again: 6 bits of history see only not-taken branches at the last two loop branches
        // (taken once, not taken once: they share a counter); 32 bits see the whole call
        assertTrue(loopExitMispredicts(6) >= 1);
        assertEquals(0, loopExitMispredicts(32));
    }

    /** Mispredicts per call of {@link #tripCountLoop}, after 50 warm-up calls, with {@code historyBits}. */
    private static double loopExitMispredicts(int historyBits) {
        Run r = new Run(inOrder(1, LAT, BR, new Profile.Predictor(4096, 16, 4, historyBits)));
        for (int i = 0; i < 50; i++) {
            tripCountLoop(r);
        }
        Cost warm = r.cm.snapshot();
        for (int i = 0; i < 100; i++) {
            tripCountLoop(r);
        }
        return r.cm.snapshot().minus(warm).mispredicts() / 100.0;
    }

    /** One call: 3 iterations of 9 not-taken beq then bne back (taken twice), then a j to the start. */
    private static void tripCountLoop(Run r) {
        long top = CODE + 0x400;
        for (int it = 0; it < 3; it++) {
            for (int b = 0; b < 9; b++) {
                r.retire(top + 4 * b, bne(0, 0, 64), -1, false);
            }
            r.retire(top + 36, bne(5, 0, -36), -1, it < 2);
        }
        r.retire(top + 40, RvEncoder.jal(0, top + 40, top), -1, true);
    }

    /** {@code n} iterations of: addi; bne, taken on even iterations (back to addi), else falls through to a j back. */
    private static void alternating(Run r, int n) {
        long top = CODE + 0x200;
        for (int i = 0; i < n; i++) {
            r.retire(top, RvEncoder.addi(5, 5, 1));
            boolean taken = i % 2 == 0;
            r.retire(top + 4, bne(5, 0, -4), -1, taken);
            if (!taken) {
                r.retire(top + 8, RvEncoder.jal(0, top + 8, top), -1, true);
            }
        }
    }

    // ---- (d) caches ----

    @Test
    void l1dMissCostsTheL2HitLatency() {
        Run r = new Run(inOrder(1));
        independentAlu(r, 16);
        long a = DATA;
        Cost cold = loadAndUse(r, a);
        Cost hit = loadAndUse(r, a);
        Cost sameLine = loadAndUse(r, a + 56);
        loadAndUse(r, a + 1024); // same L1D set: evicts a's line from L1D, not from L2
        Cost l2Hit = loadAndUse(r, a);

        assertEquals(1 + LAT.loadToUse(), hit.cycles()); // the load, then its user after load_to_use
        assertEquals(0, hit.dcacheMisses());
        assertEquals(LAT.loadToUse() - 1, hit.dependencyCycles());
        assertEquals(0, hit.cacheCycles());
        assertEquals(hit, sameLine);

        assertEquals(1, l2Hit.dcacheMisses());
        assertEquals(L2.hitLatency(), l2Hit.cycles() - hit.cycles());
        assertEquals(hit.cycles() - 1 + L2.hitLatency() - 1, l2Hit.cacheCycles()); // the user's wait is a cache stall
        assertEquals(0, l2Hit.dependencyCycles());

        assertEquals(1, cold.dcacheMisses());
        assertEquals(MEMORY, cold.cycles() - hit.cycles());
    }

    /** ld x6,0(x4) from {@code address}, then addi x7,x6,1: the cost of the pair. */
    private static Cost loadAndUse(Run r, long address) {
        Cost before = r.cm.snapshot();
        r.retire(CODE + 0x20, RvEncoder.ld(6, 4, 0), address, false);
        r.retire(CODE + 0x24, RvEncoder.addi(7, 6, 1));
        return r.cm.snapshot().minus(before);
    }

    @Test
    void storeMissDoesNotStallButFillsTheLine() {
        Run r = new Run(inOrder(1));
        independentAlu(r, 16);
        Cost before = r.cm.snapshot();
        r.retire(CODE + 0x20, RvEncoder.sd(6, 4, 0), DATA, false);
        r.retire(CODE + 0x24, RvEncoder.addi(7, 0, 1));
        Cost store = r.cm.snapshot().minus(before);
        assertEquals(2, store.cycles());
        assertEquals(1, store.dcacheMisses());
        assertEquals(0, loadAndUse(r, DATA).dcacheMisses());
    }

    @Test
    void icacheMissOnANewLine() {
        Run r = new Run(inOrder(1));
        independentAlu(r, 16);
        Cost before = r.cm.snapshot();
        r.retire(0x9000, RvEncoder.addi(5, 0, 1)); // never fetched: misses L1I and L2
        Cost cold = r.cm.snapshot().minus(before);
        assertEquals(1, cold.icacheMisses());
        assertEquals(1 + MEMORY, cold.cycles());
        assertEquals(MEMORY, cold.cacheCycles());
        assertEquals(0, cold.branchCycles() + cold.dependencyCycles());

        before = r.cm.snapshot();
        r.retire(0x9004, RvEncoder.addi(6, 0, 1)); // same line
        Cost same = r.cm.snapshot().minus(before);
        assertEquals(0, same.icacheMisses());
        assertEquals(1, same.cycles());

        // 0x9000, 0x9200, 0x9400 share an L1I set (8 sets of 64 B, 2 ways): the third evicts the first
        r.retire(0x9200, RvEncoder.addi(5, 0, 1));
        r.retire(0x9400, RvEncoder.addi(5, 0, 1));
        before = r.cm.snapshot();
        r.retire(0x9000, RvEncoder.addi(5, 0, 1)); // back from L2
        Cost l2 = r.cm.snapshot().minus(before);
        assertEquals(1, l2.icacheMisses());
        assertEquals(1 + L2.hitLatency(), l2.cycles());
    }

    // ---- (e) return-address stack and BTB ----

    @Test
    void callReturnPairsArePredicted() {
        Run r = new Run(inOrder(1));
        for (int i = 0; i < 50; i++) {
            nested(r, 1);
        }
        assertEquals(0, r.cm.snapshot().mispredicts());
    }

    @Test
    void nestingBeyondTheRasMispredicts() {
        int ras = PRED.rasEntries();
        assertEquals(0, mispredictsAtDepth(ras));
        assertEquals(1, mispredictsAtDepth(ras + 1));
        assertEquals(3, mispredictsAtDepth(ras + 3));
    }

    private static double mispredictsAtDepth(int depth) {
        Run r = new Run(inOrder(1));
        nested(r, depth);
        return r.cm.snapshot().mispredicts();
    }

    /**
     * Function k at 0x10000 + k*0x100 is {@code jal ra,f(k+1); ret}; the innermost is {@code ret}.
     * Calls {@code depth} deep from function 0 and returns to its next instruction.
     */
    private static void nested(Run r, int depth) {
        long base = 0x10000;
        for (int k = 0; k < depth; k++) {
            long f = base + k * 0x100L;
            r.retire(f, RvEncoder.jal(RvEncoder.RA, f, f + 0x100), -1, true);
        }
        r.retire(base + depth * 0x100L, RvEncoder.ret(), -1, true);
        for (int k = depth - 1; k >= 1; k--) {
            r.retire(base + k * 0x100L + 4, RvEncoder.ret(), -1, true);
        }
        r.retire(base + 4, RvEncoder.addi(5, 0, 1)); // back in function 0: prices the last return
    }

    @Test
    void indirectJumpPredictedByTheBtb() {
        Run r = new Run(inOrder(1));
        long jr = 0x3000;
        r.retire(jr, RvEncoder.jr(6), -1, true);
        r.retire(0x3100, RvEncoder.addi(5, 0, 1));
        assertEquals(1, r.cm.snapshot().mispredicts(), "cold BTB");
        r.retire(jr, RvEncoder.jr(6), -1, true);
        r.retire(0x3100, RvEncoder.addi(5, 0, 1));
        assertEquals(1, r.cm.snapshot().mispredicts(), "same target");
        r.retire(jr, RvEncoder.jr(6), -1, true);
        r.retire(0x3200, RvEncoder.addi(5, 0, 1));
        assertEquals(2, r.cm.snapshot().mispredicts(), "new target");
    }

    // ---- (f) out of order ----

    @Test
    void outOfOrderIndependentOpsAreBoundedByWidth() {
        Run r = new Run(outOfOrder(4, 64));
        Cost c = r.measureAfterWarmup(() -> independentAlu(r, 32));
        assertEquals(8, c.cycles());
        assertEquals(0, c.dependencyCycles());
        Run r8 = new Run(outOfOrder(8, 64));
        assertEquals(4, r8.measureAfterWarmup(() -> independentAlu(r8, 32)).cycles());
    }

    @Test
    void outOfOrderDependentChainIsBoundedByItsLatency() {
        Run r = new Run(outOfOrder(4, 64));
        // mul x5,x5,x5 x 16: 16 x 3 cycles, though the front end delivers them in 4
        Cost c = r.measureAfterWarmup(() -> {
            for (int i = 0; i < 16; i++) {
                r.retire(CODE + 4 * i, mul(5, 5, 5));
            }
        });
        assertEquals(16 * LAT.mul(), c.cycles());
        assertTrue(c.dependencyCycles() > 0, c.toString());
    }

    @Test
    void outOfOrderTakesTheLargerBound() {
        int k = 12;
        // 1 dependent mul + 7 independent addi an iteration: width bound 2k, chain bound 3k
        assertEquals(3 * k, mixed(k, 7).cycles());
        // 1 dependent mul + 15 independent addi: width bound 4k, chain bound 3k
        Cost wide = mixed(k, 15);
        assertEquals(4 * k, wide.cycles());
        assertEquals(0, wide.dependencyCycles());
    }

    private static Cost mixed(int iterations, int independent) {
        Run r = new Run(outOfOrder(4, 256));
        independentAlu(r, 32);
        independentAlu(r, 32);
        Cost before = r.cm.snapshot();
        long pc = CODE;
        for (int i = 0; i < iterations; i++) {
            r.retire(pc, mul(5, 5, 5));
            for (int j = 0; j < independent; j++) {
                r.retire(pc + 4 + 4 * j, RvEncoder.addi(6 + j % 20, 0, j));
            }
        }
        return r.cm.snapshot().minus(before);
    }

    @Test
    void outOfOrderRobLimitsTheWindowBehindALongOp() {
        // a 20-cycle div, then 40 independent addi: with 64 entries they all run under the div;
        // with 4, each waits for the op 4 earlier to complete
        double big = divShadow(64);
        double small = divShadow(4);
        assertEquals(LAT.div(), big);
        assertTrue(small >= big + 5, small + " vs " + big);
    }

    private static double divShadow(int rob) {
        Run r = new Run(outOfOrder(4, rob));
        independentAlu(r, 32);
        independentAlu(r, 32);
        Cost before = r.cm.snapshot();
        r.retire(CODE, div(5, 5, 5));
        for (int j = 0; j < 40; j++) {
            r.retire(CODE + 4 + 4 * (j % 16), RvEncoder.addi(6 + j % 20, 0, j));
        }
        return r.cm.snapshot().minus(before).cycles();
    }

    @Test
    void outOfOrderMispredictRestartsFetchAfterThePenalty() {
        Run r = new Run(outOfOrder(4, 64));
        independentAlu(r, 16);
        independentAlu(r, 16);
        Cost before = r.cm.snapshot();
        r.retire(CODE + 4, beq(0, 0, 8), -1, true); // cold predictor: predicted not taken
        r.retire(CODE + 12, RvEncoder.addi(7, 0, 1));
        Cost c = r.cm.snapshot().minus(before);
        assertEquals(1, c.mispredicts());
        assertEquals(BR.mispredictPenalty(), c.branchCycles());
    }

    // ---- (g) Cost arithmetic ----

    @Test
    void costMinusAndPer() {
        Cost a = new Cost(100, 200, 60, 50, 40, 30, 5, 3, 2);
        Cost b = new Cost(10, 20, 6, 5, 4, 3, 1, 1, 0);
        assertEquals(new Cost(90, 180, 54, 45, 36, 27, 4, 2, 2), a.minus(b));
        assertEquals(new Cost(50, 100, 30, 25, 20, 15, 2.5, 1.5, 1), a.per(2));
        assertEquals(0.5, a.ipc());
        assertEquals(0, new Cost(0, 0, 0, 0, 0, 0, 0, 0, 0).ipc());
        assertEquals(new Cost(0, 0, 0, 0, 0, 0, 0, 0, 0), a.minus(a));
    }

    @Test
    void snapshotOfAFreshModelIsZero() {
        CostModel cm = new CostModel(inOrder(2));
        assertEquals(new Cost(0, 0, 0, 0, 0, 0, 0, 0, 0), cm.snapshot());
        assertEquals(inOrder(2), cm.profile());
    }


    // ---- (h) memory-carried dependencies (store buffer SB: forward 5, visible 4 after commit) ----
    // In order, 1 wide: the stream's first instruction issues at s = c0 + 1, where c0 is the last
    // filler's cycle, and the measured cost is the last issue - c0. A store issued at t commits at
    // t + latency.store (1) and is visible at t + 1 + 4.

    private static final long MEM = CODE + 0x300;

    @Test
    void storeThenLoadOfTheSameBytesForwards() {
        Run r = new Run(inOrder(1));
        // sd s; ld s+1, forwarded: result s+1+5; addi s+6
        Cost c = drained(r, () -> {
            r.retire(MEM, RvEncoder.sd(5, 4, 0), DATA, false);
            r.retire(MEM + 4, RvEncoder.ld(6, 4, 0), DATA, false);
            r.retire(MEM + 8, RvEncoder.addi(7, 6, 1));
        });
        assertEquals(1 + 1 + SB.forwardLatency(), c.cycles());
        assertEquals(SB.forwardLatency() - 1, c.dependencyCycles());
        // a 4-byte load inside the 8 stored bytes forwards too
        Cost inside = drained(new Run(inOrder(1)), r2 -> {
            r2.retire(MEM, RvEncoder.sd(5, 4, 0), DATA, false);
            r2.retire(MEM + 4, lw(6, 4, 4), DATA + 4, false);
            r2.retire(MEM + 8, RvEncoder.addi(7, 6, 1));
        });
        assertEquals(7, inside.cycles());
    }

    @Test
    void loadsOfUnrelatedAddressesAreUnaffected() {
        // the 8 bytes after the store, another line: an L1D hit, s+1+3
        for (long other : new long[] {DATA + 8, DATA + 64}) {
            Cost c = drained(new Run(inOrder(1)), r -> {
                r.retire(MEM, RvEncoder.sd(5, 4, 0), DATA, false);
                r.retire(MEM + 4, RvEncoder.ld(6, 4, 8), other, false);
                r.retire(MEM + 8, RvEncoder.addi(7, 6, 1));
            });
            assertEquals(1 + 1 + LAT.loadToUse(), c.cycles(), "load at +" + (other - DATA));
        }
    }

    @Test
    void partialOverlapWaitsUntilTheStoreIsVisible() {
        // sw s (4 bytes), visible s+5; ld of 8 bytes cannot forward: issues s+5, result s+8; addi s+8
        Cost c = drained(new Run(inOrder(1)), r -> {
            r.retire(MEM, sw(5, 4, 0), DATA, false);
            r.retire(MEM + 4, RvEncoder.ld(6, 4, 0), DATA, false);
            r.retire(MEM + 8, RvEncoder.addi(7, 6, 1));
        });
        assertEquals(1 + LAT.store() + SB.visibilityLatency() + LAT.loadToUse(), c.cycles());
        assertEquals(9, c.cycles());
    }

    @Test
    void ldpOverTwoStoresWaitsForTheSecondToBeVisible() {
        // str s, str s+1 (visible s+6); ldp issues s+6, result s+9; add s+9
        Cost plain = drained(new Run(inOrder(1), true), r -> {
            r.retire(MEM, A64Encoder.str(1, 0, 0), DATA, false);
            r.retire(MEM + 4, A64Encoder.str(2, 0, 8), DATA + 8, false);
            r.retire(MEM + 8, A64Encoder.ldp(3, 4, 0, 0, A64Encoder.OFFSET), DATA, false);
            r.retire(MEM + 12, A64Encoder.addImm(true, 5, 3, 1));
        });
        assertEquals(10, plain.cycles());
    }

    @Test
    void twoStlrThenLdpOfBothWaitsForVisibility() {
        // the arm64 ftrace_ops_test pattern: stlr x1,[x0]; stlr x2,[x9]; ldp x3,x4,[x0]; add x5,x3,#1
        // in order: stlr s and s+1, visible s+5 and s+6; ldp issues s+6, result s+9
        Cost inOrder = drained(new Run(inOrder(1), true), r -> stlrStlrLdp(r, DATA));
        assertEquals(10, inOrder.cycles());
        Cost unrelated = drained(new Run(inOrder(1), true), r -> stlrStlrLdp(r, DATA + 64));
        assertEquals(2 + 1 + LAT.loadToUse(), unrelated.cycles());
        // out of order, 4 wide, front end at cycle C+1: both stlr start C+1, commit C+2, visible C+6;
        // the ldp starts C+6 (not C+1), result C+9; the add completes C+10: 9 cycles after C+1
        Cost ooo = drained(new Run(outOfOrder(4, 64), true), r -> stlrStlrLdp(r, DATA));
        assertEquals(9, ooo.cycles());
        Cost oooUnrelated = drained(new Run(outOfOrder(4, 64), true), r -> stlrStlrLdp(r, DATA + 64));
        assertEquals(LAT.loadToUse() + 1, oooUnrelated.cycles());
    }

    private static void stlrStlrLdp(Run r, long ldpAddress) {
        r.retire(MEM, stlr(1, 0), DATA, false);
        r.retire(MEM + 4, stlr(2, 9), DATA + 8, false);
        r.retire(MEM + 8, A64Encoder.ldp(3, 4, 0, 0, A64Encoder.OFFSET), ldpAddress, false);
        r.retire(MEM + 12, A64Encoder.addImm(true, 5, 3, 1));
    }

    @Test
    void aReleaseStoreIsNotForwardedAndCommitsOnlyAfterRetiring() {
        // in order: stlr s, visible s+5; ldr issues s+5, result s+8; add s+8 (a plain str forwards: 7)
        Cost rel = drained(new Run(inOrder(1), true), r -> storeLoad(r, stlr(1, 0), false));
        assertEquals(9, rel.cycles());
        Cost plain = drained(new Run(inOrder(1), true), r -> storeLoad(r, A64Encoder.str(1, 0, 0), false));
        assertEquals(7, plain.cycles());
        // out of order, after a 20-cycle sdiv (start C+1, done C+21): the stlr retires behind it,
        // commits C+21, is visible C+25; ldr C+25..C+28; add C+29: 28 cycles after C+1.
        // A plain str forwards (ldr C+1..C+6) and only the sdiv is left: 20.
        Cost oooRel = drained(new Run(outOfOrder(4, 64), true), r -> storeLoad(r, stlr(1, 0), true));
        assertEquals(28, oooRel.cycles());
        Cost oooPlain = drained(new Run(outOfOrder(4, 64), true), r -> storeLoad(r, A64Encoder.str(1, 0, 0), true));
        assertEquals(LAT.div(), oooPlain.cycles());
    }

    /** [sdiv x10,x10,x10;] store x1 to [x0]; ldr x3,[x0]; add x5,x3,#1. */
    private static void storeLoad(Run r, int store, boolean divFirst) {
        if (divFirst) {
            r.retire(MEM - 4, SDIV_X10, -1, false);
        }
        r.retire(MEM, store, DATA, false);
        r.retire(MEM + 4, A64Encoder.ldr(3, 0, 0), DATA, false);
        r.retire(MEM + 8, A64Encoder.addImm(true, 5, 3, 1));
    }

    @Test
    void riscvFenceRwWThenStoreIsAReleaseTheLoadWaitsFor() {
        // sd ra-like s (visible s+5); fence rw,w s+1: the next store waits for s+5;
        // sd x6 issues s+5, a release: visible s+10; ld issues s+10, result s+13; addi s+13
        Cost fenced = drained(new Run(inOrder(1)), r -> {
            r.retire(MEM, RvEncoder.sd(5, 4, 16), DATA + 16, false);
            r.retire(MEM + 4, FENCE_RW_W);
            r.retire(MEM + 8, RvEncoder.sd(6, 9, 0), DATA, false);
            r.retire(MEM + 12, RvEncoder.ld(7, 9, 0), DATA, false);
            r.retire(MEM + 16, RvEncoder.addi(8, 7, 1));
        });
        assertEquals(14, fenced.cycles());
        // the same without the fence (a nop in its place): the ld forwards from the sd: s+3+5
        Cost plain = drained(new Run(inOrder(1)), r -> {
            r.retire(MEM, RvEncoder.sd(5, 4, 16), DATA + 16, false);
            r.retire(MEM + 4, RvEncoder.nop());
            r.retire(MEM + 8, RvEncoder.sd(6, 9, 0), DATA, false);
            r.retire(MEM + 12, RvEncoder.ld(7, 9, 0), DATA, false);
            r.retire(MEM + 16, RvEncoder.addi(8, 7, 1));
        });
        assertEquals(9, plain.cycles());
    }

    @Test
    void fencesDrainTheStoreBufferOnAnInOrderCoreForWhatTheyOrder() {
        // sd s (visible s+5); fence s+1; ld of another line, then its user.
        // fence rw,rw orders the store before the load: ld issues s+5, result s+8, addi s+8
        assertEquals(9, fenceThenLoad(FENCE_RW_RW).cycles());
        // fence rw,w and fence.tso do not order a store before a later load: ld s+2, result s+5
        assertEquals(6, fenceThenLoad(FENCE_RW_W).cycles());
        assertEquals(6, fenceThenLoad(FENCE_TSO).cycles());
        assertEquals(6, fenceThenLoad(RvEncoder.nop()).cycles());
        // fence.tso orders stores before stores: a second store waits until s+5, an addi after it s+6
        Cost tso = drained(new Run(inOrder(1)), r -> {
            r.retire(MEM, RvEncoder.sd(5, 4, 0), DATA, false);
            r.retire(MEM + 4, FENCE_TSO);
            r.retire(MEM + 8, RvEncoder.sd(5, 4, 8), DATA + 8, false);
            r.retire(MEM + 12, RvEncoder.addi(8, 0, 1));
        });
        assertEquals(7, tso.cycles());
        assertEquals(3, tso.dependencyCycles()); // s+2 .. s+4 waiting for the drain
    }

    private static Cost fenceThenLoad(int fence) {
        return drained(new Run(inOrder(1)), r -> {
            r.retire(MEM, RvEncoder.sd(5, 4, 0), DATA, false);
            r.retire(MEM + 4, fence);
            r.retire(MEM + 8, RvEncoder.ld(6, 4, 64), DATA + 64, false);
            r.retire(MEM + 12, RvEncoder.addi(7, 6, 1));
        });
    }

    @Test
    void dmbIshOnArm64OrdersEarlierStoresBeforeLaterLoads() {
        // str s (visible s+5); dmb ish s+1; ldr of another line issues s+5, result s+8; add s+8
        Cost c = drained(new Run(inOrder(1), true), r -> {
            r.retire(MEM, A64Encoder.str(1, 0, 0), DATA, false);
            r.retire(MEM + 4, DMB_ISH);
            r.retire(MEM + 8, A64Encoder.ldr(3, 0, 64), DATA + 64, false);
            r.retire(MEM + 12, A64Encoder.addImm(true, 5, 3, 1));
        });
        assertEquals(9, c.cycles());
    }

    /**
     * Runs {@code stream} once (warming the caches), lets every store become visible behind 128
     * independent addi, then returns the cost of a second run.
     */
    private static Cost drained(Run r, java.util.function.Consumer<Run> stream) {
        stream.accept(r);
        for (int i = 0; i < 4; i++) {
            independentAlu(r, 32);
        }
        Cost before = r.cm.snapshot();
        stream.accept(r);
        return r.cm.snapshot().minus(before);
    }

    private static Cost drained(Run r, Runnable stream) {
        return drained(r, x -> stream.run());
    }

    private static final int FENCE_RW_W = 0x0310000f;
    private static final int FENCE_RW_RW = 0x0330000f;
    private static final int FENCE_TSO = 0x8330000f;
    private static final int DMB_ISH = 0xd5033bbf;
    /** {@code sdiv x10, x10, x10}. */
    private static final int SDIV_X10 = 0x9aca0d4a;

    /** {@code stlr xt, [xn]}. */
    private static int stlr(int rt, int rn) {
        return 0xc89ffc00 | rn << 5 | rt;
    }

    /** {@code sw rs2, imm(rs1)} (S-type). */
    private static int sw(int rs2, int rs1, int imm) {
        return (imm >> 5 & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | 2 << 12 | (imm & 0x1f) << 7 | 0x23;
    }

    /** {@code lw rd, imm(rs1)} (I-type). */
    private static int lw(int rd, int rs1, int imm) {
        return (imm & 0xfff) << 20 | rs1 << 15 | 2 << 12 | rd << 7 | 0x03;
    }

    @Test
    void memoryEncodingsDecodeAsIntended() {
        assertEquals("fence\trw,w", dev.ftracelab.isa.riscv.RvDisassembler.format(0, RvDecoder.decode(0, FENCE_RW_W)));
        assertEquals("fence\trw,rw", dev.ftracelab.isa.riscv.RvDisassembler.format(0, RvDecoder.decode(0, FENCE_RW_RW)));
        assertEquals("fence.tso", dev.ftracelab.isa.riscv.RvDisassembler.format(0, RvDecoder.decode(0, FENCE_TSO)));
        assertEquals("sw", RvDecoder.decode(0, sw(5, 4, 0)).mnemonic());
        assertEquals("lw", RvDecoder.decode(0, lw(6, 4, 4)).mnemonic());
        assertEquals("stlr\tx1, [x0]", A64Disassembler.format(0, A64Decoder.decode(0, stlr(1, 0))));
        assertEquals("dmb\tish", A64Disassembler.format(0, A64Decoder.decode(0, DMB_ISH)));
        assertEquals("sdiv\tx10, x10, x10", A64Disassembler.format(0, A64Decoder.decode(0, SDIV_X10)));
    }

    // ---- helpers ----

    /** Feeds a model one retired instruction at a time (no hart: the model does not use it). */
    private static final class Run {
        final CostModel cm;
        private final Map<Long, Instruction> decoded = new HashMap<>();
        /** Decode the words as A64 (the model itself does not look at the profile's arch). */
        private final boolean a64;

        Run(Profile p) {
            this(p, false);
        }

        Run(Profile p, boolean a64) {
            cm = new CostModel(p);
            this.a64 = a64;
        }

        void retire(long pc, int word) {
            retire(pc, word, -1, false);
        }

        void retire(long pc, int word, long mem, boolean taken) {
            Instruction insn = a64 ? A64Decoder.decode(pc, word) : RvDecoder.decode(pc, word);
            cm.retired(null, pc, insn, mem, taken);
        }

        /** Runs {@code stream} once to warm the I-cache, then again, and returns the second run's cost. */
        Cost measureAfterWarmup(Runnable stream) {
            stream.run();
            Cost before = cm.snapshot();
            stream.run();
            return cm.snapshot().minus(before);
        }
    }

    /** {@code n} addi with no source register, at CODE, CODE+4, ... */
    private static void independentAlu(Run r, int n) {
        for (int i = 0; i < n; i++) {
            r.retire(CODE + 4 * i, r.a64 ? A64Encoder.movz(5 + i % 20, i, 0) : RvEncoder.addi(5 + i % 20, 0, i));
        }
    }

    private static Profile inOrder(int width) {
        return inOrder(width, LAT, BR, PRED);
    }

    private static Profile inOrder(int width, Profile.Latencies lat, Profile.Branch br, Profile.Predictor pred) {
        return new Profile("test", "test core", Arch.RISCV64, 1.0, width, false, 0, lat, br, pred, L1I, L1D, L2, MEMORY,
                SB, Map.of());
    }

    private static Profile outOfOrder(int width, int rob) {
        return new Profile("test-ooo", "test core", Arch.RISCV64, 1.0, width, true, rob, LAT, BR, PRED, L1I, L1D, L2,
                MEMORY, SB, Map.of());
    }

    /** {@link #inOrder(int)} as a profile file. */
    private static String yaml(int width) {
        StringBuilder y = new StringBuilder("name: tiny\ndescription: a test core\narch: riscv64\n");
        y.append("core:\n").append(p("clock_ghz", 1.0)).append(p("issue_width", width)).append(p("out_of_order", false))
                .append(p("rob_entries", 0));
        y.append("latency:\n").append(p("alu", LAT.alu())).append(p("mul", LAT.mul())).append(p("div", LAT.div()))
                .append(p("load_to_use", LAT.loadToUse())).append(p("store", LAT.store()));
        y.append("branch:\n").append(p("taken_bubble", BR.takenBubble())).append(p("direct_jump", BR.directJump()))
                .append(p("indirect_jump", BR.indirectJump())).append(p("mispredict_penalty", BR.mispredictPenalty()));
        y.append("predictor:\n").append(p("bht_entries", PRED.bhtEntries())).append(p("btb_entries", PRED.btbEntries()))
                .append(p("ras_entries", PRED.rasEntries())).append(p("history_bits", PRED.historyBits()));
        for (var c : Map.of("l1i", L1I, "l1d", L1D, "l2", L2).entrySet()) {
            y.append(c.getKey()).append(":\n").append(p("size_kib", c.getValue().sizeKib()))
                    .append(p("ways", c.getValue().ways())).append(p("line_bytes", c.getValue().lineBytes()))
                    .append(p("hit_latency", c.getValue().hitLatency()));
        }
        y.append("memory_latency: {value: ").append(MEMORY).append(", estimate: \"test\"}\n");
        y.append("store_buffer:\n").append(p("forward_latency", SB.forwardLatency()))
                .append(p("visibility_latency", SB.visibilityLatency()));
        return y.toString();
    }

    private static String p(String key, Object value) {
        return "  " + key + ": {value: " + value + ", source: \"test\"}\n";
    }

    // encodings RvEncoder does not have

    /** {@code beq rs1,rs2,off} (B-type). */
    private static int beq(int rs1, int rs2, int off) {
        return bType(0, rs1, rs2, off);
    }

    private static int bne(int rs1, int rs2, int off) {
        return bType(1, rs1, rs2, off);
    }

    private static int bType(int funct3, int rs1, int rs2, int off) {
        return (off >>> 12 & 1) << 31 | (off >>> 5 & 0x3f) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12
                | (off >>> 1 & 0xf) << 8 | (off >>> 11 & 1) << 7 | 0x63;
    }

    /** {@code mul rd,rs1,rs2} (M extension). */
    private static int mul(int rd, int rs1, int rs2) {
        return 1 << 25 | rs2 << 20 | rs1 << 15 | rd << 7 | 0x33;
    }

    /** {@code div rd,rs1,rs2}. */
    private static int div(int rd, int rs1, int rs2) {
        return 1 << 25 | rs2 << 20 | rs1 << 15 | 4 << 12 | rd << 7 | 0x33;
    }

    @Test
    void encodingsDecodeAsIntended() {
        assertEquals("beq", RvDecoder.decode(0, beq(0, 0, 8)).mnemonic());
        assertEquals(InsnClass.BRANCH, RvDecoder.decode(0, bne(5, 0, -4)).insnClass());
        assertEquals(-4, RvDecoder.decode(0x104, bne(5, 0, -4)).target(0x104) - 0x104);
        assertEquals("mul", RvDecoder.decode(0, mul(5, 5, 5)).mnemonic());
        assertEquals("div", RvDecoder.decode(0, div(5, 5, 5)).mnemonic());
        assertEquals(InsnClass.MUL_DIV, RvDecoder.decode(0, div(5, 5, 5)).insnClass());
        assertEquals(InsnClass.DIRECT_CALL, RvDecoder.decode(0, RvEncoder.jal(RvEncoder.RA, 0, 0x100)).insnClass());
        assertEquals(InsnClass.RETURN, RvDecoder.decode(0, RvEncoder.ret()).insnClass());
        assertEquals(InsnClass.INDIRECT_JUMP, RvDecoder.decode(0, RvEncoder.jr(6)).insnClass());
        assertEquals(InsnClass.LOAD, RvDecoder.decode(0, RvEncoder.ld(5, 5, 0)).insnClass());
    }
}
