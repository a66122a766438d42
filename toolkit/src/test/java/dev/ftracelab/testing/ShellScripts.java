package dev.ftracelab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the generated scripts the way a board would: under {@code dash} (a strict POSIX shell),
 * with fake tools first on the PATH; and checks them with {@code shellcheck -s sh}. Both tools
 * are required (CI installs them): a missing one fails the test with the install hint.
 */
public final class ShellScripts {
    private ShellScripts() {
    }

    /** What a script printed and its exit status. */
    public record Result(int status, String out, String err) {
    }

    /** Fails (never skips) when {@code tool} is missing, saying how to install it. */
    public static void require(String tool) {
        if (!HostTools.present(tool)) {
            fail(tool + " is not on the PATH: install it (Debian/Ubuntu: sudo apt-get install " + tool
                    + "); the board scripts are tested with it");
        }
    }

    /** {@code shellcheck -s sh} finds nothing, not even a note. */
    public static void assertShellcheckClean(Path script) throws IOException, InterruptedException {
        require("shellcheck");
        Result r = run(List.of("shellcheck", "-s", "sh", "-S", "style", script.toString()), script.getParent(), Map.of());
        assertEquals(0, r.status(), "shellcheck -s sh " + script.getFileName() + ":\n" + r.out() + r.err());
    }

    /** {@code dash SCRIPT ARGS} in {@code dir} with {@code env} added and {@code bin} first on the PATH. */
    public static Result dash(Path script, List<String> args, Path dir, Path bin, Map<String, String> env)
            throws IOException, InterruptedException {
        require("dash");
        List<String> argv = new ArrayList<>(List.of("dash", script.toString()));
        argv.addAll(args);
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("PATH", bin + ":" + System.getenv("PATH"));
        return run(argv, dir, all);
    }

    public static Result run(List<String> argv, Path dir, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, ".out", ".txt");
        Path err = Files.createTempFile(dir, ".err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        // a guard against a hung script, not a timing
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail(String.join(" ", argv) + " did not finish");
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
