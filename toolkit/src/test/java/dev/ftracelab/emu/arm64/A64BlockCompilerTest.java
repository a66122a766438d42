package dev.ftracelab.emu.arm64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.emu.Access;
import dev.ftracelab.emu.CompiledBlock;
import dev.ftracelab.emu.Counter;
import dev.ftracelab.emu.GuestCorpus;
import dev.ftracelab.emu.LinuxUser;
import dev.ftracelab.emu.Machine;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.emu.Trap;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.Instruction;
import dev.ftracelab.isa.arm64.A64Decoder;
import dev.ftracelab.isa.arm64.A64Encoder;
import dev.ftracelab.isa.arm64.A64Insn;
import dev.ftracelab.isa.arm64.A64Op;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * {@link A64BlockCompiler}: a hart that compiles hot blocks behaves exactly like one that only
 * interprets — output, registers, flags, memory, traps and every counter — including faults in
 * the middle of a compiled block and budgets that end inside one.
 */
class A64BlockCompilerTest {
    private static final long TEXT = 0x10000;
    private static final long DATA = 0x20000;
    /** Iterations of a test loop: enough for its blocks to be compiled and then run compiled. */
    private static final int THRESHOLD = 20;
    private static final int ITERATIONS = 5 * THRESHOLD;

    /** Two one-hart machines with the same code and state; only the first compiles. */
    private static final class Pair {
        final Machine[] machines = new Machine[2];
        final A64Hart compiled;
        final A64Hart interpreted;

        Pair(List<Integer> code) {
            for (int j = 0; j < 2; j++) {
                Machine m = new Machine(Arch.ARM64, 1, A64Hart::new);
                m.memory().map(TEXT, 0x1000, Memory.R | Memory.X);
                m.memory().map(DATA - 0x8000, 0x18000, Memory.R | Memory.W);
                for (int k = 0; k < code.size(); k++) {
                    m.memory().writeValue(TEXT + 4L * k, code.get(k), 4);
                }
                m.hart(0).setPc(TEXT);
                machines[j] = m;
            }
            compiled = (A64Hart) machines[0].hart(0);
            interpreted = (A64Hart) machines[1].hart(0);
            compiled.setCompileThreshold(THRESHOLD);
            interpreted.setCompileThreshold(Integer.MAX_VALUE);
        }

        void setReg(int i, long v) {
            compiled.setReg(i, v);
            interpreted.setReg(i, v);
        }

        void setFlags(int nzcv) {
            compiled.setFlags(nzcv);
            interpreted.setFlags(nzcv);
        }

        /** Runs both for {@code n} instructions and checks that they agree; returns the trap. */
        Trap run(long n, String what) {
            Trap a = compiled.run(n);
            Trap b = interpreted.run(n);
            assertEquals(String.valueOf(b), String.valueOf(a), what + ": trap");
            assertEquals(interpreted.pc(), compiled.pc(), what + ": pc");
            assertArrayEquals(interpreted.registers(), compiled.registers(), what + ": registers");
            assertEquals(interpreted.flags(), compiled.flags(), what + ": flags");
            assertArrayEquals(interpreted.counters(), compiled.counters(), what + ": counters");
            assertArrayEquals(machines[1].memory().read(DATA - 0x8000, 0x18000),
                    machines[0].memory().read(DATA - 0x8000, 0x18000), what + ": memory");
            return a;
        }
    }

    @Test
    void corpusProgramsRunTheSameCompiledAndInterpreted() {
        for (String name : GuestCorpus.names(Arch.ARM64)) {
            for (String variant : new String[] {name, name + ".pfe"}) {
                Run on = runCorpus(variant, true);
                Run off = runCorpus(variant, false);
                assertEquals(off.stdout, on.stdout, variant + ": stdout");
                assertEquals(off.result.exitStatus(), on.result.exitStatus(), variant + ": exit status");
                assertEquals(String.valueOf(off.result.trap()), String.valueOf(on.result.trap()), variant + ": trap");
                assertEquals(off.result.instructions(), on.result.instructions(), variant + ": instructions");
                assertArrayEquals(off.result.counters(), on.result.counters(), variant + ": counters");
                assertTrue(on.result.instructions() > 100, variant + " really ran");
            }
        }
    }

    /**
     * The ISA-extension builds (Advanced SIMD and FP at -O0/-O2/-O3/-Os): SIMD instructions in
     * compiled blocks go through the same {@code A64Simd.execute} as the interpreter's, so
     * output, exit status, instruction count and counters agree; the CPU-heavy kernels
     * (ext/heavy.c: rotates, blocks that loop in place) are among them.
     */
    @Test
    void extensionBuildsRunTheSameCompiledAndInterpreted() {
        List<String> builds = GuestCorpus.extensionBuilds(Arch.ARM64);
        assertTrue(builds.contains("simd.v8a.O3"), "the SIMD program is built");
        assertTrue(builds.contains("heavy.v8a.O2"), "the CPU-heavy kernels (rotates, loops in place) are built");
        for (String build : builds) {
            Run on = runCorpus(build, true);
            Run off = runCorpus(build, false);
            assertEquals(off.stdout, on.stdout, build + ": stdout");
            assertEquals(off.result.exitStatus(), on.result.exitStatus(), build + ": exit status");
            assertEquals(String.valueOf(off.result.trap()), String.valueOf(on.result.trap()), build + ": trap");
            assertEquals(off.result.instructions(), on.result.instructions(), build + ": instructions");
            assertArrayEquals(off.result.counters(), on.result.counters(), build + ": counters");
            assertTrue(on.result.instructions() > 100, build + " really ran");
        }
    }

    private record Run(LinuxUser.Result result, String stdout) {
    }

    private static Run runCorpus(String name, boolean compiling) {
        Machine m = LinuxUser.load(GuestCorpus.load(Arch.ARM64, name));
        m.hart(0).setCompileThreshold(compiling ? THRESHOLD : Integer.MAX_VALUE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LinuxUser.Result r = LinuxUser.run(m, out, out, LinuxUser.DEFAULT_LIMIT);
        return new Run(r, out.toString(StandardCharsets.UTF_8));
    }

    /**
     * Loops of random data-processing instructions and loads/stores (base registers aimed at a
     * buffer just before each access), closed by a random conditional branch: after the blocks
     * are compiled, registers, flags, memory and counters match the interpreter's.
     */
    @Test
    void randomBlocksAgreeWithTheInterpreter() {
        Random random = new Random(0xb10c);
        for (int loop = 0; loop < 40; loop++) {
            List<Integer> code = new ArrayList<>();
            while (code.size() < 60) {
                if (random.nextInt(3) > 0) {
                    int w = A64DifferentialTest.randomDataProcessing(random);
                    if (w != 0 && A64BlockCompiler.supported(A64Decoder.decode(0, w), false)) {
                        code.add(w);
                    }
                    continue;
                }
                int w = random.nextInt();
                A64Insn i = A64DifferentialTest.memoryAccess(w);
                if (i == null || !A64BlockCompiler.supported(i, false)) {
                    continue;
                }
                code.add(A64Encoder.movz(i.rn(), (int) (DATA >>> 16), 16));
                if ((i.op() == A64Op.LDR_REG || i.op() == A64Op.STR_REG) && i.rm() != A64Insn.ZR) {
                    code.add(A64Encoder.movz(i.rm(), random.nextInt(256), 0));
                }
                code.add(w);
            }
            long branchPc = TEXT + 4L * code.size();
            code.add(switch (random.nextInt(3)) {
                case 0 -> A64Encoder.bCond(random.nextInt(16), branchPc, TEXT);
                case 1 -> A64Encoder.cbz(random.nextBoolean(), random.nextBoolean(), random.nextInt(27), branchPc,
                        TEXT);
                default -> A64Encoder.tbz(random.nextBoolean(), random.nextInt(27), random.nextInt(64), branchPc,
                        TEXT);
            });
            code.add(A64Encoder.b(branchPc + 4, TEXT));
            assertCompilable(code);

            Pair p = new Pair(code);
            for (int r = 0; r < 31; r++) {
                p.setReg(r, random.nextLong());
            }
            p.setFlags(random.nextInt(16));
            assertNull(p.run((long) code.size() * ITERATIONS, "loop " + loop));
        }
    }

    /**
     * Superblocks: loops of random data-processing instructions (also ones the compiler leaves to
     * the interpreter), loads/stores and forward conditional branches of every kind, both widths
     * and all conditions, which blocks go on past and leave by when taken; run with random
     * budgets, so budgets end inside blocks and between side exits.
     */
    @Test
    void randomSuperblocksAgreeWithTheInterpreter() {
        Random random = new Random(0x5b10c);
        for (int loop = 0; loop < 40; loop++) {
            List<Integer> code = new ArrayList<>();
            List<Integer> branches = new ArrayList<>(); // their places, filled in once the code is complete
            List<Integer> setUp = new ArrayList<>(); // accesses and index moves: no branch may skip their set-up
            while (code.size() < 60) {
                int kind = random.nextInt(6);
                if (kind == 0) {
                    branches.add(code.size());
                    code.add(0);
                } else if (kind == 1) {
                    A64Insn i = A64DifferentialTest.memoryAccess(random.nextInt());
                    if (i != null && A64BlockCompiler.supported(i, false)) {
                        code.add(A64Encoder.movz(i.rn(), (int) (DATA >>> 16), 16));
                        if ((i.op() == A64Op.LDR_REG || i.op() == A64Op.STR_REG) && i.rm() != A64Insn.ZR) {
                            setUp.add(code.size());
                            code.add(A64Encoder.movz(i.rm(), random.nextInt(256), 0));
                        }
                        setUp.add(code.size());
                        code.add(i.word());
                    }
                } else {
                    int w = A64DifferentialTest.randomDataProcessing(random);
                    if (w != 0) {
                        code.add(w);
                    }
                }
            }
            long branchPc = TEXT + 4L * code.size();
            for (int k : branches) {
                int target = Math.min(k + 1 + random.nextInt(6), code.size());
                while (setUp.contains(target)) {
                    target++;
                }
                long pc = TEXT + 4L * k;
                long to = TEXT + 4L * target;
                code.set(k, switch (random.nextInt(3)) {
                    case 0 -> A64Encoder.bCond(random.nextInt(16), pc, to);
                    case 1 -> A64Encoder.cbz(random.nextBoolean(), random.nextBoolean(), random.nextInt(27), pc, to);
                    default -> A64Encoder.tbz(random.nextBoolean(), random.nextInt(27), random.nextInt(64), pc, to);
                });
            }
            code.add(A64Encoder.bCond(random.nextInt(16), branchPc, TEXT));
            code.add(A64Encoder.b(branchPc + 4, TEXT));

            Pair p = new Pair(code);
            for (int r = 0; r < 31; r++) {
                p.setReg(r, random.nextLong());
            }
            p.setFlags(random.nextInt(16));
            for (long done = 0; done < (long) code.size() * ITERATIONS; ) {
                int n = 1 + random.nextInt(3 * code.size());
                assertNull(p.run(n, "loop " + loop + " at " + done));
                done += n;
            }
            assertTrue(p.compiled.compiledBlocks() > 0, "loop " + loop + " compiled");
        }
    }

    /** Every block of {@code code} (split at control transfers) compiles. */
    private static void assertCompilable(List<Integer> code) {
        List<Instruction> block = new ArrayList<>();
        List<Long> pcs = new ArrayList<>();
        for (int k = 0; k < code.size(); k++) {
            A64Insn i = A64Decoder.decode(TEXT + 4L * k, code.get(k));
            block.add(i);
            pcs.add(TEXT + 4L * k);
            if (i.op() >= A64Op.B && i.op() <= A64Op.RET) {
                CompiledBlock c = A64BlockCompiler.compile(block.toArray(Instruction[]::new),
                        pcs.stream().mapToLong(Long::longValue).toArray());
                assertNotSame(CompiledBlock.NOT_COMPILABLE, c, "block at " + Long.toHexString(pcs.get(0)));
                block.clear();
                pcs.clear();
            }
        }
    }

    /** A loop: x1++, x2++, an access through x4, x5++, back. */
    private static List<Integer> accessLoop(IntFunction<Integer> access) {
        return List.of(A64Encoder.addImm(true, 1, 1, 1), A64Encoder.addImm(true, 2, 2, 1), access.apply(4),
                A64Encoder.addImm(true, 5, 5, 1), A64Encoder.b(TEXT + 16, TEXT));
    }

    @Test
    void faultInACompiledBlockStopsOnTheFaultingInstruction() {
        // ldr x3, [x4]; and str x3, [x4], #16 (post-index: no writeback when the store faults)
        for (int access : new int[] {A64Encoder.ldr(3, 4, 0), 0xf8010483}) {
            Pair p = new Pair(accessLoop(rn -> access));
            p.setReg(4, DATA);
            assertNull(p.run(5L * ITERATIONS, "warm-up"));
            long before = p.compiled.count(Counter.ALU);
            p.setReg(4, 0x7000_0000L);
            Trap t = p.run(100, "fault");
            Trap.AccessFault f = assertInstanceOf(Trap.AccessFault.class, t);
            assertEquals(TEXT + 8, f.pc(), "stopped on the access");
            assertTrue(f.access() == Access.READ || f.access() == Access.WRITE);
            assertEquals(ITERATIONS + 1, p.compiled.reg(1), "instructions before the access retired");
            assertEquals(ITERATIONS, p.compiled.reg(5), "instructions after it did not");
            assertEquals(0x7000_0000L, p.compiled.reg(4), "no writeback");
            assertEquals(before + 2, p.compiled.count(Counter.ALU), "the two adds counted");
        }
    }

    /**
     * A block that jumps back to its own start loops inside its compiled code: a walk through
     * memory that faults after many passes of one call leaves the interpreter's exact state, and
     * so does every budget that ends in the middle of a pass.
     */
    @Test
    void aBlockLoopingInPlaceFaultsAndStopsExactly() {
        // top: ldr x3, [x4]; add x4, x4, #8; add x1, x1, #1; b top  (x4 walks off the data's end)
        List<Integer> walk = List.of(A64Encoder.ldr(3, 4, 0), A64Encoder.addImm(true, 4, 4, 8),
                A64Encoder.addImm(true, 1, 1, 1), A64Encoder.b(TEXT + 12, TEXT));
        Pair p = new Pair(walk);
        p.setReg(4, DATA);
        Trap t = p.run(1_000_000, "walk");
        assertEquals(TEXT, assertInstanceOf(Trap.AccessFault.class, t).pc(), "stopped on the load");
        assertEquals(0x10000 / 8, p.compiled.reg(1), "one pass per doubleword of data");
        assertTrue(p.compiled.compiledBlocks() > 0, "the loop was compiled");

        Pair q = new Pair(walk);
        q.setReg(4, DATA);
        for (int n : new int[] {100, 1, 3, 7, 1000, 2, 5, 4, 4, 13, 400}) {
            assertNull(q.run(n, "budget " + n));
        }
    }

    /** Values at the edges of signed and unsigned, 32- and 64-bit compares. */
    private static final long[] EDGES = {0, 1, -1, 2, 0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL, 0x1_0000_0000L,
            Long.MIN_VALUE, Long.MAX_VALUE, 0x8000_0000_0000_0001L};

    /**
     * A CMP or TST (register, immediate, shifted and extended forms; 32- and 64-bit) followed by a
     * CSEL and a B.cond on every condition, over every pair of edge values: compiled code, which
     * compares the operands directly, leaves the same registers, flags, counters and per-iteration
     * results as the interpreter's flags.
     */
    @Test
    void compareAndBranchAgreeForEveryConditionAndEdgeValue() {
        int[][] compares = { // x5 against x6, with the 32-bit form's sf bit clear
            {0xeb0600bf}, // cmp x5, x6
            {0xf10000bf}, // cmp x5, #0
            {0xf10004bf}, // cmp x5, #1
            {0xeb4604bf}, // cmp x5, x6, lsr #1
            {0xeb26c0bf}, // cmp x5, w6, sxtw
            {0xea0600bf}, // tst x5, x6
            {0xb10004bf}, // cmn x5, #1 (flags read, not compared)
        };
        long table = DATA;
        long results = DATA + 0x8000;
        for (int[] compare : compares) {
            for (int sf : new int[] {1 << 31, 0}) {
                for (int cond = 0; cond < 16; cond++) {
                    int cmp = compare[0] & ~(1 << 31) | sf;
                    Pair p = new Pair(List.of(
                            A64Encoder.ldp(5, 6, 10, 16, A64Encoder.POST),
                            cmp,
                            0x9a890107 | cond << 12 & 0xf000, // csel x7, x8, x9, cond
                            A64Encoder.bCond(cond, TEXT + 12, TEXT + 20),
                            A64Encoder.addImm(true, 7, 7, 16), // marks the branch not taken
                            0xf8008567, // str x7, [x11], #8
                            A64Encoder.b(TEXT + 24, TEXT)));
                    int n = 0;
                    for (int round = 0; round < 2; round++) { // once to warm up, once compiled
                        for (long a : EDGES) {
                            for (long b : EDGES) {
                                for (Machine m : p.machines) {
                                    m.memory().writeValue(table + 16L * n, a, 8);
                                    m.memory().writeValue(table + 16L * n + 8, b, 8);
                                }
                                n++;
                            }
                        }
                    }
                    p.setReg(8, 1);
                    p.setReg(9, 2);
                    p.setReg(10, table);
                    p.setReg(11, results);
                    String what = String.format("%08x, condition %d", cmp, cond);
                    assertNull(p.run(7L * n, what)); // every pair, then zeros; the results in memory are per pair
                    assertTrue(p.compiled.compiledBlocks() > 0, what + " compiled");
                }
            }
        }
    }

    /**
     * A compare whose NZCV the compiled code defers: at the end of a pass of a block that loops in
     * place, read at the top of the next pass by conditions that are not a direct compare of its
     * operands (MI, VS: through the flags), left pending when a load faults and when a budget
     * ends inside the loop, and by the next block through the flags alone.
     */
    @Test
    void deferredFlagsAreExactAcrossPassesFaultsAndBudgets() {
        List<Integer> loop = List.of(
                0x9a874507, // top: csinc x7, x8, x7, mi   (N of the previous pass's cmp)
                0x9a8960e9, // csel x9, x7, x9, vs          (V of it)
                A64Encoder.ldr(3, 4, 0), // faults when x4 leaves the data
                A64Encoder.addImm(true, 4, 4, 8),
                0xeb0a007f, // cmp x3, x10
                A64Encoder.b(TEXT + 20, TEXT));
        for (int budget : new int[] {0, 5, 6, 7, 13, 100, 997}) { // 0: run to the fault
            Pair p = new Pair(loop);
            for (Machine m : p.machines) {
                for (int k = 0; k < 0x10000 / 8; k++) { // values on both sides of x10, and overflowing ones
                    m.memory().writeValue(DATA + 8L * k, k % 3 == 0 ? Long.MIN_VALUE + k : (long) k * 0x9e3779b97f4a7c15L, 8);
                }
            }
            p.setReg(4, DATA);
            p.setReg(10, 0x4000_0000_0000_0000L);
            p.setFlags(0b1001);
            if (budget == 0) {
                Trap t = p.run(1_000_000, "to the fault");
                assertEquals(TEXT + 8, assertInstanceOf(Trap.AccessFault.class, t).pc(), "stopped on the load");
            } else {
                for (int step = 0; step < 40_000 / budget; step++) { // the data lasts 49,152 instructions
                    assertNull(p.run(budget, "budget " + budget + ", step " + step));
                }
            }
            assertTrue(p.compiled.compiledBlocks() > 0, "compiled");
        }
    }

    /**
     * The crypto extensions are listed, not executed: after a loop gets compiled, SHA1C and AESE
     * are an illegal-instruction trap (SIGILL to a program), interpreted and compiled alike, with
     * the instructions before them retired (LoadRunFuzzTest found SHA1C ending a run with an
     * IllegalStateException).
     */
    @Test
    void cryptoInstructionsAreIllegalInstructionTraps() {
        for (int crypto : new int[] {0x5e020020, 0x4e284820}) { // sha1c q0, s1, v2.4s; aese v0.16b, v1.16b
            // top: add x1, x1, #1; cbnz x2 after (x2 = 0 until the loop is hot); b top; after: crypto
            Pair p = new Pair(List.of(A64Encoder.addImm(true, 1, 1, 1), A64Encoder.cbz(true, true, 2, TEXT + 4, TEXT + 12),
                    A64Encoder.b(TEXT + 8, TEXT), crypto));
            assertNull(p.run(3L * ITERATIONS, "warm-up"));
            assertTrue(p.compiled.compiledBlocks() > 0, "compiled");
            p.setReg(2, 1);
            Trap.IllegalInstruction t = assertInstanceOf(Trap.IllegalInstruction.class, p.run(100, "crypto"));
            assertEquals(TEXT + 12, t.pc());
            assertEquals(crypto, t.word());
        }
    }

    /** HVC and SMC are undefined at EL0: an illegal-instruction trap, where SVC is a system call. */
    @Test
    void hypervisorAndSecureMonitorCallsTrapAtEl0() {
        for (int call : new int[] {0xd4000002, 0xd4000003}) { // hvc #0, smc #0
            Pair p = new Pair(List.of(A64Encoder.addImm(true, 1, 1, 1), call));
            Trap.IllegalInstruction t = assertInstanceOf(Trap.IllegalInstruction.class, p.run(10, "call"));
            assertEquals(TEXT + 4, t.pc());
        }
        Pair svc = new Pair(List.of(A64Encoder.addImm(true, 1, 1, 1), 0xd4000001));
        assertInstanceOf(Trap.EnvironmentCall.class, svc.run(10, "svc"));
    }

    @Test
    void faultAfterAConditionalBranchCountsItNotTaken() {
        // add x1; cbz x9, TEXT (not taken: the block goes on); ldr x3, [x4]; add x5; b TEXT
        Pair p = new Pair(List.of(A64Encoder.addImm(true, 1, 1, 1), A64Encoder.cbz(true, false, 9, TEXT + 4, TEXT),
                A64Encoder.ldr(3, 4, 0), A64Encoder.addImm(true, 5, 5, 1), A64Encoder.b(TEXT + 16, TEXT)));
        p.setReg(9, 1);
        p.setReg(4, DATA);
        assertNull(p.run(5L * ITERATIONS, "warm-up"));
        assertTrue(p.compiled.compiledBlocks() > 0, "compiled");
        p.setReg(4, 0x7000_0000L);
        Trap.AccessFault f = assertInstanceOf(Trap.AccessFault.class, p.run(100, "fault"));
        assertEquals(TEXT + 8, f.pc(), "stopped on the access");
        p.setReg(9, 0);
        p.setReg(4, DATA);
        assertNull(p.run(5L * ITERATIONS, "side exit taken every time"));
    }

    @Test
    void conditionalBranchToTheNextInstructionCountsTakenAndNotTaken() {
        // eor x3, x3, #1; cbnz x3, .+4; b TEXT: taken every other iteration, same address either way
        Pair p = new Pair(List.of(0xd2400063, A64Encoder.cbz(true, true, 3, TEXT + 4, TEXT + 8),
                A64Encoder.b(TEXT + 8, TEXT)));
        assertNull(p.run(3L * ITERATIONS, "loop"));
        assertEquals(ITERATIONS / 2, p.compiled.count(Counter.BRANCH_TAKEN));
        assertEquals(ITERATIONS / 2, p.compiled.count(Counter.BRANCH_NOT_TAKEN));
    }

    @Test
    void budgetsEndingInsideACompiledBlockAreExact() {
        Pair p = new Pair(accessLoop(rn -> A64Encoder.str(1, rn, 8)));
        p.setReg(4, DATA);
        assertNull(p.run(5L * ITERATIONS, "warm-up"));
        for (int n : new int[] {1, 2, 3, 4, 5, 6, 7, 11, 13, 4, 1, 9, 100, 3}) {
            assertNull(p.run(n, "budget " + n));
        }
    }
}
