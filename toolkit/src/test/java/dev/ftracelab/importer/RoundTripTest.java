package dev.ftracelab.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.dataset.PublishedMeasurements;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.report.PublishedTables;
import dev.ftracelab.report.TableFormat;
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
 * The "done when": every format the project writes (and mail mangles) imports back to the
 * same rows. Tables: every published dataset as the mail text of {@code published}, as an LKML
 * box table, both mangled by mail, as Markdown and as CSV. Logs: a dataset written as a synthetic
 * sample log in every tool's layout imports back to the same dataset.
 */
class RoundTripTest {
    @TempDir
    Path tmp;

    static final PublishedMeasurements PUBLISHED = PublishedMeasurements.load();

    @TestFactory
    Stream<DynamicTest> everyPublishedDatasetInEveryTableFormatImportsBackEqual() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : PUBLISHED.datasetNames()) {
            Table expected = rows(PUBLISHED.dataset(name));
            PublishedMeasurements one = PublishedMeasurements.of(PUBLISHED.dataset(name), List.of("Sources:"), Path.of("x"));
            String text = PublishedTables.render(one, List.of(name), TableFormat.TEXT, Provenance.capture());
            String box = box(PUBLISHED.dataset(name), name);
            String csv = PublishedTables.render(one, List.of(name), TableFormat.CSV, Provenance.capture());
            String md = PublishedTables.render(one, List.of(name), TableFormat.MARKDOWN, Provenance.capture());
            tests.add(check(name + " as published text", text, expected));
            tests.add(check(name + " as a box table", box, expected));
            tests.add(check(name + " as text, quoted, tabbed and wrapped by mail", mangle(text, ">> ", 58), expected));
            tests.add(check(name + " as a box table, quoted and wrapped by mail", mangle(box, "> > ", 64), expected));
            tests.add(check(name + " as csv", csv, expected));
            tests.add(check(name + " as markdown", md, expected));
        }
        return tests.stream();
    }

    @Test
    void theWholePublishedTextWithFourTablesImportsBackEqual() {
        String text = PublishedTables.render(PUBLISHED, PUBLISHED.datasetNames(), TableFormat.TEXT, Provenance.capture());
        Importer.Result r = Importer.builder().build().readText("published.txt", text);
        assertEquals(List.of(), r.diagnostics());
        assertEquals(show(rows(PUBLISHED.table())), show(r.rows()));
    }

    @Test
    void savedCsvLoadsBackAndImportsBackEqual() throws Exception {
        Importer.Result first = Importer.builder().variant("no-call-ops").build()
                .read(SampleLogReaderTest.RESOURCES.resolve("example-dmesg.log"));
        Path saved = first.save(tmp, List.of("computed on: test"));
        assertEquals(tmp.resolve("example-dmesg.csv"), saved);
        PublishedMeasurements loaded = PublishedMeasurements.load(saved);
        assertEquals(show(first.rows()), show(rows(loaded.table())));
        Importer.Result again = Importer.builder().build().read(saved);
        assertEquals(show(first.rows()), show(again.rows()));
        String file = Files.readString(saved);
        assertTrue(file.contains("# computed on: test\n# Sources:\n"), file);
        assertTrue(file.contains("sha256 " + dev.ftracelab.util.Hash.sha256(
                SampleLogReaderTest.RESOURCES.resolve("example-dmesg.log"))), file);
        assertTrue(loaded.sources().get(1).contains("example-dmesg.log (sample log, 18 runs"), loaded.sources().toString());
    }

    /** A log written from a dataset imports back to it, in every layout the tools print. */
    @TestFactory
    Stream<DynamicTest> aDatasetWrittenAsASampleLogImportsBackEqual() {
        // per_call = total / calls and the overheads as the importer computes them: its own output
        Importer.Result base = Importer.builder().dataset("m1").arch("arm64").board("apple-m1-hvf")
                .variant("no-call-ops").build().readText("m1.log",
                        SampleLog.write(SampleLog.runsOf(PUBLISHED.dataset("m1-before")), SampleLog.Style.DMESG, List.of()));
        Table expected = base.rows();
        List<DynamicTest> tests = new ArrayList<>();
        for (SampleLog.Style style : SampleLog.Style.values()) {
            tests.add(DynamicTest.dynamicTest(style.name().toLowerCase(Locale.ROOT), () -> {
                String log = SampleLog.write(SampleLog.runsOf(expected), style, List.of("synthetic, not a measurement"));
                Importer.Result r = Importer.builder().dataset("m1").arch("arm64").board("apple-m1-hvf")
                        .variant("no-call-ops").build().readText("again.log", log);
                assertEquals(List.of(), r.diagnostics());
                assertEquals(show(expected), show(r.rows()));
            }));
        }
        return tests.stream();
    }

    /** From the published totals, the log gives the published per-call figures before their rounding. */
    @Test
    void aLogOfThePublishedTotalsGivesThePublishedFiguresUnrounded() {
        Table published = PUBLISHED.dataset("m1-before");
        Table t = Importer.builder().build().readText("m1.log", SampleLog.write(SampleLog.runsOf(published),
                SampleLog.Style.SERIAL, List.of())).rows();
        for (int i = 0; i < published.rowCount(); i++) {
            int j = find(t, published.intColumn("relevant").get(i), published.intColumn("irrelevant").get(i));
            long total = published.longColumn("total_ns").get(i);
            assertEquals(total, t.longColumn("total_ns").get(j));
            assertEquals(total / 100000.0, t.doubleColumn("per_call_ns").get(j), 1e-12);
            // the commit message's 1/100 per-call time (1,064.43) is not its total / calls (1,064.325)
            boolean typo = published.intColumn("relevant").get(i) == 1 && published.intColumn("irrelevant").get(i) == 100;
            assertEquals(published.doubleColumn("per_call_ns").get(i), t.doubleColumn("per_call_ns").get(j),
                    typo ? 0.11 : 0.005);
            if (!published.doubleColumn("overhead_ns").isMissing(i)) {
                // the published overhead is over 0/0; the importer's over the same I's untraced run
                assertEquals(published.doubleColumn("overhead_ns").get(i), t.doubleColumn("overhead_ns").get(j),
                        typo ? 0.12 : 0.03);
            }
        }
    }

    private static int find(Table t, int r, int i) {
        for (int k = 0; k < t.rowCount(); k++) {
            if (t.intColumn("relevant").get(k) == r && t.intColumn("irrelevant").get(k) == i) {
                return k;
            }
        }
        throw new AssertionError("no row " + r + "/" + i);
    }

    private static DynamicTest check(String name, String text, Table expected) {
        return DynamicTest.dynamicTest(name, () -> {
            Importer.Result r = Importer.builder().build().readText(name, text);
            assertEquals(List.of(), r.diagnostics(), text);
            assertEquals(show(expected), show(r.rows()), text);
        });
    }

    /** The schema's columns of a table, without the derived sweep. */
    static Table rows(Table t) {
        return t.selectColumns(PublishedMeasurements.SCHEMA.stream().map(c -> c.name()).toArray(String[]::new));
    }

    /** Rows as text, one per line, for a readable diff. */
    static String show(Table t) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < t.rowCount(); r++) {
            for (int c = 0; c < t.columnCount(); c++) {
                Object v = t.column(c).isMissing(r) ? "" : t.column(c).get(r);
                sb.append(c > 0 ? "," : "").append(v instanceof Double d ? String.format(Locale.ROOT, "%.9f", d) : v);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** An LKML-style box table (as in the riscv CALL_OPS RFC), headed like published's text. */
    static String box(Table t, String name) {
        StringBuilder sb = new StringBuilder();
        sb.append(name).append(": ").append(t.stringColumn("arch").get(0)).append(", ")
                .append(t.stringColumn("platform").get(0)).append(", ").append(t.stringColumn("variant").get(0)).append("\n\n");
        String rule = "  +----------+------------+-----------------+------------+---------------+\n";
        sb.append("  +-----------------------+-----------------+----------------------------+\n");
        sb.append("  |  Number of tracers    | Total time (ns) | Per-call average time      |\n");
        sb.append("  |-----------------------+-----------------+----------------------------|\n");
        sb.append("  | Relevant | Irrelevant |    100000 calls | Total (ns) | Overhead (ns) |\n");
        sb.append("  |----------+------------+-----------------+------------+---------------|\n");
        for (int r = 0; r < t.rowCount(); r++) {
            String total = t.longColumn("total_ns").isMissing(r) ? "-" : Long.toString(t.longColumn("total_ns").get(r));
            String over = t.doubleColumn("overhead_ns").isMissing(r) ? "-"
                    : String.format(Locale.ROOT, "%,.2f", t.doubleColumn("overhead_ns").get(r));
            sb.append(String.format(Locale.ROOT, "  | %8d | %10d | %15s | %10s | %13s |%n", t.intColumn("relevant").get(r),
                    t.intColumn("irrelevant").get(r), total,
                    String.format(Locale.ROOT, "%,.2f", t.doubleColumn("per_call_ns").get(r)), over));
        }
        sb.append(rule);
        return sb.toString();
    }

    /**
     * What a mail client does to a table: runs of spaces become tabs, every line is quoted, and a
     * line wider than {@code width} is broken at its last blank before it.
     */
    static String mangle(String text, String quote, int width) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String l = quote + line.replaceAll(" {3,}", "\t");
            while (l.replace("\t", "        ").length() > width) {
                int cut = Math.max(l.lastIndexOf(' ', width - 8), l.lastIndexOf('\t', width - 8));
                int lead = quote.length() + (l.length() - quote.length() - l.substring(quote.length()).stripLeading().length());
                if (cut <= lead) { // never inside the indent: that would leave an empty line
                    break;
                }
                sb.append(l, 0, cut).append('\n');
                l = quote + l.substring(cut + 1);
            }
            sb.append(l).append('\n');
        }
        return sb.toString();
    }
}
