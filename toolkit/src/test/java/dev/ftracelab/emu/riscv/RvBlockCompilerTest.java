package dev.ftracelab.emu.riscv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.emu.Counter;
import dev.ftracelab.emu.GuestCorpus;
import dev.ftracelab.emu.LinuxUser;
import dev.ftracelab.emu.Machine;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.emu.Trap;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.riscv.RvEncoder;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Compiled blocks behave exactly like interpretation: same output, registers, traps and counters. */
class RvBlockCompilerTest {

    record Outcome(String stdout, int status, long[] counters, long compiled) {
    }

    private static Outcome run(String program, boolean compile) {
        Machine m = LinuxUser.load(GuestCorpus.load(Arch.RISCV64, program));
        RvHart h = (RvHart) m.hart(0);
        h.setCompileThreshold(compile ? 20 : Integer.MAX_VALUE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LinuxUser.Result r = LinuxUser.run(m, out, out, LinuxUser.DEFAULT_LIMIT);
        return new Outcome(out.toString(), r.exitStatus(), r.counters(), h.compiledBlocks());
    }

    /**
     * Runs {@code program} interpreted and compiled: stdout, exit status and every counter must
     * agree, and the interpreting run must compile nothing. Returns the compiled run.
     */
    private static Outcome assertSameCompiled(String program) {
        Outcome interpreted = run(program, false);
        Outcome compiled = run(program, true);
        assertEquals(interpreted.stdout(), compiled.stdout());
        assertEquals(interpreted.status(), compiled.status());
        assertArrayEquals(interpreted.counters(), compiled.counters(), "every counter");
        assertEquals(0, interpreted.compiled());
        return compiled;
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusProgramRunsTheSameCompiled() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : GuestCorpus.names(Arch.RISCV64)) {
            for (String variant : List.of(name, name + ".pfe")) {
                tests.add(DynamicTest.dynamicTest(variant, () -> assertSameCompiled(variant)));
            }
        }
        for (String build : GuestCorpus.extensionBuilds(Arch.RISCV64)) { // F, D, Zba/Zbb/Zbs
            tests.add(DynamicTest.dynamicTest(build,
                    () -> assertTrue(assertSameCompiled(build).compiled() > 0, "some blocks compiled")));
        }
        return tests.stream();
    }

    /** The CPU-heavy kernels (ext/heavy.c at every -O level): loops that run in place, compiled. */
    @TestFactory
    Stream<DynamicTest> theHeavyKernelsRunTheSameCompiled() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String build : GuestCorpus.extensionBuilds(Arch.RISCV64)) {
            if (!build.startsWith("heavy.")) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(build, () -> {
                Outcome compiled = assertSameCompiled(build);
                assertEquals(0, compiled.status(), "self-checks pass");
                assertTrue(compiled.compiled() > 10, "compiled");
            }));
        }
        assertTrue(tests.size() >= 4, "heavy is built at four levels");
        return tests.stream();
    }

    @Test
    void hotCodeIsActuallyCompiled() {
        assertTrue(run("bench", true).compiled() > 10);
    }

    /** opcode OP-FP: funct7 rs2 rs1 rm rd. */
    private static int opFp(int funct7, int rs2, int rs1, int rm, int rd) {
        return funct7 << 25 | rs2 << 20 | rs1 << 15 | rm << 12 | rd << 7 | 0x53;
    }

    /**
     * Loops walking a0 over a page, loading each doubleword: the load (the second instruction)
     * faults when a0 leaves the page. {@link #INTEGER} counts and sums; {@link #FP} mixes integer
     * and FP ops on the same x registers: x12 is written by an add just before fcvt.d.l reads
     * it, x13 by fcvt.l.d just before an add reads it, so the compiled block must hand its
     * locals to the FP semantics and take the result back. {@code step}: the budget of each run
     * in the budget test, so that runs end inside the block.
     */
    enum Walker {
        INTEGER(7, new int[] {
            RvEncoder.addi(11, 11, 1),      // count
            RvEncoder.ld(12, 10, 0),        // load (faults past the page)
            RvEncoder.add(13, 13, 12),
            RvEncoder.addi(10, 10, 8),
            RvEncoder.jal(0, TEXT + 16, TEXT),
        }, new long[] {7}),
        FP(11, new int[] {
            RvEncoder.addi(11, 11, 1),
            RvEncoder.ld(12, 10, 0),
            RvEncoder.add(12, 12, 11),
            opFp(0x69, 2, 12, 7, 1),        // fcvt.d.l f1, x12
            opFp(0x01, 1, 2, 7, 2),         // fadd.d f2, f2, f1
            opFp(0x61, 2, 2, 1, 13),        // fcvt.l.d x13, f2, rtz
            RvEncoder.add(14, 14, 13),
            RvEncoder.addi(10, 10, 8),
            RvEncoder.jal(0, TEXT + 32, TEXT),
        }, fpWalkerData());

        final int step;
        private final int[] code;
        private final long[] data;

        Walker(int step, int[] code, long[] data) {
            this.step = step;
            this.code = code;
            this.data = data;
        }

        /** A fresh machine at the loop's start, compiling hot blocks or only interpreting. */
        RvHart hart(boolean compile) {
            return loaded(code, data, compile);
        }
    }

    private static final long TEXT = 0x10000;
    private static final long DATA = 0x20000;

    private static long[] fpWalkerData() {
        long[] d = new long[512];
        for (int i = 0; i < d.length; i++) {
            d[i] = 3L * i + 1;
        }
        return d;
    }

    @ParameterizedTest
    @EnumSource(Walker.class)
    void aFaultInsideACompiledLoopingBlockLeavesExactState(Walker walker) {
        RvHart interpreted = walker.hart(false);
        RvHart compiled = walker.hart(true);
        Trap a = interpreted.run(1_000_000);
        Trap b = compiled.run(1_000_000);
        assertTrue(compiled.compiledBlocks() > 0, "the loop was compiled before the fault");
        Trap.AccessFault fa = assertInstanceOf(Trap.AccessFault.class, a);
        assertEquals(fa, b);
        assertEquals(TEXT + 4, b.pc(), "pc on the faulting load");
        assertArrayEquals(interpreted.registers(), compiled.registers());
        assertArrayEquals(interpreted.fpu().f, compiled.fpu().f);
        assertArrayEquals(interpreted.counters(), compiled.counters());
    }

    @ParameterizedTest
    @EnumSource(Walker.class)
    void budgetsThatEndInsideALoopingBlockStayExact(Walker walker) {
        RvHart x = walker.hart(false);
        RvHart y = walker.hart(true);
        for (int step = 0; step < 300; step++) {
            assertEquals(x.run(walker.step), y.run(walker.step));
            assertEquals(x.pc(), y.pc(), "step " + step);
            assertArrayEquals(x.registers(), y.registers());
            assertArrayEquals(x.fpu().f, y.fpu().f);
            assertEquals(x.retired(), y.retired());
            assertEquals(x.count(Counter.LOAD), y.count(Counter.LOAD));
        }
        assertTrue(y.compiledBlocks() > 0);
    }

    /** The FP walker's compiled results are the hand-computed ones, not just the interpreter's. */
    @Test
    void fpOpsInALoopingBlockSeeAndSetTheRegisterLocals() {
        RvHart h = Walker.FP.hart(true);
        assertInstanceOf(Trap.AccessFault.class, h.run(1_000_000));
        assertTrue(h.compiledBlocks() > 0, "the loop was compiled");
        // sum over i < 512 of (3i + 1) + (i + 1), each term added to f2 and the running f2 to x14
        long f2 = 0;
        long x14 = 0;
        for (int i = 0; i < 512; i++) {
            f2 += 3L * i + 1 + i + 1;
            x14 += f2;
        }
        assertEquals(f2, h.registers()[13]);
        assertEquals(x14, h.registers()[14]);
    }
    /** B-type branch: funct3 0 beq, 1 bne, 4 blt; {@code off} from the branch. */
    private static int branch(int funct3, int rs1, int rs2, int off) {
        return (off >> 12 & 1) << 31 | (off >> 5 & 0x3f) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12
                | (off >> 1 & 0xf) << 8 | (off >> 11 & 1) << 7 | 0x63;
    }

    /**
     * A superblock: {@code top: xori x3,x3,1; bne x3,x0,skip; ld x6,0(x10); addi x5,x5,1;
     * skip: addi x10,x10,8; addi x1,x1,1; blt x1,x2,top; ebreak}. The bne is taken every other
     * pass (a side exit into the middle of the block), the blt loops back from inside the block
     * (its not-taken path goes on to the ebreak), and the ld faults once x10 leaves the page.
     */
    private static Machine superblock(boolean compile, long passes, long data) {
        int[] code = {
            0x0011c193,                 // xori x3, x3, 1
            branch(1, 3, 0, 12),        // bne x3, x0, skip
            RvEncoder.ld(6, 10, 0),
            RvEncoder.addi(5, 5, 1),
            RvEncoder.addi(10, 10, 8),  // skip
            RvEncoder.addi(1, 1, 1),
            branch(4, 1, 2, -24),       // blt x1, x2, top
            RvEncoder.ebreak(),
        };
        RvHart h = loaded(code, new long[0], compile);
        h.setReg(2, passes);
        h.setReg(10, data);
        return h.machine();
    }

    /**
     * A fresh one-hart machine with {@code code} at TEXT and the doublewords {@code data} at DATA
     * (a page each), the PC at TEXT and a0 = DATA, compiling hot blocks or only interpreting.
     */
    private static RvHart loaded(int[] code, long[] data, boolean compile) {
        Machine m = Machine.create(Arch.RISCV64, 1);
        m.memory().map(TEXT, 0x1000, Memory.R | Memory.X);
        m.memory().map(DATA, 0x1000, Memory.R | Memory.W);
        for (int i = 0; i < code.length; i++) {
            m.memory().writeValue(TEXT + 4L * i, code[i], 4);
        }
        for (int i = 0; i < data.length; i++) {
            m.memory().writeValue(DATA + 8L * i, data[i], 8);
        }
        RvHart h = (RvHart) m.hart(0);
        h.setCompileThreshold(compile ? 20 : Integer.MAX_VALUE);
        h.setPc(TEXT);
        h.setReg(10, DATA);
        return h;
    }

    /**
     * Superblocks count exactly, compiled as interpreted: side exits taken and not, a loop that
     * goes round from a branch inside its block, hand-counted branch outcomes, a fault after a
     * branch not taken, and budgets that end anywhere in the block.
     */
    @Test
    void superblocksCountSideExitsLoopsAndFaultsExactly() {
        for (boolean compile : new boolean[] {false, true}) {
            Machine m = superblock(compile, 300, DATA);
            Trap t = m.hart(0).run(1_000_000);
            assertEquals(TEXT + 28, assertInstanceOf(Trap.Breakpoint.class, t).pc(), "ran to the ebreak");
            RvHart h = (RvHart) m.hart(0);
            assertEquals(300, h.reg(1));
            assertEquals(150, h.reg(5), "the not-taken path ran every other pass");
            assertEquals(150 + 299, h.count(Counter.BRANCH_TAKEN), "bne every other pass, blt all but the last");
            assertEquals(150 + 1, h.count(Counter.BRANCH_NOT_TAKEN));
            assertEquals(compile, h.compiledBlocks() > 0);
        }
        // to the fault: x10 walks off the page on the not-taken path
        Machine a = superblock(false, 10_000, DATA);
        Machine b = superblock(true, 10_000, DATA);
        Trap ta = a.hart(0).run(1_000_000);
        assertEquals(ta, b.hart(0).run(1_000_000));
        assertEquals(TEXT + 8, assertInstanceOf(Trap.AccessFault.class, ta).pc(), "stopped on the ld");
        assertArrayEquals(a.hart(0).registers(), b.hart(0).registers());
        assertArrayEquals(a.hart(0).counters(), b.hart(0).counters());
        // budgets ending inside the block, after it got compiled
        Machine x = superblock(false, 100_000, DATA);
        Machine y = superblock(true, 100_000, DATA);
        for (int step = 0; step < 400; step++) {
            int budget = new int[] {1, 2, 3, 5, 7, 8, 13, 64}[step % 8];
            assertEquals(x.hart(0).run(budget), y.hart(0).run(budget), "step " + step);
            assertEquals(x.hart(0).pc(), y.hart(0).pc(), "step " + step);
            assertArrayEquals(x.hart(0).registers(), y.hart(0).registers(), "step " + step);
            assertArrayEquals(x.hart(0).counters(), y.hart(0).counters(), "step " + step);
        }
        assertTrue(((RvHart) y.hart(0)).compiledBlocks() > 0);
    }
}
