package dev.ftracelab.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.dataset.PublishedMeasurements;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed calibration rows (the source of every modelled table's band) are what the model
 * gives today: re-run the calibration with the defaults and compare row by row. When the guest,
 * the heap or the cost model changes, this fails until {@code ftrace-lab calibrate --save} is run.
 */
class CommittedModelErrorsTest {
    @Test
    void theCommittedErrorsAreTheModelsOwn() {
        List<ModelErrors.Row> committed = ModelErrors.load().rows();
        List<ModelErrors.Row> fresh = Calibration.of(Profile.load("m1"), PublishedMeasurements.load()).run().errors().rows();
        assertEquals(fresh.size(), committed.size(), "rows");
        for (int i = 0; i < fresh.size(); i++) {
            ModelErrors.Row f = fresh.get(i);
            ModelErrors.Row c = committed.get(i);
            String what = c.dataset() + " R=" + c.relevant() + " I=" + c.irrelevant()
                    + ": the model changed; run ./ftrace-lab calibrate --save (default --seeds and --priced-calls)";
            assertEquals(f.dataset() + f.layout() + f.dispatch() + f.relevant() + "/" + f.irrelevant(),
                    c.dataset() + c.layout() + c.dispatch() + c.relevant() + "/" + c.irrelevant(), what);
            assertEquals(f.publishedNs(), c.publishedNs(), 0, what);
            assertEquals(f.modelledNs(), c.modelledNs(), 1e-9 * f.modelledNs(), what);
            assertEquals(f.seedMinNs(), c.seedMinNs(), 1e-9 * f.seedMinNs(), what);
            assertEquals(f.seedMaxNs(), c.seedMaxNs(), 1e-9 * f.seedMaxNs(), what);
            assertTrue(c.seedMinNs() <= c.modelledNs() && c.modelledNs() <= c.seedMaxNs(), what);
        }
    }
}
