package dev.ftracelab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged CLI as a user runs it: the executable jar and the ./ftrace-lab launcher. */
class CliIT {
    private static final Path ROOT = Path.of(System.getProperty("ftracelab.root", "..")).toAbsolutePath().normalize();
    private static final Path JAR = Path.of(System.getProperty("ftracelab.jar", "target/ftrace-lab.jar"));

    @TempDir
    Path tmp;

    record Result(int status, String out, String err) {
    }

    private Result run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "CLI did not finish: " + command);
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private Result jar(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Dftracelab.root=" + ROOT, "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void executableJarPrintsVersionAndHelp() throws Exception {
        Result v = jar("--version");
        assertEquals(0, v.status(), v.err());
        assertTrue(v.out().matches("(?s)ftrace-lab \\d+\\.\\d+\\.\\d+.*\\(commit [0-9a-f]{12}.*"), v.out());
        Result h = jar("--help");
        assertEquals(0, h.status());
        assertTrue(h.out().contains("Exit status:"), h.out());
    }

    @Test
    void publishedTableComesOutOnStdoutWithNothingOnStderr() throws Exception {
        Result r = jar("published", "--dataset", "m1-before");
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err(), "no logging noise");
        assertTrue(r.out().contains("  =========+============++=============+==============+============"), r.out());
    }

    @Test
    void badInputExitsTwoWithOneLine() throws Exception {
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "not,the,header\n");
        Result r = jar("published", "--file", bad.toString());
        assertEquals(2, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("ftrace-lab: " + bad + ":1: expected header"), r.err());
    }

    @Test
    void reportWritesTheFolderFromAnyWorkingDirectory() throws Exception {
        Path out = tmp.resolve("write-up");
        Result r = jar("report", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.readString(out.resolve("report.md")).contains("Published measurements"));
        assertTrue(Files.size(out.resolve("published-m1-per-call.png")) > 10_000);
    }

    private Path corpus(String arch, String name) throws IOException {
        Path elf = tmp.resolve(arch + "-" + name + ".elf");
        Files.write(elf, dev.ftracelab.emu.GuestCorpus.bytes(dev.ftracelab.isa.Arch.parse(arch), name));
        return elf;
    }

    @Test
    void runPassesTheProgramsOutputAndStatusThrough() throws Exception {
        Result r = jar("run", "--stats", corpus("riscv64", "recursion").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("fib22=17711\n"), r.out());
        assertTrue(r.err().matches("(?s)run 1: [0-9,]+ instructions in [0-9.]+ s: [0-9.]+ emulated MIPS, [0-9]+ blocks compiled\n.*"), r.err());
        assertTrue(r.err().contains("direct_call"), r.err());
    }

    @Test
    void aProgramEndedByATrapExitsLikeTheSignal() throws Exception {
        Path elf = corpus("arm64", "loops");
        dev.ftracelab.elf.ElfFile parsed = dev.ftracelab.elf.ElfFile.read(elf);
        long entryOffset = parsed.segments().stream().filter(s -> s.isLoad() && s.vaddr() <= parsed.entry()
                && parsed.entry() < s.vaddr() + s.fileSize()).findFirst().map(s -> s.offset() + parsed.entry() - s.vaddr())
                .orElseThrow();
        byte[] bytes = Files.readAllBytes(elf);
        java.util.Arrays.fill(bytes, (int) entryOffset, (int) entryOffset + 4, (byte) 0); // udf #0
        Files.write(elf, bytes);
        Result r = jar("run", elf.toString());
        assertEquals(128 + 4, r.status(), "SIGILL");
        assertTrue(r.err().contains("illegal instruction 0x00000000 at 0x"), r.err());
    }

    @Test
    void runOfANonElfFileIsBadInput() throws Exception {
        Path notElf = tmp.resolve("notes.txt");
        Files.writeString(notElf, "hello");
        Result r = jar("run", notElf.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("ftrace-lab: " + notElf + ":offset 0x"), r.err());
    }

    @Test
    void launcherRunsTheBuiltJar() throws IOException, Exception {
        Result r = run(List.of(ROOT.resolve("ftrace-lab").toString(), "--version"));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("ftrace-lab "), r.out());
    }
}
