package dev.ftracelab.ftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.emu.Counter;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.vmlinux.CachedKernels;
import dev.ftracelab.vmlinux.Vmlinux;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ftrace-ops sample on Debian's own kernels: their ftrace_caller, list function and hash
 * lookups run on the emulator with the sample module loaded beside them. Skipped (with how to
 * fetch them) when the cache of datasets/fetch-kernels.sh lacks the kernel. The instruction
 * counts are the kernels' own: a change in them is a change in what the toolkit runs.
 */
class RealKernelDispatchTest {
    static Vmlinux debian612(Arch arch) {
        return CachedKernels.get(arch == Arch.RISCV64 ? CachedKernels.RISCV_612 : CachedKernels.ARM64_612);
    }

    /** Overhead per call of the rows, keyed "R/I". */
    private static Map<String, Double> overheads(FtraceOpsSample s, List<FtraceOpsSample.Row> rows) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        rows.forEach(r -> m.put(r.relevant() + "/" + r.irrelevant(), r.overheadPerCall()));
        return m;
    }

    @Test
    void riscv612RunsEveryRowThroughItsListFunction() {
        FtraceOpsSample s = FtraceOpsSample.of(CachedKernels.get(CachedKernels.RISCV_612)).calls(50);
        assertEquals(Layout.NOP_NOP, s.layout());
        List<FtraceOpsSample.Row> rows = s.run(FtraceOpsSample.PUBLISHED_MATRIX); // checks every tracer's count
        rows.stream().filter(r -> r.relevant() > 0).forEach(r -> assertEquals(Callsite.Route.COMMON_TRAMPOLINE,
                r.site().route(), r.relevant() + "/" + r.irrelevant()));
        Map<String, Double> o = overheads(s, rows);
        assertEquals(172, o.get("1/0"));
        assertEquals(244, o.get("2/0"));
        assertEquals(172 + 58, o.get("1/1"), "each irrelevant ops: 58 instructions");
        assertEquals(172 + 58 * 100, o.get("1/100"));
        assertEquals(244 + 72 * 98, o.get("100/0"), "each further relevant ops: 72 instructions");
    }

    @Test
    void arm64612TakesTheCallOpsFastPathForOneOpsAndTheListForMore() {
        FtraceOpsSample s = FtraceOpsSample.of(CachedKernels.get(CachedKernels.ARM64_612)).calls(50);
        assertEquals(Layout.CALL_OPS, s.layout());
        List<FtraceOpsSample.Row> rows = s.run(FtraceOpsSample.PUBLISHED_MATRIX);
        for (FtraceOpsSample.Row r : rows) {
            if (r.relevant() == 1) {
                assertEquals("relevant0", r.site().literal(), "the literal names the one ops");
                assertEquals(45, r.overheadPerCall(), "CALL_OPS: irrelevant ops cost nothing (" + r.irrelevant() + ")");
            } else if (r.relevant() > 1) {
                assertEquals("ftrace_list_ops", r.site().literal());
            }
        }
        Map<String, Double> o = overheads(s, rows);
        assertEquals(208, o.get("2/0"));
        assertEquals(208 + 55 * 8, o.get("10/0"));
    }

    @Test
    void riscv72HasCallOpsAndAPreemptibleListPath() {
        FtraceOpsSample s = FtraceOpsSample.of(CachedKernels.get(CachedKernels.RISCV_72)).calls(50);
        assertEquals(Layout.CALL_OPS, s.layout());
        Map<String, Double> o = overheads(s, s.run(List.of(new FtraceOpsSample.Point(1, 0), new FtraceOpsSample.Point(1, 10),
                new FtraceOpsSample.Point(2, 0), new FtraceOpsSample.Point(10, 0))));
        assertEquals(46, o.get("1/0"));
        assertEquals(46, o.get("1/10"));
        assertEquals(263, o.get("2/0"));
        assertEquals(263 + 73 * 8, o.get("10/0"));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void theGuestImageDiffersFromDebian612OnlyInAFewAluInstructions(Arch arch) {
        Conformance c = Conformance.run(debian612(arch), 20);
        assertEquals(4, c.parts().size());
        for (Conformance.Part p : c.parts()) {
            assertTrue(Math.abs(p.difference()) <= 3, p.name() + ": " + p.difference());
            for (Counter k : Counter.values()) {
                if (k != Counter.ALU) {
                    assertEquals(p.real(k), p.guest(k), p.name() + " " + k);
                }
            }
        }
    }

    @Test
    void aLayoutStrategyOrDirectCallTheImageDoesNotHaveIsRefused() {
        Vmlinux v = CachedKernels.get(CachedKernels.RISCV_612);
        BadInputException e = assertThrows(BadInputException.class,
                () -> FtraceModel.builder(Arch.RISCV64).vmlinux(v).layout(Layout.CALL_OPS).boot());
        assertTrue(e.getMessage().contains("built with nop-nop"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> FtraceModel.builder(Arch.RISCV64).vmlinux(v)
                .strategy(Strategy.PER_CALLSITE_TRAMPOLINE).boot());
        assertTrue(e.getMessage().contains("no per-callsite trampolines"), e.getMessage());
        assertThrows(BadInputException.class, () -> FtraceOpsSample.of(v).direct(DirectCall.NEAR));
        assertThrows(IllegalArgumentException.class, () -> FtraceModel.builder(Arch.ARM64).vmlinux(v));
    }

    /**
     * An RCU ops is called only while RCU watches the CPU: the kernels read that from CPU 0's copy
     * of the per-CPU {@code context_tracking}, which boot set up (template copied, offset in
     * {@code __per_cpu_offset[0]} and, on arm64, TPIDR_EL1/EL2).
     */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void anRcuOpsRunsWhileCpuZerosPerCpuStateSaysRcuIsWatching(Arch arch) {
        Vmlinux v = debian612(arch);
        FtraceModel m = FtraceModel.builder(arch).vmlinux(v).boot();
        m.registerArray(List.of(Ops.named("rcu").filter(FtraceOpsSample.RELEVANT).rcuChecked(),
                Ops.named("plain").filter(FtraceOpsSample.RELEVANT)));
        assertEquals(Map.of("rcu", 10L, "plain", 10L), m.call(FtraceOpsSample.RELEVANT, 10).tracerCalls());
        Kernel.Real k = (Kernel.Real) m.kernel();
        long state = k.perCpu("context_tracking") + v.btf().offset("context_tracking", "state");
        assertTrue(state != v.symbol("context_tracking") + v.btf().offset("context_tracking", "state"),
                "CPU 0's copy, not the template");
        m.machine().memory().writeValue(state, 0, 4); // RCU not watching this CPU (idle)
        assertEquals(Map.of("rcu", 0L, "plain", 10L), m.call(FtraceOpsSample.RELEVANT, 10).tracerCalls());
    }

    /**
     * A module 1 GiB below arm64's image is out of its sites' BL reach: they call ftrace_caller
     * through the module's PLT (three more instructions per call: adrp, add, br), and the
     * CALL_OPS literal is still found from the site's return address.
     */
    @Test
    void anArm64ModuleOutOfReachCallsFtraceCallerThroughItsPlt() {
        FtraceOpsSample near = FtraceOpsSample.of(CachedKernels.get(CachedKernels.ARM64_612)).calls(20);
        FtraceOpsSample far = near.module(ModulePlacement.FAR);
        for (FtraceOpsSample.Point p : List.of(new FtraceOpsSample.Point(1, 0), new FtraceOpsSample.Point(2, 0))) {
            FtraceOpsSample.Row n = near.run(p.relevant(), p.irrelevant());
            FtraceOpsSample.Row f = far.run(p.relevant(), p.irrelevant());
            assertEquals("ftrace_caller", n.site().target());
            assertEquals("ftrace_caller via the module PLT", f.site().target());
            assertEquals(n.overheadPerCall() + 3, f.overheadPerCall(), p.toString());
            assertEquals(n.perCall(Counter.INDIRECT_JUMP) + 1, f.perCall(Counter.INDIRECT_JUMP), "the PLT's br x16");
        }
        // riscv sites reach +-2 GiB: a far module changes nothing
        FtraceOpsSample rv = FtraceOpsSample.of(CachedKernels.get(CachedKernels.RISCV_72)).calls(20);
        assertEquals(rv.run(1, 0).overheadPerCall(), rv.module(ModulePlacement.FAR).run(1, 0).overheadPerCall());
    }

    @Test
    void aTrapInTheKernelsCodeIsReportedWithWhereAndFromWhere() {
        Vmlinux v = CachedKernels.get(CachedKernels.RISCV_612);
        FtraceModel m = FtraceOpsSample.of(v).boot(new FtraceOpsSample.Point(1, 0));
        long hash = v.symbol("hash_contains_ip.isra.0");
        m.machine().memory().writeValue(hash, 0, 4); // an illegal instruction where the lookup starts
        BadInputException e = assertThrows(BadInputException.class, () -> m.call(FtraceOpsSample.RELEVANT, 1));
        assertTrue(e.getMessage().contains("in hash_contains_ip.isra.0+0x0, called from ")
                && e.getMessage().contains("ops_list_func+0x"), e.getMessage());
        assertTrue(e.getMessage().contains("ops_list_func+0xd6, called from ftrace_caller+0x3c, on a traced call of"
                + " tracee_relevant"), "the chain through the list function's frame record: " + e.getMessage());
    }
}
