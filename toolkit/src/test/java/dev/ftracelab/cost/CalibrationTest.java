package dev.ftracelab.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.dataset.PublishedMeasurements;
import dev.ftracelab.ftrace.Dispatch;
import dev.ftracelab.util.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The M1 calibration: rows, the leave-one-out interval of each, per-design errors, ratios. */
class CalibrationTest {
    private static final Calibration.Result R = new Calibration(Profile.load("m1"), PublishedMeasurements.load(), 200, 2)
            .run();

    @Test
    void everyTracedPublishedRowIsComparedWithItsDesign() {
        assertEquals(16, R.rows().size());
        assertEquals(List.of("list", "call-ops"), R.designs().stream().map(Comparison.DesignError::dispatch).toList());
        for (Calibration.Row r : R.rows()) {
            String expected = r.dataset().equals("m1-after") && r.relevant() == 1 ? "call-ops" : "list";
            assertEquals(expected, r.dispatch(), r.toString());
            assertEquals((r.modelledNs() - r.publishedNs()) / r.publishedNs() * 100, r.errorPct(), 1e-9);
            assertTrue(r.lowNs() <= r.modelledNs() && r.modelledNs() <= r.highNs(), r.toString());
            assertEquals(r.publishedNs() >= r.lowNs() && r.publishedNs() <= r.highNs(), r.inside(), r.toString());
        }
        Comparison.DesignError list = R.designs().get(0);
        assertEquals(11, list.rows());
        assertEquals(R.rows().stream().filter(r -> r.dispatch().equals("list")).mapToDouble(r -> Math.abs(r.errorPct()))
                .average().orElseThrow(), list.meanAbsErrorPct(), 1e-9);
        assertEquals(5, R.ratios().size());
    }

    @Test
    void aRowsIntervalComesFromTheOtherDataset() {
        Calibration.Row before = R.rows().stream().filter(r -> r.dataset().equals("m1-before") && r.relevant() == 10)
                .findFirst().orElseThrow();
        ModelErrors.Band b = R.errors().band("m1", "pre-call-ops", Dispatch.LIST, 10, 0);
        assertEquals("m1-after", b.datasets());
        double maxRatio = R.errors().rows().stream().filter(e -> e.dataset().equals("m1-after") && e.dispatch().equals("list"))
                .mapToDouble(ModelErrors.Row::ratio).max().orElseThrow();
        assertEquals(Math.max(1, maxRatio), b.highRatio(), 1e-12);
        ModelErrors.Row own = R.errors().rows().stream().filter(e -> e.dataset().equals("m1-before") && e.relevant() == 10)
                .findFirst().orElseThrow();
        assertEquals(own.seedMaxNs() * b.highRatio(), before.highNs(), 1e-9);
    }

    @Test
    void onlyM1HasPublishedHardwareRows() {
        assertEquals(List.of("m1"), Calibration.calibratable());
        assertThrows(BadInputException.class, () -> Calibration.of(Profile.load("vf2"), PublishedMeasurements.load()).run());
        assertThrows(BadInputException.class, () -> new Calibration(Profile.load("m1"), PublishedMeasurements.load(), 0, 1));
        assertEquals("m1-after", Calibration.datasetFor("m1", "call-ops").orElseThrow());
        assertTrue(Calibration.datasetFor("vf2", "nop-nop").isEmpty());
    }
}
