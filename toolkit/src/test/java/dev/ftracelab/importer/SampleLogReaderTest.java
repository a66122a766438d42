package dev.ftracelab.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tech.tablesaw.api.Table;

class SampleLogReaderTest {
    static final Path RESOURCES = Path.of("src/test/resources/importer");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "[  123.456789] ftrace_ops: registering:",
        "[Thu Jan  1 00:02:03 2026] ftrace_ops: registering:",
        "kern  :info  : [  123.456789] ftrace_ops: registering:",
        "<6>[  123.456789] ftrace_ops: registering:",
        "Jan 01 00:02:03 vf2 kernel: ftrace_ops: registering:",
        "Jan 01 00:02:03.123456 vf2 kernel: ftrace_ops: registering:",
        "[  123.456789] vf2 kernel: ftrace_ops: registering:",
        "2026-01-01T00:02:03.123456+00:00 vf2 kernel: [  123.456789] ftrace_ops: registering:",
        "ftrace_ops: registering:",
        "> > [  123.456789] ftrace_ops: registering:",
        "\u001B[0;1m[  123.456789] ftrace_ops: registering:\u001B[0m",
    })
    void everyToolsPrefixIsStripped(String line) {
        assertEquals("registering:", SampleLogReader.message(line));
    }

    @Test
    void continuationLinesAreReadWithOrWithoutPrefix() {
        assertEquals("relevant ops: 2", SampleLogReader.message("                 relevant ops: 2"));
        assertEquals("relevant ops: 2", SampleLogReader.message("[  123.456789]   relevant ops: 2"));
        assertEquals("relevant ops: 2", SampleLogReader.message("[  123.456789] ftrace_ops:   relevant ops: 2"));
        assertEquals("tracee: tracee_relevant [ftrace_ops]",
                SampleLogReader.message("                   tracee: tracee_relevant [ftrace_ops]"));
    }

    /** Every tool's layout of the same runs reads back as the same runs. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SampleLog.Style.class)
    void everyStyleOfTheWriterReadsBack(SampleLog.Style style) {
        List<SampleLog.Run> runs = List.of(SampleLog.Run.of(0, 0, 100000, 2000000),
                new SampleLog.Run(1, 10, 50000, 7654321, true, false, true), SampleLog.Run.of(100, 0, 1000, 123456789));
        List<Diagnostic> d = new ArrayList<>();
        SampleLogReader.Log log = SampleLogReader.read(input(SampleLog.write(runs, style, List.of("synthetic"))), d);
        assertEquals(List.of(), d);
        assertEquals(3, log.runs().size());
        SampleLogReader.Run r = log.runs().get(1);
        assertEquals(List.of(1, 10, 50000, 7654321L, 153L), List.of(r.relevant(), r.irrelevant(), r.calls(), r.totalNs(),
                r.printedPerCallNs()));
        assertEquals("+save-regs+assist-rcu", r.flags());
        assertEquals(List.of(0, 100), List.of(log.runs().get(0).relevant(), log.runs().get(2).relevant()));
    }

    /** The committed ugly serial capture: CRLF, unrelated lines, and five kinds of damage. */
    @Test
    void uglySerialConsoleLogKeepsEveryGoodRunAndNamesEveryBadLine() {
        Importer.Result r = Importer.builder().build().read(RESOURCES.resolve("serial-console-ugly.log"));
        String f = RESOURCES.resolve("serial-console-ugly.log").toString();
        assertEquals(List.of(
                f + ":88: expected 'relevant ops: N' with N a count, got 'relevant ops: two'",
                f + ":97: result skipped: its registering: block at line 87 could not be read",
                f + ":98: a result with no registering: block before it: expected the module's 'registering:' lines"
                        + " (relevant ops, irrelevant ops, ...) first",
                f + ":109: expected 'Attempted N calls to tracee_relevant [ftrace_ops] in Tns (Pns / call)', got"
                        + " 'Attempted 100000 calls to tracee_relevant [ftrace_ops] in 81'",
                f + ":120: note: the printed per-call time 150 ns is not 16000000 ns / 100000 calls; the total is used",
                f + ":121: this registering: block has no result: expected 'Attempted N calls to tracee_relevant"
                        + " [ftrace_ops] in Tns (Pns / call)' after it, got the end of the log"),
                r.diagnostics().stream().map(Diagnostic::toString).toList());
        Table t = r.rows();
        assertEquals(List.of("serial-console-ugly", "serial-console-ugly", "serial-console-ugly", "serial-console-ugly",
                "serial-console-ugly+save-regs"), t.stringColumn("dataset").asList());
        // untraced, then the irrelevant-ops sweep, then the relevant-ops sweep
        assertEquals(List.of(0, 1, 1, 2, 1), t.intColumn("relevant").asList());
        assertEquals(List.of(0, 10, 0, 0, 0), t.intColumn("irrelevant").asList());
        // 0/0: runs 3.0 and 3.1 ms: the lower middle of an even count; 1/0: 7.9, 8.0, 8.2 ms -> 8.0
        assertEquals(List.of(3000000L, 12345678L, 8000000L, 16000000L, 9000000L), t.longColumn("total_ns").asList());
        assertEquals(List.of(30.0, 123.45678, 80.0, 160.0, 90.0), t.doubleColumn("per_call_ns").asList());
        assertEquals(List.of(2, 1, 3, 1, 1), t.intColumn("runs").asList());
        assertEquals(List.of(30.0, 123.45678, 79.0, 160.0, 90.0), t.doubleColumn("per_call_min_ns").asList());
        assertEquals(List.of(31.0, 123.45678, 82.0, 160.0, 90.0), t.doubleColumn("per_call_max_ns").asList());
        // no 0/10 run, so 1/10 is over 0/0; the save_regs row over the untraced run without flags
        assertTrue(t.doubleColumn("overhead_ns").isMissing(0));
        assertEquals(93.45678, t.doubleColumn("overhead_ns").get(1), 1e-9);
        assertEquals(List.of(50.0, 130.0, 60.0), t.doubleColumn("overhead_ns").asList().subList(2, 5));
        assertEquals("riscv64", t.stringColumn("arch").get(0));
        assertEquals("synthetic-test-board-v1", t.stringColumn("platform").get(0));
        assertEquals("6.12.9-riscv64", t.stringColumn("kernel").get(0));
        assertEquals(List.of("unknown", "unknown+save-regs"), t.stringColumn("variant").asList().stream().distinct().toList());
        String notes = String.join("\n", r.measurements().notes());
        assertTrue(notes.contains("median run"), notes);
        assertTrue(notes.contains("serial-console-ugly 1/10 - 0/0"), notes);
        assertTrue(notes.contains("serial-console-ugly+save-regs 1/0 - 0/0 (serial-console-ugly)"), notes);
    }

    @Test
    void exampleLogGivesMediansAndSameIBaselines() {
        Importer.Result r = Importer.builder().variant("no-call-ops").build().read(RESOURCES.resolve("example-dmesg.log"));
        assertEquals(List.of(), r.diagnostics());
        Table t = r.rows();
        assertEquals(List.of("0/0", "0/10", "1/10", "1/0", "2/0", "10/0"), keys(t));
        assertEquals(List.of(20.0, 20.0, 300.0, 105.0, 400.0, 1550.0), t.doubleColumn("per_call_ns").asList());
        // 1/10 over 0/10 (20 ns), the others over 0/0 (20 ns)
        assertEquals(List.of(280.0, 85.0, 380.0, 1530.0), t.doubleColumn("overhead_ns").asList().subList(2, 6));
        assertEquals(List.of(19.0, 20.0, 290.0, 100.0, 390.0, 1500.0), t.doubleColumn("per_call_min_ns").asList());
        assertEquals(List.of(21.0, 21.0, 310.0, 110.0, 410.0, 1600.0), t.doubleColumn("per_call_max_ns").asList());
        assertTrue(t.intColumn("runs").asList().stream().allMatch(n -> n == 3));
        assertEquals("6.12.0-synthetic-example", t.stringColumn("kernel").get(0));
        assertEquals("synthetic-example-board", t.stringColumn("platform").get(0));
    }

    @Test
    void interleavedJournalLinesAndRunsSpreadOverTwoFilesBecomeOneRow() throws Exception {
        String a = """
                Jan 01 00:01:40 vf2 kernel: ftrace_ops: registering:
                Jan 01 00:01:40 vf2 systemd[1]: Started session-3.scope - Session 3 of User root.
                                                  relevant ops: 1
                                                    tracee: tracee_relevant [ftrace_ops]
                Jan 01 00:01:40 vf2 kernel: eth0: Link is Up - 1Gbps/Full - flow control rx/tx
                                                    tracer: ops_func_nop [ftrace_ops]
                                                  irrelevant ops: 0
                                                  saving registers: NO
                                                  assist recursion: NO
                                                  assist RCU: NO
                Jan 01 00:01:41 vf2 kernel: audit: type=1400 audit(1700000000.000:2): apparmor="STATUS"
                Jan 01 00:01:41 vf2 kernel: ftrace_ops: Attempted 1000 calls to tracee_relevant [ftrace_ops] in 50000ns (50ns / call)
                """;
        String b = a.replace("in 50000ns (50ns", "in 70000ns (70ns");
        Path dir = Files.createTempDirectory("logs");
        Files.writeString(dir.resolve("a.log"), a);
        Files.writeString(dir.resolve("b.log"), b);
        Importer.Result r = Importer.builder().dataset("vf2").arch("riscv64").build()
                .read(dir.resolve("a.log"), dir.resolve("b.log"));
        assertEquals(List.of(dir.resolve("a.log") + ":12: note: no untraced run (nr_ops_relevant=0) for 1/0 in vf2:"
                + " overhead left empty; run the module with nr_ops_relevant=0 too"),
                r.diagnostics().stream().map(Diagnostic::toString).toList());
        Table t = r.rows();
        assertEquals(1, t.rowCount());
        assertEquals(2, t.intColumn("runs").get(0));
        assertEquals(50.0, t.doubleColumn("per_call_ns").get(0), "lower middle of 50 and 70");
        assertEquals(70.0, t.doubleColumn("per_call_max_ns").get(0));
        assertEquals(1000, t.intColumn("calls").get(0));
        assertFalse(r.isEmpty());
    }

    @Test
    void perCallKeepsThePrecisionTheSampleRoundsAway() {
        String log = SampleLog.write(List.of(SampleLog.Run.of(0, 0, 100000, 94583), SampleLog.Run.of(1, 0, 100000, 1431875)),
                SampleLog.Style.DMESG, List.of());
        Table t = Importer.builder().build().readText("m1.log", log).rows();
        assertEquals(0.94583, t.doubleColumn("per_call_ns").get(0), 1e-12);
        assertEquals(14.31875, t.doubleColumn("per_call_ns").get(1), 1e-12);
        assertEquals(14.31875 - 0.94583, t.doubleColumn("overhead_ns").get(1), 1e-12);
    }

    private static List<String> keys(Table t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            out.add(t.intColumn("relevant").get(i) + "/" + t.intColumn("irrelevant").get(i));
        }
        return out;
    }

    static TextInput input(String text) {
        return TextInput.of("test.log", text.getBytes(StandardCharsets.UTF_8));
    }
}
