package dev.ftracelab.isa.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-side access to the RISC-V cross tools (gcc, objdump, objcopy, qemu-riscv64). Tests that
 * need them are skipped when a tool is missing, but fail when {@code FTRACELAB_REQUIRE_TOOLS=1}
 * (CI) so a broken image cannot silently skip the agreement tests.
 */
public final class RvToolchain {
    public static final String GCC = "riscv64-linux-gnu-gcc";
    public static final String OBJDUMP = "riscv64-linux-gnu-objdump";
    public static final String OBJCOPY = "riscv64-linux-gnu-objcopy";
    public static final String QEMU = "qemu-riscv64";

    /** One instruction line of {@code objdump -d}. */
    public record Line(long address, String hex, String text) {
    }

    /** Result of running a process. */
    public record Result(int exit, byte[] stdout, String stderr) {
    }

    private RvToolchain() {
    }

    /** Skips the test (fails it in CI) unless every tool is on the PATH. */
    public static void require(String... tools) {
        dev.ftracelab.testing.HostTools.require(tools);
    }

    

    /** Runs a command; fails the test if it cannot be started or takes over a minute. */
    public static Result run(List<String> command) throws IOException, InterruptedException {
        // output goes to files so a hung process cannot block us before the timeout
        Path out = Files.createTempFile("rvtool", ".out");
        Path err = Files.createTempFile("rvtool", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + command);
            }
            return new Result(p.exitValue(), Files.readAllBytes(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    /**
     * Compiles and links {@code source} into {@code dir}: {@code file} names the source (its
     * extension, {@code .c} or {@code .S}, tells gcc the language); the ELF gets the name without
     * it. Extra gcc flags follow the defaults.
     */
    public static Path compile(Path dir, String file, String source, String... flags)
            throws IOException, InterruptedException {
        Path c = dir.resolve(file);
        Path elf = dir.resolve(file.substring(0, file.lastIndexOf('.')));
        Files.writeString(c, source);
        List<String> cmd = new ArrayList<>(List.of(GCC, "-O2", "-ffreestanding", "-nostdlib", "-static"));
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("-o", elf.toString(), c.toString(), "-lgcc"));
        Result r = run(cmd);
        assertEquals(0, r.exit(), () -> "gcc failed: " + r.stderr());
        return elf;
    }

    private static final Pattern INSN = Pattern.compile("^\\s*([0-9a-f]+):\\s+([0-9a-f]{4}|[0-9a-f]{8})\\s+(.*)$");

    /** The instruction lines of {@code objdump -d elf}. */
    public static List<Line> objdump(Path elf) throws IOException, InterruptedException {
        Result r = run(List.of(OBJDUMP, "-d", elf.toString()));
        assertEquals(0, r.exit(), () -> "objdump failed: " + r.stderr());
        List<Line> lines = new ArrayList<>();
        for (String s : new String(r.stdout(), StandardCharsets.UTF_8).split("\n")) {
            Matcher m = INSN.matcher(s);
            if (m.matches()) {
                lines.add(new Line(Long.parseUnsignedLong(m.group(1), 16), m.group(2), m.group(3)));
            }
        }
        return lines;
    }

    /** Drops {@code <sym>} and {@code # ...} annotations and normalises whitespace. */
    public static String normalise(String text) {
        String t = text;
        int hash = t.indexOf('#');
        if (hash >= 0) {
            t = t.substring(0, hash);
        }
        t = t.replaceAll("<[^>]*>", "");
        return t.trim().replaceAll("\\s+", " ");
    }
}
