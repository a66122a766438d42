package dev.ftracelab.report;

import dev.ftracelab.bench.Outliers;
import dev.ftracelab.bench.ScoreEstimate;
import dev.ftracelab.bench.host.Design;
import dev.ftracelab.ftrace.Dispatch;
import dev.ftracelab.dataset.PublishedMeasurements.Sweep;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Mail table and plot of the host JMH comparison ({@code dev.ftracelab.bench.BenchRun#table()}:
 * one row per design x (R, I), ns per call with its 99.9% confidence interval).
 *
 * <pre>{@code
 * Table t = BenchRunner.builder().quick().build().run().table();
 * System.out.print(HostDispatchTables.mail(t));
 * bundle.table("host-dispatch", HostDispatchTables.sideBySide(t), HostDispatchTables.layout(t));
 * Notebook.show(HostDispatchTables.perCallChart("(host JVM)", t, Sweep.IRRELEVANT));
 * }</pre>
 */
public final class HostDispatchTables {
    /** The results table itself (one row per design and point) in mail width: mean and CI half-width in %. */
    public static final MailTable LONG_LAYOUT = MailTable.builder()
            .column("design", "Design").column("relevant", "R").column("irrelevant", "I").keyColumns(3)
            .column("score_ns", "ns/call").decimals("score_ns", 1)
            .column("ci_half_width_pct", "99.9% +-%").decimals("ci_half_width_pct", 1)
            .column("dropped", "dropped")
            .sectionsBy("design")
            .build();

    private HostDispatchTables() {
    }

    /** The designs side by side in the commit message's style: {@link #layout} over {@link #sideBySide}. */
    public static String mail(Table results) {
        return layout(results).render(sideBySide(results));
    }

    /**
     * The mail layout of {@link #sideBySide}{@code (results)}: R and I, then per design the ns per
     * call and the half-width of its 99.9% confidence interval; sections by sweep. Designs are
     * headed by their {@link Dispatch#abbreviation()}, with {@link Dispatch#legend} under the table.
     */
    public static MailTable layout(Table results) {
        MailTable.Builder b = MailTable.builder().group("Tracers", 2)
                .column("relevant", "R").column("irrelevant", "I").keyColumns(2).sectionsBy("sweep");
        // three full names do not fit 72 columns: the Dispatch abbreviations, explained under the table
        List<Dispatch> shown = new ArrayList<>();
        for (String design : designs(results)) {
            Dispatch d = Design.parse(design).dispatch();
            shown.add(d);
            b.group(d.abbreviation() + " (ns)", 2)
                    .column(design, "mean").decimals(design, 1)
                    .column(design + "_ci", "+-").decimals(design + "_ci", 1);
        }
        return b.legend(Dispatch.legend(shown.toArray(Dispatch[]::new))).build();
    }

    /**
     * One row per (R, I) in first-seen order: {@code relevant, irrelevant, sweep}, then per design
     * its mean ns per call ({@code DESIGN}) and the CI half-width ({@code DESIGN_ci}).
     */
    public static Table sideBySide(Table results) {
        List<String> designs = designs(results);
        Map<String, Integer> rowOf = new LinkedHashMap<>();
        IntColumn relevant = IntColumn.create("relevant");
        IntColumn irrelevant = IntColumn.create("irrelevant");
        StringColumn sweep = StringColumn.create("sweep");
        for (int r = 0; r < results.rowCount(); r++) {
            String key = results.intColumn("relevant").getInt(r) + "/" + results.intColumn("irrelevant").getInt(r);
            if (!rowOf.containsKey(key)) {
                rowOf.put(key, rowOf.size());
                relevant.append(results.intColumn("relevant").getInt(r));
                irrelevant.append(results.intColumn("irrelevant").getInt(r));
                sweep.append(results.stringColumn("sweep").get(r));
            }
        }
        Table wide = Table.create(results.name(), relevant, irrelevant, sweep);
        for (String design : designs) {
            DoubleColumn mean = DoubleColumn.create(design, rowOf.size());
            DoubleColumn ci = DoubleColumn.create(design + "_ci", rowOf.size());
            for (int r = 0; r < results.rowCount(); r++) {
                if (results.stringColumn("design").get(r).equals(design)) {
                    int row = rowOf.get(results.intColumn("relevant").getInt(r) + "/" + results.intColumn("irrelevant").getInt(r));
                    mean.set(row, results.doubleColumn("score_ns").getDouble(r));
                    ci.set(row, results.doubleColumn("ci_high").getDouble(r) - results.doubleColumn("score_ns").getDouble(r));
                }
            }
            wide.addColumns(mean, ci);
        }
        return wide;
    }

    /**
     * One line on the intervals of a results table: how many benchmarks are within {@code targetPct}
     * (the widest named), and how many iterations were dropped as slow outliers.
     *
     * <pre>{@code
     * HostDispatchTables.summary(t, 5);
     * // "39 of 39 benchmarks with a 99.9% CI within +-5% (widest +-3.2%: list R1-I2); 41 of 3900 iterations dropped as slow"
     * }</pre>
     */
    public static String summary(Table results, double targetPct) {
        int n = results.rowCount();
        int within = 0;
        int widest = 0;
        DoubleColumn pct = results.doubleColumn("ci_half_width_pct");
        for (int r = 0; r < n; r++) {
            if (pct.getDouble(r) <= targetPct) {
                within++;
            }
            if (!(pct.getDouble(r) <= pct.getDouble(widest))) {
                widest = r;
            }
        }
        return String.format(Locale.ROOT,
                "%d of %d benchmarks with a 99.9%% CI within +-%s%% (widest +-%.1f%%: %s R%d-I%d); %d of %d iterations"
                        + " dropped as slow",
                within, n, new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(targetPct),
                pct.getDouble(widest), results.stringColumn("design").get(widest),
                results.intColumn("relevant").getInt(widest), results.intColumn("irrelevant").getInt(widest),
                (long) results.intColumn("dropped").sum(), (long) results.intColumn("iterations").sum());
    }

    /**
     * One benchmark's measured iterations in the order they ran (forks one after another), with
     * each fork's slow-outlier fence ({@link Outliers#DROP_SLOW}), the score over the kept
     * iterations and JMH's mean over all of them: what dropping slow outliers leaves out, and why.
     *
     * <pre>{@code
     * Notebook.show(HostDispatchTables.iterationChart("list R1-I10", ScoreEstimate.samples(runResult)));
     * }</pre>
     */
    public static XYChart iterationChart(String title, double[][] forks) {
        int n = Arrays.stream(forks).mapToInt(f -> f.length).sum();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] fence = new double[n];
        int i = 0;
        for (double[] fork : forks) {
            double f = Outliers.DROP_SLOW.fence(fork);
            for (double v : fork) {
                x[i] = i + 1;
                y[i] = v;
                fence[i++] = f;
            }
        }
        double[] ends = {1, n};
        double kept = ScoreEstimate.of(forks, Outliers.DROP_SLOW).score();
        double all = ScoreEstimate.of(forks, Outliers.KEEP).score();
        return Charts.line(title).xAxis("measured iteration (forks one after another)").yAxis("ns per call")
                .series("iterations", x, y)
                .series("slow-outlier fence (median + 3 scaled MADs)", x, fence)
                .series(String.format(Locale.ROOT, "score, slow outliers dropped (%.2f ns)", kept), ends,
                        new double[] {kept, kept})
                .series(String.format(Locale.ROOT, "JMH's mean, every iteration (%.2f ns)", all), ends, new double[] {all, all})
                .build();
    }

    /**
     * ns per call against the number of registered ops (R + I), log-log, along one sweep: a line
     * per design with its 99.9% confidence interval shaded; the title asks the sweep's question
     * ({@link DispatchTables#sweepChart}), and a flat call-ops line is labelled with its value.
     *
     * @param context what the title adds to the question, e.g. {@code "(host JVM, JMH quick)"}
     */
    public static XYChart perCallChart(String context, Table results, Sweep sweep) {
        List<DispatchTables.SweepLine> lines = new ArrayList<>();
        for (String design : designs(results)) {
            Table t = results.where(results.stringColumn("design").isEqualTo(design));
            Design d = Design.parse(design);
            lines.add(new DispatchTables.SweepLine(d.dispatch().title(), t, "score_ns", "ci_low", "ci_high",
                    d.dispatch() == Dispatch.CALL_OPS));
        }
        return DispatchTables.sweepChart(context, sweep, "ns per call", lines);
    }

    private static List<String> designs(Table results) {
        List<String> out = new ArrayList<>();
        for (String d : results.stringColumn("design")) {
            if (!out.contains(d)) {
                out.add(d);
            }
        }
        return out;
    }
}
