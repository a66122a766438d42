package dev.ftracelab.ftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.isa.Arch;
import org.junit.jupiter.api.Test;

/** The sample's --direct workload: which way the direct call goes in each situation, and that it runs once per call. */
class DirectCallSampleTest {
    private static final long N = 200;

    private static FtraceOpsSample sample(Arch arch, Layout layout, DirectCall d) {
        return FtraceOpsSample.of(arch, layout).calls(N).direct(d);
    }

    @Test
    void nearOnNopNopBranchesStraightToTheTrampoline() {
        FtraceOpsSample.Row r = sample(Arch.RISCV64, Layout.NOP_NOP, DirectCall.NEAR).run(1, 0);
        assertEquals(Dispatch.DIRECT, r.site().dispatch(), r.site().toString());
        assertEquals("direct(relevant0)", r.site().target());
        // the row's own check already held relevant0 (the direct trampoline's counter) to N calls
        FtraceOpsSample.Row list = FtraceOpsSample.of(Arch.RISCV64, Layout.NOP_NOP).calls(N).run(1, 0);
        assertTrue(r.overheadPerCall() < list.overheadPerCall() / 3, r.overheadPerCall() + " vs " + list.overheadPerCall());
    }

    @Test
    void farOnNopNopGoesThroughTheListAndCallDirectFuncs() {
        FtraceOpsSample.Row r = sample(Arch.RISCV64, Layout.NOP_NOP, DirectCall.FAR).run(1, 0);
        assertEquals(Callsite.Route.COMMON_TRAMPOLINE, r.site().route());
        assertEquals(Dispatch.LIST, r.site().dispatch());
        assertTrue(r.site().fallback().contains("out of reach"), r.site().fallback());
    }

    @Test
    void riscvCallOpsNeverReachesAndUsesTheLiteral() {
        FtraceOpsSample.Row r = sample(Arch.RISCV64, Layout.CALL_OPS, DirectCall.NEAR).run(1, 0);
        assertEquals(Dispatch.CALL_OPS, r.site().dispatch(), "the literal names the direct ops: ops->direct_call");
        assertEquals("relevant0", r.site().literal());
        assertTrue(r.site().fallback().contains("out of reach"), r.site().fallback());
        // flat in irrelevant ops, like CALL_OPS itself
        assertEquals(r.instructionsPerCall(), sample(Arch.RISCV64, Layout.CALL_OPS, DirectCall.NEAR).run(1, 10)
                .instructionsPerCall(), 1e-9);
    }

    @Test
    void sharedSiteGoesThroughTheListOnEveryLayout() {
        for (Arch arch : Arch.values()) {
            for (Layout l : Layout.of(arch)) {
                FtraceOpsSample.Row r = sample(arch, l, DirectCall.NEAR).run(2, 0);
                assertEquals(Dispatch.LIST, r.site().dispatch(), arch + " " + l);
                assertEquals(java.util.List.of("relevant1", "relevant0"), r.site().ops());
            }
        }
    }

    @Test
    void arm64ReachesNearAndFallsBackFar() {
        for (Layout l : Layout.of(Arch.ARM64)) {
            assertEquals(Dispatch.DIRECT, sample(Arch.ARM64, l, DirectCall.NEAR).run(1, 0).site().dispatch(), l.id());
            Callsite far = sample(Arch.ARM64, l, DirectCall.FAR).run(1, 0).site();
            assertEquals(l.hasLiteral() ? Dispatch.CALL_OPS : Dispatch.LIST, far.dispatch(), l.id());
        }
    }

    @Test
    void noneIsThePublishedSampleAndParsingNamesTheValues() {
        assertEquals(DirectCall.NONE, FtraceOpsSample.of(Arch.ARM64, Layout.CALL_OPS).direct());
        assertEquals(DirectCall.FAR, DirectCall.parse("far"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DirectCall.parse("sideways"));
        assertTrue(e.getMessage().contains("none, near, far"), e.getMessage());
    }
}
