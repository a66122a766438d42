package dev.ftracelab.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.util.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class PublishedMeasurementsTest {
    private static final String HEADER =
            "dataset,arch,platform,variant,relevant,irrelevant,calls,total_ns,per_call_ns,overhead_ns";

    @TempDir
    Path tmp;

    @Test
    void committedDatasetLoadsWithTypedColumns() {
        PublishedMeasurements pm = PublishedMeasurements.load();
        Table t = pm.table();
        assertEquals(36, t.rowCount());
        assertEquals(ColumnType.INTEGER, t.column("relevant").type());
        assertEquals(ColumnType.LONG, t.column("total_ns").type());
        assertEquals(ColumnType.DOUBLE, t.column("per_call_ns").type());
        assertEquals(List.of("m1-before", "m1-after", "qemu-rv-before", "qemu-rv-after"), pm.datasetNames());

        Table before = pm.dataset("m1-before");
        assertEquals(13, before.rowCount());
        assertEquals(106_432_500L, before.longColumn("total_ns").get(8));
        assertEquals(1064.43, before.doubleColumn("per_call_ns").get(8));
        assertTrue(before.doubleColumn("overhead_ns").isMissing(0), "untraced rows have no overhead");
        assertTrue(pm.dataset("qemu-rv-after").longColumn("total_ns").isMissing(0), "QEMU rows lack totals");
    }

    @Test
    void sourcesAreKeptFromTheFile() {
        PublishedMeasurements pm = PublishedMeasurements.load();
        String sources = String.join("\n", pm.sources());
        assertTrue(sources.contains("HAVE_DYNAMIC_FTRACE_WITH_CALL_OPS"), sources);
        assertTrue(sources.contains("Puranjay Mohan"), sources);
        assertTrue(sources.contains("Mark Rutland"), sources);
    }

    @Test
    void sweepClassifiesEachRow() {
        Table t = PublishedMeasurements.load().dataset("m1-after");
        assertEquals(List.of("untraced", "untraced", "untraced", "untraced", "untraced",
                "irrelevant", "irrelevant", "irrelevant", "irrelevant",
                "relevant", "relevant", "relevant", "relevant"), t.stringColumn("sweep").asList());
    }

    @Test
    void unknownDatasetListsTheKnownOnes() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> PublishedMeasurements.load().dataset("m2-before"));
        assertTrue(e.getMessage().contains("m1-before, m1-after"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad integer      | m1,arm64,p,v,x,0,100,5,0.5,             | :3: expected an integer in column 'relevant', got 'x'",
        "negative count   | m1,arm64,p,v,-1,0,100,5,0.5,            | :3: expected a value >= 0 in column 'relevant', got '-1'",
        "too few fields   | m1,arm64,p,v,1,0,100                    | :3: expected 10 comma-separated fields, got 7",
        "empty required   | m1,arm64,p,v,1,0,100,5,,                | :3: expected a number in column 'per_call_ns', got an empty cell",
        "bad number       | m1,arm64,p,v,1,0,100,5,fast,            | :3: expected a number in column 'per_call_ns', got 'fast'",
        "not finite       | m1,arm64,p,v,1,0,100,5,NaN,             | :3: expected a number in column 'per_call_ns', got 'NaN'",
        "unclosed quote   | \"m1,arm64,p,v,1,0,100,5,0.5,           | :3: expected a closing double quote before the end of the line",
    })
    void badRowIsReportedWithFileAndLine(String name, String row, String expected) throws IOException {
        Path f = tmp.resolve("bad.csv");
        Files.writeString(f, "# a note\n" + HEADER + "\n" + row + "\nm1,arm64,p,v,1,0,100,5,0.5,\n");
        BadInputException e = assertThrows(BadInputException.class, () -> PublishedMeasurements.load(f));
        assertEquals(f + expected.strip(), e.getMessage());
        assertEquals(f.toString(), e.source().orElseThrow());
        assertEquals("3", e.location().orElseThrow());
    }

    @Test
    void wrongHeaderSaysWhatWasExpected() throws IOException {
        Path f = tmp.resolve("header.csv");
        Files.writeString(f, "dataset,arch\nm1,arm64\n");
        BadInputException e = assertThrows(BadInputException.class, () -> PublishedMeasurements.load(f));
        assertEquals(f + ":1: expected header '" + HEADER + ",runs,per_call_min_ns,per_call_max_ns,kernel' (the optional"
                + " columns may be left out), got 'dataset,arch': no column 'platform'", e.getMessage());
    }

    @Test
    void unknownColumnIsNamed() throws IOException {
        Path f = tmp.resolve("extra.csv");
        Files.writeString(f, HEADER + ",speed\nm1,arm64,p,v,1,0,100,5,0.5,,9\n");
        BadInputException e = assertThrows(BadInputException.class, () -> PublishedMeasurements.load(f));
        assertTrue(e.getMessage().startsWith(f + ":1: expected header '"), e.getMessage());
        assertTrue(e.getMessage().endsWith("': unknown column 'speed'"), e.getMessage());
    }

    @Test
    void optionalColumnsMayBeAbsentAndSweepIsSkipped() throws IOException {
        // an older file (10 columns), and one as `published --format csv` writes it (with sweep)
        Path old = tmp.resolve("old.csv");
        Files.writeString(old, HEADER + "\nm1,arm64,p,v,1,0,100,5,0.5,0.25\n");
        Table t = PublishedMeasurements.load(old).table();
        assertTrue(t.intColumn("runs").isMissing(0));
        assertTrue(t.stringColumn("kernel").isMissing(0));
        assertEquals(0.25, t.doubleColumn("overhead_ns").get(0));

        Path full = tmp.resolve("full.csv");
        Files.writeString(full, HEADER + ",runs,per_call_min_ns,per_call_max_ns,kernel,sweep\n"
                + "b,riscv64,vf2,call-ops,1,0,100000,5000000,50,40,5,49.5,51.25,6.12.9,relevant\n");
        Table u = PublishedMeasurements.load(full).table();
        assertEquals(5, u.intColumn("runs").get(0));
        assertEquals(51.25, u.doubleColumn("per_call_max_ns").get(0));
        assertEquals("6.12.9", u.stringColumn("kernel").get(0));
        assertEquals("relevant", u.stringColumn("sweep").get(0), "sweep is derived again, not read");
        assertEquals(15, u.columnCount());
    }

    @Test
    void parseCanSkipBadRowsAndReportThem() {
        List<BadInputException> bad = new java.util.ArrayList<>();
        PublishedMeasurements pm = PublishedMeasurements.parse(Path.of("x.csv"), List.of(HEADER,
                "m1,arm64,p,v,1,0,100,5,0.5,", "m1,arm64,p,v,2,0,100", "m1,arm64,p,v,3,0,100,5,0.5,"), bad::add);
        assertEquals(List.of(1, 3), pm.table().intColumn("relevant").asList());
        assertEquals(List.of("x.csv:3: expected 10 comma-separated fields, got 7"),
                bad.stream().map(Throwable::getMessage).toList());
    }

    @Test
    void ofChecksTheColumns() {
        Table committed = PublishedMeasurements.load().table();
        PublishedMeasurements copy = PublishedMeasurements.of(committed, List.of("n"), Path.of("m"));
        assertEquals(committed.rowCount(), copy.table().rowCount());
        assertEquals(committed.columnNames(), copy.table().columnNames());
        assertThrows(IllegalArgumentException.class,
                () -> PublishedMeasurements.of(committed.copy().removeColumns("kernel"), List.of(), Path.of("m")));
    }

    @Test
    void emptyFileNeedsAHeader() throws IOException {
        Path f = tmp.resolve("empty.csv");
        Files.writeString(f, "# only notes\n");
        BadInputException e = assertThrows(BadInputException.class, () -> PublishedMeasurements.load(f));
        assertTrue(e.getMessage().startsWith(f + ":1: expected a header line"), e.getMessage());
    }

    @Test
    void missingFileIsBadInput() {
        Path f = tmp.resolve("nope.csv");
        BadInputException e = assertThrows(BadInputException.class, () -> PublishedMeasurements.load(f));
        assertEquals(f + ": cannot read: no such file", e.getMessage());
    }

    @Test
    void quotedCellsAndCommentsBetweenRowsAreAccepted() throws IOException {
        Path f = tmp.resolve("quoted.csv");
        Files.writeString(f, HEADER + "\n\"m1, \"\"quoted\"\"\",arm64,p,v,1,0,100,,0.5,\n# later note\n\n");
        PublishedMeasurements pm = PublishedMeasurements.load(f);
        assertEquals("m1, \"quoted\"", pm.table().stringColumn("dataset").get(0));
        assertTrue(pm.notes().isEmpty(), "notes come only from before the header");
    }

    @Test
    void aByteOrderMarkIsAccepted() throws IOException {
        // Regression (issue 17): the BOM stuck to 'dataset' and the header error showed an invisible character.
        Path f = tmp.resolve("bom.csv");
        Files.writeString(f, "\uFEFF" + HEADER + "\nm1,arm64,p,v,1,0,100,,0.5,\n");
        assertEquals(List.of("m1"), PublishedMeasurements.load(f).datasetNames());
        Path notes = tmp.resolve("bom-notes.csv");
        Files.writeString(notes, "\uFEFF# a note\n" + HEADER + "\nm1,arm64,p,v,1,0,100,,0.5,\n");
        assertEquals(List.of("a note"), PublishedMeasurements.load(notes).notes());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0x1p6 | per_call_ns | a number",
        "1d    | per_call_ns | a number",
        "NaN   | per_call_ns | a number",
        "0x10  | calls       | an integer",
        "+0x5  | total_ns    | an integer"})
    void numbersTheJdkAlsoReadsAreRefused(String cell, String column, String expected) throws IOException {
        // Regression (issue 17): Double.parseDouble took "0x1p6" (64) and "1d".
        Path f = tmp.resolve("odd.csv");
        String row = switch (column) {
            case "per_call_ns" -> "m1,arm64,p,v,1,0,100,," + cell + ",";
            case "calls" -> "m1,arm64,p,v,1,0," + cell + ",,0.5,";
            default -> "m1,arm64,p,v,1,0,100," + cell + ",0.5,";
        };
        Files.writeString(f, HEADER + "\n" + row + "\n");
        BadInputException e = assertThrows(BadInputException.class, () -> PublishedMeasurements.load(f));
        assertEquals(f + ":2: expected " + expected + " in column '" + column + "', got '" + cell + "'", e.getMessage());
    }

    @Test
    void plainNumbersStillRead() throws IOException {
        Path f = tmp.resolve("plain.csv");
        Files.writeString(f, HEADER + "\nm1,arm64,p,v,+1,0,100,7,.5,1e300\nm1,arm64,p,v,2,0,100,7,2.,-1.5E-3\n");
        Table t = PublishedMeasurements.load(f).table();
        assertEquals(0.5, t.doubleColumn("per_call_ns").get(0));
        assertEquals(1e300, t.doubleColumn("overhead_ns").get(0));
        assertEquals(-1.5e-3, t.doubleColumn("overhead_ns").get(1));
    }

    @Test
    void aCsvThatIsNotUtf8NamesTheOffset() throws IOException {
        Path f = tmp.resolve("latin1.csv");
        Files.write(f, (HEADER + "\nm\u00e9,arm64,p,v,1,0,100,,0.5,\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        BadInputException e = assertThrows(BadInputException.class, () -> PublishedMeasurements.load(f));
        assertEquals(f + ":offset 0x" + Integer.toHexString(HEADER.length() + 2) + ": byte 0xe9 (line 2) is not UTF-8:"
                + " expected UTF-8 text (a CSV dataset); convert it, e.g. iconv -f latin1 -t utf-8", e.getMessage());
    }

    @Test
    void imageFileErrorsGiveTheFileLine() throws IOException {
        // Regression (issue 17): image.csv named 'row 2' rather than the line an editor shows.
        Path f = tmp.resolve("k.image.csv");
        Files.writeString(f, "# marker symbols\npackage_version,arch,symbol,address\n6.12,riscv64,_stext,0x1000\n"
                + "6.12,riscv64,_etext,0xzz\n");
        BadInputException e = assertThrows(BadInputException.class,
                () -> TypedCsv.read(f, "image", dev.ftracelab.census.KernelImage.IMAGE_SCHEMA));
        assertEquals(f + ":4: expected an address (0x hex) in column 'address', got '0xzz'", e.getMessage());
    }
}
