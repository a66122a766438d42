package dev.ftracelab.report;

import dev.ftracelab.patch.CheckOptions;
import dev.ftracelab.patch.CheckResult;
import dev.ftracelab.patch.Explorer;
import dev.ftracelab.patch.PatchPlan.Op;
import dev.ftracelab.patch.Preemption;
import dev.ftracelab.patch.Scheme;
import java.util.ArrayList;
import java.util.List;

/**
 * The report section on text-patching safety: every built-in scheme's enable, retarget and
 * disable plans explored under full preemption, the v6.8 sequence without preemption and
 * {@code riscv-atomic} without Ziccif for contrast, and the v6.8 counterexample as a trace.
 *
 * @param options the exploration options of the main table (the contrast rows change one of them)
 * @param timings whether to add the {@code patch-safety-timings} table (wall-clock seconds, which
 *                differ run to run; the other files do not)
 */
public record PatchSafetySection(CheckOptions options, boolean timings) implements ReportSection {
    /** The default options: full preemption, 2 tasks on 2 harts, 2 calls each, bound 2; timings unless SOURCE_DATE_EPOCH is set. */
    public static PatchSafetySection standard() {
        return new PatchSafetySection(CheckOptions.builder().build());
    }

    /** {@code options}, with timings unless {@code SOURCE_DATE_EPOCH} is set ({@link Provenance#reproducible()}). */
    public PatchSafetySection(CheckOptions options) {
        this(options, !Provenance.reproducible());
    }

    @Override
    public String title() {
        return "Patch safety under preemption";
    }

    /** Contrast runs: the v6.8 sequence without preemption, riscv-atomic without Ziccif, each op. */
    private static final int CONTRAST_PLANS = 2 * Op.values().length;

    @Override
    public long steps() {
        return (long) Scheme.values().length * Op.values().length + CONTRAST_PLANS;
    }

    @Override
    public void addTo(Bundle.Builder b, Progress progress) {
        b.heading(title());
        b.text("Each plan ran against tasks calling tracee_relevant through the real patch site and trampolines of the"
                + " guest kernel image, on harts with their own instruction-fetch caches, through every interleaving up"
                + " to the preemption bound (" + options.describe() + "). SAFE means no explored interleaving executed"
                + " an illegal instruction, jumped from the site anywhere but the old target, the new target or the"
                + " fall-through, called a tracer with an ops never installed or already freed, or changed a result or"
                + " the stack. UNSAFE rows come with the shortest counterexample found.");
        List<CheckResult> all = new ArrayList<>();
        for (Scheme s : Scheme.values()) {
            for (Op op : Op.values()) {
                progress.note("patch: " + s.id() + " " + op.id());
                all.add(Explorer.check(s, op, options));
                progress.step();
            }
        }
        CheckOptions none = options.toBuilder().preemption(Preemption.NONE).build();
        CheckOptions noZiccif = options.toBuilder().ziccif(false).build();
        List<CheckResult> contrast = new ArrayList<>();
        for (Op op : Op.values()) {
            progress.note("patch: " + Scheme.RISCV_NOP_NOP_STOP_MACHINE.id() + " " + op.id() + " (no preemption)");
            contrast.add(Explorer.check(Scheme.RISCV_NOP_NOP_STOP_MACHINE, op, none));
            progress.step();
        }
        for (Op op : Op.values()) {
            progress.note("patch: " + Scheme.RISCV_ATOMIC.id() + " " + op.id() + " (no Ziccif)");
            contrast.add(Explorer.check(Scheme.RISCV_ATOMIC, op, noZiccif));
            progress.step();
        }
        b.table("patch-safety-verdicts", PatchSafetyTables.verdicts(all), PatchSafetyTables.VERDICTS_LAYOUT);
        b.chart("patch-safety-states", PatchSafetyTables.statesChart("How many states did each check explore? ("
                + options.describe() + ")", all));
        b.text("The same v6.8 sequence without preemption (`" + none.describe() + "`), and riscv-atomic on a hart"
                + " without Ziccif (`" + noZiccif.describe() + "`):");
        b.table("patch-safety-contrast", PatchSafetyTables.verdicts(contrast), PatchSafetyTables.VERDICTS_LAYOUT);
        if (timings) {
            List<CheckResult> timed = new ArrayList<>(all);
            timed.addAll(contrast);
            b.text("How long each check took on the computing machine (wall clock; these figures, and only these,"
                    + " differ from run to run, and are left out when SOURCE_DATE_EPOCH is set):");
            b.table("patch-safety-timings", PatchSafetyTables.timings(timed), PatchSafetyTables.TIMINGS_LAYOUT,
                    new Bundle.Label(null, null, Provenance.Hardware.measured("wall clock of the explorer on the host JVM")));
        }
        for (CheckResult r : all) {
            if (!r.safe() && r.plan().startsWith(Scheme.RISCV_NOP_NOP_STOP_MACHINE.id())) {
                b.text("Counterexample for " + r.plan() + ": " + r.violation() + "\n\n```\n" + r.trace().text() + "```");
                b.table("patch-safety-trace-" + r.op().id(), PatchSafetyTables.trace(r), PatchSafetyTables.TRACE_LAYOUT);
            }
        }
    }
}
