package dev.ftracelab.report;

import dev.ftracelab.cost.Calibration;
import dev.ftracelab.cost.Comparison;
import dev.ftracelab.cost.ModelErrors;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.ftrace.Dispatch;
import dev.ftracelab.ftrace.Layout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

/**
 * The calibration of a profile as tables and a plot: modelled vs published overhead per row with
 * the leave-one-out interval, the error per design, the band every profile's tables get, and the
 * ratios.
 *
 * <pre>{@code
 * Calibration.Result r = Calibration.of(Profile.load("m1"), PublishedMeasurements.load()).run();
 * System.out.print(CalibrationTables.ROWS.render(CalibrationTables.rows(r)));
 * Notebook.show(CalibrationTables.chart(r));
 * }</pre>
 */
public final class CalibrationTables {
    /** Mail layout of {@link #rows}: dataset, R, I || published, modelled, interval, error, inside. */
    public static final MailTable ROWS = MailTable.builder()
            .group("Configuration", 3)
            .group("Overhead (ns per call)", 5)
            .column("dataset", "Dataset")
            .column("relevant", "R")
            .column("irrelevant", "I")
            .column("publishedNs", "Published")
            .decimals("publishedNs", 1)
            .column("modelledNs", "Modelled")
            .decimals("modelledNs", 1)
            .range("lowNs", "highNs", "Interval")
            .decimals("lowNs", 0)
            .column("errorPct", "Err%")
            .decimals("errorPct", 0)
            .column("in", "In")
            .keyColumns(3)
            .sectionsBy("dataset")
            .build();

    /** Mail layout of {@link #designs}. */
    public static final MailTable DESIGNS = MailTable.builder()
            .column("profile", "Profile")
            .column("dispatch", "Design")
            .column("rows", "Rows")
            .column("meanAbsErrorPct", "Mean |err| %")
            .decimals("meanAbsErrorPct", 0)
            .column("worstErrorPct", "Worst err %")
            .decimals("worstErrorPct", 0)
            .column("inside", "In interval")
            .keyColumns(2)
            .build();

    /** Mail layout of {@link #bands}. */
    public static final MailTable BANDS = MailTable.builder()
            .column("profile", "Profile")
            .column("layout", "Layout")
            .column("dispatch", "Design")
            .column("low", "Low x")
            .column("high", "High x")
            .column("rows", "Rows")
            .column("from", "From")
            .keyColumns(3)
            .sectionsBy("profile")
            .build();

    /**
     * Mail layout of a {@link dev.ftracelab.cost.Sensitivity} on a profile with published data:
     * each estimate halved and doubled, the mean absolute error and the mean signed error per
     * design.
     */
    public static final MailTable SENSITIVITY_ERRORS = MailTable.builder()
            .column("parameter", "Estimate")
            .column("value", "Tried")
            .decimals("value", 0)
            .column("meanAbsErrorPct", "MAE%")
            .decimals("meanAbsErrorPct", 0)
            .column("listNs", Dispatch.LIST.abbreviation() + "%")
            .decimals("listNs", 0)
            .column("callOpsNs", Dispatch.CALL_OPS.abbreviation() + "%")
            .decimals("callOpsNs", 0)
            .keyColumns(2)
            .build();

    /** Mail layout of a sensitivity on a profile without published data: modelled overheads in ns. */
    public static final MailTable SENSITIVITY_NS = MailTable.builder()
            .column("parameter", "Estimate")
            .column("value", "Tried")
            .decimals("value", 0)
            .column("listNs", Dispatch.LIST.abbreviation() + " ns")
            .decimals("listNs", 1)
            .column("callOpsNs", Dispatch.CALL_OPS.abbreviation() + " ns")
            .decimals("callOpsNs", 1)
            .keyColumns(2)
            .build();

    /** Mail layout of {@link #ratios}. */
    public static final MailTable RATIOS = MailTable.builder()
            .column("name", "Ratio")
            .column("published", "Published")
            .column("modelled", "Modelled")
            .column("errorPct", "Error %")
            .decimals("errorPct", 0)
            .keyColumns(1)
            .build();

    /** The legend under {@link #ROWS} and {@link #BANDS}, for a mail. */
    public static final String LEGEND = """
            Interval: the modelled overhead's range over the heap seeds, times
            the range of published/modelled over the published rows of the
            same design from the other dataset (leave one dataset out; the
            other rows of the same dataset where no other dataset has that
            design). In: the published figure lies inside it. Low x / High x:
            the factors a modelled figure of that profile and design is
            multiplied by for its interval, from the published rows of that
            design (Rows) on other hardware (other hw: every M1 row), of the
            other dataset (LODO) or of the other rows of the same dataset
            (LORO).
            """;

    private CalibrationTables() {
    }

    private record RowView(String dataset, String layout, String dispatch, int relevant, int irrelevant,
            double publishedNs, double modelledNs, double lowNs, double highNs, double errorPct, String in) {
    }

    public static Table rows(Calibration.Result r) {
        return Tables.of("calibration rows: " + r.profile(), r.rows().stream().map(x -> new RowView(x.dataset(),
                x.layout(), x.dispatch(), x.relevant(), x.irrelevant(), x.publishedNs(), x.modelledNs(), x.lowNs(),
                x.highNs(), x.errorPct(), x.inside() ? "yes" : "no")).toList());
    }

    /** Per design (dispatch): rows, mean absolute and worst error, rows inside their interval. */
    public static Table designs(Calibration.Result r) {
        return Tables.of("calibration by design: " + r.profile(), r.designs());
    }

    public static Table ratios(Calibration.Result r) {
        return Tables.of("calibration ratios: " + r.profile(), r.ratios());
    }

    private record BandView(String profile, String layout, String dispatch, double low, double high, int rows,
            String from) {
    }

    /**
     * The band each profile's modelled tables get per layout and design, from {@code errors}:
     * what the interval of a VF2 or K1 figure is made of.
     */
    public static Table bands(ModelErrors errors, List<Profile> profiles) {
        List<BandView> out = new ArrayList<>();
        for (Profile p : profiles) {
            for (Layout l : Layout.of(p.arch())) {
                Map<Dispatch, ModelErrors.Band> seen = new LinkedHashMap<>();
                for (Dispatch path : List.of(Dispatch.LIST, Dispatch.CALL_OPS)) {
                    if (path == Dispatch.CALL_OPS && !l.hasLiteral()) {
                        continue;
                    }
                    seen.put(path, errors.band(p.name(), l.id(), path, -1, -1));
                }
                seen.forEach((path, b) -> out.add(new BandView(p.name(), l.id(), path.id(), b.lowRatio(),
                        b.highRatio(), b.rows(), b.rows() == 0 ? "-" : abbreviate(b.method()))));
            }
        }
        return Tables.of("calibration bands", out);
    }

    private static String abbreviate(String method) {
        return switch (method) {
            case "leave-one-dataset-out" -> "LODO";
            case "leave-one-row-out" -> "LORO";
            case "other hardware" -> "other hw";
            default -> method;
        };
    }

    /**
     * Modelled against published overhead, log-log, one series per dataset, with the y = x line
     * and the ±25% lines: a point on the diagonal is a perfect model.
     */
    public static XYChart chart(Calibration.Result r) {
        return scatter("Calibration on " + r.profile() + ": modelled vs published overhead", "published ns per call",
                "modelled ns per call", r.compared());
    }

    /**
     * Modelled against measured, log-log, one series per dataset and design, with the y = x
     * line and the ±25% lines, the axes spanning every figure and interval: the plot of {@link
     * #chart} and of {@code ftrace-lab compare}.
     */
    public static XYChart scatter(String title, String measuredAxis, String modelledAxis, List<Comparison.Row> rows) {
        Charts.LineBuilder line = Charts.line(title).xAxis(measuredAxis).yAxis(modelledAxis).logX().logY();
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Comparison.Row row : rows) {
            lo = Math.min(lo, Math.min(row.measuredNs(), row.lowNs()));
            hi = Math.max(hi, Math.max(row.measuredNs(), row.highNs()));
        }
        lo /= 1.5;
        hi *= 1.5;
        line.guide("y = x", new double[] {lo, hi}, new double[] {lo, hi}, false);
        line.guide("+25%", new double[] {lo, hi}, new double[] {lo * 1.25, hi * 1.25}, true);
        line.guide("-25%", new double[] {lo, hi}, new double[] {lo * 0.75, hi * 0.75}, true);
        ComparisonTables.bySeries(rows).forEach((name, rs) -> line.points(name,
                rs.stream().mapToDouble(Comparison.Row::measuredNs).toArray(),
                rs.stream().mapToDouble(Comparison.Row::modelledNs).toArray()));
        return line.build();
    }
}
