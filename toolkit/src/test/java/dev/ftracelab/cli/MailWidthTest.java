package dev.ftracelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ftracelab.bench.BenchSettings;
import dev.ftracelab.cost.Comparison;
import dev.ftracelab.cost.MeasuredDataset;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.cost.Sensitivity;
import dev.ftracelab.dataset.PublishedMeasurements;
import dev.ftracelab.patch.CheckOptions;
import dev.ftracelab.report.AnswerSection;
import dev.ftracelab.report.AnswerTables;
import dev.ftracelab.report.CompareSection;
import dev.ftracelab.report.CostSection;
import dev.ftracelab.report.DispatchSection;
import dev.ftracelab.report.MailTable;
import dev.ftracelab.report.PatchSafetySection;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.report.PublishedSection;
import dev.ftracelab.report.ReportSection;
import dev.ftracelab.report.TextSizeSection;
import dev.ftracelab.report.WriteUp;
import dev.ftracelab.testing.BenchResults;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * Every output meant for a mail fits in {@link MailTable#MAIL_WIDTH} columns: the text of each
 * CLI command (run in-process, small settings) and every {@code .txt} file of the report (its
 * sections built with small settings). A failure names the output, the line number and the line.
 */
class MailWidthTest {
    private static final int WIDTH = MailTable.MAIL_WIDTH;

    @TempDir
    Path tmp;

    /** The CLI commands whose text output goes into mails, each with small settings. */
    static List<List<String>> commands() {
        List<List<String>> c = new ArrayList<>();
        c.add(List.of("published"));
        c.add(List.of("published", "--dataset", "qemu-rv-after"));
        c.add(List.of("import", "src/test/resources/importer/example-dmesg.log", "--board", "example-board",
                "--variant", "no-call-ops"));
        c.add(List.of("import", "src/test/resources/importer/serial-console-ugly.log",
                "src/test/resources/importer/mangled-mail.txt"));
        c.add(List.of("profiles"));
        for (String p : List.of("vf2", "k1", "m1")) {
            c.add(List.of("profiles", "--show", p));
        }
        c.add(List.of("reach"));
        List<String> census = new ArrayList<>(List.of("census"));
        ReachCommand.committedDatasets().forEach(p -> census.add(p.toString()));
        c.add(census);
        c.add(List.of("dispatch", "--arch", "riscv64", "--calls", "20"));
        c.add(List.of("dispatch", "--arch", "arm64", "--layout", "pre-call-ops", "--strategy", "per-callsite-trampoline",
                "--relevant", "2", "--irrelevant", "10", "--profile", "m1", "--priced-calls", "20",
                "--seeds", "1"));
        c.add(List.of("dispatch", "--arch", "riscv64", "--layout", "nop-nop", "--irrelevant", "10",
                "--profile", "vf2", "--priced-calls", "20", "--seeds", "2"));
        c.add(List.of("ftrace-ops-table", "--arch", "riscv64", "--layout", "nop-nop", "--calls", "20"));
        c.add(List.of("ftrace-ops-table", "--arch", "arm64", "--profile", "m1", "--priced-calls", "20",
                "--seeds", "1"));
        c.add(List.of("ftrace-ops-table", "--arch", "riscv64", "--strategy", "per-callsite-trampoline", "--layout",
                "nop-nop", "--profile", "k1", "--priced-calls", "20", "--seeds", "1"));
        c.add(List.of("calibrate", "--priced-calls", "20", "--seeds", "1"));
        // the sensitivity tables (31 s for every estimate): the longest estimate name of each profile
        c.add(List.of("calibrate", "--priced-calls", "20", "--seeds", "1", "--sensitivity", "--estimates",
                String.join(",", longestEstimates())));
        // per call under QEMU: the widest figures and intervals a published dataset gives
        c.add(List.of("compare", "qemu-rv-before", "--profile", "vf2", "--priced-calls", "20", "--seeds", "1"));
        c.add(List.of("compare", "m1-after", "--profile", "m1", "--priced-calls", "20", "--seeds", "1"));
        c.add(List.of("answer", "--profile", "vf2", "--priced-calls", "20", "--seeds", "1"));
        c.add(List.of("answer", "--profile", "m1", "--priced-calls", "20", "--seeds", "1"));
        c.add(List.of("check-patch", "--scheme", "riscv-nop-nop-stop-machine"));
        c.add(List.of("check-patch", "--scheme", "riscv-atomic", "--op", "enable", "--ziccif", "off"));
        c.add(List.of("check-patch", "--scheme", "arm64-call-ops", "--op", "retarget", "--calls", "1"));
        c.add(List.of("probe", "--list"));
        c.add(List.of("probe", "release-load", "--profile", "vf2", "--iters", "50"));
        c.add(List.of("list-path-mix", "--guest"));
        return c;
    }

    /** Of each profile's estimates, the longest name: the widest row its sensitivity table has. */
    static List<String> longestEstimates() {
        return Profile.names().stream().map(n -> Sensitivity.of(n).estimates().stream()
                .max(java.util.Comparator.comparingInt(String::length)).orElseThrow()).distinct().toList();
    }

    @TestFactory
    Stream<DynamicTest> everyCommandsTextFits() {
        return commands().stream().map(args -> DynamicTest.dynamicTest(String.join(" ", args), () -> {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
            assertTrue(status == 0 || status == 1, "exit status " + status + ": " + err);
            assertFits(String.join(" ", args), out.toString());
        }));
    }

    @Test
    void benchTextFitsWithEveryDesignAndRow() {
        Provenance p = Provenance.capture().with("command", "bench");
        assertFits("bench (text of a full results table)", BenchCommand.text(benchResults(), BenchSettings.FULL, p));
    }

    /** Every section's tables as the report writes them (.txt), with small settings. */
    @Test
    void everyReportTextFileFits() throws IOException {
        List<ReportSection> sections = List.of(
                new AnswerSection(AnswerTables.Settings.of(Profile.load("vf2")).seeds(1).pricedCalls(20)),
                new PublishedSection(PublishedMeasurements.load()),
                new DispatchSection(20), new CostSection(20, 1),
                new PatchSafetySection(CheckOptions.builder().tasks(1).calls(1).preemptionBound(1).build()), TextSizeSection.committed(),
                new CompareSection(Comparison.builder(Profile.load("vf2"), MeasuredDataset.resolve("qemu-rv-before"))
                        .pricedCalls(20).seeds(1).build()));
        Path dir = new WriteUp(sections).bundle(Provenance.capture().with("command", "report")).writeTo(tmp.resolve("r"));
        List<Path> txt;
        try (Stream<Path> files = Files.list(dir)) {
            txt = files.filter(f -> f.toString().endsWith(".txt")).sorted().toList();
        }
        assertTrue(txt.stream().anyMatch(f -> f.getFileName().toString().startsWith("patch-safety-trace-")),
                "the v6.8 counterexample traces are among the files: " + txt);
        // the facts the CSV has survive the reshaping
        String trace = Files.readString(dir.resolve("patch-safety-trace-enable.txt"));
        assertTrue(trace.contains("registers: t0=") && trace.contains("VIOLATION: the site jumped to"), trace);
        String contrast = Files.readString(dir.resolve("patch-safety-contrast.txt"));
        assertTrue(MainTest.flat(contrast).contains("checked with: no preemption")
                && MainTest.flat(contrast).contains("no Ziccif"), contrast);
        List<String> failures = new ArrayList<>();
        for (Path f : txt) {
            failures.addAll(overWide(f.getFileName().toString(), Files.readString(f)));
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " lines over " + WIDTH + " columns:\n" + String.join("\n", failures));
        }
    }

    @Test
    void theCheckerFindsAWideLineEvenInTheStamp() {
        String wide = "x".repeat(WIDTH + 1);
        assertEquals(List.of("out:2 (73 columns): " + wide), overWide("out", "ok\n" + wide + "\n"));
        assertEquals(1, overWide("out", "  parameters: a=" + wide + "\n").size(), "the stamp is checked too");
    }

    static void assertFits(String name, String text) {
        List<String> failures = overWide(name, text);
        if (!failures.isEmpty()) {
            fail(failures.size() + " lines over " + WIDTH + " columns:\n" + String.join("\n", failures));
        }
    }

    /** "name:line (N columns): text" for every line wider than a mail allows. */
    static List<String> overWide(String name, String text) {
        List<String> lines = text.lines().toList();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).length() > WIDTH) {
                out.add(String.format(Locale.ROOT, "%s:%d (%d columns): %s", name, i + 1, lines.get(i).length(),
                        lines.get(i)));
            }
        }
        return out;
    }

    /** A bench results table as BenchRun makes it: every design and published row, slow and wide. */
    static Table benchResults() {
        // about 10 ns per ops, so R100 rows reach 1,000 ns; intervals +-25%
        return BenchResults.of((d, p) -> 10.01 * (p.relevant() + p.irrelevant()) + 3.7, sc -> sc * 0.25, 4, p -> 3);
    }
}
