package dev.ftracelab.report;

import dev.ftracelab.cost.Comparison;
import dev.ftracelab.cost.Comparison.Metric;
import dev.ftracelab.cost.MeasuredDataset;
import dev.ftracelab.cost.ModelErrors;
import dev.ftracelab.cost.PricedSample;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.dataset.PublishedMeasurements.Sweep;
import dev.ftracelab.ftrace.Layout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

/**
 * A {@link Comparison} as a mail, tables and plots: measured beside modelled per row (interval,
 * ratio, inside or not), the error per design, and the plots (measured and modelled along each
 * sweep with the model's interval as a band; modelled against measured with y = x).
 *
 * <pre>{@code
 * Comparison.Result r = Comparison.builder(Profile.load("vf2"), MeasuredDataset.resolve("board.csv")).build().run();
 * System.out.print(ComparisonTables.text(r, ComparisonTables.provenance(r, Provenance.capture())));
 * ComparisonTables.sweepCharts(r).values().forEach(Notebook::show);
 * Notebook.show(ComparisonTables.scatter(r));
 * }</pre>
 */
public final class ComparisonTables {
    private ComparisonTables() {
    }

    /** Mail layout of {@link #rows}: R, I || measured, modelled, interval, ratio, in; a heading per design. */
    public static MailTable rowsLayout(Metric metric) {
        return MailTable.builder()
                .group("Configuration", 2)
                .group(groupLabel(metric), 5)
                .column("relevant", "R")
                .column("irrelevant", "I")
                .column("measuredNs", "Measured")
                .decimals("measuredNs", 1)
                .column("modelledNs", "Modelled")
                .decimals("modelledNs", 1)
                .range("lowNs", "highNs", "Interval")
                .decimals("lowNs", 0)
                .column("ratio", "Ratio")
                .decimals("ratio", 2)
                .column("in", "In")
                .keyColumns(2)
                .heading("design", "Modelled design")
                .sectionsBy("design")
                .build();
    }

    private static String groupLabel(Metric metric) {
        return metric == Metric.OVERHEAD ? "Overhead (ns per call)" : "Time per call (ns)";
    }

    private record RowView(String dataset, String profile, String layout, String dispatch, String design,
            int relevant, int irrelevant, String metric, double measuredNs, double modelledNs, double lowNs,
            double highNs, double ratio, double errorPct, String in, String band) {
    }

    /** Every row: measured, modelled (median of the seeds), interval, ratio modelled/measured, error, inside. */
    public static Table rows(Comparison.Result r) {
        return Tables.of("comparison rows: " + r.dataset().name() + " on " + r.profile().name(), r.rows().stream()
                .map(x -> new RowView(x.dataset(), x.profile(), x.layout().id(), x.dispatch().id(), x.dispatch().title(),
                        x.relevant(), x.irrelevant(), x.metric().id(), x.measuredNs(), x.modelledNs(), x.lowNs(),
                        x.highNs(), x.ratio(), x.errorPct(), x.inside() ? "yes" : "no", x.band().basis()))
                .toList());
    }

    /** Per design (dispatch id): rows, mean absolute and worst error, rows inside ({@link CalibrationTables#DESIGNS}). */
    public static Table designs(Comparison.Result r) {
        return Tables.of("comparison by design: " + r.dataset().name() + " on " + r.profile().name(), r.designs());
    }

    /** {@code "Model (profile vf2) vs measured (dataset board: visionfive2, call-ops)"}. */
    public static String title(Comparison.Result r) {
        MeasuredDataset d = r.dataset();
        return "Model (profile " + r.profile().name() + ") vs measured (dataset " + d.name() + ": " + d.platform()
                + ", " + d.variant() + ")";
    }

    /**
     * What the figures are, for under the title: what is compared, what the model ran (modelled,
     * not measured), and a warning when the measurement was made under QEMU TCG.
     */
    public static String subtitle(Comparison.Result r) {
        Profile p = r.profile();
        StringBuilder s = new StringBuilder();
        if (r.dataset().emulated()) {
            s.append(emulatedWarning(r)).append(' ');
        }
        s.append(r.metric() == Metric.OVERHEAD ? "Compared: overhead, ns per call beyond the untraced call."
                : "Compared: ns per call, the untraced call included" + (hasOverheadBaseline(r) ? "."
                        : " (the dataset has no untraced row of its own to take an overhead from)."));
        s.append(" Modelled: ").append(r.profile().arch()).append(' ').append(r.layout().id()).append(" on ")
                .append(DispatchTables.modelledTitle(p).substring("Modelled on ".length())).append('.');
        return s.toString();
    }

    /** For a dataset timed under QEMU TCG: why its ratios say nothing about the profile's core. */
    public static String emulatedWarning(Comparison.Result r) {
        return "Measured under QEMU TCG (an emulated CPU), not on the hardware profile " + r.profile().name()
                + " models: the ratios say how far TCG is from the model, nothing about a core.";
    }

    private static boolean hasOverheadBaseline(Comparison.Result r) {
        Table t = r.dataset().rows();
        return t.intColumn("relevant").isEqualTo(0).size() > 0;
    }

    /** The caption under the rows: what the model priced and what the interval, ratio and In are. */
    public static String caption(Comparison.Result r) {
        List<String> bands = r.rows().stream().map(x -> x.band().basis()).distinct()
                .filter(b -> !b.equals(ModelErrors.Band.NONE.basis())).toList();
        return String.format(Locale.ROOT, "Modelled: %,d calls priced per row after %d warm-up calls, on each of %d"
                + " heap layouts (seeds, %s kmalloc); figures are medians over the seeds. Interval: lowest to highest"
                + " seed%s. Ratio: modelled / measured. In: the measured figure lies inside the interval.",
                r.pricedCalls(), PricedSample.WARMUP, r.seeds(), r.kernel(),
                bands.isEmpty() ? "" : ", widened by the model's error on published hardware rows ("
                        + String.join("; ", bands) + ")");
    }

    /** {@code "mean absolute error over 8 rows: 61%; 7 of 8 inside their interval"}. */
    public static String summary(Comparison.Result r) {
        return String.format(Locale.ROOT, "mean absolute error over %d rows: %.0f%%; %d of %d inside their interval",
                r.rows().size(), r.meanAbsoluteErrorPct(), r.covered(), r.rows().size());
    }

    /**
     * {@code base} with what the comparison ran: the profile (modelled), the dataset, its file and
     * the file's SHA-256, the layout, the metric, calls and seeds.
     */
    public static Provenance provenance(Comparison.Result r, Provenance base) {
        MeasuredDataset d = r.dataset();
        return datasetStamp(d, base.withProfile(r.profile())).with("measured_on", d.platform()).with("layout", r.layout().id()).with("metric", r.metric().id())
                .with("priced_calls", r.pricedCalls()).with("seeds", r.seeds())
                .with("heap", r.kernel() + " kmalloc");
    }

    /** {@code base} with the dataset's name, its file and the file's SHA-256 (or "published"). */
    public static Provenance datasetStamp(MeasuredDataset d, Provenance base) {
        Provenance p = base.with("dataset", d.name());
        return d.file() != null ? p.with("dataset_file", d.file()).with("dataset_sha256", d.sha256())
                : p.with("dataset_file", d.measurements().file().getFileName() + " (published)");
    }

    /** The whole mail: title, what is compared, rows, caption, error per design, summary, stamp. */
    public static String text(Comparison.Result r, Provenance p) {
        StringBuilder s = new StringBuilder();
        s.append(MailText.wrap(title(r), MailTable.MAIL_WIDTH, "")).append('\n');
        s.append(MailText.wrap(subtitle(r), MailTable.MAIL_WIDTH, "")).append('\n');
        s.append(rowsLayout(r.metric()).render(rows(r))).append('\n');
        s.append(MailText.wrap(caption(r), MailTable.MAIL_WIDTH, "  ")).append('\n');
        s.append(CalibrationTables.DESIGNS.render(designs(r))).append('\n');
        s.append(summary(r)).append("\n\n");
        p.lines().forEach(l -> s.append("  ").append(l).append('\n'));
        return s.toString();
    }

    /**
     * Measured and modelled along each sweep the dataset has (1 relevant + N irrelevant ops; N
     * relevant ops), the model's interval shaded: one chart per sweep, keyed by the sweep.
     */
    public static Map<Sweep, XYChart> sweepCharts(Comparison.Result r) {
        Table t = rows(r);
        String axis = r.metric() == Metric.OVERHEAD ? "ns per call (overhead)" : "ns per call";
        String context = "(" + measuredName(r) + " vs model on " + r.profile().name() + ")";
        boolean callOps = r.layout() == Layout.CALL_OPS;
        List<DispatchTables.SweepLine> lines = List.of(
                new DispatchTables.SweepLine("measured: " + r.dataset().name() + " (" + r.dataset().platform() + ")",
                        t, "measuredNs", null, null, callOps),
                new DispatchTables.SweepLine("modelled on " + r.profile().name() + " (" + r.profile().arch() + " "
                        + r.layout().id() + "), interval shaded", t, "modelledNs", "lowNs", "highNs", false));
        Map<Sweep, XYChart> out = new LinkedHashMap<>();
        for (Sweep sweep : List.of(Sweep.IRRELEVANT, Sweep.RELEVANT)) {
            if (hasSweep(r, sweep)) {
                out.put(sweep, DispatchTables.sweepChart(context, sweep, axis, lines));
            }
        }
        return out;
    }

    /** Whether the sweep chart has two or more points: the rows it draws (R=1, or I=0 and R > 0). */
    private static boolean hasSweep(Comparison.Result r, Sweep sweep) {
        return r.rows().stream().filter(x -> sweep == Sweep.IRRELEVANT ? x.relevant() == 1
                : x.irrelevant() == 0 && x.relevant() > 0).count() >= 2;
    }

    /** Modelled against measured, log-log, with y = x and ±25% ({@link CalibrationTables#scatter}). */
    public static XYChart scatter(Comparison.Result r) {
        String what = r.metric() == Metric.OVERHEAD ? "overhead" : "per-call time";
        return CalibrationTables.scatter(r.profile().name() + " model vs " + measuredName(r) + ": modelled vs"
                + " measured " + what, "measured ns per call (" + r.dataset().platform() + ")",
                "modelled ns per call (" + r.profile().name() + ")", r.rows());
    }

    /** The dataset's name in a chart title, with "(QEMU TCG)" when it was timed on an emulated CPU. */
    private static String measuredName(Comparison.Result r) {
        return r.dataset().name() + (r.dataset().emulated() ? " (QEMU TCG)" : "");
    }

    /** Every chart with a file-name suffix: {@code ""} for the scatter, {@code "-irrelevant"}, {@code "-relevant"}. */
    public static Map<String, XYChart> charts(Comparison.Result r) {
        Map<String, XYChart> out = new LinkedHashMap<>();
        out.put("", scatter(r));
        sweepCharts(r).forEach((sweep, c) -> out.put("-" + sweep.name().toLowerCase(Locale.ROOT), c));
        return out;
    }

    /** Rows by series name for a scatter: {@code dataset (dispatch)}. */
    static Map<String, List<Comparison.Row>> bySeries(List<Comparison.Row> rows) {
        Map<String, List<Comparison.Row>> by = new LinkedHashMap<>();
        for (Comparison.Row row : rows) {
            by.computeIfAbsent(row.dataset() + " (" + row.dispatch().id() + ")", k -> new ArrayList<>()).add(row);
        }
        return by;
    }
}
