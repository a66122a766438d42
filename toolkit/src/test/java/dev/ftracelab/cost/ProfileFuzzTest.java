package dev.ftracelab.cost;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ftracelab.testing.FuzzInputs;
import dev.ftracelab.util.BadInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * A hardware profile from arbitrary YAML: {@link Profile#read} refuses bad input only with a
 * {@link BadInputException}, and a profile it accepts builds a {@link CostModel} (its caches
 * and predictor tables) without any exception or Error. Committed inputs:
 * {@code src/test/resources/dev/ftracelab/cost/ProfileFuzzTestInputs/read/};
 * {@code JAZZER_FUZZ=1 ./mvnw -B test -Dtest=ProfileFuzzTest} fuzzes.
 */
class ProfileFuzzTest {
    @FuzzTest(maxDuration = "2m")
    @Timeout(30)
    void read(byte[] data) {
        Path dir = FuzzInputs.tempDir();
        try {
            Profile p;
            try {
                p = Profile.read(FuzzInputs.write(dir.resolve("fuzz.yaml"), data));
            } catch (BadInputException expected) {
                return;
            }
            new CostModel(p).snapshot();
        } finally {
            FuzzInputs.delete(dir);
        }
    }
}
