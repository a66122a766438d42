package dev.ftracelab.patch;

import dev.ftracelab.emu.Memory;
import dev.ftracelab.ftrace.FtraceModel;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.ftrace.Ops;
import dev.ftracelab.ftrace.SiteCode;
import dev.ftracelab.ftrace.TextWrite;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.patch.PatchPlan.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a plan is checked against: the guest kernel image booted with the ops the change needs,
 * the site of {@code tracee_relevant} in its state before the change, and what the properties
 * allow — where the site may jump, which ops a tracer may be called with, what the plan frees.
 *
 * <p>Ops {@code A} (counting, filtered on the function) traces the site before a retarget or
 * disable. A retarget moves the site to ops {@code B}: on the riscv64 AUIPC+JALR pair ({@code nop-nop})
 * a direct-call ops whose trampoline is in the module area (so the AUIPC changes too); on
 * {@code atomic} the common trampoline's {@code ftrace_call_dest} goes from the list function to
 * the stub; on arm64 {@code pre-call-ops} the {@code BL} at {@code ftrace_call} in
 * {@code ftrace_caller} does the same; with CALL_OPS the literal goes from A to B. A CALL_OPS
 * retarget or disable, and an {@code atomic} or {@code pre-call-ops} disable, free A when the
 * plan is over.
 *
 * <pre>{@code
 * Scenario s = Scenario.of(Arch.RISCV64, Layout.CALL_OPS, Op.RETARGET, 2);
 * PatchPlan p = s.plan(Scheme.RISCV_CALL_OPS);
 * }</pre>
 */
public final class Scenario {
    /** The function every scenario patches and every task calls. */
    public static final String FUNCTION = "tracee_relevant";

    private final FtraceModel model;
    private final SiteCode site;
    private final Op op;
    private final Scheme.Change change;
    private final long[] exits;
    private final Map<Long, String> ops = new LinkedHashMap<>();
    private final long freedOps;
    private final long directB; // ops B's direct trampoline (nop-nop retarget), else 0
    private final String description;

    private Scenario(Arch arch, Layout layout, Op op, int harts) {
        this.op = Objects.requireNonNull(op, "op");
        this.model = FtraceModel.builder(arch).layout(layout).harts(harts).boot();
        model.register(Ops.named("A").filter(FUNCTION));
        boolean pair = arch == Arch.RISCV64 && layout == Layout.NOP_NOP;
        // list processing behind a fixed site call: a retarget changes where ftrace_caller calls
        boolean listDest = layout == Layout.ATOMIC || layout == Layout.PRE_CALL_OPS;
        if (op == Op.RETARGET && !listDest) {
            model.register(pair ? Ops.named("B").filter(FUNCTION).directCall() : Ops.named("B").filter(FUNCTION));
        }
        this.site = model.site(FUNCTION);
        long common = site.common();
        long a = model.opsAddress("A");
        long b = op == Op.RETARGET && !listDest ? model.opsAddress("B") : 0;
        long nopOps = model.symbolAddress("ftrace_nop_ops");
        long callDest = layout == Layout.ATOMIC ? model.symbolAddress("ftrace_call_dest")
                : layout == Layout.PRE_CALL_OPS ? model.symbolAddress("ftrace_call_precallops") : 0;
        long oldTarget = op == Op.ENABLE ? 0 : common;
        long newTarget = switch (op) {
            case ENABLE -> common;
            case RETARGET -> pair ? model.directAddress("B") : listDest ? model.symbolAddress("ftrace_stub") : common;
            case DISABLE -> 0;
        };
        this.change = new Scheme.Change(oldTarget, newTarget, op == Op.ENABLE ? nopOps : a, switch (op) {
            case ENABLE -> a;
            case RETARGET -> b;
            case DISABLE -> nopOps;
        }, nopOps, callDest);
        // the site as it is before the change (the model has already written where it ends up)
        List<TextWrite> before = new ArrayList<>(op == Op.ENABLE ? site.disable() : site.enable(common, "common trampoline"));
        if (layout.hasLiteral()) {
            before.add(TextWrite.quad(site.literal(), change.oldOps(), "ops literal before"));
        }
        Memory mem = model.machine().memory();
        before.forEach(w -> mem.write(w.address(), w.bytes()));
        model.machine().flushFetchCaches();

        exits = new long[] {site.entry() + 8, oldTarget, newTarget};
        ops.put(a, "A");
        if (b != 0) {
            ops.put(b, "B");
        }
        for (String s : List.of("ftrace_list_ops", "ftrace_nop_ops", "ftrace_list_end")) {
            ops.put(model.symbolAddress(s), s);
        }
        boolean frees = op != Op.ENABLE && (layout.hasLiteral() || listDest && op == Op.DISABLE);
        this.freedOps = frees ? a : 0;
        this.directB = pair && b != 0 ? model.directAddress("B") : 0;
        this.description = arch + " " + layout.id() + ", " + FUNCTION + ": " + switch (op) {
            case ENABLE -> "untraced -> traced by ops A";
            case RETARGET -> pair ? "common trampoline -> direct trampoline of ops B"
                    : layout == Layout.ATOMIC ? "ftrace_call_dest: list function -> ftrace_stub"
                    : layout == Layout.PRE_CALL_OPS ? "ftrace_call: bl list function -> bl ftrace_stub" : "ops literal A -> B";
            case DISABLE -> "traced by ops A -> untraced";
        } + (frees ? "; A is freed after the plan" : "");
    }

    /**
     * Boots the guest kernel image of {@code arch} with {@code layout} and {@code harts} harts,
     * with the site in its state before {@code op}.
     *
     * @throws IllegalArgumentException if the layout does not exist on the arch
     */
    public static Scenario of(Arch arch, Layout layout, Op op, int harts) {
        return new Scenario(arch, layout, op, harts);
    }

    /**
     * An address by name, for plan files: the scenario's ops ({@code A}, {@code B}), an ops'
     * direct trampoline ({@code direct_tramp(B)}) or private trampoline ({@code tramp(A)}), else a
     * symbol of the guest kernel image. The ops live in the kernel heap, so the image alone cannot
     * name them.
     *
     * <pre>{@code
     * Scenario sc = Scenario.of(Arch.RISCV64, Layout.CALL_OPS, Op.RETARGET, 2);
     * sc.symbolAddress("B") == sc.change().newOps();   // true
     * }</pre>
     *
     * @throws IllegalArgumentException if nothing has that name
     */
    public long symbolAddress(String name) {
        for (long addr : ops.keySet()) {
            if (ops.get(addr).equals(name)) {
                return addr;
            }
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(direct_tramp|tramp)\\((\\w+)\\)").matcher(name);
        if (m.matches() && ops.containsValue(m.group(2))) {
            long addr = m.group(1).equals("tramp") ? model.trampolineAddress(m.group(2)) : model.directAddress(m.group(2));
            if (addr == 0) {
                throw new IllegalArgumentException("ops " + m.group(2) + " has no " + (m.group(1).equals("tramp")
                        ? "per-callsite" : "direct") + " trampoline in this scenario");
            }
            return addr;
        }
        return model.symbolAddress(name);
    }

    /** The scheme's plan for this scenario's op and site. */
    public PatchPlan plan(Scheme scheme) {
        return scheme.plan(op, site, change);
    }

    public FtraceModel model() {
        return model;
    }

    public SiteCode site() {
        return site;
    }

    public Op op() {
        return op;
    }

    public Scheme.Change change() {
        return change;
    }

    /** One line: arch, layout, function and what changes. */
    public String description() {
        return description;
    }

    /** Where control may go when it leaves the site: the fall-through, the old and the new target (0 = none). */
    long[] exits() {
        return exits.clone();
    }

    /** The ops a tracer may be called with, by address. */
    Map<Long, String> ops() {
        return ops;
    }

    /** The ops the plan frees when it is over, or 0. */
    long freedOps() {
        return freedOps;
    }

    /** Size of what {@link #freedOps()} points at. */
    static long freedSize() {
        return FtraceModel.OPS_SIZE;
    }

    /** {@code direct_tramp(B)+off} for an address in ops B's direct trampoline (the module area, outside the image). */
    java.util.Optional<String> trampolineAt(long addr) {
        if (directB != 0 && addr >= directB && addr < directB + TRAMPOLINE_BYTES) {
            return java.util.Optional.of("direct_tramp(B)" + (addr == directB ? "" : "+" + (addr - directB)));
        }
        return java.util.Optional.empty();
    }

    /** An upper bound on a direct trampoline's size, for naming addresses in traces. */
    private static final long TRAMPOLINE_BYTES = 256;

    /** The traced function's result for {@code x}, as compiled: {@code 3x + 1}. */
    static long expected(long x) {
        return 3 * x + 1;
    }
}
