package dev.ftracelab.importer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ftracelab.dataset.PublishedMeasurements;
import dev.ftracelab.testing.FuzzInputs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Importer#readText} of arbitrary text (kernel logs, results tables, CSV, detected per
 * input): what cannot be read becomes a {@link Diagnostic}, never an exception; and what was
 * imported, written as CSV ({@link Importer.Result#csv}), reads back with every row. Committed
 * inputs: {@code src/test/resources/dev/ftracelab/importer/ImporterFuzzTestInputs/readText/};
 * {@code JAZZER_FUZZ=1 ./mvnw -B test -Dtest=ImporterFuzzTest} fuzzes.
 */
class ImporterFuzzTest {
    private static final Importer IMPORTER = Importer.builder().build();

    @FuzzTest(maxDuration = "2m")
    @Timeout(30)
    void readText(byte[] data) {
        Importer.Result r = IMPORTER.readText("pasted", FuzzInputs.text(data));
        if (r.isEmpty()) {
            return;
        }
        String csv = r.csv(List.of());
        // our own output must read back whole: no exception, no row lost
        PublishedMeasurements back = PublishedMeasurements.parse(Path.of("imported.csv"), csv.lines().toList(), null);
        if (back.table().rowCount() != r.rows().rowCount()) {
            throw new AssertionError("wrote " + r.rows().rowCount() + " rows, read back " + back.table().rowCount());
        }
    }
}
