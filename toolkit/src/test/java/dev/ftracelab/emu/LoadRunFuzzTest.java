package dev.ftracelab.emu;

import static dev.ftracelab.testing.FuzzInputs.badInputOnly;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.util.BadInputException;
import java.io.OutputStream;
import org.junit.jupiter.api.Timeout;

/**
 * An arbitrary ELF loaded into emulator memory ({@link LinuxUser#load}) and run for a small
 * instruction budget: loading either works or throws {@link BadInputException}; the run ends
 * with an exit status (a trap becomes 128 + signal, the budget 137) and never throws. Committed
 * inputs: {@code src/test/resources/dev/ftracelab/emu/LoadRunFuzzTestInputs/loadAndRun/};
 * {@code JAZZER_FUZZ=1 ./mvnw -B test -Dtest=LoadRunFuzzTest} fuzzes.
 */
class LoadRunFuzzTest {
    /** Small enough that a runaway loop costs milliseconds per input. */
    static final long BUDGET = 20_000;

    @FuzzTest(maxDuration = "2m")
    @Timeout(30)
    void loadAndRun(byte[] data) {
        ElfFile elf;
        try {
            elf = ElfFile.parse(data, "fuzz-input");
        } catch (BadInputException expected) {
            return;
        }
        Machine[] m = new Machine[1];
        if (!badInputOnly(() -> m[0] = LinuxUser.load(elf))) {
            return;
        }
        LinuxUser.Result r = LinuxUser.run(m[0], OutputStream.nullOutputStream(), OutputStream.nullOutputStream(), BUDGET);
        if (r.instructions() > BUDGET) {
            throw new AssertionError("retired " + r.instructions() + " instructions on a budget of " + BUDGET);
        }
        if (r.exitStatus() < 0 || r.exitStatus() > 255) {
            throw new AssertionError("exit status " + r.exitStatus());
        }
    }
}
