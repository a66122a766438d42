package dev.ftracelab.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class ImporterTest {
    @TempDir
    Path tmp;

    @Test
    void formatIsDetectedPerFile() {
        assertEquals(InputFormat.LOG, InputFormat.detect(List.of("[ 1.0] x", "[ 2.0] ftrace_ops: registering:")));
        assertEquals(InputFormat.LOG, InputFormat.detect(List.of(
                "Jan 01 00:00:01 b kernel: ftrace_ops: Attempted 100000 calls to tracee_relevant [ftrace_ops] in 5ns (0ns / call)")));
        assertEquals(InputFormat.TABLE, InputFormat.detect(List.of("> Relevant | Irrelevant || Total", "> 1 | 0 || 2")));
        assertEquals(InputFormat.CSV, InputFormat.detect(List.of("# notes", "dataset,arch,platform,variant,relevant,irrelevant")));
        assertEquals(InputFormat.TABLE, InputFormat.detect(List.of("| dataset | arch | relevant |", "|---|---|---|")),
                "a Markdown header is not a CSV header");
        assertNull(InputFormat.detect(List.of("Hello,", "no figures here.")));
    }

    @Test
    void threeFormatsInOneImportEachReadByItsReader() throws Exception {
        Path log = SampleLogReaderTest.RESOURCES.resolve("example-dmesg.log");
        Path mail = SampleLogReaderTest.RESOURCES.resolve("mangled-mail.txt");
        Path csv = tmp.resolve("qemu.csv");
        Files.writeString(csv, "dataset,arch,platform,variant,relevant,irrelevant,calls,total_ns,per_call_ns,overhead_ns\n"
                + "q,riscv64,qemu-tcg,call-ops,1,0,100000,,467,315\n");
        Importer.Result r = Importer.builder().build().read(log, mail, csv);
        assertEquals(List.of(InputFormat.LOG, InputFormat.TABLE, InputFormat.CSV),
                r.sources().stream().map(Importer.Source::format).toList());
        assertEquals(List.of(18, 12, 1), r.sources().stream().map(Importer.Source::rows).toList());
        assertEquals(List.of("example-dmesg", "m1-after", "q"), r.measurements().datasetNames());
        String notes = String.join("\n", r.measurements().notes());
        assertTrue(notes.contains("From kernel logs") && notes.contains("From tables") && notes.contains("From CSV"), notes);
    }

    @Test
    void aCsvRowThatDoesNotParseIsNamedAndTheRestImports() throws Exception {
        Path csv = tmp.resolve("board.csv");
        Files.writeString(csv, "# saved\ndataset,arch,platform,variant,relevant,irrelevant,calls,total_ns,per_call_ns,overhead_ns\n"
                + "b,riscv64,vf2,call-ops,1,0,100000,,467,315\n"
                + "b,riscv64,vf2,call-ops,1,0,100000\n"
                + "b,riscv64,vf2,call-ops,2,0,100000,,500,350\n");
        Importer.Result r = Importer.builder().build().read(csv);
        assertEquals(List.of(csv + ":4: expected 10 comma-separated fields, got 7"),
                r.diagnostics().stream().map(Diagnostic::toString).toList());
        assertEquals(List.of(1, 2), r.rows().intColumn("relevant").asList());
    }

    @Test
    void filesThatAreNotTextAreRefusedCleanlyAndTheOthersStillImport() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("a-directory"));
        Path latin1 = tmp.resolve("latin1.txt");
        Files.write(latin1, "first line\nR\u00e9sultats\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Path binary = tmp.resolve("vmlinux");
        Files.write(binary, new byte[] {0x7f, 'E', 'L', 'F', 0, 1});
        Path big = tmp.resolve("big.log");
        Files.writeString(big, "x".repeat(2000));
        Path empty = tmp.resolve("empty.txt");
        Files.writeString(empty, "nothing to see\n");
        Path good = SampleLogReaderTest.RESOURCES.resolve("example-dmesg.log");
        Importer.Result r = Importer.builder().maxBytes(1500).build()
                .read(dir, latin1, binary, big, empty, tmp.resolve("missing.log"), good);
        assertEquals(List.of(
                dir + ": not a regular file (a folder): expected a kernel log, a results table or a CSV file",
                latin1 + ": offset 0xc: byte 0xe9 (line 2) is not UTF-8: expected UTF-8 text (a kernel log, a results"
                        + " table or a CSV file); convert it, e.g. iconv -f latin1 -t utf-8",
                binary + ": offset 0x4: a NUL byte: this is a binary file, expected text (a kernel log, a table or CSV)",
                big + ": 2,000 bytes; import reads at most 1,500 bytes: keep only the sample's lines (e.g. grep -A 12"
                        + " ftrace_ops) or raise the limit",
                empty + ": nothing to import: expected the ftrace_ops sample's kernel log ('registering:' ..."
                        + " 'Attempted N calls to ...'), a results table with | between columns, or a CSV file with the"
                        + " published header (dataset,arch,...)",
                tmp.resolve("missing.log") + ": no such file: expected a kernel log, a results table or a CSV file"),
                r.diagnostics().stream().map(Diagnostic::toString).toList().subList(0, 6));
        assertTrue(r.isEmpty(), "the example log is over the cap as well");
        Importer.Result ok = Importer.builder().build().read(dir, good);
        assertEquals(6, ok.rows().rowCount());
        // a link to a log (e.g. into /var/log) is read like the log itself
        Path link = Files.createSymbolicLink(tmp.resolve("latest.log"), good.toAbsolutePath());
        assertEquals(6, Importer.builder().build().read(link).rows().rowCount());
    }

    @Test
    void optionsOverrideWhatTheInputSaysButInputNamedDatasetsKeepTheirNames() {
        String text = "m1-after: arm64, apple-m1-hvf, call-ops\n\n  Relevant | Irrelevant || Per call\n"
                + "  =========+============++=========\n         1 |          0 ||     2.81\n";
        Table t = Importer.builder().board("my-m1").variant("cops").kernel("6.3").dataset("ignored").calls(5000).build()
                .readText("pasted", text).rows();
        assertEquals(List.of("m1-after", "arm64", "my-m1", "cops", "6.3"), List.of(t.stringColumn("dataset").get(0),
                t.stringColumn("arch").get(0), t.stringColumn("platform").get(0), t.stringColumn("variant").get(0),
                t.stringColumn("kernel").get(0)));
        assertEquals(5000, t.intColumn("calls").get(0));
        Table unnamed = Importer.builder().build().readText("pasted.txt", text.substring(text.indexOf('\n') + 1)).rows();
        assertEquals(List.of("pasted", "unknown", "unknown", "unknown"), List.of(unnamed.stringColumn("dataset").get(0),
                unnamed.stringColumn("arch").get(0), unnamed.stringColumn("platform").get(0),
                unnamed.stringColumn("variant").get(0)));
    }

    @Test
    void aLogWithoutALinuxVersionLineSaysToPassArch() {
        String log = SampleLog.write(List.of(SampleLog.Run.of(0, 0, 1000, 5000)), SampleLog.Style.DMESG, List.of());
        Importer.Result r = Importer.builder().build().readText("b.log", log);
        assertEquals(List.of("b.log: note: the log does not say the architecture (no 'Linux version' line): arch is"
                + " 'unknown'; pass --arch riscv64 or arm64"), r.diagnostics().stream().map(Diagnostic::toString).toList());
        assertEquals("riscv64", Importer.builder().arch("riscv64").build().readText("b.log", log).rows()
                .stringColumn("arch").get(0));
    }

    @Test
    void namesFromFilesAndBoards() {
        assertEquals("vf2-dmesg", Importer.stem("vf2-dmesg.log"));
        assertEquals("reply", Importer.stem("reply.eml"));
        assertEquals("starfive-visionfive-2-v1.3b", Importer.slug("StarFive VisionFive 2 v1.3B"));
        assertNull(Importer.slug("  "));
    }

    @Test
    void saveCleansTheFileName() throws Exception {
        Importer.Result r = Importer.builder().build().read(SampleLogReaderTest.RESOURCES.resolve("example-dmesg.log"));
        assertEquals(tmp.resolve("vf2-6.12-my-run.csv"), r.save(tmp, "vf2 6.12/my run", List.of()));
        assertTrue(Files.readString(tmp.resolve("vf2-6.12-my-run.csv")).contains("\nexample-dmesg,riscv64,"));
    }
}
