package dev.ftracelab.patch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.util.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFileTest {
    private static final Map<String, Long> SYMBOLS = Map.of("tracee_relevant", 0x11988L, "ftrace_list_ops", 0x13000L);

    private static long symbol(String s) {
        Long v = SYMBOLS.get(s);
        if (v == null) {
            throw new IllegalArgumentException("no symbol " + s);
        }
        return v;
    }

    private static PatchPlan parse(String text) {
        return PlanFile.parse(text, "plan.yaml", PlanFileTest::symbol);
    }

    @Test
    void namesMayDependOnThePlansOp() {
        // Regression: check-patch resolved plans against the bare image, so the scenario's ops B was unknown.
        String plan = "name: x\nop: %s\nsteps:\n  - write: {at: tracee_relevant-8, quad: \"&B\"}\n";
        PatchPlan p = PlanFile.parseFor(plan.formatted("retarget"), "plan.yaml",
                op -> op == PatchPlan.Op.RETARGET ? s -> s.equals("B") ? 0x2000L : symbol(s) : PlanFileTest::symbol);
        assertArrayEquals(new byte[] {0, 0x20, 0, 0, 0, 0, 0, 0}, ((PatchStep.Write) p.steps().get(0)).bytes());
        BadInputException e = assertThrows(BadInputException.class, () -> PlanFile.parseFor(plan.formatted("enable"),
                "plan.yaml", op -> op == PatchPlan.Op.RETARGET ? s -> 0x2000L : PlanFileTest::symbol));
        assertTrue(e.getMessage().contains("unknown symbol 'B'"), e.getMessage());
    }

    @Test
    void readsEveryKindOfStepWithSymbolicAddresses() {
        PatchPlan p = parse("""
                name: my enable
                op: enable
                steps:
                  - write: {at: tracee_relevant-8, quad: "&ftrace_list_ops"}
                  - write: {at: tracee_relevant+4, word: 0xbb0282e7, what: the call}
                  - remote_flush
                  - stop_machine:
                      - write: {at: 0x11988, half: 1}
                      - local_flush
                  - sync_rcu_tasks
                  - install_trap: {at: tracee_relevant, resume: tracee_relevant+8}
                  - remove_trap: {at: tracee_relevant}
                  - write: {at: tracee_relevant, bytes: "73 00 10 00"}
                """);
        assertEquals("my enable", p.name());
        assertEquals(PatchPlan.Op.ENABLE, p.op());
        assertEquals(8, p.steps().size());
        PatchStep.Write literal = (PatchStep.Write) p.steps().get(0);
        assertEquals(0x11980L, literal.address());
        assertArrayEquals(new byte[] {0, 0x30, 1, 0, 0, 0, 0, 0}, literal.bytes());
        PatchStep.Write call = (PatchStep.Write) p.steps().get(1);
        assertEquals(0x1198cL, call.address());
        assertArrayEquals(new byte[] {(byte) 0xe7, (byte) 0x82, 0x02, (byte) 0xbb}, call.bytes());
        assertEquals("the call", call.what());
        // the trace shows the bytes in memory order and the word a plan writes
        assertEquals("write 0x1198c <- e78202bb = word 0xbb0282e7 (4 bytes, atomic): the call", call.describe());
        assertTrue(literal.describe().contains("<- 0030010000000000 = quad 0x0000000000013000 "), literal.describe());
        PatchStep.StopMachine sm = assertInstanceOf(PatchStep.StopMachine.class, p.steps().get(3));
        assertEquals(2, ((PatchStep.Write) sm.steps().get(0)).bytes().length);
        assertEquals(new PatchStep.InstallTrapHandler(0x11988, 0x11990, ""), p.steps().get(5));
        assertArrayEquals(new byte[] {0x73, 0, 0x10, 0}, ((PatchStep.Write) p.steps().get(7)).bytes());
    }

    @Test
    void jsonIsAcceptedToo() {
        PatchPlan p = parse("{\"name\": \"j\", \"op\": \"disable\", \"steps\": [\"remote_flush\", {\"write\": {\"at\": 4096, \"word\": 19}}]}");
        assertEquals(PatchPlan.Op.DISABLE, p.op());
        assertEquals(4096, ((PatchStep.Write) p.steps().get(1)).address());
    }

    private static void refused(String text, String expected) {
        BadInputException e = assertThrows(BadInputException.class, () -> parse(text));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void malformedPlansAreRefusedWithTheStepAndTheReason() {
        refused("name: x\nsteps: []\n", "plan.yaml:steps: expected a non-empty list of steps");
        refused("steps: [remote_flush]\n", "plan.yaml:name: expected a non-empty text");
        refused("name: x\nop: toggle\nsteps: [remote_flush]\n",
                "plan.yaml:op: unknown op 'toggle': expected enable, retarget or disable");
        refused("name: x\nsteps: [remote_flush, flush_everything]\n", "plan.yaml:step 2: unknown step 'flush_everything':"
                + " expected write, local_flush, remote_flush, stop_machine, sync_rcu_tasks, install_trap or remove_trap");
        refused("name: x\nsteps:\n  - write: {at: nowhere+4, word: 1}\n", "plan.yaml:step 1 at: unknown symbol 'nowhere'");
        refused("name: x\nsteps:\n  - write: {at: 4096, word: 1, half: 2}\n",
                "plan.yaml:step 1: a write needs exactly one of half, word, quad or bytes");
        refused("name: x\nsteps:\n  - write: {at: 4096, half: 0x12345}\n", "plan.yaml:step 1: 0x12345 does not fit in 2 bytes");
        refused("name: x\nsteps:\n  - stop_machine:\n      - remote_flush\n      - stop_machine: [local_flush]\n",
                "plan.yaml:step 1.2: stop_machine cannot nest");
        refused("name: x\nsteps:\n  - install_trap: {at: 4096}\n", "plan.yaml:step 1: missing 'resume'");
        refused("name: x\nsteps:\n  - write: {at: 4096, bytes: zz}\n", "plan.yaml:step 1: bytes must be hex digits, got 'zz'");
        refused("name: x\nsteps: [remote_flush]\nextra: 1\n", "plan.yaml:extra: unknown key: expected name, op, steps");
        BadInputException yaml = assertThrows(BadInputException.class, () -> parse("name: [unclosed\n"));
        assertEquals("plan.yaml:2:1: not a YAML or JSON plan: expected ',' or ']', but got <stream end>", yaml.getMessage());
    }

    @Test
    void syntaxErrorsKeepTheParsersLineAndColumn() {
        // Regression (issue 17): the parser's location was dropped, leaving only the file name.
        BadInputException yaml = assertThrows(BadInputException.class,
                () -> parse("name: x\nsteps:\n  - remote_flush\n   bad: [\n"));
        assertTrue(yaml.getMessage().matches("plan\\.yaml:[45]:\\d+: not a YAML or JSON plan: .+"), yaml.getMessage());
        BadInputException json = assertThrows(BadInputException.class,
                () -> parse("{\"name\": \"x\",\n \"steps\": [\"remote_flush\",,]}\n"));
        assertTrue(json.getMessage().startsWith("plan.yaml:2:"), json.getMessage());
        BadInputException dup = assertThrows(BadInputException.class, () -> parse("name: x\nname: y\nsteps: [remote_flush]\n"));
        assertTrue(dup.getMessage().startsWith("plan.yaml:2:"), dup.getMessage());
    }

    @Test
    void numbersAbove64BitsAreRefusedWithTheStep() {
        // Regression (issue 17): 2^65 became 0 and 2^64+1 became 0x1, silently.
        refused("name: x\nsteps:\n  - write: {at: 4096, quad: 36893488147419103232}\n",
                "plan.yaml:step 1 quad: 36893488147419103232 does not fit in 64 bits: expected -2^63 .. 2^64-1");
        refused("name: x\nsteps:\n  - write: {at: 18446744073709551617, word: 1}\n",
                "plan.yaml:step 1 at: 18446744073709551617 does not fit in 64 bits: expected -2^63 .. 2^64-1");
        refused("name: x\nsteps:\n  - remote_flush\n  - write: {at: 4096, word: -9223372036854775809}\n",
                "plan.yaml:step 2: -9223372036854775809 does not fit in 64 bits: expected -2^63 .. 2^64-1");
        refused("name: x\nsteps:\n  - write: {at: 4096, quad: \"0x10000000000000000\"}\n",
                "plan.yaml:step 1 quad: expected a number (decimal or 0x hex), got '0x10000000000000000'");
        // the largest unsigned quad still fits: all ones
        PatchPlan p = parse("name: x\nsteps:\n  - write: {at: 4096, quad: 18446744073709551615}\n");
        assertArrayEquals(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}, ((PatchStep.Write) p.steps().get(0)).bytes());
    }

    @Test
    void aPlanThatIsNotUtf8IsRefusedWithItsOffset(@TempDir Path dir) throws Exception {
        // Regression (issue 17): the JDK's "Input length = 1" named neither the file nor the byte.
        Path f = dir.resolve("latin1.yaml");
        Files.write(f, "name: caf\u00e9\nsteps: [remote_flush]\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        BadInputException e = assertThrows(BadInputException.class, () -> PlanFile.read(f, PlanFileTest::symbol));
        assertEquals(f + ":offset 0x9: byte 0xe9 (line 1) is not UTF-8: expected UTF-8 text (a YAML or JSON plan);"
                + " convert it, e.g. iconv -f latin1 -t utf-8", e.getMessage());
    }

    @Test
    void readsAFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.yaml");
        Files.writeString(f, "name: x\nsteps:\n  - write: {at: 4096}\n");
        BadInputException e = assertThrows(BadInputException.class, () -> PlanFile.read(f, PlanFileTest::symbol));
        assertEquals(f + ":step 1: a write needs exactly one of half, word, quad or bytes", e.getMessage());
    }
}
