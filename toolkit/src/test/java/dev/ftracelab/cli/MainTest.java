package dev.ftracelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftracelab.dataset.PublishedMeasurements;
import dev.ftracelab.report.FtraceOpsTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.List;
import dev.ftracelab.util.InputLimits;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in-process: outputs and exit statuses. The packaged jar is exercised by CliIT. */
class MainTest {
    @TempDir
    Path tmp;

    record Run(int status, String out, String err) {
    }

    /** Text with every run of blanks and line breaks as one blank: a wrapped line read as one. */
    static String flat(String text) {
        return text.replaceAll("\\s+", " ");
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void versionNamesToolkitAndCommit() {
        Run r = run("--version");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("ftrace-lab "), r.out());
        assertTrue(r.out().contains("(commit "), r.out());
    }

    @Test
    void helpListsTheSubcommands() {
        Run r = run("--help");
        assertEquals(0, r.status());
        for (String sub : new String[] {"report", "published", "profiles"}) {
            assertTrue(r.out().contains(sub), r.out());
        }
    }

    /**
     * A run of one command registers only that command: its help, its parse errors and an
     * unknown option read exactly as with every command registered, and the full command line
     * still serves help and misspelt commands.
     */
    @Test
    void aCommandAloneAnswersAsInTheFullCommandLine() {
        for (Class<?> c : Main.SUBCOMMANDS) {
            String name = c.getAnnotation(picocli.CommandLine.Command.class).name();
            for (String[] args : new String[][] {{name, "--help"}, {name, "--no-such-option"}, {name, "a", "b", "c", "d"}}) {
                CommandLine alone = Main.commandLine(InputLimits.DEFAULTS, args);
                assertEquals(name.equals("help") ? Main.SUBCOMMANDS.size() : 1, alone.getSubcommands().size(), name);
                assertEquals(answer(Main.commandLine(InputLimits.DEFAULTS), args), answer(alone, args), String.join(" ", args));
            }
        }
        assertEquals(Main.SUBCOMMANDS.size(), Main.commandLine(InputLimits.DEFAULTS, new String[] {"runn"}).getSubcommands().size());
        assertEquals(Main.SUBCOMMANDS.size(), Main.commandLine(InputLimits.DEFAULTS, new String[0]).getSubcommands().size());
        assertTrue(run("runn").err().contains("Unmatched argument at index 0: 'runn'"), run("runn").err());
    }

    private static String answer(CommandLine cl, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = CliFuzzTest.run(cl, args, out, err);
        return status + "\n" + out + "\n" + err;
    }

    /**
     * Regression (issue 17): {@code census --export} claimed its folder only when it began to
     * write, after a census that may run for minutes. It is refused at once now: the input here
     * does not exist, and the error is the held folder, not the input.
     */
    @Test
    void censusExportIsRefusedAtOnceWhileAnotherExportHoldsTheFolder() {
        Path out = tmp.resolve("kernels");
        try (var held = dev.ftracelab.util.AtomicFiles.lockSet(out)) {
            Run r = run("census", "--export", out.toString(), "--package", "p", "--package-version", "1",
                    tmp.resolve("missing.ko").toString());
            assertEquals(2, r.status(), r.err());
            assertTrue(r.err().contains("is being written by another ftrace-lab run"), r.err());
        }
        Run free = run("census", "--export", out.toString(), "--package", "p", "--package-version", "1",
                tmp.resolve("missing.ko").toString());
        assertEquals(2, free.status());
        assertFalse(free.err().contains("being written"), "the claim ends with the command: " + free.err());
    }

    @Test
    void topLevelHelpGivesEveryCommandAWholeSentence() {
        String help = run("--help").out();
        String commands = help.substring(help.indexOf("Commands:\n") + 10, help.indexOf("\nExit status:"));
        // an entry starts at two spaces and a name; continuation lines are indented further
        for (String entry : commands.split("\n(?=  [a-z])")) {
            String text = entry.strip().replaceAll("\\s+", " ");
            assertTrue(text.endsWith("."), "description cut mid-sentence: " + text);
        }
        assertTrue(help.contains("check-patch") && help.contains("Exit status 0 SAFE"), help);
    }

    @Test
    void helpNeverBreaksAWordAtADot() {
        for (String sub : new String[] {"", "report", "published", "import", "profiles", "run", "disasm", "dispatch",
            "ftrace-ops-table", "calibrate", "bench", "check-patch", "census", "reach", "list-path-mix", "probe",
            "conformance", "answer"}) {
            String help = sub.isEmpty() ? run("--help").out() : run(sub, "--help").out();
            java.util.List<String> lines = help.lines().toList();
            for (int i = 0; i + 1 < lines.size(); i++) {
                // "(.ko" split as "(." / "ko": a line ending in a dot stuck to a word, the next in lower case
                String line = lines.get(i);
                String next = lines.get(i + 1);
                boolean continues = indent(next) >= indent(line); // not the next command or option
                boolean split = continues && line.matches(".*[^\\s.]\\.|.*\\(\\.") && next.strip().matches("[a-z].*");
                assertFalse(split, sub + " --help splits a word at a dot:\n" + lines.get(i) + "\n" + lines.get(i + 1));
            }
        }
    }

    private static int indent(String line) {
        return line.length() - line.stripLeading().length();
    }

    @Test
    void everyCommandsHelpFormatsCleanly() {
        // a stray % in a description makes picocli's tracer warn on System.err instead of formatting it
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true));
        try {
            for (String sub : new String[] {"report", "answer", "published", "import", "profiles", "run", "disasm", "dispatch",
                "ftrace-ops-table", "calibrate", "bench", "probe"}) {
                assertEquals(0, run(sub, "--help").status(), sub);
            }
            assertEquals(0, run("--help").status());
        } finally {
            System.setErr(stderr);
        }
        assertEquals("", warnings.toString());
    }

    @Test
    void publishedTextShowsTheCommitMessageTables() {
        Run r = run("published", "--dataset", "m1-before");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains(FtraceOpsTable.mail(PublishedMeasurements.load().dataset("m1-before"))), r.out());
        assertTrue(r.out().contains("Mark Rutland"), "sources are printed");
        assertTrue(r.out().contains("    toolkit:  ftrace-lab"), "provenance is printed");
    }

    @Test
    void publishedJsonHasEverySelectedRow() throws IOException {
        Run r = run("published", "--format", "json", "--dataset", "qemu-rv-before", "--dataset", "qemu-rv-after");
        assertEquals(0, r.status(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(10, doc.get("rows").size());
        assertEquals("qemu-rv-after", doc.get("rows").get(9).get("dataset").asText());
        assertTrue(doc.get("rows").get(0).get("total_ns").isNull());
    }

    @Test
    void publishedCsvReadsBackAsTheSameRows() throws IOException {
        Run r = run("published", "--format", "csv");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.equals("m1-before,arm64,apple-m1-hvf,no-call-ops,1,100,100000,"
                + "106432500,1064.43,1063.38,,,,,irrelevant")), r.out());
    }

    @Test
    void badFormatIsBadInput() {
        Run r = run("published", "--format", "xml");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("ftrace-lab: "), r.err());
        assertTrue(r.err().contains("expected text, csv, json or md"), r.err());
    }

    @Test
    void malformedDatasetIsBadInputWithFileAndLine() throws IOException {
        Path f = tmp.resolve("broken.csv");
        // an older file, without the optional trailing columns
        Files.writeString(f, String.join(",", PublishedMeasurements.SCHEMA.subList(0, 10).stream().map(c -> c.name()).toList())
                + "\nm1,arm64,p,v,one,0,100,5,0.5,\n");
        Run r = run("published", "--file", f.toString());
        assertEquals(2, r.status());
        assertEquals("ftrace-lab: " + f + ":2: expected an integer in column 'relevant', got 'one'\n", r.err());
        assertEquals("", r.out(), "nothing printed on bad input");
    }

    @Test
    void unknownDatasetIsBadInput() {
        Run r = run("published", "--dataset", "nope");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("no published dataset 'nope'"), r.err());
    }

    @Test
    void missingOrUnknownSubcommandIsBadInput() {
        assertEquals(2, run().status());
        assertEquals(2, run("frobnicate").status());
    }

    @Test
    void disasmListsAFunctionWithItsPatchSiteNops() throws IOException {
        Path elf = tmp.resolve("recursion.pfe.elf");
        Files.write(elf, dev.ftracelab.emu.GuestCorpus.bytes(dev.ftracelab.isa.Arch.ARM64, "recursion.pfe"));
        Run r = run("disasm", elf.toString(), "--symbol", "fib");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("<fib>:"), r.out());
        assertEquals(4, r.out().lines().filter(l -> l.endsWith("nop\t# patch site")).count(),
                "arm64 -fpatchable-function-entry=4,2: two NOPs before the entry, two after\n" + r.out());
    }

    @Test
    void disasmOfAMalformedFileIsBadInputWithTheOffset() throws IOException {
        Path f = tmp.resolve("truncated.elf");
        Files.write(f, java.util.Arrays.copyOf(dev.ftracelab.emu.GuestCorpus.bytes(dev.ftracelab.isa.Arch.RISCV64,
                "loops"), 40));
        Run r = run("disasm", f.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("ftrace-lab: " + f + ":offset 0x"), r.err());
    }

    @Test
    void disasmOfAnUnknownSymbolIsBadInput() throws IOException {
        Path elf = tmp.resolve("loops.elf");
        Files.write(elf, dev.ftracelab.emu.GuestCorpus.bytes(dev.ftracelab.isa.Arch.RISCV64, "loops"));
        Run r = run("disasm", elf.toString(), "--symbol", "no_such_function");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("no function named 'no_such_function'"), r.err());
    }

    @Test
    void dispatchCallsMeanTheCallsRunAndTotalsAreOverThem() throws IOException {
        Run text = run("dispatch", "--arch", "riscv64", "--layout", "atomic", "--calls", "10");
        assertEquals(0, text.status(), text.err());
        assertTrue(text.out().startsWith("riscv64 atomic: R=1 relevant, I=0 irrelevant ops, 10 calls of"), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.matches("  total_instructions +[0-9,]+ \\(10 calls\\)")),
                text.out());
        JsonNode counted = new ObjectMapper().readTree(run("dispatch", "--arch", "riscv64", "--calls", "10",
                "--format", "json").out());
        assertEquals(10, counted.get("rows").get(0).get("calls").asLong());
        assertEquals("10", counted.get("provenance").get("parameters").get("calls").asText());
    }

    @Test
    void aPricedDispatchSaysWhatRanAndTotalsOnlyThat() throws IOException {
        Run text = run("dispatch", "--arch", "riscv64", "--layout", "atomic", "--profile", "vf2",
                "--priced-calls", "20", "--seeds", "1");
        assertEquals(0, text.status(), text.err());
        assertTrue(text.out().startsWith("riscv64 atomic. Modelled on vf2: StarFive VisionFive 2"), text.out());
        String flat = text.out().replaceAll("\\s+", " ");
        assertTrue(flat.contains("20 calls of tracee_relevant priced after 200 warm-up calls (420 run), on each of 1"
                + " heap seeds"), text.out());
        assertTrue(text.out().contains("(420 calls)") && text.out().contains("(20 calls)"), text.out());
        assertFalse(text.out().contains("100,000"), "no count that was not run: " + text.out());
        JsonNode doc = new ObjectMapper().readTree(run("dispatch", "--arch", "riscv64", "--profile", "vf2",
                "--priced-calls", "20", "--seeds", "1", "--format", "json").out());
        JsonNode row = doc.get("rows").get(0);
        assertEquals(420, row.get("calls").asLong(), "warm-up, priced and trailing calls");
        assertEquals(20, row.get("priced_calls").asLong());
        assertEquals(row.get("per_call_ns").asDouble() * 20, row.get("priced_total_ns").asDouble(), 1e-6);
        assertFalse(row.has("total_ns"), "no total extrapolated to calls that never ran");
        assertFalse(doc.get("provenance").get("parameters").has("calls"));
        assertTrue(doc.get("title").asText().startsWith("riscv64 call-ops. Modelled on vf2"), doc.toString());
        Run both = run("dispatch", "--arch", "riscv64", "--profile", "vf2", "--calls", "10");
        assertEquals(2, both.status());
        assertTrue(both.err().startsWith("ftrace-lab: --calls counts instructions over N calls; with --profile"),
                both.err());
    }

    @Test
    void reachStampsOnlyTheInputsItWasGiven() throws IOException {
        Path d = tmp.resolve("distances.txt");
        Files.writeString(d, "4096\n");
        Run r = run("reach", "--distances", d.toString(), "--arch", "riscv64", "--format", "csv");
        assertEquals(0, r.status(), r.err());
        assertFalse(r.out().contains("=null"), r.out());
        assertTrue(r.out().contains("# parameters: command=reach, distances=" + d + ", arch=riscv64\n"), r.out());
    }

    @Test
    void profilesListsTheCommittedProfiles() {
        Run r = run("profiles");
        assertEquals(0, r.status());
        for (String name : new String[] {"k1", "m1", "vf2"}) {
            assertTrue(r.out().contains("  " + name + ": "), r.out());
        }
        Run unknown = run("profiles", "--show", "vf3");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().startsWith("ftrace-lab: no hardware profile 'vf3': expected one of k1, m1, vf2"), unknown.err());
    }

    @Test
    void probeListsRunsAndRejectsBadInput() {
        Run list = run("probe", "--list");
        assertEquals(0, list.status());
        String listed = flat(list.out()); // wrapped to 72 columns
        assertTrue(listed.contains("load-l2") && listed.contains("latency.load_to_use + l2.hit_latency"), list.out());
        assertTrue(listed.contains("release-load") && listed.contains("store-fence")
                && listed.contains("latency.store + store_buffer.visibility_latency + latency.load_to_use"),
                list.out());
        Run r = run("probe", "taken-branch", "--profile", "vf2");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("result=2.00"), r.out());
        assertTrue(flat(r.out()).contains(
                "taken-branch on vf2 (riscv64): measured 2.00, profile 2.00 (branch.taken_bubble)"), r.out());
        assertTrue(r.out().contains("on a board: ./taken-branch.elf"), r.out());
        Run unknown = run("probe", "nope", "--profile", "vf2");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().startsWith("ftrace-lab: no probe 'nope': expected one of taken-branch, "), unknown.err());
        assertEquals(2, run("probe", "taken-branch").status(), "no profile");
        assertEquals(2, run("probe", "taken-branch", "--profile", "vf3").status());
        assertEquals(2, run("probe", "taken-branch", "--profile", "vf2", "--iters", "0").status());
    }

    @Test
    void reportWritesTheWriteUpFolder() throws IOException {
        Path out = tmp.resolve("report");
        Run r = run("report", "--out", out.toString(), "--zip");
        assertEquals(0, r.status(), r.err());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("## Published measurements"), md);
        assertTrue(md.indexOf("## The answer, per design, on vf2") >= 0
                && md.indexOf("## The answer") < md.indexOf("## Published measurements"), "the answer comes first");
        assertTrue(Files.exists(out.resolve("answer.txt")) && Files.exists(out.resolve("answer-plot.png")));
        for (String name : PublishedMeasurements.load().datasetNames()) {
            for (String ext : new String[] {"txt", "csv", "json", "md"}) {
                assertTrue(Files.exists(out.resolve("published-" + name + "." + ext)), name + "." + ext);
            }
        }
        assertTrue(Files.exists(out.resolve("published-m1-per-call.png")));
        assertTrue(Files.exists(tmp.resolve("report.zip")));
        // issue 17: the name is a link (the atomic swap); the output names the real folder and how to copy
        Path real = out.toRealPath();
        assertTrue(Files.isSymbolicLink(out) && !real.equals(out.toAbsolutePath()), real.toString());
        assertTrue(r.out().startsWith("wrote " + out.toAbsolutePath() + " ("), r.out());
        assertTrue(r.out().lines().findFirst().orElseThrow().endsWith("files), a link to the folder " + real
                + " (to copy it: cp -rL report DEST, or copy that folder):"), r.out());
        assertTrue(r.out().contains("\nwrote " + tmp.resolve("report.zip").toAbsolutePath() + "\n"), r.out());
        assertTrue(md.contains("provenance stamp below the table or plot"), "where the stamps are: " + md);
        String vf2 = Files.readString(out.resolve("vf2-riscv64-atomic.txt"));
        assertTrue(vf2.startsWith("riscv64 atomic. Modelled on vf2: StarFive VisionFive 2"), vf2);
        assertTrue(vf2.contains("\n  Interval: lowest to highest of"), "interval caption: " + vf2);
        assertTrue(vf2.contains("\n  modelled:   vf2 profile: StarFive"), "profile in the stamp: " + vf2);
        assertFalse(vf2.contains("Total time"), vf2);
        assertTrue(Files.readString(out.resolve("vf2-riscv64-atomic.json")).contains("\"kind\" : \"modelled\""));
    }

    /**
     * Regression (issue 17): {@code report --out EXISTING_FILE} deleted the file, and any folder
     * was wiped unchecked. Refused with exit 2 before any section runs; the input is kept.
     */
    @Test
    void reportRefusesAnOutThatIsNotAReportFolder() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "precious");
        Run r = run("report", "--out", file.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("ftrace-lab: " + file + ": expected a report folder made by ftrace-lab"), r.err());
        assertEquals("precious", Files.readString(file));
        Path folder = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(folder.resolve("thesis.tex"), "years of work");
        r = run("report", "--out", folder.toString(), "--zip");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("--force"), r.err());
        assertEquals("years of work", Files.readString(folder.resolve("thesis.tex")));
        assertFalse(Files.exists(tmp.resolve("home.zip")));
    }

    /**
     * Regression (issue 17): two reports of one folder at once deleted each other's temporaries.
     * While another run holds the folder (here: this test holds its lock), a report is refused
     * with exit 2 before any section runs, and the folder is left as it was.
     */
    @Test
    void aSecondReportOfOneFolderIsRefused() throws IOException {
        Path out = tmp.resolve("busy");
        try (var held = dev.ftracelab.util.AtomicFiles.lock(out)) {
            Run r = run("report", "--out", out.toString());
            assertEquals(2, r.status(), r.err());
            assertEquals("ftrace-lab: " + out.toAbsolutePath() + ": is being written by another ftrace-lab run (it"
                    + " holds .busy.lock beside it); wait for that run to finish, or write elsewhere", r.err().strip());
            assertFalse(Files.exists(out, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        }
        Path zipped = tmp.resolve("z");
        try (var held = dev.ftracelab.util.AtomicFiles.lock(tmp.resolve("z.zip"))) {
            Run r = run("report", "--out", zipped.toString(), "--zip");
            assertEquals(2, r.status(), r.err());
            assertTrue(r.err().contains(".z.zip.lock"), r.err());
        }
    }

    /**
     * Regression (issue 17): {@code report --zip} overwrote any file named DIR.zip. A file the
     * tool did not write is refused with exit 2 before any section runs, unless --force.
     */
    @Test
    void reportRefusesToOverwriteAZipItDidNotWrite() throws IOException {
        Path zip = Files.writeString(tmp.resolve("r.zip"), "not mine to lose");
        Run r = run("report", "--out", tmp.resolve("r").toString(), "--zip");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("ftrace-lab: " + zip + ": expected a report zip made by ftrace-lab"), r.err());
        assertEquals("not mine to lose", Files.readString(zip));
        assertFalse(Files.exists(tmp.resolve("r"), java.nio.file.LinkOption.NOFOLLOW_LINKS), "refused before writing");
    }

    @Test
    void answerPrintsThePageAsJsonWithItsStamp() throws IOException {
        Run r = run("answer", "--seeds", "1", "--priced-calls", "50", "--format", "json",
                "--plot", tmp.resolve("answer.png").toString());
        assertEquals(0, r.status(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(24, doc.get("rows").size(), "three rows for each of the 8 riscv64 designs");
        assertEquals("vf2", doc.get("provenance").get("profile").asText());
        assertEquals("DCO", doc.get("rows").get(21).get("key").asText());
        assertEquals("ftrace_caller -> ops->direct_call", doc.get("rows").get(21).get("route_1_0").asText());
        assertTrue(Files.size(tmp.resolve("answer.png")) > 0);
    }

    @Test
    void answerOnArm64PrintsItsDesignsSchemesAndIntervals() {
        Run r = run("answer", "--profile", "m1", "--seeds", "1", "--priced-calls", "20");
        assertEquals(0, r.status(), r.err());
        String out = r.out();
        assertTrue(out.startsWith("Modelled on m1: Apple M1"), out);
        for (String key : List.of("Lpc", "Tpc", "CO", "Dpc", "Dpf", "DCO", "DCf")) {
            assertTrue(out.contains("\n  " + String.format("%-3s", key) + " ||"), key + " in\n" + out);
        }
        assertEquals(7, out.split("\n   lo \\|\\|", -1).length - 1, "an interval for each design: " + out);
        assertEquals(7, out.split("\n   hi \\|\\|", -1).length - 1, out);
        // every arm64 design has a checked scheme now: no "-" in the ERD column
        assertTrue(flat(out).contains("scheme: arm64-pre-call-ops") && flat(out).contains("scheme: arm64-call-ops"), out);
        assertFalse(out.contains("none modelled"), out);
        assertEquals(7, out.split("\\| SSS \\|", -1).length - 1, "every op SAFE, by exploring: " + out);
        assertTrue(out.contains("  modelled:   m1 profile"), out);
        MailWidthTest.assertFits("answer --profile m1", out);
    }

    @Test
    void calibrateRefusesAnUnknownEstimateBeforePricing() {
        Run r = run("calibrate", "--sensitivity", "--estimates", "latency.load_to_usee");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--estimates: latency.load_to_usee is no profile's estimate: expected one of"),
                r.err());
        assertTrue(r.err().contains("store_buffer.visibility_latency"), r.err());
        assertEquals(2, run("calibrate", "--estimates", "memory_latency").status(), "only with --sensitivity");
    }

    @Test
    void answerRefusesBadInputBeforeComputing() {
        Run seeds = run("answer", "--seeds", "0");
        assertEquals(2, seeds.status());
        assertTrue(seeds.err().contains("--seeds must be at least 1"), seeds.err());
        assertEquals(2, run("answer", "--priced-calls", "0").status());
        Run profile = run("answer", "--profile", "vf3");
        assertEquals(2, profile.status());
        assertTrue(profile.err().contains("no hardware profile 'vf3'"), profile.err());
        assertEquals(2, run("answer", "--format", "xml").status());
    }

    @Test
    void dispatchDirectWorkloadShowsTheRoute() throws IOException {
        Run near = run("dispatch", "--arch", "riscv64", "--layout", "nop-nop", "--direct", "--calls", "20",
                "--format", "json");
        assertEquals(0, near.status(), near.err());
        JsonNode row = new ObjectMapper().readTree(near.out()).get("rows").get(0);
        assertEquals("direct", row.get("route").asText());
        assertEquals("near", row.get("direct").asText());
        Run far = run("dispatch", "--arch", "riscv64", "--layout", "nop-nop", "--direct", "far", "--calls", "20",
                "--format", "json");
        assertEquals(0, far.status(), far.err());
        assertEquals("common-trampoline", new ObjectMapper().readTree(far.out()).get("rows").get(0).get("route").asText());
        Run shared = run("dispatch", "--arch", "arm64", "--direct", "--relevant", "2", "--calls", "20", "--format", "csv");
        assertEquals(0, shared.status(), shared.err());
        assertTrue(shared.out().contains("ftrace_list_ops"), shared.out());
        assertEquals(2, run("dispatch", "--arch", "riscv64", "--direct", "sideways").status());
    }

    @Test
    void benchSaysWhenItOverranItsBudget() {
        // Regression: a full sweep slower than --budget said nothing about it.
        dev.ftracelab.bench.BenchSettings full = dev.ftracelab.bench.BenchSettings.FULL;
        long budget = full.remeasure().budget().toSeconds();
        assertEquals("", BenchCommand.overBudget(full, java.time.Duration.ofSeconds(budget), 0));
        assertEquals("", BenchCommand.overBudget(dev.ftracelab.bench.BenchSettings.QUICK, java.time.Duration.ofHours(1), 0));
        String note = BenchCommand.overBudget(full, java.time.Duration.ofMillis(budget * 1000 + 42_300), 0);
        assertTrue(note.replace("\n", " ").startsWith("Over budget: this run took " + (budget + 42) + ".3 s, its budget was "
                + budget + " s."), note);
        assertTrue(note.lines().allMatch(l -> l.length() <= 72), note);
        String text = BenchCommand.text(MailWidthTest.benchResults(), full, dev.ftracelab.report.Provenance.capture(), note);
        assertTrue(text.contains(note + "\n  "), text); // above the stamp
    }
}
