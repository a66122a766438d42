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
        assertTrue(Files.readString(out.resolve("report.md")).contains("Patch safety under preemption"));
        assertTrue(Files.readString(out.resolve("report.md")).contains("Text size and direct-call reach on real kernels"));
        assertTrue(Files.size(out.resolve("published-m1-per-call.png")) > 10_000);
        assertTrue(Files.size(out.resolve("function-sizes.png")) > 10_000);
        String growth = Files.readString(out.resolve("text-growth.csv"));
        assertTrue(growth.contains("riscv64,total,") && growth.contains("arm64,total,"), growth);
        assertTrue(Files.readString(out.resolve("direct-call-reach.txt")).contains("module area"));
    }

    @Test
    void dispatchRunsTheSampleAndReportsInstructionsPerCall() throws Exception {
        Result r = jar("dispatch", "--arch", "riscv64", "--layout", "call-ops", "--relevant", "1", "--irrelevant", "10",
                "--calls", "1000", "--format", "json");
        assertEquals(0, r.status(), r.err());
        com.fasterxml.jackson.databind.JsonNode row = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out())
                .get("rows").get(0);
        assertEquals(1, row.get("relevant").asInt());
        assertEquals(10, row.get("irrelevant").asInt());
        assertEquals("relevant0", row.get("literal").asText(), "one ops: the CALL_OPS fast path");
        double callOps = row.get("instructions_per_call").asDouble();
        Result list = jar("dispatch", "--arch", "riscv64", "--layout", "nop-nop", "--relevant", "1", "--irrelevant", "10",
                "--calls", "1000", "--format", "json");
        double listed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(list.out()).get("rows").get(0)
                .get("instructions_per_call").asDouble();
        assertTrue(listed > 3 * callOps, "list processing walks 11 ops: " + listed + " vs " + callOps);
        Result text = jar("dispatch", "--arch", "arm64", "--layout", "pre-call-ops", "--strategy",
                "per-callsite-trampoline", "--calls", "100");
        assertEquals(0, text.status(), text.err());
        assertTrue(text.out().contains("route                      per-callsite-trampoline"), text.out());
        assertTrue(text.out().contains("parameters: command=dispatch, arch=arm64, layout=pre-call-ops"), text.out());
    }

    @Test
    void ftraceOpsTablePrintsThePublishedMatrixInTheCommitLayout() throws Exception {
        Result r = jar("ftrace-ops-table", "--arch", "arm64", "--layout", "call-ops", "--calls", "200");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Relevant | Irrelevant ||"), r.out());
        assertEquals(13, r.out().lines().filter(l -> l.matches(" +\\d+ \\| +\\d+ \\|\\|.*")).count(), r.out());
        Result csv = jar("ftrace-ops-table", "--arch", "riscv64", "--layout", "atomic", "--calls", "200", "--format", "csv");
        assertEquals(0, csv.status(), csv.err());
        assertTrue(csv.out().contains("relevant,irrelevant,sweep,calls,total_instructions,instructions_per_call"), csv.out());
    }

    @Test
    void dispatchRejectsALayoutTheArchDoesNotHave() throws Exception {
        Result r = jar("dispatch", "--arch", "arm64", "--layout", "atomic");
        assertEquals(2, r.status());
        assertEquals("ftrace-lab: --layout: layout atomic does not exist on arm64: expected one of pre-call-ops, call-ops\n",
                r.err());
        Result unknown = jar("dispatch", "--arch", "arm64", "--layout", "fast");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("unknown layout 'fast'"), unknown.err());
        Result wrongArch = jar("ftrace-ops-table", "--arch", "arm64", "--profile", "vf2");
        assertEquals(2, wrongArch.status());
        assertEquals("ftrace-lab: profile vf2 is for riscv64, not arm64\n", wrongArch.err());
    }

    @Test
    void ftraceOpsTableWithAProfileFillsCyclesAndNanoseconds() throws Exception {
        Result r = jar("ftrace-ops-table", "--arch", "riscv64", "--layout", "call-ops", "--profile", "vf2",
                "--priced-calls", "100", "--format", "json");
        assertEquals(0, r.status(), r.err());
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals("vf2", json.get("provenance").get("profile").asText());
        com.fasterxml.jackson.databind.JsonNode rows = json.get("rows");
        assertEquals(13, rows.size());
        com.fasterxml.jackson.databind.JsonNode r1 = rows.get(9); // R=1 I=0
        assertEquals(1, r1.get("relevant").asInt());
        assertEquals(0, r1.get("irrelevant").asInt());
        double cycles = r1.get("cycles_per_call").asDouble();
        assertEquals(cycles / 1.5, r1.get("per_call_ns").asDouble(), 1e-6, "ns at the profile's 1.5 GHz");
        assertTrue(r1.get("overhead_ns").asDouble() > 0);
        assertTrue(rows.get(0).get("overhead_ns").isNull(), "untraced rows have no overhead");
        for (com.fasterxml.jackson.databind.JsonNode row : rows) {
            assertTrue(row.get("per_call_low_ns").asDouble() <= row.get("per_call_ns").asDouble()
                    && row.get("per_call_ns").asDouble() <= row.get("per_call_high_ns").asDouble(), row.toString());
        }
        assertTrue(r1.get("overhead_low_ns").asDouble() <= r1.get("overhead_ns").asDouble(), r1.toString());
        assertEquals("call-ops", r1.get("dispatch").asText());
        assertTrue(r1.get("band").asText().contains("call-ops rows of m1-after"), r1.toString());
        assertEquals(8, r1.get("seeds").asInt(), "8 heap layouts by default");
        Result text = jar("ftrace-ops-table", "--arch", "riscv64", "--layout", "atomic", "--profile", "vf2",
                "--priced-calls", "100", "--seeds", "2");
        assertTrue(text.out().contains("Modelled per-call time (ns)") && text.out().contains("Overhead interval"),
                text.out());
        assertTrue(text.out().startsWith("riscv64 atomic. Modelled on vf2: StarFive VisionFive 2"), text.out());
        assertTrue(text.out().contains("not measured"), text.out());
        assertTrue(text.out().contains("  modelled:   vf2 profile: StarFive VisionFive 2"), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.matches(" +1 \\| +10 \\|\\| +[0-9,.]+ \\| +[0-9,.]+ \\| +[0-9,.]+-[0-9,.]+")),
                text.out());
        Result noSeeds = jar("ftrace-ops-table", "--arch", "riscv64", "--profile", "vf2", "--seeds", "0");
        assertEquals(2, noSeeds.status());
        assertEquals("ftrace-lab: --seeds must be at least 1, got 0\n", noSeeds.err());
    }

    @Test
    void profilesAreListedAndABrokenOneIsRefusedWithItsField() throws Exception {
        Result list = jar("profiles");
        assertEquals(0, list.status(), list.err());
        assertTrue(list.out().matches("(?s).*vf2 +\\|\\| riscv64 +\\| 1\\.500 +\\| +2 \\| in-order.*"), list.out());
        Result show = jar("profiles", "--show", "m1");
        assertTrue(show.out().contains("latency.load_to_use"), show.out());
        Path broken = tmp.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(ROOT.resolve("datasets/profiles/vf2.yaml"))
                .replace("load_to_use: {value: 3,", "load_to_use: {value: -3,"));
        Result bad = jar("profiles", "--show", broken.toString());
        assertEquals(2, bad.status());
        assertEquals("ftrace-lab: " + broken + ":16: latency.load_to_use: expected a value of 0 or more, got -3\n", bad.err());
    }

    @Test
    void calibrateComparesTheModelWithThePublishedM1Rows() throws Exception {
        Result r = jar("calibrate", "--profile", "m1", "--priced-calls", "100", "--format", "json");
        assertEquals(0, r.status(), r.err());
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals(16, json.get("rows").get("rows").size(), "8 traced rows before and 8 after CALL_OPS");
        for (com.fasterxml.jackson.databind.JsonNode row : json.get("rows").get("rows")) {
            assertTrue(row.get("lowNs").asDouble() <= row.get("modelledNs").asDouble()
                    && row.get("modelledNs").asDouble() <= row.get("highNs").asDouble(), row.toString());
        }
        assertEquals(java.util.Set.of("list", "call-ops"), java.util.stream.StreamSupport.stream(
                json.get("designs").get("rows").spliterator(), false).map(d -> d.get("dispatch").asText())
                .collect(java.util.stream.Collectors.toSet()));
        assertTrue(json.get("bands").get("rows").size() >= 9, "every profile's layouts and designs");
        assertEquals(5, json.get("ratios").get("rows").size());
        Path png = tmp.resolve("cal.png");
        Result text = jar("calibrate", "--priced-calls", "100", "--seeds", "1", "--plot", png.toString());
        assertEquals(0, text.status(), text.err());
        assertTrue(text.out().contains("Mean |err| %") && text.out().contains("inside their interval"), text.out());
        assertTrue(Files.size(png) > 10_000, "a PNG plot");
        Result vf2 = jar("calibrate", "--profile", "vf2");
        assertEquals(2, vf2.status());
        assertTrue(vf2.err().contains("no published hardware measurements for profile vf2"), vf2.err());
    }

    @Test
    void benchRunsForkedJmhBenchmarksAndPrintsTheMailTable() throws Exception {
        Path json = tmp.resolve("jmh/host.json");
        Result r = jar("bench", "--quick", "--rows", "R1-I0,R1-I10", "--json", json.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("list (ns)") && r.out().contains("CALL_OPS (ns)"), r.out());
        assertEquals(2, r.out().lines().filter(l -> l.matches(" +1 \\| +(0|10) \\|\\|( +[0-9,.]+ \\|){5} +[0-9,.]+")).count(), r.out());
        String stamp = r.out().replaceAll("\\s+", " "); // the stamp and the summary wrap at 72 columns
        assertTrue(stamp.contains("parameters: command=bench, settings=quick, jmh=1 fork, warm-up"), r.out());
        assertTrue(stamp.contains("outliers=iterations above median + 3 x 1.4826 x MAD dropped"), r.out());
        assertTrue(stamp.contains("remeasure=none"), r.out());
        assertTrue(stamp.contains("measured: on the machine it was computed on (JMH"), r.out());
        assertTrue(java.util.regex.Pattern.compile("\\d of 6 benchmarks with a 99\\.9% CI within \\+-5% \\(widest \\+-[0-9.]+%: "
                + "[a-z-]+ R1-I(0|10)\\); \\d+ of 120 iterations dropped as slow").matcher(stamp).find(), r.out());
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertEquals(6, doc.size(), "3 designs x 2 rows, in JMH's format");
        assertEquals("ns/op", doc.get(0).get("primaryMetric").get("scoreUnit").asText());

        Result bad = jar("bench", "--quick", "--rows", "R1-10");
        assertEquals(2, bad.status());
        assertTrue(bad.err().startsWith("ftrace-lab: row 'R1-10' is not of the form"), bad.err());
        Result policy = jar("bench", "--quick", "--outliers", "tukey");
        assertEquals(2, policy.status());
        assertEquals("ftrace-lab: unknown outlier policy 'tukey': expected keep or drop-slow", policy.err().strip());
        Result target = jar("bench", "--target-ci", "-1");
        assertEquals(2, target.status());
        assertTrue(target.err().startsWith("ftrace-lab: target, fork limit and budget must not be negative"), target.err());
        Result budget = jar("bench", "--budget", "0");
        assertEquals(2, budget.status());
        assertTrue(budget.err().startsWith("ftrace-lab: --budget must be at least 1 second, got 0"), budget.err());
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

    @Test
    void checkPatchExitsZeroForSafeOneForUnsafeWithATrace() throws Exception {
        Result safe = jar("check-patch", "--scheme", "riscv-call-ops", "--op", "enable");
        assertEquals(0, safe.status(), safe.err());
        assertTrue(safe.out().contains("SAFE: "), safe.out());
        assertTrue(safe.out().contains("parameters: command=check-patch"), "provenance stamp: " + safe.out());
        Result unsafe = jar("check-patch", "--scheme", "riscv-nop-nop-stop-machine", "--op", "enable");
        assertEquals(1, unsafe.status(), unsafe.err());
        assertTrue(unsafe.out().contains("UNSAFE: "), unsafe.out());
        assertTrue(unsafe.out().contains("VIOLATION: the site jumped to"), unsafe.out());
        Result none = jar("check-patch", "--scheme", "riscv-nop-nop-stop-machine", "--preempt", "none");
        assertEquals(0, none.status(), none.out());
    }

    @Test
    void checkPatchJsonHasTheVerdictAndTheTraceSteps() throws Exception {
        Result r = jar("check-patch", "--scheme", "riscv-atomic", "--op", "enable", "--ziccif", "off", "--format", "json");
        assertEquals(1, r.status(), r.err());
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        com.fasterxml.jackson.databind.JsonNode res = root.get("results").get(0);
        assertEquals("UNSAFE", res.get("verdict").asText());
        assertTrue(res.get("trace").size() > 2, r.out());
        assertTrue(res.get("options").asText().contains("no Ziccif"), r.out());
        assertTrue(root.get("provenance").toString().contains("check-patch"), r.out());
    }

    @Test
    void checkPatchReadsAUserPlanAndRefusesABadOne() throws Exception {
        Path plan = tmp.resolve("plan.yaml");
        Files.writeString(plan, """
                name: call-ops enable, literal first
                op: enable
                steps:
                  - write: {at: tracee_relevant-8, quad: "&ftrace_list_ops"}
                  - write: {at: tracee_relevant+4, word: 0x%08x}
                  - remote_flush
                """.formatted(0x00000013));
        Result ok = jar("check-patch", "--plan", plan.toString(), "--arch", "riscv64", "--layout", "call-ops");
        assertEquals(0, ok.status(), ok.out() + ok.err());
        assertTrue(ok.out().contains("call-ops enable, literal first"), ok.out());
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "name: x\nop: enable\nsteps:\n  - write: {at: no_such_symbol, word: 1}\n");
        Result r = jar("check-patch", "--plan", bad.toString());
        assertEquals(2, r.status(), r.out());
        assertTrue(r.err().startsWith("ftrace-lab: " + bad + ":step 1 at: unknown symbol 'no_such_symbol'"), r.err());
        // Regression: the scenario's ops B was "unknown symbol 'B'" in a plan.
        Path retarget = tmp.resolve("retarget.yaml");
        Files.writeString(retarget, "name: call-ops retarget, drained\nop: retarget\nsteps:\n"
                + "  - write: {at: tracee_relevant-8, quad: \"&B\"}\n  - sync_rcu_tasks\n");
        Result named = jar("check-patch", "--plan", retarget.toString(), "--arch", "riscv64", "--layout", "call-ops");
        assertEquals(0, named.status(), named.out() + named.err());
        assertTrue(named.out().contains("= quad 0x"), named.out());
        Result both = jar("check-patch", "--plan", bad.toString(), "--scheme", "riscv-atomic");
        assertEquals(2, both.status());
        Result badOp = jar("check-patch", "--scheme", "riscv-atomic", "--op", "toggle");
        assertEquals(2, badOp.status());
        assertTrue(badOp.err().contains("enable, retarget, disable or all"), badOp.err());
    }
}
