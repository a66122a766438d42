package dev.ftracelab.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.cost.Comparison.Metric;
import dev.ftracelab.dataset.PublishedMeasurements;
import dev.ftracelab.ftrace.Dispatch;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A measured dataset beside the model: every published dataset, a CSV file, the row arithmetic, bad input. */
class ComparisonTest {
    static final Path EXAMPLE = ProjectPaths.root().resolve("toolkit/src/test/resources/dev/ftracelab/cost/example-board.csv");
    static final Path EMPTY = EXAMPLE.resolveSibling("empty.csv");
    private static final String HEADER =
            "dataset,arch,platform,variant,relevant,irrelevant,calls,total_ns,per_call_ns,overhead_ns\n";

    @TempDir
    Path tmp;

    private static Comparison.Result run(String dataset, String profile) {
        return Comparison.builder(Profile.load(profile), MeasuredDataset.resolve(dataset)).pricedCalls(100).seeds(1)
                .build().run();
    }

    @Test
    void everyPublishedDatasetComparesWithTheProfileOfItsArch() {
        Map<String, String> profiles = Map.of("m1-before", "m1", "m1-after", "m1", "qemu-rv-before", "vf2",
                "qemu-rv-after", "vf2");
        for (String name : PublishedMeasurements.load().datasetNames()) {
            Comparison.Result r = run(name, profiles.get(name));
            boolean qemu = name.startsWith("qemu");
            assertEquals(qemu ? Metric.PER_CALL : Metric.OVERHEAD, r.metric(), name);
            assertEquals(qemu, r.dataset().emulated(), name);
            assertEquals(name.endsWith("-after") ? Layout.CALL_OPS : Layout.before(r.profile().arch()), r.layout(),
                    name);
            // overheads leave the untraced rows out; the QEMU rows are all traced
            assertEquals(qemu ? 5 : 8, r.rows().size(), name);
            for (Comparison.Row row : r.rows()) {
                assertTrue(row.lowNs() <= row.modelledNs() && row.modelledNs() <= row.highNs(), row.toString());
                boolean callOps = name.endsWith("-after") && row.relevant() == 1;
                assertEquals(callOps ? Dispatch.CALL_OPS : Dispatch.LIST, row.dispatch(), row.toString());
                assertEquals(row.modelledNs() / row.measuredNs(), row.ratio(), 1e-12);
            }
            assertEquals(r.rows().size(), r.designs().stream().mapToInt(Comparison.DesignError::rows).sum(), name);
        }
    }

    @Test
    void aPublishedDatasetComparedIsItsCalibrationRowWithTheSameErrors() {
        Calibration.Result cal = new Calibration(Profile.load("m1"), PublishedMeasurements.load(), 100, 1).run();
        Comparison.Result r = Comparison.builder(Profile.load("m1"), MeasuredDataset.published("m1-before"))
                .pricedCalls(100).seeds(1).errors(cal.errors()).build().run();
        List<Calibration.Row> before = cal.rows().stream().filter(c -> c.dataset().equals("m1-before")).toList();
        assertEquals(before.size(), r.rows().size());
        for (int i = 0; i < before.size(); i++) {
            Calibration.Row c = before.get(i);
            Comparison.Row x = r.rows().get(i);
            assertEquals(c.publishedNs(), x.measuredNs(), 0);
            assertEquals(c.modelledNs(), x.modelledNs(), 0);
            assertEquals(c.lowNs(), x.lowNs(), 0);
            assertEquals(c.highNs(), x.highNs(), 0);
            assertEquals(c.inside(), x.inside());
        }
        assertEquals("6.2", r.kernel(), "the M1 series' kernel: 128-byte kmalloc alignment");
    }

    @Test
    void aRowsIntervalScalesOnlyTheOverheadPart() {
        // per call 8 ns modelled, of which 2 ns the untraced call; seeds 7 to 9; band x0.5 to x2
        ModelErrors.Band band = new ModelErrors.Band(0.5, 2, 3, "other hardware", "m1-before", "list");
        Comparison.Row r = new Comparison.Row("d", "vf2", Layout.NOP_NOP, Dispatch.LIST, 1, 0, Metric.PER_CALL, 10, 8,
                7, 9, 2, band);
        assertEquals(2 + 0.5 * 5, r.lowNs(), 1e-12);
        assertEquals(2 + 2 * 7, r.highNs(), 1e-12);
        assertEquals(0.8, r.ratio(), 1e-12);
        assertEquals(-20, r.errorPct(), 1e-12);
        assertTrue(r.inside());
        Comparison.Row high = new Comparison.Row("d", "vf2", Layout.NOP_NOP, Dispatch.LIST, 1, 0, Metric.OVERHEAD, 40,
                8, 7, 9, 0, band);
        assertEquals(18, high.highNs(), 1e-12);
        assertFalse(high.inside());
        assertEquals((20 + 80) / 2.0, Comparison.meanAbsoluteErrorPct(List.of(r, high)), 1e-9);
        Comparison.DesignError e = Comparison.designs("vf2", List.of(r, high)).get(0);
        assertEquals((20 + 80) / 2.0, e.meanAbsErrorPct(), 1e-9);
        assertEquals(-80, e.worstErrorPct(), 1e-9);
        assertEquals(1, e.inside());
    }

    @Test
    void aCsvInThePublishedSchemaIsADatasetWithItsHash() throws IOException {
        MeasuredDataset d = MeasuredDataset.resolve(EXAMPLE.toString());
        assertEquals("example-board", d.name());
        assertEquals(Arch.RISCV64, d.arch());
        assertEquals("call-ops", d.variant());
        // sha256sum example-board.csv
        assertEquals("f8fb9cdd22998ae4d42e288716968e1f06f7ddd04800f767f8d790a81921e68a", d.sha256());
        Comparison.Result r = Comparison.builder(Profile.load("vf2"), d).pricedCalls(100).seeds(1).build().run();
        assertEquals(Metric.OVERHEAD, r.metric(), "it has its own untraced row and an overhead on every traced one");
        assertEquals(Layout.CALL_OPS, r.layout());
        assertEquals(List.of(30.0, 31.0, 280.0, 1180.0), r.rows().stream().map(Comparison.Row::measuredNs).toList());
        assertEquals(List.of("call-ops", "list"), r.designs().stream().map(Comparison.DesignError::dispatch).toList());
        // one dataset of several in a file, by FILE#NAME
        Path two = tmp.resolve("two.csv");
        Files.writeString(two, Files.readString(EXAMPLE) + "other,riscv64,b,no-call-ops,1,0,10,,5.0,\n");
        assertEquals("other", MeasuredDataset.resolve(two + "#other").name());
        BadInputException e = assertThrows(BadInputException.class, () -> MeasuredDataset.resolve(two.toString()));
        assertTrue(e.getMessage().contains("example-board, other") && e.getMessage().contains("#NAME"), e.getMessage());
    }

    @Test
    void theLayoutComesFromTheVariant() {
        assertEquals(Layout.CALL_OPS, Comparison.layoutFor(Arch.RISCV64, "call-ops").orElseThrow());
        assertEquals(Layout.NOP_NOP, Comparison.layoutFor(Arch.RISCV64, "no-call-ops").orElseThrow());
        assertEquals(Layout.PRE_CALL_OPS, Comparison.layoutFor(Arch.ARM64, "no-call-ops").orElseThrow());
        assertTrue(Comparison.layoutFor(Arch.RISCV64, "my-kernel").isEmpty());
    }

    @Test
    void badInputSaysWhatWasExpected() throws IOException {
        BadInputException arch = assertThrows(BadInputException.class,
                () -> Comparison.builder(Profile.load("vf2"), MeasuredDataset.resolve("m1-before")).build());
        assertTrue(arch.getMessage().contains("arm64") && arch.getMessage().contains("riscv64")
                && arch.getMessage().contains("(m1)"), arch.getMessage());
        BadInputException unknown = assertThrows(BadInputException.class, () -> MeasuredDataset.resolve("m2-before"));
        assertTrue(unknown.getMessage().contains("m1-before, m1-after"), unknown.getMessage());
        BadInputException empty = assertThrows(BadInputException.class, () -> MeasuredDataset.resolve(EMPTY.toString()));
        assertTrue(empty.getMessage().contains("no rows"), empty.getMessage());
        BadInputException layout = assertThrows(BadInputException.class, () -> Comparison.builder(Profile.load("m1"),
                MeasuredDataset.resolve("m1-before")).layout(Layout.NOP_NOP).build());
        assertTrue(layout.getMessage().contains("pre-call-ops, call-ops"), layout.getMessage());

        BadInputException kernel = assertThrows(BadInputException.class, () -> Comparison.builder(Profile.load("m1"),
                MeasuredDataset.resolve("m1-before")).kernel("latest").build());
        assertTrue(kernel.getMessage().startsWith("--kernel: expected a kernel version"), kernel.getMessage());
        assertEquals("6.12", Comparison.builder(Profile.load("m1"), MeasuredDataset.resolve("m1-before"))
                .kernel("6.12").build().kernel());

        Path mine = tmp.resolve("mine.csv");
        Files.writeString(mine, HEADER + "mine,riscv64,b,my-kernel,0,0,10,,5.0,\nmine,riscv64,b,my-kernel,1,0,10,,9.0,4.0\n");
        BadInputException noLayout = assertThrows(BadInputException.class,
                () -> Comparison.builder(Profile.load("vf2"), MeasuredDataset.resolve(mine.toString())).build());
        assertTrue(noLayout.getMessage().contains("pass --layout") && noLayout.getMessage().contains("my-kernel"),
                noLayout.getMessage());
        assertEquals(Layout.ATOMIC, Comparison.builder(Profile.load("vf2"), MeasuredDataset.resolve(mine.toString()))
                .layout(Layout.ATOMIC).build().layout());

        Path untraced = tmp.resolve("untraced.csv");
        Files.writeString(untraced, HEADER + "u,riscv64,b,call-ops,0,0,10,,5.0,\n");
        BadInputException nothing = assertThrows(BadInputException.class, () -> Comparison.builder(Profile.load("vf2"),
                MeasuredDataset.resolve(untraced.toString())).metric(Metric.OVERHEAD).build());
        assertTrue(nothing.getMessage().contains("nothing to compare"), nothing.getMessage());

        Path mixed = tmp.resolve("mixed.csv");
        Files.writeString(mixed, HEADER + "x,riscv64,b,call-ops,1,0,10,,5.0,\nx,arm64,b,call-ops,1,1,10,,5.0,\n");
        BadInputException mixes = assertThrows(BadInputException.class, () -> MeasuredDataset.resolve(mixed.toString())
                .arch());
        assertTrue(mixes.getMessage().contains("mixes arch values"), mixes.getMessage());
    }
}
