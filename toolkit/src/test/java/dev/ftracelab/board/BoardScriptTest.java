package dev.ftracelab.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.board.BoardRows.Row;
import dev.ftracelab.testing.FakeBoard;
import dev.ftracelab.testing.ShellScripts;
import dev.ftracelab.util.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The board script: shellcheck-clean, and run end to end under dash on a {@link FakeBoard}
 * (insmod/modprobe append what the real sample prints, as dmesg shows it, to a fake log and fail
 * with EINVAL; dmesg prints the log).
 */
class BoardScriptTest {
    private static final Pattern LOAD = Pattern.compile("# load (\\d+): R=(\\d+) I=(\\d+) calls=(\\d+) run (\\d+)/(\\d+) .*");
    private static final Pattern RELEVANT = Pattern.compile("^ +relevant ops: (\\d+)$");
    private static final Pattern IRRELEVANT = Pattern.compile("^ +irrelevant ops: (\\d+)$");
    private static final Pattern ATTEMPTED = Pattern.compile(
            "^\\[ *\\d+\\.\\d{6}\\] ftrace_ops: Attempted (\\d+) calls to tracee_relevant \\[ftrace_ops\\] in (\\d+)ns \\((\\d+)ns / call\\)$");

    @TempDir
    Path tmp;
    FakeBoard board;

    @BeforeEach
    void fakes() throws IOException {
        board = FakeBoard.in(tmp);
    }

    private String script;

    private Path write(BoardScript s) throws IOException {
        script = s.text();
        Path f = tmp.resolve("check.sh");
        Files.writeString(f, script, StandardCharsets.UTF_8);
        return f;
    }

    private ShellScripts.Result run(Map<String, String> extra) throws IOException, InterruptedException {
        return board.run(script, extra);
    }

    @Test
    void theScriptIsShellcheckClean() throws Exception {
        ShellScripts.assertShellcheckClean(write(BoardScript.builder().rows(BoardRows.parse("published")).build()));
        ShellScripts.assertShellcheckClean(write(BoardScript.builder().rows(BoardRows.parse("R1-I0")).runs(1).calls(1).build()));
    }

    @Test
    void everyRowAndRunIsLoggedInOrder() throws Exception {
        write(BoardScript.builder().rows(BoardRows.parse("R1-I0,R2-I10")).runs(3).calls(1000).build());
        ShellScripts.Result r = run(Map.of());
        assertEquals(0, r.status(), r.err());
        assertCollected(List.of(new Row(0, 0), new Row(0, 10), new Row(1, 0), new Row(2, 10)), 3, 1000);
        assertTrue(r.out().contains("ftrace-lab import out.log --board fakeboard --kernel 6.12.0-fake --variant "), r.out());
        // modinfo knows the module, so modprobe loads it with each row's parameters, in order
        List<String> calls = Files.readAllLines(board.loads());
        assertEquals(12, calls.size());
        assertEquals("modprobe ftrace-ops nr_function_calls=1000 nr_ops_relevant=0 nr_ops_irrelevant=0", calls.get(0));
        assertEquals("modprobe ftrace-ops nr_function_calls=1000 nr_ops_relevant=2 nr_ops_irrelevant=10", calls.get(11));
        assertFalse(Files.exists(tmp.resolve("out.log.partial")));
    }

    /** Without a writable /dev/kmsg the script finds each load's lines after the log's last line before it. */
    @Test
    void withoutMarkersTheLinesAfterTheLastOneBeforeTheLoadAreTaken() throws Exception {
        write(BoardScript.builder().rows(BoardRows.parse("R1-I1")).runs(2).calls(500).build());
        ShellScripts.Result r = run(Map.of("FTRACE_LAB_KMSG", tmp.resolve("no/such/dir/kmsg").toString()));
        assertEquals(0, r.status(), r.err());
        assertCollected(List.of(new Row(0, 0), new Row(0, 1), new Row(1, 1)), 2, 500);
    }

    @Test
    void aRestrictedDmesgFallsBackToTheJournalOrStops() throws Exception {
        write(BoardScript.builder().rows(BoardRows.parse("R1-I0")).runs(1).calls(10).build());
        ShellScripts.Result r = run(Map.of("FAKE_DMESG_DENIED", "1", "FAKE_JOURNAL", "1"));
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.readString(board.output()).contains("# log: journalctl"));
        assertCollected(List.of(new Row(0, 0), new Row(1, 0)), 1, 10);

        r = run(Map.of("FAKE_DMESG_DENIED", "1"));
        assertEquals(3, r.status(), r.err());
        assertTrue(r.err().contains("cannot read the kernel log"), r.err());
    }

    @Test
    void aMissingModuleGetsTheBuildHintAndExitStatus2() throws Exception {
        write(BoardScript.builder().rows(BoardRows.parse("R1-I0")).build());
        ShellScripts.Result r = run(Map.of("FAKE_NO_MODULE", "1"));
        assertEquals(2, r.status(), r.err());
        for (String hint : List.of("this kernel (6.12.0-fake) has no ftrace-ops sample module",
                "CONFIG_SAMPLE_FTRACE_OPS=m", "make M=samples/ftrace", "make modules_install",
                "FTRACE_OPS_KO=samples/ftrace/ftrace-ops.ko")) {
            assertTrue(r.err().contains(hint), hint + " in:\n" + r.err());
        }
        assertFalse(Files.exists(board.output()));
        assertFalse(Files.exists(board.loads()), "nothing was loaded");
    }

    @Test
    void aModuleFileGivenByHandIsInsmodded() throws Exception {
        Path ko = Files.writeString(tmp.resolve("ftrace-ops.ko"), "not really a module");
        write(BoardScript.builder().rows(BoardRows.parse("R1-I0")).runs(1).calls(7).build());
        ShellScripts.Result r = run(Map.of("FAKE_NO_MODULE", "1", "FTRACE_OPS_KO", ko.toString()));
        assertEquals(0, r.status(), r.err());
        assertEquals("insmod " + ko + " nr_function_calls=7 nr_ops_relevant=0 nr_ops_irrelevant=0",
                Files.readAllLines(board.loads()).get(0));
        assertCollected(List.of(new Row(0, 0), new Row(1, 0)), 1, 7);
    }

    @Test
    void aLoadThatFailsOtherThanByDesignStopsTheScript() throws Exception {
        write(BoardScript.builder().rows(BoardRows.parse("R1-I0")).runs(2).calls(10).build());
        ShellScripts.Result r = run(Map.of("FAKE_FAIL", "1"));
        assertEquals(3, r.status(), r.err());
        assertTrue(r.err().contains("R=0 I=0 run 1: modprobe failed other than by design")
                && r.err().contains("Unknown symbol in module"), r.err());
        assertFalse(Files.exists(board.output()));
        assertTrue(Files.readString(tmp.resolve("out.log.partial")).contains("failed: modprobe: ERROR"));
    }

    @Test
    void itNeedsRoot() throws Exception {
        write(BoardScript.builder().rows(BoardRows.parse("R1-I0")).build());
        ShellScripts.Result r = run(Map.of("FAKE_UID", "1000"));
        assertEquals(1, r.status());
        assertTrue(r.err().contains("loading a module needs root"), r.err());
    }

    @Test
    void theHeaderSaysWhatItDoesNeedsTakesAndWrites() {
        String text = BoardScript.builder().rows(BoardRows.parse("R1-I10")).runs(4).calls(2000)
                .arguments("--rows R1-I10 --runs 4 --calls 2000").build().text();
        for (String part : List.of("# What it does", "# What it needs", "# How long", "# What it writes",
                "ftrace-lab board-script --rows R1-I10 --runs 4 --calls 2000", "12 times: 4 run(s)",
                "#     R0-I0 R0-I10 R1-I10", "registering 84 ops", "ftrace-lab import OUT",
                "ROWS='0/0 0/10 1/10'", "RUNS=4", "CALLS=2000")) {
            assertTrue(text.contains(part), part);
        }
        assertFalse(text.contains("@"), "every placeholder is filled");
        text.lines().filter(l -> l.startsWith("#")).forEach(l -> assertTrue(l.length() <= 80, l));
    }

    @Test
    void badSettingsAreRefusedBeforeAnythingIsWritten() {
        BoardScript.Builder b = BoardScript.builder().rows(BoardRows.parse("R1-I0"));
        assertEquals("--runs: expected 1 to 1000, got 0", assertThrows(BadInputException.class,
                () -> b.runs(0).build()).getMessage());
        assertEquals("--calls: expected 1 to 100000000, got 0", assertThrows(BadInputException.class,
                () -> b.runs(1).calls(0).build()).getMessage());
        assertThrows(BadInputException.class, () -> b.calls(100_000_001L).build());
        assertThrows(BadInputException.class, () -> BoardScript.builder().build());
    }

    /**
     * The output holds, for each row in order and each run, a '# load' note and the sample's
     * registering block and Attempted line with that row's counts and the calls.
     */
    private void assertCollected(List<Row> rows, int runs, int calls) throws IOException {
        List<String> lines = Files.readAllLines(board.output());
        assertTrue(lines.get(0).startsWith("# ftrace-lab board log"), lines.get(0));
        List<String> expected = new ArrayList<>();
        for (Row row : rows) {
            for (int k = 1; k <= runs; k++) {
                expected.add(row.relevant() + "/" + row.irrelevant() + " " + k + "/" + runs);
            }
        }
        List<String> seen = new ArrayList<>();
        int load = 0;
        String current = null;
        int relevant = -1;
        int irrelevant = -1;
        for (String line : lines) {
            Matcher m = LOAD.matcher(line);
            if (m.matches()) {
                current = m.group(2) + "/" + m.group(3) + " " + m.group(5) + "/" + m.group(6);
                assertEquals(++load, Integer.parseInt(m.group(1)));
                assertEquals(calls, Integer.parseInt(m.group(4)));
                relevant = -1;
                irrelevant = -1;
                continue;
            }
            assertFalse(line.contains("ftrace-lab: load"), "no marker line is collected: " + line);
            Matcher rel = RELEVANT.matcher(line);
            Matcher irr = IRRELEVANT.matcher(line);
            Matcher att = ATTEMPTED.matcher(line);
            if (rel.matches()) {
                relevant = Integer.parseInt(rel.group(1));
            } else if (irr.matches()) {
                irrelevant = Integer.parseInt(irr.group(1));
            } else if (att.matches()) {
                assertEquals(current, relevant + "/" + irrelevant + current.substring(current.indexOf(' ')),
                        "the block belongs to its load");
                assertEquals(calls, Integer.parseInt(att.group(1)));
                assertEquals(Long.parseLong(att.group(2)) / calls, Long.parseLong(att.group(3)));
                seen.add(current);
            }
        }
        assertEquals(expected, seen);
    }
}
