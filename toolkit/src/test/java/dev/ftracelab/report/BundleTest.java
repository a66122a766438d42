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
    void aLabelledTableCarriesItsTitleCaptionAndHardwareInEveryFormat() throws IOException {
        dev.ftracelab.cost.Profile vf2 = dev.ftracelab.cost.Profile.load("vf2");
        Path dir = Bundle.builder("labelled", TableFormatTest.P)
                .table("m1-after", PublishedMeasurements.load().dataset("m1-after"), FtraceOpsTable.LAYOUT,
                        Bundle.Label.modelled(DispatchTables.modelledTitle(vf2), vf2, "Interval: none here."))
                .build().writeTo(tmp.resolve("labelled"));
        String txt = Files.readString(dir.resolve("m1-after.txt"));
        assertTrue(txt.startsWith("Modelled on vf2: StarFive VisionFive 2 (JH7110, SiFive U74 @ 1.5 GHz) -\n"
                + "not measured\n\n"), txt);
        assertTrue(txt.contains("\n  Interval: none here.\n\n  computed on:\n"), txt);
        assertTrue(txt.contains("\n  modelled:   vf2 profile: StarFive"), txt);
        assertTrue(txt.lines().allMatch(l -> l.length() <= MailTable.MAIL_WIDTH), txt);
        String csv = Files.readString(dir.resolve("m1-after.csv"));
        assertTrue(csv.startsWith("# title: Modelled on vf2: StarFive VisionFive 2 (JH7110, SiFive U74 @ 1.5 GHz)"
                + " - not measured\n# caption: Interval: none here.\n"), csv);
        assertTrue(Files.readString(dir.resolve("m1-after.json")).contains("\"title\" : \"Modelled on vf2:"));
        String md = Files.readString(dir.resolve("m1-after.md"));
        assertTrue(md.startsWith("**Modelled on vf2:"), md);
        assertTrue(md.contains("modelled: vf2 profile"), md);
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("**Modelled on vf2: StarFive"), report);
        assertTrue(report.contains("Interval: none here."), report);
        assertTrue(Files.readString(dir.resolve("provenance.txt")).lines().noneMatch(l -> l.startsWith("modelled")),
                "the bundle's own stamp models nothing");
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
