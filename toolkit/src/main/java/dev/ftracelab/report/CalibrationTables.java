package dev.ftracelab.report;

import dev.ftracelab.cost.Calibration;
import tech.tablesaw.api.Table;

/**
 * The calibration of a profile as tables: modelled vs published overhead per row, and the ratios.
 *
 * <pre>{@code
 * Calibration.Result r = Calibration.of(Profile.load("m1"), PublishedMeasurements.load()).run();
 * System.out.print(CalibrationTables.ROWS.render(CalibrationTables.rows(r)));
 * }</pre>
 */
public final class CalibrationTables {
    /** Mail layout of {@link #rows}: dataset, R, I || published, modelled, error. */
    public static final MailTable ROWS = MailTable.builder()
            .group("Configuration", 4)
            .group("Overhead (ns per call)", 3)
            .column("dataset", "Dataset")
            .column("layout", "Layout")
            .column("relevant", "R")
            .column("irrelevant", "I")
            .column("publishedNs", "Published")
            .column("modelledNs", "Modelled")
            .column("errorPct", "Error %")
            .decimals("errorPct", 0)
            .keyColumns(4)
            .sectionsBy("dataset")
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

    private CalibrationTables() {
    }

    public static Table rows(Calibration.Result r) {
        return Tables.of("calibration rows", r.rows());
    }

    public static Table ratios(Calibration.Result r) {
        return Tables.of("calibration ratios", r.ratios());
    }
}
