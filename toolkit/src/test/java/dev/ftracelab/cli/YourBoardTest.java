package dev.ftracelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.board.BoardRows;
import dev.ftracelab.board.BoardScript;
import dev.ftracelab.cli.MainTest.Run;
import dev.ftracelab.cost.Comparison;
import dev.ftracelab.cost.MeasuredDataset;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.importer.Diagnostic;
import dev.ftracelab.importer.Importer;
import dev.ftracelab.testing.FakeBoard;
import dev.ftracelab.testing.ShellScripts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * The README's "Your board" walk, end to end: the board script runs under dash on a
 * {@link FakeBoard} (whose sample prints 3 + 40 R + 12 I ns per call), its output imports into
 * the published schema, and compare puts the model beside it — from the library and the CLI.
 */
class YourBoardTest {
    @TempDir
    Path tmp;

    private Path boardOutput() throws Exception {
        FakeBoard board = FakeBoard.in(tmp);
        ShellScripts.Result r = board.run(BoardScript.builder().rows(BoardRows.parse("R1-I0,R1-I10,R2-I0")).runs(3)
                .calls(1000).build().text(), Map.of());
        assertEquals(0, r.status(), r.err());
        return board.output();
    }

    @Test
    void theScriptsOutputImportsAndComparesWithTheModel() throws Exception {
        Path out = boardOutput();
        Importer importer = Importer.builder().board("fakeboard").variant("no-call-ops").defaultArch("riscv64").build();
        List<Diagnostic> errors = new ArrayList<>();
        MeasuredDataset d = MeasuredDataset.resolve(out.toString(), importer, diag -> {
            if (diag.isError()) {
                errors.add(diag);
            }
        });
        assertEquals(List.of(), errors);
        Table rows = d.rows();
        // the baselines the script adds (R=0 with each I used) and the three rows asked for
        assertEquals(List.of(0, 0, 1, 1, 2), rows.intColumn("relevant").asList().stream().sorted().toList());
        for (int i = 0; i < rows.rowCount(); i++) {
            int rel = rows.intColumn("relevant").getInt(i);
            assertEquals(3, rows.intColumn("runs").getInt(i));
            if (rel > 0) {
                // the fake's overhead is 40 R ns per call (plus its few ns of jitter), whatever I is:
                // each row against the baseline of the same I
                assertEquals(40.0 * rel, rows.doubleColumn("overhead_ns").getDouble(i), 0.5, rows.print());
            }
        }
        assertEquals("riscv64", d.arch().id());
        assertEquals("fakeboard", d.platform());
        assertEquals(64, d.sha256().length());

        Comparison.Result c = Comparison.builder(Profile.load("vf2"), d).pricedCalls(50).seeds(1).build().run();
        assertEquals(3, c.rows().size(), "one compared row per traced row");
        for (Comparison.Row row : c.rows()) {
            assertEquals(40.0 * row.relevant(), row.measuredNs(), 0.5);
            assertTrue(row.modelledNs() > 0 && row.ratio() > 0, row.toString());
        }
    }

    @Test
    void fromTheCommandLineInFiveCommandsWorth() throws Exception {
        Path out = boardOutput();
        Run imported = MainTest.run("import", out.toString(), "--board", "fakeboard", "--kernel", "6.12.0-fake",
                "--variant", "no-call-ops", "--arch", "riscv64", "--dataset", "fake-vf2", "--save", tmp.toString());
        assertEquals(0, imported.status(), imported.err());
        Path saved = tmp.resolve("fake-vf2.csv");
        assertTrue(Files.isRegularFile(saved), imported.err());

        for (String dataset : List.of(saved.toString(), out.toString())) {
            Run r = MainTest.run("compare", dataset, "--profile", "vf2", "--variant", "no-call-ops", "--board",
                    "fakeboard", "--seeds", "1",
                    "--priced-calls", "50", "--plot", tmp.resolve("cmp.png").toString());
            assertEquals(0, r.status(), r.err());
            String flat = MainTest.flat(r.out());
            assertTrue(flat.contains("Model (profile vf2) vs measured"), r.out());
            assertTrue(flat.contains("fakeboard"), r.out());
            assertTrue(Files.size(tmp.resolve("cmp.png")) > 0);
            assertFalse(r.out().lines().anyMatch(l -> l.length() > 72), r.out());
        }
    }

    @Test
    void aLogThatSaysAnotherArchThanTheProfileIsRefused() throws Exception {
        Path out = boardOutput();
        Run r = MainTest.run("compare", out.toString(), "--profile", "m1", "--variant", "no-call-ops");
        // the log does not name its arch, so it takes the profile's; naming it riscv64 must clash
        assertEquals(0, r.status(), r.err());
        Path saved = tmp.resolve("rv.csv");
        assertEquals(0, MainTest.run("import", out.toString(), "--arch", "riscv64", "--format", "csv").status());
        Run imported = MainTest.run("import", out.toString(), "--arch", "riscv64", "--dataset", "rv", "--save",
                tmp.toString());
        assertEquals(0, imported.status(), imported.err());
        Run clash = MainTest.run("compare", saved.toString(), "--profile", "m1");
        assertEquals(2, clash.status(), clash.out());
        assertTrue(clash.err().contains("riscv64") && clash.err().contains("arm64"), clash.err());
    }
}
