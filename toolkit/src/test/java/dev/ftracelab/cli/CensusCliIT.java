package dev.ftracelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftracelab.census.Census;
import dev.ftracelab.census.CensusResult;
import dev.ftracelab.census.KernelDataset;
import dev.ftracelab.census.ModuleGrowth;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.testing.GuestObjects;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** {@code ftrace-lab census} as a user runs it: the executable jar on a folder of modules compiled at test time. */
class CensusCliIT {
    private static final Path ROOT = Path.of(System.getProperty("ftracelab.root", "..")).toAbsolutePath().normalize();
    private static final Path JAR = Path.of(System.getProperty("ftracelab.jar", "target/ftrace-lab.jar")).toAbsolutePath();

    @TempDir
    Path tmp;

    /** riscv/a.ko (nop-nop), riscv/c.ko.gz (call-ops), arm64/b.ko.xz (call-ops) and a broken bad.ko. */
    Path modules;
    Path bad;

    record Result(int status, String out, String err) {
    }

    private Result jar(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dftracelab.root=" + ROOT, "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "CLI did not finish: " + cmd);
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @BeforeEach
    void compileModules() throws Exception {
        modules = Files.createDirectories(tmp.resolve("lib/modules"));
        Path objs = Files.createDirectories(tmp.resolve("objs"));
        Files.createDirectories(modules.resolve("riscv"));
        Files.createDirectories(modules.resolve("arm64"));
        String rv = "-march=rv64gc -mabi=lp64d -mno-relax ";
        byte[] a = Files.readAllBytes(GuestObjects.compile(Arch.RISCV64, objs.resolve("a.o"),
                (rv + "-fpatchable-function-entry=4").split(" ")));
        byte[] c = Files.readAllBytes(GuestObjects.compile(Arch.RISCV64, objs.resolve("c.o"),
                (rv + "-fpatchable-function-entry=8,4 -falign-functions=8").split(" ")));
        byte[] b = Files.readAllBytes(GuestObjects.compile(Arch.ARM64, objs.resolve("b.o"),
                "-fpatchable-function-entry=4,2", "-falign-functions=8"));
        Files.write(modules.resolve("riscv/a.ko"), a);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(modules.resolve("riscv/c.ko.gz")))) {
            out.write(c);
        }
        try (OutputStream out = new XZOutputStream(Files.newOutputStream(modules.resolve("arm64/b.ko.xz")), new LZMA2Options())) {
            out.write(b);
        }
        bad = modules.resolve("bad.ko");
        Files.write(bad, Arrays.copyOf(a, 40));
    }

    /** The rows of {@code --format csv} output (after the {@code #} provenance), by column name. */
    private static List<Map<String, String>> csvRows(String out) {
        List<String> lines = out.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(header.size(), cells.length, line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < cells.length; i++) {
                row.put(header.get(i), cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** The total rows' modelled bytes, as "arch layout" -> bytes. */
    private static Map<String, Long> totals(List<Map<String, String>> rows) {
        Map<String, Long> t = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            if (r.get("module").equals("total")) {
                t.put(r.get("arch") + " " + r.get("layout"), Long.parseLong(r.get("modelledBytes")));
            }
        }
        return t;
    }

    /** The same totals computed in-process. */
    private Map<String, Long> expectedTotals() {
        CensusResult r = Census.builder().path(modules).build().run();
        Map<String, Long> t = new LinkedHashMap<>();
        for (ModuleGrowth g : r.totals()) {
            g.textBytesUnder().forEach((l, v) -> t.put(g.arch().id() + " " + l.id(), v));
        }
        return t;
    }

    @Test
    void aFolderPrintsTheTotalsAndWarnsAboutBadFiles() throws Exception {
        Result r = jar("census", modules.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("warning: skipped " + bad + ": offset 0x28: truncated: file is 40 bytes, expected a 64-byte ELF64 header\n",
                r.err());
        assertTrue(r.out().startsWith("Census of 3 modules, 1 files skipped."), r.out());
        // One total row per arch and layout: riscv64 has three layouts, arm64 two.
        assertEquals(3, r.out().lines().filter(l -> l.matches(" *riscv64 +\\| (nop-nop|atomic|call-ops) +\\|\\|.*")).count(),
                r.out());
        assertEquals(2, r.out().lines().filter(l -> l.matches(" *arm64 +\\| (pre-call-ops|call-ops) +\\|\\|.*")).count(),
                r.out());
        // The totals table's text as built plus growth is the census's modelled text.
        Map<String, Long> shown = new LinkedHashMap<>();
        for (String line : r.out().lines().filter(l -> l.matches(" *\\w+ +\\| [a-z-]+ +\\|\\| +[0-9,]+ \\|.*")
                && !l.matches(" *\\w+ +\\| (total|a|b|c) .*")).toList()) {
            String[] cells = line.replace("||", "|").split("\\|");
            shown.put(cells[0].trim() + " " + cells[1].trim(), Long.parseLong(cells[2].trim().replace(",", ""))
                    + Long.parseLong(cells[3].trim().replace(",", "")));
        }
        assertEquals(expectedTotals(), shown, r.out());
        assertTrue(r.out().replaceAll("\\s+", " ").contains("in total and for the 3 modules it costs most"), r.out());
        // the CALL_OPS cost table names modules as the kernel does (the paths are in the CSV)
        for (String row : List.of("riscv64 \\| a ", "riscv64 \\| c ", "arm64 +\\| b ")) {
            assertTrue(r.out().lines().anyMatch(l -> l.matches(" *" + row + " *\\|\\|.*")), row + " in " + r.out());
        }
        assertFalse(r.out().contains("bad.ko"), r.out());
        assertTrue(r.out().contains("command=census"), r.out());
    }

    @Test
    void onlyBadFilesExitTwoNamingTheFile() throws Exception {
        Result r = jar("census", bad.toString());
        assertEquals(2, r.status(), r.out());
        assertEquals("", r.out());
        assertTrue(r.err().contains("warning: skipped " + bad + ": "), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("ftrace-lab: no module could be read from [" + bad + "]")), r.err());
        Result none = jar("census", tmp.resolve("objs").toString());
        assertEquals(2, none.status());
        assertTrue(none.err().contains("no .ko or vmlinux files found"), none.err());
    }

    @Test
    void csvAndJsonHaveEveryModuleAndTheTotals() throws Exception {
        Map<String, Long> expected = expectedTotals();
        assertEquals(5, expected.size(), expected::toString);

        Result csv = jar("census", modules.toString(), "--format", "csv", "--threads", "1");
        assertEquals(0, csv.status(), csv.err());
        List<Map<String, String>> rows = csvRows(csv.out());
        assertEquals(List.of("arch", "module", "modules", "layout", "built", "functions", "traceable", "textBytes", "patchBytes",
                "modelledBytes", "growthBytes", "growthPercent"), List.copyOf(rows.get(0).keySet()));
        assertEquals(3 + 3 + 2 + 3 + 2, rows.size(), "three modules and two totals, one row per layout");
        assertEquals(expected, totals(rows));
        for (Map<String, String> row : rows) {
            assertEquals(Long.parseLong(row.get("modelledBytes")) - Long.parseLong(row.get("textBytes")),
                    Long.parseLong(row.get("growthBytes")), row::toString);
            if (row.get("built").equals("true")) {
                assertEquals("0", row.get("growthBytes"), "no growth under the layout it was built with: " + row);
            }
        }
        Map<String, String> a = rows.stream().filter(r -> r.get("module").equals("riscv/a.ko") && r.get("layout").equals("nop-nop"))
                .findFirst().orElseThrow();
        assertEquals("true", a.get("built"));
        assertEquals("5", a.get("functions"));
        assertEquals("4", a.get("traceable"));
        assertEquals("32", a.get("patchBytes"));
        Map<String, String> armTotal = rows.stream().filter(r -> r.get("module").equals("total") && r.get("arch").equals("arm64")
                && r.get("layout").equals("call-ops")).findFirst().orElseThrow();
        assertEquals("1", armTotal.get("modules"));

        Result json = jar("census", modules.toString(), "--format", "json");
        assertEquals(0, json.status(), json.err());
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertEquals("census", doc.get("provenance").get("parameters").get("command").asText());
        assertEquals("1", doc.get("provenance").get("parameters").get("skipped").asText());
        Map<String, Long> fromJson = new LinkedHashMap<>();
        int n = 0;
        for (JsonNode row : doc.get("rows")) {
            n++;
            if (row.get("module").asText().equals("total")) {
                fromJson.put(row.get("arch").asText() + " " + row.get("layout").asText(), row.get("modelledBytes").asLong());
                assertTrue(row.get("growthPercent").isNumber(), row::toString);
            }
        }
        assertEquals(13, n);
        assertEquals(expected, fromJson);

        Result top = jar("census", modules.toString(), "--format", "csv", "--top", "1");
        assertEquals(0, top.status(), top.err());
        assertEquals(List.of("total"), csvRows(top.out()).stream().map(r -> r.get("module")).filter(m -> m.equals("total")).distinct()
                .toList());
        assertEquals(1, csvRows(top.out()).stream().map(r -> r.get("module")).filter(m -> !m.equals("total")).distinct().count());
    }

    @Test
    void anExportedDatasetReadsBackWithTheSameTotals() throws Exception {
        Path export = tmp.resolve("datasets/kernels");
        Result r = jar("census", modules.toString(), "--format", "csv", "--export", export.toString(), "--package", "linux-test",
                "--package-version", "6.12.48-1", "--note", "source: test modules");
        assertEquals(0, r.status(), r.err());
        try (Stream<Path> files = Files.list(export)) {
            // the dataset and the export's write lock (kept on purpose, see AtomicFiles.lock); no temporaries
            assertEquals(List.of(".ftrace-lab-export.lock", "linux-test.functions.csv.gz", "linux-test.sections.csv.gz"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        KernelDataset d = KernelDataset.read(export.resolve("linux-test.functions.csv.gz"));
        assertEquals("6.12.48-1", d.version());
        assertEquals(List.of("arm64/b.ko", "riscv/a.ko", "riscv/c.ko"), d.modules().stream().map(m -> m.module()).toList());
        assertEquals("source: test modules", d.notes().get(0));
        assertTrue(d.notes().get(1).startsWith("made by: ftrace-lab census --export"), d.notes().toString());

        Result back = jar("census", export.resolve("linux-test.functions.csv.gz").toString(), "--format", "csv");
        assertEquals(0, back.status(), back.err());
        assertEquals("", back.err());
        assertEquals(totals(csvRows(r.out())), totals(csvRows(back.out())));
        assertEquals(expectedTotals(), totals(csvRows(back.out())));
        // Rows other than the provenance are the same.
        assertEquals(csvRows(r.out()), csvRows(back.out()));
        assertEquals(Layout.CALL_OPS.id(), csvRows(back.out()).stream().filter(x -> x.get("module").equals("arm64/b.ko")
                && x.get("built").equals("true")).findFirst().orElseThrow().get("layout"));
    }

    @Test
    void exportNeedsAPackageNameAndVersion() throws Exception {
        Path export = tmp.resolve("out");
        Result r = jar("census", modules.toString(), "--export", export.toString());
        assertEquals(2, r.status(), r.out());
        assertEquals("ftrace-lab: --export needs --package NAME and --package-version VERSION\n", r.err());
        assertFalse(Files.exists(export));
        Result noVersion = jar("census", modules.toString(), "--export", export.toString(), "--package", "p");
        assertEquals(2, noVersion.status(), noVersion.out());
        assertFalse(Files.exists(export));
    }

    @Test
    void reachPrintsTheCommittedKernelsAndMeasuredDistances() throws Exception {
        Path distances = tmp.resolve("distances.txt");
        Files.writeString(distances, "# site to trampoline\n4096\n-0x100000\n0x40000000\n");
        Result committed = jar("reach", "--format", "csv");
        assertEquals(0, committed.status(), committed.err());
        assertTrue(committed.out().contains("riscv64,kernel text,module area,"), committed.out());
        assertTrue(committed.out().contains("arm64,kernel text,module area (2 GiB fallback),"), committed.out());
        Result r = jar("reach", "--distances", distances.toString(), "--arch", "riscv64", "--format", "csv");
        assertEquals(0, r.status(), r.err());
        // 4096 and -1 MiB are in JAL reach, 1 GiB is not; all three in AUIPC+JALR reach.
        assertTrue(r.out().contains("riscv64,distances.txt,measured,3,66.6"), r.out());
    }

    @Test
    void reachRejectsABadDistanceWithItsLine() throws Exception {
        Path distances = tmp.resolve("bad.txt");
        Files.writeString(distances, "12\nfar\n");
        Result r = jar("reach", "--distances", distances.toString(), "--arch", "riscv64");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("bad.txt:2: expected a distance in bytes"), r.err());
        assertEquals(2, jar("reach", "--distances", distances.toString()).status(), "--distances needs --arch");
    }
}
