package dev.ftracelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftracelab.testing.FuzzInputs;
import dev.ftracelab.util.InputLimits;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@link CliFuzzTest#main} runs every input through one command line per thread; that is only
 * the CLI under test if a reused command line answers exactly as a fresh one. Every committed
 * input, and lines that leave options set or fail half-way through parsing, run through one
 * command line forwards and backwards, and must give the status, output and errors of a fresh
 * command line per run (picocli resets options and positional parameters before each parse).
 */
class CliReuseTest {
    private static final Path SEEDS = Path.of("src/test/resources/dev/ftracelab/cli/CliFuzzTestInputs/main");
    private static final String WALL_CLOCK = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";
    private static final String SEARCH_TIME = " in [0-9.]+ s \\([0-9,]+ states/s\\)";
    /** Lines whose options a later line must not inherit. */
    private static final List<String> LINES = List.of(
            "profiles --show vf2", "profiles", "disasm --symbol main", "disasm", "--version",
            "dispatch --arch riscv64 --calls 10 --priced-calls 10", "dispatch --arch arm64 --calls -1",
            "check-patch --arch riscv64 --layout nop-nop --op enable --tasks 1 --calls 1", "check-patch",
            "published --format csv", "published", "reach --distances", "compare --board", "run --repeat -5");

    @Test
    void aReusedCommandLineAnswersAsAFreshOne() throws IOException {
        List<byte[]> inputs = new ArrayList<>();
        try (Stream<Path> s = Files.list(SEEDS)) {
            for (Path p : s.sorted().toList()) {
                inputs.add(Files.readAllBytes(p));
            }
        }
        for (String l : LINES) {
            inputs.add(l.getBytes(StandardCharsets.UTF_8));
        }
        Path dir = FuzzInputs.tempDir();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            order.add(i);
        }
        List<Integer> backwards = new ArrayList<>(order);
        Collections.reverse(backwards);
        order.addAll(backwards);
        CommandLine reused = Main.commandLine(InputLimits.DEFAULTS);
        try {
            for (int i : order) {
                FuzzInputs.delete(dir);
                String[] args = CliFuzzTest.arguments(inputs.get(i), dir);
                if (args == null) {
                    continue;
                }
                assertEquals(answer(Main.commandLine(InputLimits.DEFAULTS), args), answer(reused, args), String.join(" ", args));
            }
        } finally {
            FuzzInputs.delete(dir);
        }
    }

    private static String answer(CommandLine cl, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = CliFuzzTest.run(cl, args, out, err);
        // the stamp's date and the explorer's speed are the wall clock's (no SOURCE_DATE_EPOCH here)
        return ("status " + status + "\n--- out\n" + out + "--- err\n" + err).replaceAll(WALL_CLOCK, "<date>")
                .replaceAll(SEARCH_TIME, "<time>");
    }
}
