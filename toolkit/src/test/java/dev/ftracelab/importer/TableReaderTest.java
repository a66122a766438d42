package dev.ftracelab.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.dataset.PublishedMeasurements;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.tablesaw.api.Table;

class TableReaderTest {

    /** The committed mail: twice quoted, tabs, wrapped rows and header, one row missing a column. */
    @Test
    void mangledMailRecoversEveryRowButTheBrokenOneAndNamesIt() {
        String f = SampleLogReaderTest.RESOURCES.resolve("mangled-mail.txt").toString();
        Importer.Result r = Importer.builder().build().read(SampleLogReaderTest.RESOURCES.resolve("mangled-mail.txt"));
        assertEquals(List.of(f + ":27: expected 5 columns (relevant, irrelevant, total_ns, per_call_ns, overhead_ns),"
                + " got 4: '2 | 0 | 6,502,708 | 65.03'"), r.diagnostics().stream().map(Diagnostic::toString).toList());
        Table expected = PublishedMeasurements.load().dataset("m1-after");
        expected = expected.where(expected.intColumn("relevant").isNotEqualTo(2));
        assertEquals(RoundTripTest.show(RoundTripTest.rows(expected)), RoundTripTest.show(r.rows()));
    }

    /**
     * Regression (ImporterFuzzTest): a negative per-call time was imported, and the CSV the
     * importer wrote then did not read back. It is refused with its line; a negative overhead
     * (a difference, noisy around 0) is kept.
     */
    @Test
    void aNegativeTimeIsRefusedAndANegativeOverheadKept() {
        String text = "relevant | irrelevant | per_call_ns | overhead_ns\n"
                + "0 | 0 | 10.5 | -0.2\n"
                + "1 | 0 | -10 | 3\n"
                + "2 | 0 | 14.0 | 3.5\n";
        Importer.Result r = Importer.builder().build().readText("pasted", text);
        assertEquals(List.of("pasted:3: expected a time of at least 0 ns in column 'per_call_ns', got '-10'"),
                r.diagnostics().stream().map(Diagnostic::toString).toList());
        assertEquals(2, r.rows().rowCount());
        assertEquals(-0.2, r.rows().doubleColumn("overhead_ns").get(0), 1e-12);
        String csv = r.csv(List.of());
        assertEquals(2, PublishedMeasurements.parse(java.nio.file.Path.of("imported.csv"), csv.lines().toList(), null)
                .table().rowCount(), "reads back whole");
    }

    @Test
    void aTableWithACallsColumnAndDatasetColumnNamesIsReadByName() {
        String text = """
                | relevant | irrelevant | calls | per_call_ns | total_ns |
                |---:|---:|---:|---:|---:|
                | 0 | 0 | 1,000 | 20.5 | 20,500 |
                | 3 | 0 | 1,000 | - | 90,000 |
                """;
        Table t = Importer.builder().dataset("d").build().readText("t.md", text).rows();
        assertEquals(List.of(1000, 1000), t.intColumn("calls").asList());
        assertEquals(List.of(20.5, 90.0), t.doubleColumn("per_call_ns").asList(), "a missing per-call is total / calls");
        assertEquals(List.of("d", "d"), t.stringColumn("dataset").asList());
    }

    @Test
    void aHeaderlessTableIsReadInTheUsualOrderWithANote() {
        Importer.Result r = Importer.builder().build().readText("x", " 0 | 0 || 1,000 | 0.01 | -\n 1 | 0 || 2,000 | 0.02 | 0.01\n");
        assertEquals(List.of("x:1: note: a table without a header: its columns read as relevant, irrelevant, total_ns,"
                + " per_call_ns, overhead_ns"), r.diagnostics().stream().map(Diagnostic::toString).toList());
        assertEquals(List.of(1000L, 2000L), r.rows().longColumn("total_ns").asList());
    }

    @Test
    void aHeaderNamingNothingKnownIsReportedNotGuessed() {
        Importer.Result r = Importer.builder().build().readText("x", """
                Alpha | Beta | Gamma | Delta | Epsilon | Zeta
                ======+======+=======+=======+=========+=====
                    1 |    2 |     3 |     4 |       5 |    6
                """);
        assertTrue(r.isEmpty());
        assertEquals("x:1: cannot tell the columns of the header 'Alpha | Beta | Gamma | Delta | Epsilon | Zeta':"
                + " expected columns Relevant, Irrelevant, a per-call time and optionally Total time and Overhead"
                + " (or the dataset column names)", r.diagnostics().get(0).toString());
    }

    @Test
    void badCellsAreNamedWithTheirColumn() {
        Importer.Result r = Importer.builder().build().readText("x", """
                  Relevant | Irrelevant || Per call | Overhead
                  =========+============++==========+=========
                         1 |       many ||  5.00 |     4.00
                         1 |          2 ||  fast |     4.00
                         2 |          0 ||  9.00 |     8.00
                """);
        assertEquals(List.of("x:3: expected a count in column 'irrelevant', got 'many'",
                "x:4: expected a number in column 'per_call_ns', got 'fast'"),
                r.diagnostics().stream().map(Diagnostic::toString).toList());
        assertEquals(List.of(2), r.rows().intColumn("relevant").asList());
    }

    @Test
    void proseWithABarIsNotATable() {
        Importer.Result r = Importer.builder().build().readText("x", "we piped it through sort | uniq -c\n"
                + "\n  Relevant | Irrelevant || ns/call\n  =========+============++======\n  1 | 0 || 3.5\n");
        assertEquals(List.of(), r.diagnostics());
        assertEquals(1, r.rows().rowCount());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "1,234,567.5;1234567.5", "1'234;1234", "1 234 567;1234567", "0,95;0.95", "12ns;12", "1_000;1000",
        "1064.43;1064.43", "-3.5;-3.5"})
    void numbersAsPeopleWriteThem(String cell, String value) {
        assertEquals(0, new BigDecimal(value).compareTo((BigDecimal) TableReader.number(cell)));
    }

    @Test
    void notNumbers() {
        assertNull(TableReader.number("1,23,4"));
        assertNull(TableReader.number("fast"));
        assertTrue(TableReader.missing(" - ") && TableReader.missing("n/a") && TableReader.missing("\u2014"));
    }

    @ParameterizedTest(name = "{0} under {1}")
    @CsvSource(delimiter = ';', value = {
        "Total;Per-call average time (ns);per_call_ns", "(ns);Total time;total_ns", "Total;'';total_ns",
        "100000 calls;Total time (ns);total_ns", "Total (ns);Per-call average time;per_call_ns",
        "Overhead (ns);Per-call average time;overhead_ns", "Irrelevant;Number of tracers;irrelevant",
        "Relevant;Number of tracers;relevant", "per_call_ns;'';per_call_ns", "ns/call;'';per_call_ns"})
    void columnRoles(String label, String group, String role) {
        assertEquals(role, TableReader.role(label, group));
    }
}
