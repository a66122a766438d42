package dev.ftracelab.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.cost.Probe;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.testing.HostTools;
import dev.ftracelab.testing.ShellScripts;
import dev.ftracelab.util.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run-probes.sh: shellcheck-clean; under dash with a fake runner (it records each program's
 * command line and prints a result) and a fake sysfs cache folder, it runs every probe with
 * exactly the command line {@link Probe#commandLine} gives for those caches, and its output reads
 * back with {@link ProbeOutput}; with qemu-user the real programs run through it.
 */
class ProbeScriptTest {
    private static final String RUNNER = """
            #!/bin/sh
            # fake runner: records the program and its arguments, prints what a probe prints
            prog=${1##*/}
            shift
            echo "$prog $*" >>"$ARGV_LOG"
            if [ "${FAKE_SIGILL:-0}" = 1 ]; then
                case " $* " in *" counter=time "*) ;; *) exit 132 ;; esac
            fi
            echo "probe=${prog%.elf}"
            echo "iters=100000"
            echo "result=1.25"
            """;

    @TempDir
    Path tmp;

    private Path folder(Profile base) throws IOException {
        Path dir = tmp.resolve("probes-" + base.name());
        ProbeScript.of(base, "ftrace-lab test", "--arch " + base.arch().id()).files().forEach((name, bytes) -> {
            try {
                Files.write(Files.createDirectories(dir).resolve(name), bytes);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return dir;
    }

    private Path runner() throws IOException {
        Path r = tmp.resolve("fake-runner");
        Files.writeString(r, RUNNER);
        Files.setPosixFilePermissions(r, PosixFilePermissions.fromString("rwxr-xr-x"));
        return r;
    }

    /** A sysfs cache folder (index0 L1 data, index1 L1 instruction, index2 L2) with {@code p}'s caches. */
    private Path sysfs(Profile p) throws IOException {
        Path s = tmp.resolve("sysfs-" + p.l1d().sizeKib() + "-" + p.l2().sizeKib());
        cacheIndex(s.resolve("index0"), 1, "Data", p.l1d());
        cacheIndex(s.resolve("index1"), 1, "Instruction", p.l1i());
        cacheIndex(s.resolve("index2"), 2, "Unified", p.l2());
        return s;
    }

    private static void cacheIndex(Path d, int level, String type, Profile.Cache c) throws IOException {
        Files.createDirectories(d);
        Files.writeString(d.resolve("level"), level + "\n");
        Files.writeString(d.resolve("type"), type + "\n");
        Files.writeString(d.resolve("size"), c.sizeKib() + "K\n");
        Files.writeString(d.resolve("ways_of_associativity"), c.ways() + "\n");
        Files.writeString(d.resolve("coherency_line_size"), c.lineBytes() + "\n");
    }

    private ShellScripts.Result run(Path dir, Path sysfs, Map<String, String> extra) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of("RUNNER", runner().toString(),
                "ARGV_LOG", tmp.resolve("argv.log").toString(), "FTRACE_LAB_SYSFS", sysfs.toString(), "BOARD", "Test Board"));
        env.putAll(extra);
        Files.deleteIfExists(tmp.resolve("argv.log"));
        return ShellScripts.dash(dir.resolve(ProbeScript.SCRIPT), List.of(tmp.resolve("out.txt").toString()), dir, tmp,
                env);
    }

    /** The recorded command lines, without the riscv64 counter check (iters=1 reps=1). */
    private List<String> commandLines() throws IOException {
        return Files.readAllLines(tmp.resolve("argv.log")).stream().map(String::strip)
                .filter(l -> !l.endsWith(" iters=1 reps=1")).toList();
    }

    private static List<String> expected(Profile caches, String... extra) {
        List<String> lines = new ArrayList<>();
        for (Probe p : Probe.all()) {
            List<String> argv = new ArrayList<>(p.commandLine(caches));
            argv.addAll(List.of(extra));
            lines.add(String.join(" ", argv));
        }
        return lines;
    }

    @Test
    void theScriptIsShellcheckCleanForBothArches() throws Exception {
        for (String base : List.of("vf2", "m1")) {
            ShellScripts.assertShellcheckClean(folder(Profile.load(base)).resolve(ProbeScript.SCRIPT));
        }
    }

    @Test
    void theFolderHoldsTheScriptAndEachProgramOnce() {
        var files = ProbeScript.of(Profile.load("vf2"), "t", "").files();
        assertEquals(ProbeScript.SCRIPT, files.keySet().iterator().next());
        assertEquals(Probe.all().stream().map(p -> p.program() + ".elf").distinct().count() + 1, files.size());
        // the programs are the committed riscv64 builds (ELF, machine 243 = RISC-V)
        byte[] elf = files.get("load-chain.elf");
        assertEquals(0x7f, elf[0]);
        assertEquals(243, elf[18] & 0xff);
        assertEquals(183, ProbeScript.of(Profile.load("m1"), "t", "").files().get("load-chain.elf")[18] & 0xff);
    }

    @Test
    void aProfileNameThatWouldNeedQuotingIsRefused() {
        Profile v = Profile.load("vf2");
        Profile odd = new Profile("my $(board)", v.description(), v.arch(), v.clockGhz(), v.issueWidth(), v.outOfOrder(),
                v.robEntries(), v.latency(), v.branch(), v.predictor(), v.l1i(), v.l1d(), v.l2(), v.memoryLatency(),
                v.storeBuffer(), v.sources());
        assertThrows(BadInputException.class, () -> ProbeScript.of(odd, "t", ""));
    }

    /** The board's caches give the same command lines as Probe.commandLine on a profile with those caches. */
    @Test
    void everyProbeRunsWithTheCommandLineOfTheBoardsCaches() throws Exception {
        Profile vf2 = Profile.load("vf2");
        Profile other = Profile.load("vf2", Map.of("l1d.size_kib", 64, "l1d.ways", 4, "l1d.line_bytes", 32,
                "l2.size_kib", 1024, "l2.line_bytes", 128));
        Path dir = folder(vf2);
        ShellScripts.Result r = run(dir, sysfs(other), Map.of());
        assertEquals(0, r.status(), r.err());
        assertEquals(expected(other), commandLines());

        ProbeOutput out = ProbeOutput.read(tmp.resolve("out.txt"));
        assertEquals("Test Board", out.board());
        assertEquals(Probe.all(), out.results().stream().map(ProbeOutput.Result::probe).toList());
        assertTrue(out.results().stream().allMatch(x -> x.value() == 1.25));
        String text = Files.readString(tmp.resolve("out.txt"));
        assertTrue(text.contains("# l1d: 64 KiB, 4 ways, 32 B lines (from sysfs)"), text);
        assertTrue(text.contains("# l2: 1024 KiB, 16 ways, 128 B lines (from sysfs)"), text);
        assertTrue(r.out().contains("ftrace-lab profile-from " + tmp.resolve("out.txt") + " --base vf2 --out test-board.yaml"),
                r.out());

        // no sysfs: the base profile's caches
        r = run(dir, tmp.resolve("no-sysfs"), Map.of());
        assertEquals(0, r.status(), r.err());
        assertEquals(expected(vf2), commandLines());
        assertTrue(Files.readString(tmp.resolve("out.txt")).contains("# l1d: 32 KiB, 8 ways, 64 B lines (from profile vf2)"));
    }

    @Test
    void aHiddenCycleCounterSwitchesRiscvProbesToTheTimer() throws Exception {
        Profile vf2 = Profile.load("vf2");
        ShellScripts.Result r = run(folder(vf2), sysfs(vf2), Map.of("FAKE_SIGILL", "1", "ITERS", "50", "REPS", "2"));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("rdcycle traps: using rdtime"), r.err());
        assertEquals(expected(vf2, "counter=time", "iters=50", "reps=2"), commandLines());
        assertTrue(Files.readString(tmp.resolve("out.txt")).contains("# counter: time"));
    }

    /** The real programs under qemu-user (short loops): every block reads back. */
    @Test
    void theRealProgramsRunThroughTheScriptUnderQemu() throws Exception {
        for (String base : List.of("vf2", "m1")) {
            Profile p = Profile.load(base);
            String qemu = p.arch().id().equals("arm64") ? "qemu-aarch64" : "qemu-riscv64";
            HostTools.require(qemu);
            Path dir = folder(p);
            Files.list(dir).forEach(f -> f.toFile().setExecutable(true));
            Map<String, String> env = Map.of("RUNNER", qemu, "ITERS", "500", "REPS", "1",
                    "FTRACE_LAB_SYSFS", sysfs(p).toString(), "BOARD", "qemu");
            ShellScripts.Result r = ShellScripts.dash(dir.resolve(ProbeScript.SCRIPT), List.of("out.txt"), dir, tmp, env);
            assertEquals(0, r.status(), r.err());
            ProbeOutput out = ProbeOutput.read(dir.resolve("out.txt"));
            assertEquals(Probe.all().size(), out.results().size(), base);
            assertEquals(qemu, out.runner());
        }
    }
}
