package dev.ftracelab.report;

import dev.ftracelab.dataset.PublishedMeasurements;
import dev.ftracelab.dataset.PublishedMeasurements.Sweep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

/**
 * The report section for the published ftrace_ops-sample figures: every dataset as a
 * commit-message table, per-call cost against the number of registered ops on log axes, and the
 * CALL_OPS before/after comparison per configuration.
 *
 * <pre>{@code
 * PublishedMeasurements pm = PublishedMeasurements.load();
 * Notebook.show(PublishedSection.perCallChart(pm, "Apple M1", "m1-before", "m1-after"));
 * }</pre>
 *
 * @param published the measurements
 */
public record PublishedSection(PublishedMeasurements published) implements ReportSection {

    @Override
    public String title() {
        return "Published measurements (ftrace_ops sample)";
    }

    @Override
    public void addTo(Bundle.Builder b) {
        b.heading(title());
        b.text("Per-call cost of a traced call with R relevant and I irrelevant ftrace_ops, as published"
                + " with the kernel's ftrace_ops sample module. These are the figures the cost model is"
                + " checked against. Sources:\n\n" + sourcesMarkdown());
        for (String name : published.datasetNames()) {
            Table t = published.dataset(name);
            b.text("**" + name + "**: " + t.stringColumn("arch").get(0) + ", " + t.stringColumn("platform").get(0)
                    + ", " + t.stringColumn("variant").get(0) + ".");
            b.table("published-" + name, t, FtraceOpsTable.LAYOUT);
        }
        if (has("m1-before") && has("m1-after")) {
            b.text("Per-call cost against the number of registered ops. Without CALL_OPS every ops is"
                    + " visited on every call, so the cost grows with irrelevant ops too; with CALL_OPS a"
                    + " single relevant ops is called directly.");
            b.chart("published-m1-per-call", perCallChart(published, "Apple M1 (HVF)", "m1-before", "m1-after"));
            b.chart("published-m1-before-after", beforeAfterChart(published, "Apple M1 (HVF)", "m1-before", "m1-after"));
        }
        if (has("qemu-rv-before") && has("qemu-rv-after")) {
            b.chart("published-qemu-rv-per-call",
                    perCallChart(published, "riscv64 under QEMU TCG", "qemu-rv-before", "qemu-rv-after"));
        }
    }

    private boolean has(String name) {
        return published.datasetNames().contains(name);
    }

    private String sourcesMarkdown() {
        StringBuilder sb = new StringBuilder("```\n");
        sb.append(MailText.reflow(published.sources(), MailTable.MAIL_WIDTH, ""));
        return sb.append("```").toString();
    }

    /**
     * Per-call ns against the total number of registered ops (R + I), log-log, one series per
     * dataset and sweep. Untraced rows are left out (nothing to compare on a log axis at 0 ops).
     * A CALL_OPS ({@code -after}) line flat along the irrelevant sweep is labelled with its value.
     */
    public static XYChart perCallChart(PublishedMeasurements pm, String platform, String... datasets) {
        Charts.LineBuilder line = Charts.line("Per-call cost vs registered ops: " + platform)
                .xAxis("registered ftrace_ops (relevant + irrelevant)").yAxis("ns per call").logX().logY();
        for (String name : datasets) {
            Table t = pm.dataset(name);
            for (Sweep sweep : List.of(Sweep.IRRELEVANT, Sweep.RELEVANT)) {
                double[][] xy = sweepSeries(t, sweep, "per_call_ns");
                if (xy != null) {
                    line.series(datasetLabel(name) + ": " + sweepLabel(sweep), xy[0], xy[1]);
                    if (name.endsWith("-after") && sweep == Sweep.IRRELEVANT) {
                        DispatchTables.flatNote(xy[0], xy[1], "ns").ifPresent(n -> line.note(n.text(), n.x(), n.y(), n.side()));
                    }
                }
            }
        }
        return line.build();
    }

    /**
     * The rows of one sweep of an ftrace-ops table as a series: x = registered ops (R + I), y =
     * column {@code y}, in table order; null if the table has no row of that sweep.
     */
    static double[][] sweepSeries(Table t, Sweep sweep, String y) {
        Table s = t.where(t.stringColumn("sweep").isEqualTo(sweep.name().toLowerCase(Locale.ROOT)));
        if (s.rowCount() == 0) {
            return null;
        }
        double[][] xy = new double[2][s.rowCount()];
        for (int r = 0; r < s.rowCount(); r++) {
            xy[0][r] = s.intColumn("relevant").getInt(r) + s.intColumn("irrelevant").getInt(r);
            xy[1][r] = s.doubleColumn(y).getDouble(r);
        }
        return xy;
    }

    /** How a sweep is named in a legend. */
    static String sweepLabel(Sweep sweep) {
        return sweep == Sweep.IRRELEVANT ? "1 relevant + N irrelevant" : "N relevant";
    }

    /** Grouped bars: per-call ns of every traced configuration, before vs after. */
    public static CategoryChart beforeAfterChart(PublishedMeasurements pm, String platform, String before,
                                                 String after) {
        // R1 I0 first, then the irrelevant sweep, then the relevant one
        Table b = traced(pm.dataset(before)).sortAscendingOn("relevant", "irrelevant");
        Table a = traced(pm.dataset(after));
        List<String> categories = new ArrayList<>();
        double[] bv = new double[b.rowCount()];
        double[] av = new double[b.rowCount()];
        for (int r = 0; r < b.rowCount(); r++) {
            int rel = b.intColumn("relevant").getInt(r);
            int irr = b.intColumn("irrelevant").getInt(r);
            categories.add("R" + rel + " I" + irr);
            bv[r] = b.doubleColumn("per_call_ns").getDouble(r);
            Table match = a.where(a.intColumn("relevant").isEqualTo(rel).and(a.intColumn("irrelevant").isEqualTo(irr)));
            if (match.rowCount() != 1) {
                throw new IllegalArgumentException("dataset '" + after + "' has no single row for R=" + rel + " I=" + irr);
            }
            av[r] = match.doubleColumn("per_call_ns").getDouble(0);
        }
        return Charts.bars("Per-call cost before and after CALL_OPS: " + platform)
                .xAxis("configuration (R relevant, I irrelevant ops)").yAxis("ns per call").logY()
                .categories(categories).series(datasetLabel(before), bv).series(datasetLabel(after), av).build();
    }

    /**
     * A published dataset as a legend names it: {@code m1-before} is the list-processing kernel,
     * {@code m1-after} the CALL_OPS one (which still walks the list when more than one ops is
     * relevant).
     */
    static String datasetLabel(String dataset) {
        if (dataset.endsWith("-before")) {
            return dataset.substring(0, dataset.length() - 7) + " before CALL_OPS (list)";
        }
        if (dataset.endsWith("-after")) {
            return dataset.substring(0, dataset.length() - 6) + " with CALL_OPS";
        }
        return dataset;
    }

    private static Table traced(Table t) {
        return t.where(t.intColumn("relevant").isGreaterThan(0));
    }
}
