package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftracelab.dataset.PublishedMeasurements;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TableFormatTest {
    static final Provenance P = new Provenance("1.2.3", "0123456789abcdef0123", false, "jvm", "os", "cpu",
            Provenance.Hardware.NONE, Map.of("k", "v"), Instant.parse("2026-01-02T03:04:05Z"));

    private final Table table = Table.create("sample",
            StringColumn.create("name", "plain", "has, comma", "has \"quote\""),
            LongColumn.create("n", 1, 1_000_000, 3),
            DoubleColumn.create("x", 0.95, Double.NaN, 12_345_678.5));

    @Test
    void csvHasStampRawNumbersAndQuoting() {
        String csv = TableFormat.CSV.render(table, MailTable.plain(), P);
        List<String> lines = csv.lines().toList();
        assertEquals("# computed on:", lines.get(0));
        assertEquals("#   toolkit:  ftrace-lab 1.2.3 (commit 0123456789ab)", lines.get(1));
        int header = lines.indexOf("name,n,x");
        assertEquals(List.of("plain,1,0.95", "\"has, comma\",1000000,", "\"has \"\"quote\"\"\",3,12345678.5"),
                lines.subList(header + 1, lines.size()));
    }

    @Test
    void jsonHasProvenanceColumnsAndTypedRows() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(TableFormat.JSON.render(table, MailTable.plain(), P));
        assertEquals("sample", doc.get("table").asText());
        assertEquals("0123456789abcdef0123", doc.get("provenance").get("git_commit").asText());
        assertEquals("v", doc.get("provenance").get("parameters").get("k").asText());
        assertEquals("long", doc.get("columns").get(1).get("type").asText());
        JsonNode rows = doc.get("rows");
        assertEquals(3, rows.size());
        assertTrue(rows.get(1).get("n").isIntegralNumber());
        assertEquals(1_000_000, rows.get(1).get("n").asLong());
        assertTrue(rows.get(1).get("x").isNull(), "missing value is null");
        assertEquals(0.95, rows.get(0).get("x").asDouble());
    }

    @Test
    void markdownRightAlignsNumbersAndFormatsThem() {
        String md = TableFormat.MARKDOWN.render(table, MailTable.plain(), P);
        List<String> lines = md.lines().toList();
        assertEquals("| name | n | x |", lines.get(0));
        assertEquals("| --- | ---: | ---: |", lines.get(1));
        assertEquals("| has, comma | 1,000,000 | - |", lines.get(3));
        assertTrue(md.contains("ftrace-lab 1.2.3"), md);
    }

    @Test
    void textIsTheMailLayoutFollowedByTheStamp() {
        Table t = PublishedMeasurements.load().dataset("m1-after");
        String text = TableFormat.TEXT.render(t, FtraceOpsTable.LAYOUT, P);
        assertTrue(text.startsWith(FtraceOpsTable.mail(t) + "\n  computed on:\n    toolkit:  ftrace-lab 1.2.3"), text);
        assertTrue(text.contains("\n  date:       2026-01-02T03:04:05Z\n"), text);
    }

    @Test
    void formatNamesParseAsTyped() {
        assertEquals(TableFormat.TEXT, TableFormat.parse("text"));
        assertEquals(TableFormat.TEXT, TableFormat.parse("TXT"));
        assertEquals(TableFormat.MARKDOWN, TableFormat.parse("markdown"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TableFormat.parse("xml"));
        assertEquals("unknown format 'xml': expected text, csv, json or md", e.getMessage());
    }
}
