package dev.ftracelab.emu.riscv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.emu.Counter;
import dev.ftracelab.emu.GuestCorpus;
import dev.ftracelab.emu.Hart;
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

    @TestFactory
    Stream<DynamicTest> everyCorpusProgramRunsTheSameCompiled() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : GuestCorpus.names(Arch.RISCV64)) {
            for (String variant : List.of(name, name + ".pfe")) {
                tests.add(DynamicTest.dynamicTest(variant, () -> {
                    Outcome interpreted = run(variant, false);
                    Outcome compiled = run(variant, true);
                    assertEquals(interpreted.stdout(), compiled.stdout());
                    assertEquals(interpreted.status(), compiled.status());
                    assertArrayEquals(interpreted.counters(), compiled.counters(), "every counter");
                    assertEquals(0, interpreted.compiled());
                }));
            }
        }
        for (String build : GuestCorpus.extensionBuilds(Arch.RISCV64)) { // F, D, Zba/Zbb/Zbs
            tests.add(DynamicTest.dynamicTest(build, () -> {
                Outcome interpreted = run(build, false);
                Outcome compiled = run(build, true);
                assertEquals(interpreted.stdout(), compiled.stdout());
                assertEquals(interpreted.status(), compiled.status());
                assertArrayEquals(interpreted.counters(), compiled.counters(), "every counter");
                assertTrue(compiled.compiled() > 0, "some blocks compiled");
            }));
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
                Outcome interpreted = run(build, false);
                Outcome compiled = run(build, true);
                assertEquals(interpreted.stdout(), compiled.stdout());
                assertEquals(0, compiled.status(), "self-checks pass");
                assertArrayEquals(interpreted.counters(), compiled.counters(), "every counter");
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

    /** A loop walking a0 over a page, loading each word: it faults when a0 leaves the page. */
    private static Machine walker(boolean compile) {
        Machine m = Machine.create(Arch.RISCV64, 1);
        long text = 0x10000;
        m.memory().map(text, 0x1000, Memory.R | Memory.X);
        m.memory().map(0x20000, 0x1000, Memory.R | Memory.W);
        int[] code = {
            RvEncoder.addi(11, 11, 1),      // count
            RvEncoder.ld(12, 10, 0),        // load (faults past the page)
            RvEncoder.add(13, 13, 12),
            RvEncoder.addi(10, 10, 8),
            RvEncoder.jal(0, text + 16, text),
        };
        for (int i = 0; i < code.length; i++) {
            m.memory().writeValue(text + 4L * i, code[i], 4);
        }
        m.memory().writeValue(0x20000, 7, 8);
        RvHart h = (RvHart) m.hart(0);
        h.setCompileThreshold(compile ? 20 : Integer.MAX_VALUE);
        h.setPc(text);
        h.setReg(10, 0x20000);
        return m;
    }

    @Test
    void aFaultInsideACompiledBlockLeavesExactState() {
        Machine interpreted = walker(false);
        Machine compiled = walker(true);
        Trap a = interpreted.hart(0).run(1_000_000);
        Trap b = compiled.hart(0).run(1_000_000);
        assertTrue(((RvHart) compiled.hart(0)).compiledBlocks() > 0, "the loop was compiled before the fault");
        Trap.AccessFault fa = assertInstanceOf(Trap.AccessFault.class, a);
        assertEquals(fa, b);
        assertEquals(0x10004, b.pc(), "pc on the faulting load");
        assertArrayEquals(interpreted.hart(0).registers(), compiled.hart(0).registers());
        assertArrayEquals(interpreted.hart(0).counters(), compiled.hart(0).counters());
    }

    @Test
    void budgetsThatEndInsideABlockStayExact() {
        Machine interpreted = walker(false);
        Machine compiled = walker(true);
        for (int step = 0; step < 300; step++) {
            Hart x = interpreted.hart(0);
            Hart y = compiled.hart(0);
            Trap tx = x.run(7);
            Trap ty = y.run(7);
            assertEquals(tx, ty);
            assertEquals(x.pc(), y.pc(), "step " + step);
            assertArrayEquals(x.registers(), y.registers());
            assertEquals(x.retired(), y.retired());
            assertEquals(x.count(Counter.LOAD), y.count(Counter.LOAD));
        }
        assertTrue(((RvHart) compiled.hart(0)).compiledBlocks() > 0);
    }

    /** opcode OP-FP: funct7 rs2 rs1 rm rd. */
    private static int opFp(int funct7, int rs2, int rs1, int rm, int rd) {
        return funct7 << 25 | rs2 << 20 | rs1 << 15 | rm << 12 | rd << 7 | 0x53;
    }

    /**
     * A loop mixing integer and FP ops on the same x registers: x12 is written by an add just
     * before fcvt.d.l reads it, x13 by fcvt.l.d just before an add reads it, so the compiled
     * block must hand its locals to the FP semantics and take the result back. The ld faults
     * when a0 leaves the page.
     */
    private static Machine fpWalker(boolean compile) {
        Machine m = Machine.create(Arch.RISCV64, 1);
        long text = 0x10000;
        m.memory().map(text, 0x1000, Memory.R | Memory.X);
        m.memory().map(0x20000, 0x1000, Memory.R | Memory.W);
        int[] code = {
            RvEncoder.addi(11, 11, 1),
            RvEncoder.ld(12, 10, 0),
            RvEncoder.add(12, 12, 11),
            opFp(0x69, 2, 12, 7, 1),        // fcvt.d.l f1, x12
            opFp(0x01, 1, 2, 7, 2),         // fadd.d f2, f2, f1
            opFp(0x61, 2, 2, 1, 13),        // fcvt.l.d x13, f2, rtz
            RvEncoder.add(14, 14, 13),
            RvEncoder.addi(10, 10, 8),
            RvEncoder.jal(0, text + 32, text),
        };
        for (int i = 0; i < code.length; i++) {
            m.memory().writeValue(text + 4L * i, code[i], 4);
        }
        for (int i = 0; i < 512; i++) {
            m.memory().writeValue(0x20000 + 8L * i, 3L * i + 1, 8);
        }
        RvHart h = (RvHart) m.hart(0);
        h.setCompileThreshold(compile ? 20 : Integer.MAX_VALUE);
        h.setPc(text);
        h.setReg(10, 0x20000);
        return m;
    }

    @Test
    void fpOpsInALoopingBlockSeeAndSetTheRegisterLocals() {
        Machine interpreted = fpWalker(false);
        Machine compiled = fpWalker(true);
        Trap a = interpreted.hart(0).run(1_000_000);
        Trap b = compiled.hart(0).run(1_000_000);
        assertTrue(((RvHart) compiled.hart(0)).compiledBlocks() > 0, "the loop was compiled");
        assertInstanceOf(Trap.AccessFault.class, a);
        assertEquals(a, b);
        long[] x = interpreted.hart(0).registers();
        // sum over i < 512 of (3i + 1) + (i + 1), each term added to f2 and the running f2 to x14
        long f2 = 0;
        long x14 = 0;
        for (int i = 0; i < 512; i++) {
            f2 += 3L * i + 1 + i + 1;
            x14 += f2;
        }
        assertEquals(f2, x[13]);
        assertEquals(x14, x[14]);
        assertArrayEquals(x, compiled.hart(0).registers());
        assertArrayEquals(((RvHart) interpreted.hart(0)).fpu().f, ((RvHart) compiled.hart(0)).fpu().f);
        assertArrayEquals(interpreted.hart(0).counters(), compiled.hart(0).counters());
    }

    @Test
    void fpBudgetsThatEndInsideALoopingBlockStayExact() {
        Machine interpreted = fpWalker(false);
        Machine compiled = fpWalker(true);
        for (int step = 0; step < 300; step++) {
            Hart x = interpreted.hart(0);
            Hart y = compiled.hart(0);
            assertEquals(x.run(11), y.run(11));
            assertEquals(x.pc(), y.pc(), "step " + step);
            assertArrayEquals(x.registers(), y.registers());
            assertArrayEquals(((RvHart) x).fpu().f, ((RvHart) y).fpu().f);
            assertEquals(x.retired(), y.retired());
        }
        assertTrue(((RvHart) compiled.hart(0)).compiledBlocks() > 0);
    }
}
