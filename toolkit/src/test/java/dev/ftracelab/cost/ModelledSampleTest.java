package dev.ftracelab.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.ftrace.Dispatch;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.ftrace.FtraceOpsSample.Point;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.ftrace.Strategy;
import dev.ftracelab.isa.Arch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Medians over heap layouts, the seeds' spread, the band on top of it, and the dispatch path of each row. */
class ModelledSampleTest {
    private static final long CALLS = 200;
    private static final Profile VF2 = Profile.load("vf2");
    /** Every list row twice as slow as modelled, CALL_OPS 10% faster, measured on "m1". */
    private static final ModelErrors ERRORS = new ModelErrors(List.of(
            new ModelErrors.Row("m1-before", "m1", "pre-call-ops", "list", 1, 0, 20, 10, 10, 10),
            new ModelErrors.Row("m1-after", "m1", "call-ops", "call-ops", 1, 0, 0.9, 1, 1, 1)));

    private static ModelledSample modelled(FtraceOpsSample s, int seeds) {
        return ModelledSample.builder(s, VF2).pricedCalls(CALLS).seeds(seeds).errors(ERRORS).build();
    }

    @Test
    void oneSeedIsThePricedSampleAndTheBandWidensItByHand() {
        FtraceOpsSample s = FtraceOpsSample.of(Arch.RISCV64, Layout.NOP_NOP);
        PricedSample.Row priced = new PricedSample(s, VF2, CALLS).run(List.of(new Point(1, 10))).get(0);
        ModelledSample.Row m = modelled(s, 1).run(List.of(new Point(1, 10))).get(0);
        assertEquals(priced.perCallNs(), m.perCallNs(), 1e-9);
        assertEquals(priced.overheadNs(), m.overheadNs(), 1e-9);
        assertEquals(Dispatch.LIST, m.dispatch());
        assertEquals(m.overheadNs(), m.overheadLowNs(), 1e-9, "the band spans the model's own figure");
        assertEquals(2 * m.overheadNs(), m.overheadHighNs(), 1e-9, "published/modelled = 2 on the other hardware");
        assertEquals(m.perCallNs() + m.overheadNs(), m.perCallHighNs(), 1e-9);
        assertEquals("other hardware: 1 list rows of m1-before", m.band().basis());
    }

    @Test
    void seedsSpreadTheFigureAndTheMedianLiesInside() {
        FtraceOpsSample s = FtraceOpsSample.of(Arch.RISCV64, Layout.NOP_NOP);
        List<ModelledSample.Row> rows = modelled(s, 4).run(List.of(new Point(0, 0), new Point(100, 0)));
        ModelledSample.Row untraced = rows.get(0);
        assertTrue(Double.isNaN(untraced.overheadNs()), "no overhead without a tracer");
        assertEquals(ModelErrors.Band.NONE, untraced.band());
        assertEquals(untraced.seedMinNs(), untraced.perCallLowNs(), 0);
        ModelledSample.Row hundred = rows.get(1);
        assertTrue(hundred.seedMinNs() < hundred.seedMaxNs(),
                "100 ops' objects do not all fit the U74's L1D: layouts differ " + hundred);
        assertTrue(hundred.seedMinNs() <= hundred.perCallNs() && hundred.perCallNs() <= hundred.seedMaxNs());
        assertTrue(hundred.overheadLowNs() <= hundred.overheadNs() && hundred.overheadNs() <= hundred.overheadHighNs());
    }

    @Test
    void eachRowKnowsItsDispatchPath() {
        List<Point> points = List.of(new Point(1, 0), new Point(2, 0));
        List<ModelledSample.Row> callOps = modelled(FtraceOpsSample.of(Arch.RISCV64, Layout.CALL_OPS), 1).run(points);
        assertEquals(Dispatch.CALL_OPS, callOps.get(0).dispatch());
        assertEquals(Dispatch.LIST, callOps.get(1).dispatch(), "two ops: the literal is ftrace_list_ops");
        assertEquals(0.9, callOps.get(0).overheadLowNs() / callOps.get(0).overheadNs(), 1e-9);
        ModelledSample.Row tramp = modelled(FtraceOpsSample.of(Arch.RISCV64, Layout.NOP_NOP)
                .strategy(Strategy.PER_CALLSITE_TRAMPOLINE), 1).run(List.of(new Point(1, 0))).get(0);
        assertEquals(Dispatch.PER_CALLSITE_TRAMPOLINE, tramp.dispatch());
        assertEquals("call-ops", tramp.band().dispatch(), "a per-callsite trampoline takes CALL_OPS' band");
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ModelledSample.builder(FtraceOpsSample.of(Arch.RISCV64, Layout.NOP_NOP), VF2).seeds(0));
        assertThrows(RuntimeException.class,
                () -> ModelledSample.builder(FtraceOpsSample.of(Arch.ARM64, Layout.CALL_OPS), VF2).build());
    }
}
