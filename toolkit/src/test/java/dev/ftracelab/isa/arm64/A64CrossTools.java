package dev.ftracelab.isa.arm64;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The AArch64 cross tools (gcc, objdump, objcopy, qemu-aarch64) for tests: skipped with an
 * assumption when absent, a failure when {@code FTRACELAB_REQUIRE_TOOLS=1} (as in CI).
 */
public final class A64CrossTools {
    public static final String GCC = "aarch64-linux-gnu-gcc";
    public static final String OBJDUMP = "aarch64-linux-gnu-objdump";
    public static final String OBJCOPY = "aarch64-linux-gnu-objcopy";
    public static final String QEMU = "qemu-aarch64";

    /**
     * Flags for freestanding test programs. {@code -mgeneral-regs-only} as the kernel builds (the
     * emulator has no SIMD&FP); {@code -mno-outline-atomics} so atomics are inline instructions
     * rather than calls into libgcc, which {@code -nostdlib} leaves out.
     */
    public static final List<String> CFLAGS = List.of("-O2", "-ffreestanding", "-nostdlib", "-static",
            "-mgeneral-regs-only", "-mno-outline-atomics");

    private A64CrossTools() {
    }

    /** The tool output of one command. */
    public record Result(int exitCode, String stdout, byte[] rawStdout) {
    }

    /** Skips the test (or fails it, in CI) unless every tool runs. */
    public static void require(String... tools) {
        dev.ftracelab.testing.HostTools.require(tools);
    }

    /** Runs a command in {@code dir}, stderr merged into stdout; fails the test after 60 s. */
    public static Result run(Path dir, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command that must succeed; returns its output. */
    public static String check(Path dir, List<String> command) {
        Result r = run(dir, command);
        if (r.exitCode() != 0) {
            fail("failed (" + r.exitCode() + "): " + String.join(" ", command) + "\n" + r.stdout());
        }
        return r.stdout();
    }

    /** Copies a test resource of this package (a C source) into {@code dir}. */
    public static Path resource(String name, Path dir) {
        try (InputStream in = A64CrossTools.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            Path p = dir.resolve(name);
            Files.write(p, in.readAllBytes());
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles {@code source} in {@code dir} with {@link #CFLAGS} plus {@code extra}. */
    public static Path compile(Path dir, Path source, String output, List<String> extra) {
        List<String> cmd = new ArrayList<>();
        cmd.add(GCC);
        cmd.addAll(CFLAGS);
        cmd.addAll(extra);
        cmd.add(source.toString());
        cmd.add("-o");
        cmd.add(output);
        check(dir, cmd);
        return dir.resolve(output);
    }
}
