package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.dataset.PublishedMeasurements;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class MailTableTest {

    /** The arm64 CALL_OPS commit-message layout, reproduced from the committed dataset. */
    @ParameterizedTest
    @ValueSource(strings = {"m1-before", "m1-after"})
    void reproducesTheArm64CommitMessageTable(String dataset) throws IOException {
        Table t = PublishedMeasurements.load().dataset(dataset);
        assertEquals(golden(dataset + ".txt"), FtraceOpsTable.mail(t));
    }

    @Test
    void everyLineFitsAMail() {
        for (String name : PublishedMeasurements.load().datasetNames()) {
            String text = FtraceOpsTable.mail(PublishedMeasurements.load().dataset(name));
            text.lines().forEach(l -> assertTrue(l.length() <= MailTable.MAIL_WIDTH, l));
            text.lines().forEach(l -> assertEquals(l.stripTrailing(), l, "no trailing blanks"));
        }
    }

    @Test
    void plainLayoutAlignsNumbersRightAndTextLeft() {
        Table t = Table.create("t",
                StringColumn.create("name", "a", "longer"),
                IntColumn.create("n", 5, 1234567),
                DoubleColumn.create("x", 0.5, Double.NaN));
        String expected = """
                  name   | n         | x
                  =======+===========+=====
                  a      |         5 | 0.50
                  longer | 1,234,567 |    -
                """;
        assertEquals(expected, MailTable.plain().render(t));
    }

    @Test
    void aRangeColumnShowsLowToHighWithOneDecimalBelowTen() {
        Table t = Table.create("t",
                IntColumn.create("r", 1, 2, 3),
                DoubleColumn.create("lo", 1.86, 62.4, Double.NaN),
                DoubleColumn.create("hi", 2.44, 1234.5, Double.NaN));
        MailTable layout = MailTable.builder().column("r", "R").range("lo", "hi", "Interval").keyColumns(1).build();
        String expected = """
                  R || Interval
                  ==++=========
                  1 ||  1.9-2.4
                  2 || 62-1,234
                  3 ||        -
                """;
        assertEquals(expected, layout.render(t));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MailTable.builder().range("lo", "nope", "I").build().render(t));
        assertTrue(e.getMessage().contains("no column 'nope'"), e.getMessage());
    }

    @Test
    void tooWideTableIsRejectedWithItsWidth() {
        Table t = Table.create("wide");
        for (int i = 0; i < 8; i++) {
            t.addColumns(StringColumn.create("column-" + i, "value-" + i));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MailTable.plain().render(t));
        assertTrue(e.getMessage().contains("at most 72"), e.getMessage());
    }

    @Test
    void missingColumnIsNamed() {
        Table t = Table.create("t", IntColumn.create("relevant", 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FtraceOpsTable.mail(t));
        assertTrue(e.getMessage().contains("no column 'irrelevant'"), e.getMessage());
    }

    @Test
    void groupsMustCoverTheColumns() {
        MailTable layout = MailTable.builder().group("two", 2).column("a", "A").build();
        Table t = Table.create("t", IntColumn.create("a", 1));
        assertThrows(IllegalArgumentException.class, () -> layout.render(t));
    }

    @Test
    void decimalsAreConfigurable() {
        MailTable layout = MailTable.builder().indent(0).column("x", "x").decimals("x", 0).build();
        Table t = Table.create("t", DoubleColumn.create("x", 1234.5, 2.4));
        assertEquals("x\n=====\n1,234\n    2\n", layout.render(t));
    }

    static String golden(String name) throws IOException {
        try (InputStream in = MailTableTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aWrappedColumnNarrowsToTheWidthAndContinuesBelow() {
        Table t = Table.create("t",
                IntColumn.create("n", 1, 2),
                StringColumn.create("what", "short", "one two three four"));
        MailTable layout = MailTable.builder().column("n", "n").column("what", "what").wrap("what").maxWidth(16).build();
        String expected = """
                  n | what
                  ==+===========
                  1 | short
                  2 | one two
                    | three four
                """;
        assertEquals(expected, layout.render(t));
    }

    @Test
    void aWrappedCellBreaksAfterPathSeparatorsThenAnywhereAndKeepsItsIndent() {
        assertEquals(java.util.List.of("kernel/", "drivers/", "xfs.ko"), MailTable.wrapCell("kernel/drivers/xfs.ko", 9));
        assertEquals(java.util.List.of("abcd", "efgh", "ij"), MailTable.wrapCell("abcdefghij", 4));
        assertEquals(java.util.List.of("  ab cd", "  ef"), MailTable.wrapCell("  ab cd ef", 7));
    }

    @Test
    void detailAndHeadingColumnsGetLinesOfTheirOwn() {
        Table t = Table.create("t",
                StringColumn.create("plan", "a", "b", "c"),
                StringColumn.create("options", "x", "x", "y"),
                StringColumn.create("note", "", "went wrong here", ""));
        MailTable layout = MailTable.builder().column("plan", "plan").heading("options", "with")
                .detail("note", "note").maxWidth(24).build();
        String expected = """
                  plan
                  ====
                  with: x
                  a
                  b
                      note: went wrong
                            here
                  with: y
                  c
                """;
        assertEquals(expected, layout.render(t));
    }
}
