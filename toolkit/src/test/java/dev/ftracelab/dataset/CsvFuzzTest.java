package dev.ftracelab.dataset;

import static dev.ftracelab.testing.FuzzInputs.badInputOnly;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ftracelab.testing.FuzzInputs;
import dev.ftracelab.util.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * CSV datasets from arbitrary text: {@link TypedCsv#read} with a strict schema of every column
 * type, {@link PublishedMeasurements#load} (header matched by name) and
 * {@link PublishedMeasurements#parse} with bad rows collected, then the per-dataset views. Bad
 * input is refused only with a {@link BadInputException}. Committed inputs:
 * {@code src/test/resources/dev/ftracelab/dataset/CsvFuzzTestInputs/<method>/};
 * {@code JAZZER_FUZZ=1 ./mvnw -B test -Dtest=CsvFuzzTest#published} fuzzes one.
 */
class CsvFuzzTest {
    /** One column of each type, some optional or non-negative, as the committed datasets use them. */
    private static final List<ColumnSpec> EVERY_TYPE = List.of(ColumnSpec.string("name"), ColumnSpec.integer("count").nonNegative(),
            ColumnSpec.longInteger("size"), ColumnSpec.address("address"), ColumnSpec.number("ns").optional());

    @FuzzTest(maxDuration = "2m")
    @Timeout(30)
    void typed(byte[] data) {
        Path dir = FuzzInputs.tempDir();
        try {
            Path plain = FuzzInputs.write(dir.resolve("fuzz.csv"), data);
            Path gz = FuzzInputs.write(dir.resolve("fuzz.csv.gz"), data);
            for (Path f : List.of(plain, gz)) {
                badInputOnly(() -> TypedCsv.read(f, "fuzz", EVERY_TYPE).table().print());
            }
        } finally {
            FuzzInputs.delete(dir);
        }
    }

    @FuzzTest(maxDuration = "2m")
    @Timeout(30)
    void published(byte[] data) {
        Path dir = FuzzInputs.tempDir();
        try {
            Path f = FuzzInputs.write(dir.resolve("fuzz.csv"), data);
            badInputOnly(() -> exercise(PublishedMeasurements.load(f)));
            List<BadInputException> bad = new ArrayList<>();
            badInputOnly(() -> exercise(PublishedMeasurements.parse(f, FuzzInputs.text(data).lines().toList(), bad::add)));
        } finally {
            FuzzInputs.delete(dir);
        }
    }

    private static void exercise(PublishedMeasurements m) {
        for (String name : m.datasetNames()) {
            m.dataset(name).rowCount();
        }
        m.sources();
        m.table().print();
    }
}
