package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.dataset.PublishedMeasurements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class BundleTest {
    @TempDir
    Path tmp;

    private Bundle sample() {
        PublishedMeasurements pm = PublishedMeasurements.load();
        return Bundle.builder("sample", TableFormatTest.P)
                .heading("Section")
                .text("Some *words*.")
                .table("m1-after", pm.dataset("m1-after"), FtraceOpsTable.LAYOUT)
                .chart("per-call", PublishedSection.perCallChart(pm, "M1", "m1-after"))
                .build();
    }

    @Test
    void writesEveryFormatAndAReportTyingThemTogether() throws IOException {
        Path dir = sample().writeTo(tmp.resolve("out"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("m1-after.csv", "m1-after.json", "m1-after.md", "m1-after.txt", "per-call.png",
                    "provenance.json", "provenance.txt", "report.md"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.startsWith("# sample\n"), report);
        assertTrue(report.contains("  toolkit:  ftrace-lab 1.2.3"), report);
        assertTrue(report.contains("## Section"), report);
        assertTrue(report.contains("![per-call](per-call.png)"), report);
        assertTrue(report.contains(FtraceOpsTable.mail(PublishedMeasurements.load().dataset("m1-after"))), report);
        assertTrue(Files.readString(dir.resolve("m1-after.csv")).contains("parameters: k=v, table=m1-after"));
        assertTrue(Files.size(dir.resolve("per-call.png")) > 1000);
    }

    @Test
    void replacingKeepsNoLeftoversAndAFailureKeepsTheOldBundle() throws IOException {
        Path dir = tmp.resolve("out");
        sample().writeTo(dir);
        Table tooWide = Table.create("wide");
        for (int i = 0; i < 9; i++) {
            tooWide.addColumns(StringColumn.create("column-" + i, "value"));
        }
        Bundle broken = Bundle.builder("broken", TableFormatTest.P)
                .text("first item is fine").table("wide", tooWide).build();
        assertThrows(IllegalArgumentException.class, () -> broken.writeTo(dir));
        assertTrue(Files.exists(dir.resolve("m1-after.txt")), "old bundle intact");
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertEquals(List.of("out"), siblings.map(p -> p.getFileName().toString()).toList(),
                    "no temporary folders left behind");
        }
    }

    @Test
    void zipHoldsTheSameFiles() throws IOException {
        Bundle b = sample();
        Path zip = b.writeZip(tmp.resolve("mail.zip"));
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertEquals(b.fileNames(), z.stream().map(e -> e.getName()).toList());
        }
    }

    @Test
    void itemNamesMustBeFileSafeAndUnique() {
        Bundle.Builder b = Bundle.builder("x", TableFormatTest.P);
        Table t = Table.create("t");
        assertThrows(IllegalArgumentException.class, () -> b.table("../escape", t));
        assertThrows(IllegalArgumentException.class, () -> b.table("report", t));
        b.table("a", t);
        assertThrows(IllegalArgumentException.class, () -> b.table("a", t));
    }
}
