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
            assertEquals(List.of(Bundle.MARKER, "m1-after.csv", "m1-after.json", "m1-after.md", "m1-after.txt", "per-call.png",
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
            assertEquals(List.of(".out.lock", Files.readSymbolicLink(dir).toString(), "out"),
                    siblings.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary folders left behind: the name, the folder it links to, the write lock");
        }
    }

    /**
     * Regression (issue 17): {@code report --out EXISTING_FILE} deleted the file, and any folder
     * was wiped without a check. Only a report folder (with the marker), an empty or a missing
     * one is replaced, unless forced.
     */
    @Test
    void onlyAReportFolderIsReplacedUnlessForced() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "precious");
        var e = assertThrows(dev.ftracelab.util.BadInputException.class, () -> sample().writeTo(file));
        assertTrue(e.getMessage().startsWith(file + ": expected a report folder made by ftrace-lab"), e.getMessage());
        assertEquals("precious", Files.readString(file));

        Path foreign = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(foreign.resolve("thesis.tex"), "years of work");
        e = assertThrows(dev.ftracelab.util.BadInputException.class, () -> sample().writeTo(foreign));
        assertTrue(e.getMessage().contains("found a folder of other files") && e.getMessage().contains("--force"),
                e.getMessage());
        assertEquals("years of work", Files.readString(foreign.resolve("thesis.tex")));

        Path report = sample().writeTo(tmp.resolve("report"));
        assertTrue(Files.isRegularFile(report.resolve(Bundle.MARKER)));
        sample().writeTo(report); // a report folder: replaced
        sample().writeTo(Files.createDirectories(tmp.resolve("empty"))); // nothing to lose
        Path legacy = Files.createDirectories(tmp.resolve("legacy")); // a report of a version before the marker
        Files.writeString(legacy.resolve("report.md"), "# old");
        Files.writeString(legacy.resolve("provenance.json"), "{}");
        sample().writeTo(legacy);
        assertTrue(Files.isRegularFile(legacy.resolve(Bundle.MARKER)));

        sample().writeTo(file, true);
        sample().writeTo(foreign, true);
        assertTrue(Files.isRegularFile(file.resolve("report.md")) && Files.notExists(foreign.resolve("thesis.tex")));
    }

    /**
     * Regression (issue 17): zip entry times followed the local time zone. The same bundle
     * zipped under two zones (and with a date before the DOS epoch) gives the same bytes.
     */
    @Test
    void theZipIsTheSameBytesInEveryTimeZone() throws IOException {
        java.util.TimeZone saved = java.util.TimeZone.getDefault();
        try {
            for (java.time.Instant date : List.of(TableFormatTest.P.date(), java.time.Instant.EPOCH)) {
                Provenance p = new Provenance("1.2.3", "c", false, "jvm", "os", "cpu", Provenance.Hardware.NONE,
                        java.util.Map.of(), date);
                Bundle b = Bundle.builder("zone", p).text("x").build();
                java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
                byte[] utc = Files.readAllBytes(b.writeZip(tmp.resolve("utc.zip")));
                java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Pacific/Kiritimati")); // UTC+14
                byte[] east = Files.readAllBytes(b.writeZip(tmp.resolve("east.zip")));
                java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("America/Los_Angeles"));
                byte[] west = Files.readAllBytes(b.writeZip(tmp.resolve("west.zip")));
                assertTrue(java.util.Arrays.equals(utc, east) && java.util.Arrays.equals(utc, west), "zip of " + date);
            }
            try (ZipFile z = new ZipFile(tmp.resolve("utc.zip").toFile())) {
                assertEquals(java.time.LocalDateTime.of(1980, 1, 1, 0, 0, 2), z.getEntry("report.md").getTimeLocal(),
                        "1970 is before the DOS epoch: clamped to its start");
            }
        } finally {
            java.util.TimeZone.setDefault(saved);
        }
        assertEquals(java.time.LocalDateTime.of(2026, 1, 2, 3, 4, 4), Bundle.zipTime(TableFormatTest.P.date())
                .withSecond(4), "UTC wall time of the stamp");
    }

    /**
     * Regression (issue 17): {@code --zip} overwrote whatever file had the zip's name. Now a zip
     * this tool wrote is replaced, a user's file or folder only with force; the zip is written
     * beside its name and renamed in (nothing but the zip is left), and claimed while written.
     */
    @Test
    void onlyAReportZipIsReplacedUnlessForced() throws IOException {
        Path zip = tmp.resolve("r.zip");
        Files.writeString(zip, "my own notes, not a zip");
        var e = assertThrows(dev.ftracelab.util.BadInputException.class, () -> sample().writeZip(zip));
        assertTrue(e.getMessage().startsWith(zip + ": expected a report zip made by ftrace-lab")
                && e.getMessage().contains("--force"), e.getMessage());
        assertEquals("my own notes, not a zip", Files.readString(zip));

        Path other = tmp.resolve("other.zip"); // a real zip, but not a report
        try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(other))) {
            z.putNextEntry(new java.util.zip.ZipEntry("photo.jpg"));
            z.write(1);
        }
        assertThrows(dev.ftracelab.util.BadInputException.class, () -> sample().writeZip(other));
        Path folder = Files.createDirectories(tmp.resolve("f.zip"));
        e = assertThrows(dev.ftracelab.util.BadInputException.class, () -> sample().writeZip(folder));
        assertTrue(e.getMessage().contains("found a folder"), e.getMessage());

        sample().writeZip(zip, true);
        sample().writeZip(zip); // now the tool's own: replaced
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertEquals(sample().fileNames(), z.stream().map(x -> x.getName()).toList());
        }
        try (var held = dev.ftracelab.util.AtomicFiles.lock(zip)) {
            e = assertThrows(dev.ftracelab.util.BadInputException.class, () -> sample().writeZip(zip));
            assertTrue(e.getMessage().contains(".r.zip.lock"), e.getMessage());
        }
        try (var s = Files.list(tmp)) {
            assertEquals(List.of("f.zip", "other.zip", "r.zip"), s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".lock")).sorted().toList(), "no temporary left");
        }
    }

    /** A second writer of one report folder is refused while the first holds it. */
    @Test
    void aSecondWriterOfOneReportFolderIsRefused() throws IOException {
        Path report = sample().writeTo(tmp.resolve("report"));
        try (var held = dev.ftracelab.util.AtomicFiles.lock(report)) {
            var e = assertThrows(dev.ftracelab.util.BadInputException.class, () -> sample().writeTo(report));
            assertTrue(e.getMessage().contains("is being written by another ftrace-lab run"), e.getMessage());
            assertEquals(report.toAbsolutePath(), sample().writeTo(held, false), "the holder writes");
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
