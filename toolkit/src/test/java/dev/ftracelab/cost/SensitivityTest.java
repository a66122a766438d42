package dev.ftracelab.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each estimate halved and doubled, and the figures moving the way the model says they must. */
class SensitivityTest {
    @Test
    void vf2EstimatesMoveTheModelledOverheads() {
        Sensitivity s = new Sensitivity("vf2", 100);
        List<String> estimates = s.estimates();
        assertEquals(estimates.stream().sorted().toList(), estimates, "in path order");
        assertTrue(estimates.contains("branch.taken_bubble") && estimates.contains("store_buffer.visibility_latency"));
        assertTrue(estimates.stream().noneMatch(e -> e.equals("latency.load_to_use")), "sourced values are not varied");
        List<Sensitivity.Row> rows = s.run();
        Sensitivity.Row base = rows.get(0);
        assertEquals("(as committed)", base.parameter());
        assertTrue(Double.isNaN(base.meanAbsErrorPct()), "no published data for vf2");
        Sensitivity.Row fewerBubbles = row(rows, "branch.taken_bubble", 1);
        Sensitivity.Row moreBubbles = row(rows, "branch.taken_bubble", 4);
        assertTrue(fewerBubbles.listNs() < base.listNs() && base.listNs() < moreBubbles.listNs(),
                "the list walk's taken branches: " + fewerBubbles + " / " + base + " / " + moreBubbles);
        assertEquals(base.callOpsNs(), row(rows, "store_buffer.visibility_latency", 8).callOpsNs(), 1e-9,
                "CALL_OPS does no release store");
        assertTrue(row(rows, "store_buffer.visibility_latency", 8).listNs() > base.listNs(),
                "the list path's fence rw,w + sd waits for visibility");
        assertEquals(base.listNs(), row(rows, "memory_latency", 300).listNs(), 1e-9, "the walk stays in the L1D");
    }

    @Test
    void someEstimatesOnlyInTheOrderGiven() {
        Sensitivity s = new Sensitivity("vf2", 50);
        List<Sensitivity.Row> rows = s.run(List.of("store_buffer.visibility_latency", "branch.taken_bubble"), p -> { });
        assertEquals(List.of("(as committed)", "store_buffer.visibility_latency", "store_buffer.visibility_latency",
                "branch.taken_bubble", "branch.taken_bubble"), rows.stream().map(Sensitivity.Row::parameter).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.run(List.of("latency.load_to_use"), p -> { }));
        assertTrue(e.getMessage().contains("not an estimated parameter of vf2"), e.getMessage());
    }

    private static Sensitivity.Row row(List<Sensitivity.Row> rows, String parameter, double value) {
        return rows.stream().filter(r -> r.parameter().equals(parameter) && r.value() == value).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + parameter + "=" + value + " in " + rows));
    }
}
