package dev.ftracelab.patch;

import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.ftrace.SiteCode;
import dev.ftracelab.ftrace.TextWrite;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.arm64.A64Encoder;
import dev.ftracelab.isa.riscv.RvEncoder;
import dev.ftracelab.util.Ids;
import dev.ftracelab.patch.PatchPlan.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The text-patching schemes of the thread, each producing the plans for enabling, retargeting
 * and disabling one site. The instructions come from the layout's {@link SiteCode}, so a plan
 * writes exactly what the ftrace model writes.
 *
 * <ul>
 *   <li>{@link #RISCV_NOP_NOP_STOP_MACHINE} (v6.8): both instructions of {@code AUIPC;JALR} written
 *       under {@code stop_machine()}, then every hart's icache flushed.
 *   <li>{@link #RISCV_ATOMIC} (v6.16): the {@code AUIPC} stays; only the aligned 4-byte
 *       {@code NOP}↔{@code JALR} is written; a retarget changes {@code ftrace_call_dest}.
 *   <li>{@link #ARM64_PRE_CALL_OPS} (arm64 before v6.3): {@code MOV X9,X30} stays from boot; only
 *       the aligned 4-byte {@code NOP}↔{@code BL ftrace_caller} is written, and the list function
 *       finds the ops, so no literal; a retarget rewrites the {@code BL} in {@code ftrace_caller}
 *       ({@code ftrace_call}); a disable drains tasks before the old ops may be freed.
 *   <li>{@link #RISCV_CALL_OPS} / {@link #ARM64_CALL_OPS}: the 8-byte ops literal is stored
 *       atomically, then the single call instruction toggles; after a retarget or disable,
 *       {@code synchronize_rcu_tasks()} drains tasks from the old ops before it may be freed.
 *   <li>{@link #BREAKPOINT} (x86's {@code text_poke_bp} on the riscv64 pair): a trap instruction
 *       over the first slot with a fix-up handler that skips the site, a remote flush, then
 *       {@code synchronize_rcu_tasks()} so no preempted task is left between the two slots, the
 *       tail, flush, the head, flush, and the handler removed.
 * </ul>
 *
 * <pre>{@code
 * FtraceModel m = FtraceModel.boot(Arch.RISCV64, Layout.NOP_NOP);
 * PatchPlan p = Scheme.RISCV_NOP_NOP_STOP_MACHINE.plan(Op.ENABLE, m.site("tracee_relevant"), change);
 * }</pre>
 */
public enum Scheme {
    RISCV_NOP_NOP_STOP_MACHINE("riscv-nop-nop-stop-machine", Arch.RISCV64, Layout.NOP_NOP),
    RISCV_ATOMIC("riscv-atomic", Arch.RISCV64, Layout.ATOMIC),
    RISCV_CALL_OPS("riscv-call-ops", Arch.RISCV64, Layout.CALL_OPS),
    ARM64_PRE_CALL_OPS("arm64-pre-call-ops", Arch.ARM64, Layout.PRE_CALL_OPS),
    ARM64_CALL_OPS("arm64-call-ops", Arch.ARM64, Layout.CALL_OPS),
    BREAKPOINT("breakpoint", Arch.RISCV64, Layout.NOP_NOP);

    private final String id;
    private final Arch arch;
    private final Layout layout;

    Scheme(String id, Arch arch, Layout layout) {
        this.id = id;
        this.arch = arch;
        this.layout = layout;
    }

    public String id() {
        return id;
    }

    public Arch arch() {
        return arch;
    }

    /** The patch-site layout the scheme patches. */
    public Layout layout() {
        return layout;
    }

    /**
     * What a plan changes the site from and to.
     *
     * @param oldTarget where the site's call goes before (a retarget or disable), 0 if untraced
     * @param newTarget where it goes after (enable, retarget)
     * @param oldOps the ops the literal names before (CALL_OPS)
     * @param newOps the ops it names after
     * @param nopOps {@code ftrace_nop_ops}, the literal of an untraced site
     * @param callDest where the common trampoline's destination is written: {@code ftrace_call_dest}
     *     (riscv atomic, a quad), or the {@code BL} at {@code ftrace_call} in {@code ftrace_caller}
     *     (arm64 pre-call-ops)
     */
    public record Change(long oldTarget, long newTarget, long oldOps, long newOps, long nopOps, long callDest) {
    }

    /** The plan for {@code op} on {@code site}. */
    public PatchPlan plan(Op op, SiteCode site, Change c) {
        if (site.arch() != arch || site.layout() != layout) {
            throw new IllegalArgumentException(id + " patches " + arch + " " + layout + " sites, not " + site.arch() + " "
                    + site.layout());
        }
        List<PatchStep> steps = new ArrayList<>();
        String name = id + " " + op.id() + " " + site.function();
        switch (this) {
            case RISCV_NOP_NOP_STOP_MACHINE -> {
                List<PatchStep> body = writes(op == Op.DISABLE ? site.disable() : site.enable(c.newTarget(), "new target"));
                body.add(new PatchStep.RemoteFlush());
                steps.add(new PatchStep.StopMachine(body));
            }
            case RISCV_ATOMIC -> {
                switch (op) {
                    case ENABLE -> {
                        steps.addAll(writes(site.enable(site.common(), "common trampoline")));
                        steps.add(new PatchStep.RemoteFlush());
                    }
                    case RETARGET -> steps.add(write(TextWrite.quad(c.callDest(), c.newTarget(), "ftrace_call_dest = new target")));
                    case DISABLE -> {
                        steps.addAll(writes(site.disable()));
                        steps.add(new PatchStep.RemoteFlush());
                        steps.add(new PatchStep.SyncRcuTasks());
                    }
                }
            }
            case ARM64_PRE_CALL_OPS -> {
                switch (op) {
                    case ENABLE -> {
                        steps.addAll(writes(site.enable(site.common(), "ftrace_caller")));
                        steps.add(new PatchStep.RemoteFlush());
                    }
                    // BL -> BL of one aligned word: among the pairs Arm lets change under execution
                    case RETARGET -> {
                        steps.add(write(TextWrite.word(c.callDest(), A64Encoder.bl(c.callDest(), c.newTarget()),
                                "ftrace_call: bl new destination")));
                        steps.add(new PatchStep.RemoteFlush());
                    }
                    case DISABLE -> {
                        steps.addAll(writes(site.disable()));
                        steps.add(new PatchStep.RemoteFlush());
                        // a task preempted in the list function may still read the old ops
                        steps.add(new PatchStep.SyncRcuTasks());
                    }
                }
            }
            case RISCV_CALL_OPS, ARM64_CALL_OPS -> {
                switch (op) {
                    case ENABLE -> {
                        steps.add(write(TextWrite.quad(site.literal(), c.newOps(), "ops literal = new ops")));
                        steps.addAll(writes(site.enable(site.common(), "common trampoline")));
                        steps.add(new PatchStep.RemoteFlush());
                    }
                    case RETARGET -> {
                        steps.add(write(TextWrite.quad(site.literal(), c.newOps(), "ops literal = new ops")));
                        steps.add(new PatchStep.SyncRcuTasks()); // before the old ops may be freed
                    }
                    case DISABLE -> {
                        steps.addAll(writes(site.disable()));
                        steps.add(new PatchStep.RemoteFlush());
                        steps.add(new PatchStep.SyncRcuTasks());
                        steps.add(write(TextWrite.quad(site.literal(), c.nopOps(), "ops literal = ftrace_nop_ops")));
                    }
                }
            }
            case BREAKPOINT -> {
                List<TextWrite> target = op == Op.DISABLE ? site.disable() : site.enable(c.newTarget(), "new target");
                long entry = site.entry();
                steps.add(new PatchStep.InstallTrapHandler(entry, entry + 8, "skip the site, as if untraced"));
                steps.add(write(TextWrite.word(entry, RvEncoder.ebreak(), "trap over the first slot")));
                steps.add(new PatchStep.RemoteFlush());
                // a preempted task may sit between the two slots: wait until every task has left
                steps.add(new PatchStep.SyncRcuTasks());
                steps.add(write(target.get(1))); // the tail
                steps.add(new PatchStep.RemoteFlush());
                steps.add(write(target.get(0))); // the head replaces the trap
                steps.add(new PatchStep.RemoteFlush());
                steps.add(new PatchStep.RemoveTrapHandler(entry));
            }
        }
        return new PatchPlan(name, op, steps);
    }

    /** The plans for every op, in the order enable, retarget, disable. */
    public List<PatchPlan> plans(SiteCode site, Change c) {
        return Arrays.stream(Op.values()).map(op -> plan(op, site, c)).toList();
    }

    /**
     * Parses a scheme id, e.g. {@code riscv-call-ops}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Scheme parse(String s) {
        return Ids.parse(Scheme.class, Scheme::id, "scheme", s);
    }

    private static List<PatchStep> writes(List<TextWrite> ws) {
        List<PatchStep> out = new ArrayList<>();
        ws.forEach(w -> out.add(write(w)));
        return out;
    }

    private static PatchStep write(TextWrite w) {
        return new PatchStep.Write(w.address(), w.bytes(), w.what());
    }

    @Override
    public String toString() {
        return id;
    }
}
