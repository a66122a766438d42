package dev.ftracelab.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.patch.PatchPlan.Op;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The verdicts the thread argued about, found by exploring the real guest code. */
class ExplorerTest {
    private static final CheckOptions FULL = CheckOptions.builder().build();

    private static CheckResult check(Scheme s, Op op, CheckOptions o) {
        return Explorer.check(s, op, o);
    }

    /** The index of the first step matching, or -1. */
    private static int find(Trace t, java.util.function.Predicate<TraceStep> p) {
        for (int i = 0; i < t.steps().size(); i++) {
            if (p.test(t.steps().get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void v68EnableRaceNopExecutedThenJalrWithStaleT0() {
        CheckResult r = check(Scheme.RISCV_NOP_NOP_STOP_MACHINE, Op.ENABLE, FULL);
        assertFalse(r.safe(), r.summary());
        Trace t = r.trace();
        int nop = find(t, s -> s.where().equals("tracee_relevant") && s.instruction().equals("nop"));
        int stop = find(t, s -> s.actor().equals("patcher") && s.instruction().startsWith("stop_machine: every running hart parked"));
        int jalr = find(t, s -> s.where().equals("tracee_relevant+4") && s.instruction().startsWith("jalr")
                && s.note().startsWith("VIOLATION"));
        assertTrue(nop >= 0 && stop > nop && jalr > stop, t.text());
        assertTrue(r.violation().contains("the site jumped to"), r.violation());
        assertEquals(0, r.preemptions(), "stop_machine parks a hart mid-sequence on its own: no preemption needed");
    }

    @Test
    void v68RetargetRaceOldAuipcWithNewJalr() {
        CheckResult r = check(Scheme.RISCV_NOP_NOP_STOP_MACHINE, Op.RETARGET, FULL);
        assertFalse(r.safe(), r.summary());
        Trace t = r.trace();
        int auipc = find(t, s -> s.where().equals("tracee_relevant") && s.instruction().startsWith("auipc"));
        int write = find(t, s -> s.actor().equals("patcher") && s.instruction().contains("auipc t0"));
        int jalr = find(t, s -> s.where().equals("tracee_relevant+4") && s.note().startsWith("VIOLATION"));
        assertTrue(auipc >= 0 && write > auipc && jalr > write, t.text());
        // the JALR adds the new offset to the old AUIPC's base
        String oldBase = t.steps().get(auipc).registers().replace("-> t0=", "");
        assertTrue(t.steps().get(jalr).registers().startsWith("t0=" + oldBase), t.text());
    }

    @ParameterizedTest
    @EnumSource(Op.class)
    void v68IsSafeWithoutPreemption(Op op) {
        CheckResult r = check(Scheme.RISCV_NOP_NOP_STOP_MACHINE, op, FULL.toBuilder().preemption(Preemption.NONE).build());
        assertTrue(r.safe(), () -> r.summary() + "\n" + r.trace().text());
        assertTrue(r.states() > 10, r.summary());
    }

    @ParameterizedTest
    @EnumSource(Op.class)
    void v68IsSafeWithVoluntaryPreemption(Op op) {
        CheckResult r = check(Scheme.RISCV_NOP_NOP_STOP_MACHINE, op, FULL.toBuilder().preemption(Preemption.VOLUNTARY).build());
        assertTrue(r.safe(), () -> r.summary() + "\n" + r.trace().text());
    }

    @ParameterizedTest
    @EnumSource(Op.class)
    void singleInstructionSchemesAreSafeUnderFullPreemptionWithZiccif(Op op) {
        for (Scheme s : List.of(Scheme.RISCV_ATOMIC, Scheme.RISCV_CALL_OPS, Scheme.ARM64_CALL_OPS)) {
            CheckResult r = check(s, op, FULL);
            assertTrue(r.safe(), () -> r.summary() + "\n" + r.trace().text());
            assertTrue(r.states() > 100, r.summary());
        }
    }

    @Test
    void atomicWithoutZiccifTearsTheFetch() {
        CheckResult r = check(Scheme.RISCV_ATOMIC, Op.ENABLE, FULL.toBuilder().ziccif(false).build());
        assertFalse(r.safe(), r.summary());
        Trace t = r.trace();
        int first = find(t, s -> s.actor().equals("patcher") && s.instruction().contains("of 4, seen by fetch in halves"));
        int fetch = find(t, s -> s.actor().startsWith("task") && s.pc() != 0);
        int second = -1;
        for (int i = first + 1; i < t.steps().size(); i++) {
            if (t.steps().get(i).actor().equals("patcher") && t.steps().get(i).instruction().contains("of 4, seen by fetch")) {
                second = i;
                break;
            }
        }
        // the hart fetched the site between the two halves of one instruction store
        assertTrue(first >= 0 && fetch > first && (second < 0 || second > fetch), t.text());
        assertTrue(t.steps().get(t.steps().size() - 1).note().startsWith("VIOLATION"), t.text());
        CheckResult withZiccif = check(Scheme.RISCV_ATOMIC, Op.ENABLE, FULL);
        assertTrue(withZiccif.safe());
    }

    @ParameterizedTest
    @EnumSource(Op.class)
    void breakpointIsSafeAsDesigned(Op op) {
        CheckResult r = check(Scheme.BREAKPOINT, op, FULL);
        assertTrue(r.safe(), () -> r.summary() + "\n" + r.trace().text());
    }

    @Test
    void breakpointWithoutAnyOneOfItsSyncsIsUnsafe() {
        Scenario probe = Scenario.of(Scheme.BREAKPOINT.arch(), Scheme.BREAKPOINT.layout(), Op.ENABLE, 2);
        List<PatchStep> steps = probe.plan(Scheme.BREAKPOINT).steps();
        int syncs = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (!(steps.get(i) instanceof PatchStep.RemoteFlush || steps.get(i) instanceof PatchStep.SyncRcuTasks)) {
                continue;
            }
            syncs++;
            List<String> unsafe = new ArrayList<>();
            for (Op op : Op.values()) {
                Scenario sc = Scenario.of(Scheme.BREAKPOINT.arch(), Scheme.BREAKPOINT.layout(), op, 2);
                List<PatchStep> without = new ArrayList<>(sc.plan(Scheme.BREAKPOINT).steps());
                without.remove(i);
                CheckResult r = Explorer.check(sc, new PatchPlan("breakpoint without step " + (i + 1), op, without), FULL);
                if (!r.safe()) {
                    unsafe.add(op.id());
                    assertFalse(r.trace().steps().isEmpty());
                }
            }
            assertFalse(unsafe.isEmpty(), "removing step " + (i + 1) + " (" + steps.get(i).describe() + ") left every op safe");
        }
        assertEquals(4, syncs, "three flushes and one synchronize_rcu_tasks");
    }

    @Test
    void callOpsRetargetWithoutItsDrainUsesTheFreedOps() {
        Scenario sc = Scenario.of(Scheme.RISCV_CALL_OPS.arch(), Scheme.RISCV_CALL_OPS.layout(), Op.RETARGET, 2);
        List<PatchStep> steps = new ArrayList<>(sc.plan(Scheme.RISCV_CALL_OPS).steps());
        assertTrue(steps.removeIf(s -> s instanceof PatchStep.SyncRcuTasks));
        CheckResult r = Explorer.check(sc, new PatchPlan("call-ops retarget, no drain", Op.RETARGET, steps), FULL);
        assertFalse(r.safe(), r.summary());
        assertTrue(r.violation().contains("after the plan freed it"), r.violation());
        assertEquals(0, r.preemptions(), "a task on another hart, in the trampoline with the old literal, is enough");
        // with the free check off the same plan passes: nothing else breaks
        Scenario sc2 = Scenario.of(Scheme.RISCV_CALL_OPS.arch(), Scheme.RISCV_CALL_OPS.layout(), Op.RETARGET, 2);
        assertTrue(Explorer.check(sc2, new PatchPlan("no drain", Op.RETARGET, steps), FULL.toBuilder().freeCheck(false).build()).safe());
    }

    @ParameterizedTest
    @EnumSource(Op.class)
    void arm64PreCallOpsIsSafeUnderFullPreemption(Op op) {
        CheckResult r = check(Scheme.ARM64_PRE_CALL_OPS, op, FULL);
        assertTrue(r.safe(), () -> r.summary() + "\n" + r.trace().text());
        assertTrue(r.states() > 100, r.summary());
        assertTrue(r.scenario().startsWith("arm64 pre-call-ops"), r.scenario());
        if (op == Op.RETARGET) {
            assertTrue(r.scenario().contains("ftrace_call: bl list function -> bl ftrace_stub"), r.scenario());
        }
    }

    @Test
    void arm64PreCallOpsDisableWithoutItsDrainUsesTheFreedOps() {
        Scenario sc = Scenario.of(Scheme.ARM64_PRE_CALL_OPS.arch(), Scheme.ARM64_PRE_CALL_OPS.layout(), Op.DISABLE, 2);
        assertTrue(sc.description().endsWith("A is freed after the plan"), sc.description());
        List<PatchStep> steps = new ArrayList<>(sc.plan(Scheme.ARM64_PRE_CALL_OPS).steps());
        assertTrue(steps.removeIf(s -> s instanceof PatchStep.SyncRcuTasks));
        CheckResult r = Explorer.check(sc, new PatchPlan("pre-call-ops disable, no drain", Op.DISABLE, steps), FULL);
        // a task still in ftrace_caller or the list walk reads ops A after it is freed
        assertFalse(r.safe(), r.summary());
        assertTrue(r.violation().contains("after the plan freed it"), r.violation());
    }

    @Test
    void aLocalFlushDoesNotReachOtherHarts() {
        Scenario sc = Scenario.of(Scheme.BREAKPOINT.arch(), Scheme.BREAKPOINT.layout(), Op.ENABLE, 2);
        List<PatchStep> steps = new ArrayList<>(sc.plan(Scheme.BREAKPOINT).steps());
        steps.replaceAll(s -> s instanceof PatchStep.RemoteFlush ? new PatchStep.LocalFlush() : s);
        assertFalse(Explorer.check(sc, new PatchPlan("local flushes only", Op.ENABLE, steps), FULL).safe());
    }

    @Test
    void explorationIsDeterministic() {
        CheckResult a = check(Scheme.RISCV_NOP_NOP_STOP_MACHINE, Op.ENABLE, FULL);
        CheckResult b = check(Scheme.RISCV_NOP_NOP_STOP_MACHINE, Op.ENABLE, FULL);
        assertEquals(a.states(), b.states());
        assertEquals(a.trace().text(), b.trace().text());
        CheckResult c = check(Scheme.RISCV_CALL_OPS, Op.ENABLE, FULL);
        CheckResult d = check(Scheme.RISCV_CALL_OPS, Op.ENABLE, FULL);
        assertEquals(c.states(), d.states());
        assertEquals(c.transitions(), d.transitions());
    }

    @Test
    void moreTasksAndAHigherBoundExploreMoreStates() {
        long small = check(Scheme.RISCV_CALL_OPS, Op.ENABLE, FULL.toBuilder().preemptionBound(0).build()).states();
        long bigger = check(Scheme.RISCV_CALL_OPS, Op.ENABLE, FULL).states();
        long more = check(Scheme.RISCV_CALL_OPS, Op.ENABLE, FULL.toBuilder().tasks(3).build()).states();
        assertTrue(small < bigger && bigger < more, small + " " + bigger + " " + more);
    }

    @Test
    void synchronizeRcuTasksInsideStopMachineIsRefused() {
        Scenario sc = Scenario.of(Scheme.RISCV_CALL_OPS.arch(), Scheme.RISCV_CALL_OPS.layout(), Op.ENABLE, 2);
        PatchPlan p = new PatchPlan("bad", Op.ENABLE, List.of(new PatchStep.StopMachine(List.of(new PatchStep.SyncRcuTasks()))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Explorer.check(sc, p, FULL));
        assertTrue(e.getMessage().contains("inside stop_machine"), e.getMessage());
    }

    @Test
    void theScenarioMustHaveTheOptionsHarts() {
        Scenario sc = Scenario.of(Scheme.RISCV_CALL_OPS.arch(), Scheme.RISCV_CALL_OPS.layout(), Op.ENABLE, 3);
        assertThrows(IllegalArgumentException.class, () -> Explorer.check(sc, sc.plan(Scheme.RISCV_CALL_OPS), FULL));
    }

    @Test
    void v68TraceTextFitsAMailAndKeepsRegistersAndViolation() {
        CheckResult r = check(Scheme.RISCV_NOP_NOP_STOP_MACHINE, Op.RETARGET, FULL);
        String text = r.trace().text();
        text.lines().forEach(l -> assertTrue(l.length() <= Trace.WIDTH, l.length() + ": " + l));
        TraceStep jalr = r.trace().steps().stream().filter(s -> s.note().startsWith("VIOLATION")).findFirst().orElseThrow();
        assertTrue(text.contains(jalr.registers()), text);
        assertTrue(text.contains("VIOLATION: the site jumped to"), text);
        Scheme s = Scheme.RISCV_NOP_NOP_STOP_MACHINE;
        String listing = Scenario.of(s.arch(), s.layout(), Op.RETARGET, 2).plan(s).listing();
        listing.lines().forEach(l -> assertTrue(l.length() <= Trace.WIDTH, l.length() + ": " + l));
        assertTrue(listing.contains("jalr t0 -> new target"), listing);
    }

    @Test
    void plansNameTheScenariosOpsAndTrampolines() {
        Scenario sc = Scenario.of(Scheme.RISCV_CALL_OPS.arch(), Scheme.RISCV_CALL_OPS.layout(), Op.RETARGET, 2);
        PatchPlan p = PlanFile.parse("name: x\nop: retarget\nsteps:\n  - write: {at: tracee_relevant-8, quad: \"&B\"}\n",
                "plan.yaml", sc::symbolAddress);
        long written = java.nio.ByteBuffer.wrap(((PatchStep.Write) p.steps().get(0)).bytes())
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(sc.change().newOps(), written);
        assertEquals(sc.change().oldOps(), sc.symbolAddress("A"));
        assertEquals(sc.model().symbolAddress("tracee_relevant"), sc.symbolAddress("tracee_relevant"));
        assertThrows(IllegalArgumentException.class, () -> sc.symbolAddress("direct_tramp(B)")); // B is not direct here
        Scenario pair = Scenario.of(dev.ftracelab.isa.Arch.RISCV64, dev.ftracelab.ftrace.Layout.NOP_NOP, Op.RETARGET, 2);
        assertEquals(pair.change().newTarget(), pair.symbolAddress("direct_tramp(B)"));
    }

    @Test
    void aPlanOfThousandsOfStepsDoesNotOverflowTheStack() {
        // Regression (issue 17): the recursive search went one JVM frame deeper per action and a
        // plan of 8,000 remote flushes ended in StackOverflowError.
        Scenario sc = Scenario.of(Scheme.RISCV_CALL_OPS.arch(), Scheme.RISCV_CALL_OPS.layout(), Op.ENABLE, 2);
        List<PatchStep> steps = new ArrayList<>();
        for (int i = 0; i < 8000; i++) {
            steps.add(new PatchStep.RemoteFlush());
        }
        CheckResult r = Explorer.check(sc, new PatchPlan("8000 flushes", Op.ENABLE, steps),
                FULL.toBuilder().preemption(Preemption.NONE).build());
        assertTrue(r.safe(), r.summary());
        assertTrue(r.states() > 8000, r.summary()); // at least one state per step
    }

    @Test
    void theIterativeSearchExploresWhatTheRecursiveOneDid() {
        // Pinned from the recursive search this replaced (check-patch --scheme ... --format json).
        CheckResult enable = check(Scheme.RISCV_NOP_NOP_STOP_MACHINE, Op.ENABLE, FULL);
        assertEquals(559, enable.states());
        assertEquals(1829, enable.transitions());
        CheckResult retarget = check(Scheme.RISCV_ATOMIC, Op.RETARGET, FULL);
        assertTrue(retarget.safe());
        assertEquals(336, retarget.states());
        assertEquals(1052, retarget.transitions());
    }

    @Test
    void aWriteToUnmappedMemoryNamesTheStep() {
        // Regression (issue 17): the plan was accepted and the fingerprint failed with "hash of unmapped 0x10".
        Scenario sc = Scenario.of(Scheme.RISCV_CALL_OPS.arch(), Scheme.RISCV_CALL_OPS.layout(), Op.ENABLE, 2);
        PatchPlan p = PlanFile.parse("name: x\nsteps:\n  - remote_flush\n  - stop_machine:\n      - local_flush\n"
                + "      - write: {at: 0x10, word: 0x13}\n", "plan.yaml", sc::symbolAddress);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Explorer.check(sc, p, FULL));
        assertEquals("step 2.2: the write of 4 bytes at 0x10 reaches unmapped 0x10: expected an address in the guest"
                + " image (a symbol, e.g. tracee_relevant)", e.getMessage());
    }
}
