package dev.ftracelab.cli;

import static dev.ftracelab.testing.FuzzInputs.badInputOnly;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ftracelab.census.DirectReach;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.testing.FuzzInputs;
import dev.ftracelab.util.InputLimits;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * The command line as a whole, and the {@code reach --distances} parser.
 *
 * <p>{@link #main}: an input is a line of arguments, then the contents of one input file. Words
 * of the first line outside {@link #VOCABULARY} are dropped; a word {@code FILE} or
 * {@code FILE.<ext>} (one of {@link #SUFFIXES}) becomes the path of the file, written with that
 * name (gzipped for {@code .gz}). {@link Main#run} must return a status other than 70 and throw
 * nothing: an Error (OutOfMemoryError, StackOverflowError...) or exit 70 on any input is a
 * finding. Commands that write files or run for minutes (report, bench, calibrate, answer,
 * {@code --export}, {@code --save}) are not in the vocabulary; {@code run} always gets a small
 * {@code --max-instructions}. {@code reach} and {@code census} without an input file (the file as the value of an option
 * such as {@code --arch} does not count) are skipped:
 * they read the committed datasets (tens of seconds under the fuzzer, none of it from the input),
 * which the fuzzer otherwise reaches by breaking a seed's file argument.
 *
 * <p>Each fuzzing thread builds picocli's command model once and runs every input through it
 * ({@link #COMMAND_LINE}): building it took three quarters of a fast input's time. Picocli resets
 * every option before it parses; {@code CliReuseTest} checks that a reused command line answers
 * exactly as a fresh one.
 *
 * <p>Committed inputs: {@code src/test/resources/dev/ftracelab/cli/CliFuzzTestInputs/<method>/};
 * {@code JAZZER_FUZZ=1 ./mvnw -B test -Dtest=CliFuzzTest#main} fuzzes one.
 */
class CliFuzzTest {
    static final Set<String> VOCABULARY = Set.of(
            // commands that read one input file, and their options
            "disasm", "run", "reach", "census", "published", "profiles", "check-patch", "import", "compare", "dispatch",
            "--symbol", "--stats", "--repeat", "--distances", "--arch", "--format", "--top", "--threads", "--file",
            "--show", "--plan", "--layout", "--op", "--tasks", "--harts", "--calls", "--bound", "--preempt",
            "--board", "--variant", "--kernel", "--profile", "--priced-calls", "--relevant", "--irrelevant",
            "--help", "--version",
            // values
            "riscv64", "arm64", "x86", "text", "csv", "json", "md", "call-ops", "nop-nop", "atomic", "pre-call-ops",
            "enable", "disable", "retarget", "all", "full", "none", "vf2", "k1", "m1",
            "0", "1", "2", "3", "10", "-1", "0x10", "NaN", "1e300", "9300000000000",
            "main", "_start", "tracee_relevant", "ftrace_caller");
    static final List<String> SUFFIXES = List.of("", ".elf", ".ko", ".yaml", ".json", ".csv", ".csv.gz", ".log",
            ".txt", ".functions.csv.gz");
    /** Options whose value is a file. */
    static final Set<String> FILE_OPTIONS = Set.of("--distances", "--file", "--show", "--plan", "--profile", "--board",
            "--kernel");
    /** One command line per thread, built once: {@link Main#run} builds one per call. */
    static final ThreadLocal<CommandLine> COMMAND_LINE = ThreadLocal.withInitial(() -> Main.commandLine(InputLimits.DEFAULTS));
    /** Keeps a fuzzed {@code run} to milliseconds. */
    static final List<String> RUN_BUDGET = List.of("--max-instructions", "20000");

    @FuzzTest(maxDuration = "2m")
    @Timeout(60)
    void main(byte[] data) {
        Path dir = FuzzInputs.tempDir();
        try {
            String[] args = arguments(data, dir);
            if (args == null) {
                return;
            }
            StringWriter err = new StringWriter();
            int status = run(COMMAND_LINE.get(), args, new StringWriter(), err);
            if (status == Main.INTERNAL_ERROR) {
                throw new AssertionError("exit 70 for " + List.of(args) + ":\n" + err);
            }
        } finally {
            FuzzInputs.delete(dir);
        }
    }

    /**
     * The command line of an input, its file written into {@code dir}; null for an input that is
     * skipped (see the class comment).
     */
    static String[] arguments(byte[] data, Path dir) {
        int eol = indexOf(data, (byte) '\n');
        String argLine = new String(data, 0, eol < 0 ? data.length : eol, StandardCharsets.UTF_8);
        byte[] file = eol < 0 ? new byte[0] : Arrays.copyOfRange(data, eol + 1, data.length);
        List<String> args = new ArrayList<>();
        for (String w : argLine.trim().split("\\s+")) {
            if (args.size() >= 16) {
                break;
            }
            if (w.startsWith("FILE") && SUFFIXES.contains(w.substring(4))) {
                Path p = dir.resolve("input" + w.substring(4));
                FuzzInputs.write(p, file);
                args.add(p.toString());
            } else if (VOCABULARY.contains(w)) {
                args.add(w);
            }
        }
        boolean hasFile = false;
        for (int k = 0; k < args.size(); k++) {
            // the file as an input, not as the value of an option such as --arch or --format
            hasFile |= args.get(k).startsWith(dir.toString())
                    && (k == 0 || !args.get(k - 1).startsWith("-") || FILE_OPTIONS.contains(args.get(k - 1)));
        }
        if (!hasFile && (args.contains("reach") || args.contains("census"))) {
            return null; // the committed datasets, not the input (see the class comment)
        }
        if (args.contains("run")) {
            args.addAll(args.indexOf("run") + 1, RUN_BUDGET);
        }
        return args.toArray(String[]::new);
    }

    /** Runs {@code args} through {@code cl} as {@link Main#run} does, into the given writers. */
    static int run(CommandLine cl, String[] args, StringWriter out, StringWriter err) {
        PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err);
        cl.setOut(o);
        cl.setErr(e);
        int status = Main.execute(cl, args);
        o.flush();
        e.flush();
        return status;
    }

    /** {@code reach --distances}: the file's parser, then the reach shares on both arches. */
    @FuzzTest(maxDuration = "2m")
    @Timeout(30)
    void distances(byte[] data) {
        Path dir = FuzzInputs.tempDir();
        try {
            Path f = FuzzInputs.write(dir.resolve("distances.txt"), data);
            long[][] d = new long[1][];
            if (!badInputOnly(() -> d[0] = ReachCommand.readDistances(f))) {
                return;
            }
            for (Arch a : Arch.values()) {
                DirectReach.ReachRow row = DirectReach.measured(a, "fuzz", d[0]);
                for (Double share : new Double[] {row.jal(), row.jalrFixedAuipc(), row.auipcJalr(), row.bl()}) {
                    if (share != null && !(share >= 0 && share <= 100)) {
                        throw new AssertionError("share out of 0..100 in " + row);
                    }
                }
            }
        } finally {
            FuzzInputs.delete(dir);
        }
    }

    private static int indexOf(byte[] data, byte b) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
