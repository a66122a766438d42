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
}
