package dev.ftracelab.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.ftrace.FtraceModel;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.ftrace.Ops;
import dev.ftracelab.ftrace.SiteCode;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.arm64.A64Encoder;
import dev.ftracelab.isa.riscv.RvEncoder;
import dev.ftracelab.patch.PatchPlan.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemeTest {
    private static final String F = "tracee_relevant";

    private static FtraceModel model(Scheme s) {
        return FtraceModel.boot(s.arch(), s.layout());
    }

    private static Scheme.Change change(FtraceModel m) {
        long common = m.site(F).common();
        return new Scheme.Change(0, common, m.symbolAddress("ftrace_nop_ops"), m.symbolAddress("ftrace_list_ops"),
                m.symbolAddress("ftrace_nop_ops"), m.arch() == Arch.RISCV64 ? m.symbolAddress("ftrace_call_dest")
                : m.symbolAddress("ftrace_call_precallops"));
    }

    private static List<PatchStep.Write> writes(List<PatchStep> steps) {
        return steps.stream().filter(PatchStep.Write.class::isInstance).map(PatchStep.Write.class::cast).toList();
    }

    @Test
    void nopNopWritesBothInstructionsUnderStopMachine() {
        FtraceModel m = model(Scheme.RISCV_NOP_NOP_STOP_MACHINE);
        PatchPlan p = Scheme.RISCV_NOP_NOP_STOP_MACHINE.plan(Op.ENABLE, m.site(F), change(m));
        assertEquals(1, p.steps().size());
        PatchStep.StopMachine sm = assertInstanceOf(PatchStep.StopMachine.class, p.steps().get(0));
        List<PatchStep.Write> w = writes(sm.steps());
        assertEquals(2, w.size(), "AUIPC and JALR");
        assertEquals(m.site(F).entry(), w.get(0).address());
        assertEquals(m.site(F).entry() + 4, w.get(1).address());
        assertInstanceOf(PatchStep.RemoteFlush.class, sm.steps().get(2));
    }

    @Test
    void atomicSchemesWriteOneAlignedInstructionAndLiteralsAtomically() {
        for (Scheme s : List.of(Scheme.RISCV_ATOMIC, Scheme.RISCV_CALL_OPS, Scheme.ARM64_PRE_CALL_OPS,
                Scheme.ARM64_CALL_OPS)) {
            FtraceModel m = model(s);
            for (PatchPlan p : s.plans(m.site(F), change(m))) {
                for (PatchStep.Write w : writes(p.steps())) {
                    assertTrue(w.atomic(), s + " " + p.op() + ": " + w.describe());
                }
                assertTrue(p.steps().stream().noneMatch(PatchStep.StopMachine.class::isInstance), p.listing());
            }
        }
    }

    @Test
    void callOpsStoresTheLiteralBeforeTheCallAndDrainsAfterDisable() {
        FtraceModel m = model(Scheme.ARM64_CALL_OPS);
        SiteCode site = m.site(F);
        PatchPlan enable = Scheme.ARM64_CALL_OPS.plan(Op.ENABLE, site, change(m));
        List<PatchStep.Write> w = writes(enable.steps());
        assertEquals(site.literal(), w.get(0).address());
        assertEquals(8, w.get(0).bytes().length);
        assertEquals(site.entry() + 4, w.get(1).address(), "then the BL");
        PatchPlan disable = Scheme.ARM64_CALL_OPS.plan(Op.DISABLE, site, change(m));
        int sync = disable.steps().indexOf(new PatchStep.SyncRcuTasks());
        int flush = disable.steps().indexOf(new PatchStep.RemoteFlush());
        assertTrue(flush >= 0 && sync > flush, disable.listing());
    }

    @Test
    void arm64PreCallOpsTogglesOneWordAndRetargetsFtraceCall() {
        FtraceModel m = model(Scheme.ARM64_PRE_CALL_OPS);
        SiteCode site = m.site(F);
        Scheme.Change c = change(m);
        PatchPlan enable = Scheme.ARM64_PRE_CALL_OPS.plan(Op.ENABLE, site, c);
        assertEquals(List.of("Write", "RemoteFlush"), kinds(enable), enable.listing());
        PatchStep.Write bl = writes(enable.steps()).get(0);
        assertEquals(site.entry() + 4, bl.address(), "the MOV X9,X30 at the entry stays from boot");
        assertEquals(A64Encoder.bl(site.entry() + 4, site.common()), word(bl));
        PatchPlan retarget = Scheme.ARM64_PRE_CALL_OPS.plan(Op.RETARGET, site, c);
        assertEquals(List.of("Write", "RemoteFlush"), kinds(retarget), retarget.listing());
        PatchStep.Write call = writes(retarget.steps()).get(0);
        assertEquals(m.symbolAddress("ftrace_call_precallops"), call.address(), "the BL in ftrace_caller, not the site");
        assertEquals(A64Encoder.bl(call.address(), c.newTarget()), word(call));
        PatchPlan disable = Scheme.ARM64_PRE_CALL_OPS.plan(Op.DISABLE, site, c);
        assertEquals(List.of("Write", "RemoteFlush", "SyncRcuTasks"), kinds(disable), disable.listing());
        assertEquals(A64Encoder.nop(), word(writes(disable.steps()).get(0)));
        assertEquals(Scheme.ARM64_PRE_CALL_OPS, Scheme.parse("arm64-pre-call-ops"));
    }

    private static List<String> kinds(PatchPlan p) {
        return p.steps().stream().map(s -> s.getClass().getSimpleName()).toList();
    }

    private static int word(PatchStep.Write w) {
        byte[] b = w.bytes();
        assertEquals(4, b.length);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    @Test
    void breakpointPutsATrapFirstDrainsTasksAndFlushesAfterEveryWrite() {
        FtraceModel m = model(Scheme.BREAKPOINT);
        SiteCode site = m.site(F);
        PatchPlan p = Scheme.BREAKPOINT.plan(Op.ENABLE, site, change(m));
        List<String> kinds = p.steps().stream().map(s -> s.getClass().getSimpleName()).toList();
        assertEquals(List.of("InstallTrapHandler", "Write", "RemoteFlush", "SyncRcuTasks", "Write", "RemoteFlush", "Write",
                "RemoteFlush", "RemoveTrapHandler"), kinds, p.listing());
        PatchStep.Write trap = (PatchStep.Write) p.steps().get(1);
        assertEquals(RvEncoder.ebreak(), (trap.bytes()[0] & 0xff) | (trap.bytes()[1] & 0xff) << 8
                | (trap.bytes()[2] & 0xff) << 16 | (trap.bytes()[3] & 0xff) << 24);
        assertEquals(site.entry(), trap.address());
        assertEquals(site.entry() + 4, ((PatchStep.Write) p.steps().get(4)).address(), "the tail before the head");
        assertEquals(site.entry(), ((PatchStep.Write) p.steps().get(6)).address());
    }

    @Test
    void aSchemeRefusesAnotherLayoutsSite() {
        FtraceModel m = FtraceModel.boot(Arch.RISCV64, Layout.ATOMIC);
        m.register(Ops.named("r0").filter(F));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scheme.RISCV_CALL_OPS.plan(Op.ENABLE, m.site(F), change(m)));
        assertTrue(e.getMessage().contains("riscv-call-ops patches riscv64 call-ops sites"), e.getMessage());
        assertEquals(Scheme.BREAKPOINT, Scheme.parse("breakpoint"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Scheme.parse("magic")).getMessage()
                .contains("riscv-nop-nop-stop-machine"));
    }
}
