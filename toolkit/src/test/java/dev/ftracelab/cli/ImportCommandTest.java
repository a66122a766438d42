package dev.ftracelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftracelab.dataset.PublishedMeasurements;
import dev.ftracelab.report.FtraceOpsTable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {
    static final Path EXAMPLE = Path.of("src/test/resources/importer/example-dmesg.log");

    @TempDir
    Path tmp;

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void importPrintsTheDatasetAsPublishedDoes() throws Exception {
        Run r = run("import", EXAMPLE.toString(), "--board", "example-board", "--variant", "no-call-ops");
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        // the heading wraps at 72 columns like any mail text (and the table reader joins it again)
        assertTrue(r.out().startsWith("example-dmesg: riscv64, example-board, no-call-ops, kernel\n"
                + "  6.12.0-synthetic-example\n\n"), r.out());
        assertTrue(r.out().contains("         1 |         10 ||  30,000,000 |       300.00 |      280.00\n"), r.out());
        assertTrue(r.out().contains("example-dmesg.log (sample log, 18 runs"), r.out());
        assertTrue(r.out().contains("parameters: command=import"), r.out());
        // the same table as published prints for the same rows
        PublishedMeasurements pm = dev.ftracelab.importer.Importer.builder().board("example-board")
                .variant("no-call-ops").build().read(EXAMPLE).measurements();
        assertTrue(r.out().contains(FtraceOpsTable.mail(pm.dataset("example-dmesg"))));
    }

    @Test
    void everyFormat() throws Exception {
        Run csv = run("import", EXAMPLE.toString(), "--format", "csv");
        assertEquals(0, csv.status(), csv.err());
        assertTrue(csv.out().contains("\nexample-dmesg,riscv64,synthetic-example-board,unknown,1,10,100000,30000000,300,280,3,"
                + "290,310,6.12.0-synthetic-example,irrelevant\n"), csv.out());
        Run json = run("import", EXAMPLE.toString(), "--format", "json");
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertEquals("imported ftrace-ops measurements", doc.get("table").asText());
        assertEquals(6, doc.get("rows").size());
        assertEquals(3, doc.get("rows").get(0).get("runs").asInt());
        Run md = run("import", EXAMPLE.toString(), "--format", "md");
        assertTrue(md.out().contains("| example-dmesg | riscv64 |"), md.out());
    }

    @Test
    void saveWritesTheDatasetWithItsSourcesThatLoadsBack() throws Exception {
        Run r = run("import", EXAMPLE.toString(), "--dataset", "vf2-example", "--arch", "riscv64", "--save",
                tmp.toString(), "--format", "csv");
        assertEquals(0, r.status(), r.err());
        Path saved = tmp.resolve("vf2-example.csv");
        assertEquals("saved " + saved + "\n", r.err());
        PublishedMeasurements pm = PublishedMeasurements.load(saved);
        assertEquals(List.of("vf2-example"), pm.datasetNames());
        String file = Files.readString(saved);
        assertTrue(file.contains("# parameters: command=import, files=" + EXAMPLE + ", dataset=vf2-example, arch=riscv64\n"),
                file);
        assertTrue(file.contains("#     sha256 " + dev.ftracelab.util.Hash.sha256(EXAMPLE) + "\n"), file);
        assertTrue(file.contains("median run"), file);
        // and `published --file` prints it
        Run p = run("published", "--file", saved.toString());
        assertEquals(0, p.status(), p.err());
        assertTrue(p.out().startsWith("vf2-example: riscv64, synthetic-example-board, unknown, kernel"), p.out());
    }

    @Test
    void diagnosticsGoToStderrAndTheRestImports() {
        Path ugly = Path.of("src/test/resources/importer/serial-console-ugly.log");
        Run r = run("import", ugly.toString(), "--format", "csv");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().startsWith(ugly + ":88: expected 'relevant ops: N'"), r.err());
        assertEquals(6, r.err().lines().count(), r.err());
        assertEquals(5, r.out().lines().filter(l -> l.startsWith("serial-console-ugly")).count(), r.out());
    }

    @Test
    void nothingReadableIsExitTwo() throws Exception {
        Path f = tmp.resolve("note.txt");
        Files.writeString(f, "just words\n");
        Run r = run("import", f.toString(), tmp.resolve("nope.log").toString());
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertEquals(List.of(f + ": nothing to import: expected the ftrace_ops sample's kernel log ('registering:' ..."
                        + " 'Attempted N calls to ...'), a results table with | between columns, or a CSV file with the"
                        + " published header (dataset,arch,...)",
                tmp.resolve("nope.log") + ": no such file: expected a kernel log, a results table or a CSV file",
                "ftrace-lab: nothing could be imported from " + f + " " + tmp.resolve("nope.log")
                        + ": see the messages above"), r.err().lines().toList());
        assertEquals(2, run("import", EXAMPLE.toString(), "--arch", "x86").status());
        assertEquals(2, run("import").status(), "FILE is required");
    }
}
