package dev.ftracelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftracelab.cli.MainTest.Run;
import dev.ftracelab.util.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ftrace-lab compare} in-process: the mail, the other formats, the plots, bad input. */
class CompareCommandTest {
    static final String EXAMPLE = ProjectPaths.root()
            .resolve("toolkit/src/test/resources/dev/ftracelab/cost/example-board.csv").toString();

    @TempDir
    Path tmp;

    private static Run compare(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("compare"));
        all.addAll(List.of(args));
        all.addAll(List.of("--priced-calls", "50", "--seeds", "1"));
        return MainTest.run(all.toArray(String[]::new));
    }

    @Test
    void theMailPutsMeasuredBesideModelledWithTheSummary() {
        Run r = compare("m1-after", "--profile", "m1");
        assertEquals(0, r.status(), r.err());
        String flat = MainTest.flat(r.out());
        assertTrue(r.out().startsWith("Model (profile m1) vs measured (dataset m1-after: apple-m1-hvf,"), r.out());
        assertTrue(flat.contains("Compared: overhead, ns per call beyond the untraced call."), r.out());
        assertTrue(flat.contains("arm64 call-ops on m1: Apple M1") && flat.contains("- not measured"), r.out());
        assertTrue(r.out().contains("Modelled design: CALL_OPS") && r.out().contains("Modelled design: list processing"),
                r.out());
        assertTrue(r.out().contains("Measured | Modelled | Interval"), r.out());
        assertTrue(r.out().contains("mean absolute error over 8 rows:"), r.out());
        assertTrue(flat.contains("dataset=m1-after") && flat.contains("layout=call-ops"), r.out());
        MailWidthTest.assertFits("compare m1-after", r.out());
    }

    @Test
    void qemuRowsAreComparedPerCallAndFlaggedAsEmulated() {
        Run r = compare("qemu-rv-after", "--profile", "vf2");
        assertEquals(0, r.status(), r.err());
        String flat = MainTest.flat(r.out());
        assertTrue(flat.contains("Measured under QEMU TCG (an emulated CPU), not on the hardware profile vf2 models"),
                r.out());
        assertTrue(flat.contains("Compared: ns per call, the untraced call included"), r.out());
        assertTrue(r.out().contains("Time per call (ns)"), r.out());
    }

    @Test
    void aCsvFileIsStampedWithItsHashAndTheFormatsCarryTitleAndRows() throws IOException {
        Run text = compare(EXAMPLE, "--profile", "vf2");
        assertEquals(0, text.status(), text.err());
        String flat = MainTest.flat(text.out()).replace(" ", "");
        assertTrue(flat.contains("dataset_sha256=f8fb9cdd22998ae4d42e288716968e1f06f7ddd04800f767f8d790a81921e68a"),
                text.out());
        Run csv = compare(EXAMPLE, "--profile", "vf2", "--format", "csv");
        assertEquals(0, csv.status(), csv.err());
        assertTrue(csv.out().contains("# title: Model (profile vf2) vs measured (dataset example-board: example-board,"
                + " call-ops)"), csv.out());
        assertTrue(csv.out().contains("measuredNs") && csv.out().contains("modelledNs"), csv.out());
        Run json = compare(EXAMPLE, "--profile", "vf2", "--format", "json");
        assertEquals(0, json.status(), json.err());
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertEquals(4, doc.get("rows").get("rows").size(), json.out());
        assertEquals(30.0, doc.get("rows").get("rows").get(0).get("measuredNs").asDouble(), 0);
    }

    @Test
    void plotWritesTheScatterAndOneChartPerSweep() throws IOException {
        Path png = tmp.resolve("cmp.png");
        Run r = compare("m1-before", "--profile", "m1", "--plot", png.toString());
        assertEquals(0, r.status(), r.err());
        for (String f : List.of("cmp.png", "cmp-irrelevant.png", "cmp-relevant.png")) {
            Path p = tmp.resolve(f);
            assertTrue(Files.size(p) > 1000, f);
            assertTrue(r.err().contains("wrote " + p), r.err());
        }
        assertEquals(tmp.resolve("x-relevant.png"), CompareCommand.suffixed(tmp.resolve("x.png"), "-relevant"));
    }

    @Test
    void badInputExitsWithTwoAndSaysWhy() {
        Run arch = compare("m1-before", "--profile", "vf2");
        assertEquals(2, arch.status());
        assertTrue(arch.err().contains("measured on arm64 but profile vf2 models riscv64"), arch.err());
        Run unknown = compare("m9", "--profile", "m1");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("neither a file nor a published dataset"), unknown.err());
        Run empty = compare(Path.of(EXAMPLE).resolveSibling("empty.csv").toString(), "--profile", "vf2");
        assertEquals(2, empty.status());
        assertTrue(empty.err().contains("no rows"), empty.err());
        Run layout = compare("m1-before", "--profile", "m1", "--layout", "atomic");
        assertEquals(2, layout.status());
        assertTrue(layout.err().contains("does not exist on arm64"), layout.err());
        Run noProfile = MainTest.run("compare", "m1-before");
        assertEquals(2, noProfile.status());
        Run reportHalf = MainTest.run("report", "--profile", "m1", "-o", tmp.resolve("r").toString());
        assertEquals(2, reportHalf.status());
        assertTrue(reportHalf.err().contains("--dataset and --profile go together"), reportHalf.err());
    }
}
