package dev.ftracelab.report;

import tech.tablesaw.api.Table;

/**
 * The mail layout of an ftrace_ops-sample result table, as in the arm64 CALL_OPS commit message:
 * number of relevant and irrelevant tracers, total time for all calls, per-call time and
 * overhead over the untraced baseline, with a rule after each sweep.
 *
 * <p>Works for any table with columns {@code relevant, irrelevant, total_ns, per_call_ns,
 * overhead_ns} and {@code sweep}: the published measurements, and the modelled ones.
 *
 * <pre>{@code
 * System.out.print(FtraceOpsTable.mail(PublishedMeasurements.load().dataset("m1-before")));
 * }</pre>
 */
public final class FtraceOpsTable {
    /** The layout itself, for reuse (e.g. with a different section column). */
    public static final MailTable LAYOUT = MailTable.builder()
            .group("Number of tracers", 2)
            .group("Total time", 1)
            .group("Per-call average time (ns)", 2)
            .column("relevant", "Relevant")
            .column("irrelevant", "Irrelevant")
            .column("total_ns", "(ns)", MailTable.Align.CENTER)
            .column("per_call_ns", "Total")
            .minWidth("per_call_ns", 12)
            .column("overhead_ns", "Overhead")
            .keyColumns(2)
            .sectionsBy("sweep")
            .build();

    /**
     * The layout for modelled tables ({@link DispatchTables#priced}): the commit message's key
     * columns, then per-call time and overhead with the overhead's interval (low-high). No total
     * time: a total would only be per call times N, not something that was run.
     */
    public static final MailTable MODELLED = MailTable.builder()
            .group("Number of tracers", 2)
            .group("Modelled per-call time (ns)", 3)
            .column("relevant", "Relevant")
            .column("irrelevant", "Irrelevant")
            .column("per_call_ns", "Total")
            .minWidth("per_call_ns", 8)
            .column("overhead_ns", "Overhead")
            .range("overhead_low_ns", "overhead_high_ns", "Overhead interval")
            .keyColumns(2)
            .sectionsBy("sweep")
            .build();

    private FtraceOpsTable() {
    }

    /** Renders {@code table} in the commit-message layout. */
    public static String mail(Table table) {
        return LAYOUT.render(table);
    }
}
