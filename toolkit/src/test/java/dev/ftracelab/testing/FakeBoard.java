package dev.ftracelab.testing;

import dev.ftracelab.util.Resources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A board for the ftrace-ops script ({@code board-script}) inside a test: fake
 * {@code insmod}/{@code modprobe}/{@code modinfo}/{@code dmesg}/{@code journalctl}/{@code uname}/{@code id}
 * first on the PATH ({@code src/test/resources/dev/ftracelab/board/fake/}). A load appends what
 * the kernel's ftrace-ops sample prints, as util-linux {@code dmesg} shows it, to a fake kernel
 * log and fails with EINVAL as the real module does. Its figures are synthetic:
 * {@code 3 + 40 R + 12 I} ns per call (the total is that times the calls plus a few ns), so a
 * row's overhead over its R=0 baseline is {@code 40 R} ns.
 *
 * <pre>{@code
 * FakeBoard b = FakeBoard.in(tmp);
 * ShellScripts.Result r = b.run(scriptText, Map.of());   // writes tmp/out.log
 * }</pre>
 *
 * Environment switches of the fakes: {@code FAKE_NO_MODULE=1} (modinfo finds nothing),
 * {@code FAKE_FAIL=1} (a load fails with an unknown symbol), {@code FAKE_DMESG_DENIED=1},
 * {@code FAKE_JOURNAL=1} (journalctl -k works), {@code FAKE_UID=N}.
 */
public final class FakeBoard {
    private static final String FAKE = "/dev/ftracelab/board/fake/";

    private final Path dir;
    private final Path bin;
    private final Path log;

    private FakeBoard(Path dir) throws IOException {
        this.dir = dir;
        bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : List.of("insmod", "dmesg", "journalctl", "modinfo", "uname", "id")) {
            install(tool, tool);
        }
        install("insmod", "modprobe");
        log = dir.resolve("kernel.log");
        Files.writeString(log, "[    0.000000] Linux version 6.12.0-fake (a fake log for a test)\n");
    }

    /** The fakes in {@code dir}/bin and an empty fake kernel log ({@code dir}/kernel.log). */
    public static FakeBoard in(Path dir) throws IOException {
        return new FakeBoard(dir);
    }

    private void install(String resource, String name) throws IOException {
        Path f = bin.resolve(name);
        Files.write(f, Resources.read(FAKE + resource));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The fake kernel log. */
    public Path log() {
        return log;
    }

    /** Where each load's command line is recorded ({@code insmod|modprobe MODULE PARAMS}). */
    public Path loads() {
        return dir.resolve("kernel.log.calls");
    }

    /** The script's output file, {@code out.log}. */
    public Path output() {
        return dir.resolve("out.log");
    }

    /** Writes {@code script} to {@code ftrace-ops-board.sh} and runs it under dash with the fakes. */
    public ShellScripts.Result run(String script, Map<String, String> extraEnv) throws IOException, InterruptedException {
        Path sh = dir.resolve("ftrace-ops-board.sh");
        Files.writeString(sh, script, StandardCharsets.UTF_8);
        Map<String, String> env = new HashMap<>();
        env.put("FAKE_LOG", log.toString());
        env.put("FTRACE_LAB_KMSG", log.toString());
        env.putAll(extraEnv);
        return ShellScripts.dash(sh, List.of("out.log"), dir, bin, env);
    }
}
