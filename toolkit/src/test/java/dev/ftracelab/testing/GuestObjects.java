package dev.ftracelab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ftracelab.isa.Arch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Relocatable objects compiled at test time from {@code dev/ftracelab/census/census.c} with a
 * cross compiler, as stand-ins for kernel modules. A missing compiler skips the test (fails it
 * with {@code FTRACELAB_REQUIRE_TOOLS=1}), see {@link HostTools}.
 */
public final class GuestObjects {
    /** The test source's functions, by name. */
    public static final List<String> FUNCTIONS = List.of("helper", "traced_a", "traced_b", "untraced", "init_fn");
    /** The ones without a patch area. */
    public static final List<String> NOTRACE = List.of("untraced");

    private GuestObjects() {
    }

    /** The cross compiler for {@code arch}. */
    public static String gcc(Arch arch) {
        return (arch == Arch.RISCV64 ? "riscv64-linux-gnu-" : "aarch64-linux-gnu-") + "gcc";
    }

    /** Compiles the census test source with {@code compiler} ({@code -O2 -c} plus {@code flags}) into {@code out}. */
    public static Path compile(String compiler, Path out, String... flags) throws IOException, InterruptedException {
        HostTools.require(compiler);
        Path src = out.resolveSibling("census-" + System.nanoTime() + ".c");
        try (InputStream in = GuestObjects.class.getResourceAsStream("/dev/ftracelab/census/census.c")) {
            assertNotNull(in, "census.c test resource");
            Files.write(src, in.readAllBytes());
        }
        List<String> cmd = new ArrayList<>(List.of(compiler, "-O2", "-c", "-o", out.toString(), src.toString()));
        cmd.addAll(List.of(flags));
        try {
            run(cmd);
        } finally {
            Files.deleteIfExists(src);
        }
        return out;
    }

    /** {@link #compile(String, Path, String...)} with the cross compiler for {@code arch}. */
    public static Path compile(Arch arch, Path out, String... flags) throws IOException, InterruptedException {
        return compile(gcc(arch), out, flags);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Path err = Files.createTempFile("ftracelab-gcc", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).redirectError(err.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + command);
            }
            assertEquals(0, p.exitValue(), () -> command + " failed: " + read(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
