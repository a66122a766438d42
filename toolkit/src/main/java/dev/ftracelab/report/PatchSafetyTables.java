package dev.ftracelab.report;

import dev.ftracelab.patch.CheckResult;
import dev.ftracelab.patch.PatchPlan;
import dev.ftracelab.patch.TraceStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Patch-safety verdicts as tables and text: one row per checked plan, and a counterexample trace
 * as a table (one row per step) or as text for a mail.
 *
 * <pre>{@code
 * CheckResult r = Explorer.check(Scheme.RISCV_NOP_NOP_STOP_MACHINE, Op.ENABLE, CheckOptions.builder().build());
 * Table verdicts = PatchSafetyTables.verdicts(List.of(r));
 * Table trace = PatchSafetyTables.trace(r);   // empty when SAFE
 * }</pre>
 */
public final class PatchSafetyTables {
    private PatchSafetyTables() {
    }

    /** One verdict: what was proved or refuted, with no wall-clock figure (same inputs, same bytes). */
    public record Verdict(String plan, String op, String verdict, long states, long transitions, int preemptions,
                          String violation, String options) {
    }

    /** How long one check took on the computing machine: kept apart from {@link Verdict}, as it varies run to run. */
    public record Timing(String plan, String op, long states, double seconds, double statesPerSecond) {
    }

    /**
     * The layout of {@link #verdicts} for a mail: the options the plans were checked with head
     * each run of rows sharing them, so a contrast table says what it changed.
     */
    public static final MailTable VERDICTS_LAYOUT = MailTable.builder().column("plan", "plan").column("verdict", "verdict")
            .column("states", "states").column("transitions", "transitions").keyColumns(1)
            .heading("options", "checked with").build();

    /**
     * The layout of {@link #trace} for a mail: a line per step (who, where, the instruction or
     * event, wrapped), then under it the registers the instruction read and wrote and the note
     * (a stale fetch, the VIOLATION) when it has them. {@link dev.ftracelab.patch.Trace#text()}
     * is the same trace as a listing.
     */
    public static final MailTable TRACE_LAYOUT = MailTable.builder().column("step", "#").column("actor", "who")
            .column("hart", "hart").column("where", "at").column("instruction", "instruction").wrap("instruction")
            .detail("registers", "registers").detail("note", "").build();

    /** One row per result. */
    public static Table verdicts(List<CheckResult> results) {
        List<Verdict> rows = new ArrayList<>();
        for (CheckResult r : results) {
            rows.add(new Verdict(shortPlan(r), r.op().id(), r.verdict(), r.states(), r.transitions(),
                    r.preemptions(), r.violation(), r.options()));
        }
        return Tables.of("patch-safety verdicts", rows, Verdict.class);
    }

    /**
     * Wall-clock seconds and states per second of each check, on the computing machine: a table
     * of its own ({@code patch-safety-timings} in the report), left out when
     * {@code SOURCE_DATE_EPOCH} asks for reproducible output.
     */
    public static Table timings(List<CheckResult> results) {
        List<Timing> rows = new ArrayList<>();
        for (CheckResult r : results) {
            rows.add(new Timing(shortPlan(r), r.op().id(), r.states(), r.nanos() / 1e9, r.statesPerSecond()));
        }
        return Tables.of("patch-safety timings", rows, Timing.class);
    }

    /** The layout of {@link #timings} for a mail. */
    public static final MailTable TIMINGS_LAYOUT = MailTable.builder().column("plan", "plan").column("states", "states")
            .column("seconds", "s").decimals("seconds", 2).column("statesPerSecond", "states/s")
            .decimals("statesPerSecond", 0).build();

    private static String shortPlan(CheckResult r) {
        return r.plan().replace(" " + dev.ftracelab.patch.Scenario.FUNCTION, "");
    }

    /**
     * States explored per plan, on a log axis: one group of bars per scheme, one bar per op (the
     * cost of each proof or counterexample). Plan names are {@code "<scheme> <op> <function>"}.
     */
    public static org.knowm.xchart.CategoryChart statesChart(String title, List<CheckResult> results) {
        List<String> schemes = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        for (CheckResult r : results) {
            String scheme = scheme(r);
            if (!schemes.contains(scheme)) {
                schemes.add(scheme);
            }
            if (!ops.contains(r.op().id())) {
                ops.add(r.op().id());
            }
        }
        // an UNSAFE search stops at its first counterexample: its shorter bar is no cheaper proof,
        // so the scheme's label carries a star and the axis title says why
        List<String> labels = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String scheme : schemes) {
            List<String> unsafe = results.stream().filter(r -> !r.safe() && scheme(r).equals(scheme))
                    .map(r -> r.op().id()).distinct().toList();
            labels.add(unsafe.isEmpty() ? scheme : scheme + "*");
            if (!unsafe.isEmpty()) {
                failed.add(scheme + " " + String.join(", ", unsafe));
            }
        }
        Charts.BarBuilder b = Charts.bars(title)
                .xAxis(failed.isEmpty() ? "scheme" : "scheme (* UNSAFE: search stopped at the first counterexample)")
                .yAxis("states explored").logY().categories(labels);
        double[] tallest = new double[schemes.size()];
        for (String op : ops) {
            double[] v = new double[schemes.size()];
            for (CheckResult r : results) {
                if (r.op().id().equals(op)) {
                    v[schemes.indexOf(scheme(r))] = Math.max(1, r.states());
                }
            }
            b.series(op, v);
            for (int i = 0; i < v.length; i++) {
                tallest[i] = Math.max(tallest[i], v[i]);
            }
        }
        // the UNSAFE bars say so over them, and a known race is named over its scheme
        for (int i = 0; i < schemes.size(); i++) {
            String scheme = schemes.get(i);
            List<CheckResult> unsafe = results.stream().filter(r -> !r.safe() && scheme(r).equals(scheme)).toList();
            if (unsafe.isEmpty()) {
                continue;
            }
            double top = unsafe.stream().mapToDouble(r -> Math.max(1, r.states())).max().orElse(1);
            b.note("UNSAFE", labels.get(i), unsafe.stream().map(r -> r.op().id()).distinct().toList(), top,
                    Charts.Side.ABOVE);
            String race = RACES.get(scheme);
            if (race != null && unsafe.stream().anyMatch(PatchSafetyTables::resumedMidSequence)) {
                b.note(race, labels.get(i), tallest[i], Charts.Side.ABOVE);
            }
        }
        return b.build();
    }

    /**
     * What the thread calls a scheme's race, by scheme id, for the states chart (source:
     * ftrace-facts.md, "Concurrent modification and execution"). Shown only when the
     * counterexample does show a task resuming inside the site's sequence.
     */
    private static final Map<String, String> RACES = Map.of(
            dev.ftracelab.patch.Scheme.RISCV_NOP_NOP_STOP_MACHINE.id(), "v6.8: task preempted\nbetween AUIPC and JALR");

    /** Whether the counterexample broke a property at an instruction past the first of the site (its +4). */
    static boolean resumedMidSequence(CheckResult r) {
        if (r.safe()) {
            return false;
        }
        return r.trace().steps().stream().filter(s -> s.note().startsWith("VIOLATION"))
                .anyMatch(s -> s.where().matches(".*\\+(0x)?[1-9][0-9a-f]*"));
    }

    private static String scheme(CheckResult r) {
        int cut = r.plan().indexOf(" " + r.op().id());
        return cut > 0 ? r.plan().substring(0, cut) : r.plan();
    }

    /** The counterexample of {@code r}, one row per step (no rows when it is SAFE). */
    public static Table trace(CheckResult r) {
        return Tables.of("counterexample: " + r.plan(), r.safe() ? List.of() : r.trace().steps(), TraceStep.class);
    }

    /**
     * The plan's listing, the verdict, and the trace if UNSAFE: what a mail would quote, in 72
     * columns; with the wall-clock time unless {@code SOURCE_DATE_EPOCH} is set
     * ({@link Provenance#reproducible()}).
     */
    public static String text(PatchPlan plan, CheckResult r) {
        return text(plan, r, !Provenance.reproducible());
    }

    /** {@link #text(PatchPlan, CheckResult)}, with the wall-clock time only if {@code timings}. */
    public static String text(PatchPlan plan, CheckResult r, boolean timings) {
        StringBuilder b = new StringBuilder(plan.listing());
        b.append(MailText.wrap("scenario: " + r.scenario(), MailTable.MAIL_WIDTH, "", "  "));
        b.append(MailText.wrap("checked with: " + r.options(), MailTable.MAIL_WIDTH, "", "  "));
        String counts = String.format(Locale.ROOT, "%s: %,d states, %,d transitions", r.verdict(), r.states(), r.transitions());
        if (timings) {
            counts += String.format(Locale.ROOT, " in %.2f s (%,.0f states/s)", r.nanos() / 1e9, r.statesPerSecond());
        }
        b.append(MailText.wrap(counts, MailTable.MAIL_WIDTH, "", "  "));
        if (!r.safe()) {
            b.append("counterexample (").append(r.preemptions()).append(" preemption").append(r.preemptions() == 1 ? "" : "s")
                    .append("):\n").append(r.trace().text());
        }
        return b.toString();
    }

    /**
     * The result as a map for JSON: verdict, counts, the plan's steps and the trace's steps; with
     * seconds and states per second unless {@code SOURCE_DATE_EPOCH} is set.
     */
    public static Map<String, Object> toMap(PatchPlan plan, CheckResult r) {
        return toMap(plan, r, !Provenance.reproducible());
    }

    /** {@link #toMap(PatchPlan, CheckResult)}, with the wall-clock figures only if {@code timings}. */
    public static Map<String, Object> toMap(PatchPlan plan, CheckResult r, boolean timings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plan", r.plan());
        m.put("op", r.op().id());
        m.put("scenario", r.scenario());
        m.put("options", r.options());
        m.put("verdict", r.verdict());
        m.put("violation", r.violation());
        m.put("states", r.states());
        m.put("transitions", r.transitions());
        if (timings) {
            m.put("seconds", r.nanos() / 1e9);
            m.put("states_per_second", r.statesPerSecond());
        }
        m.put("preemptions", r.preemptions());
        m.put("steps", plan.steps().stream().map(s -> s.describe()).toList());
        m.put("trace", r.safe() ? List.of() : r.trace().steps());
        return m;
    }
}
