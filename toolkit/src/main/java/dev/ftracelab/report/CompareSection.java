package dev.ftracelab.report;

import dev.ftracelab.cost.Comparison;
import dev.ftracelab.cost.MeasuredDataset;
import dev.ftracelab.cost.Profile;
import java.util.Locale;

/**
 * The report section {@code ftrace-lab report --dataset D --profile P} adds: a measured dataset
 * beside the model ({@link Comparison}), as {@code ftrace-lab compare} prints it, with its plots.
 *
 * <pre>{@code
 * Comparison c = Comparison.builder(Profile.load("vf2"), MeasuredDataset.resolve("board.csv")).build();
 * new WriteUp(List.of(new CompareSection(c))).writeTo(Path.of("build/board"), Provenance.capture());
 * }</pre>
 *
 * @param comparison the configured comparison; it runs when the section is added
 */
public record CompareSection(Comparison comparison) implements ReportSection {
    @Override
    public String title() {
        return "Model vs measured: " + comparison.dataset().name() + " on " + comparison.profile().name();
    }

    /** One step per row and seed priced. */
    @Override
    public long steps() {
        return comparison.pricedPoints();
    }

    @Override
    public void addTo(Bundle.Builder b, Progress progress) {
        b.heading(title());
        Comparison.Result r = comparison.run(p -> {
            progress.note("compare: " + comparison.dataset().name() + " " + p.relevant() + "/" + p.irrelevant());
            progress.step();
        });
        MeasuredDataset d = r.dataset();
        Profile p = r.profile();
        String from = d.file() == null ? "the published dataset **" + d.name() + "**"
                : "dataset **" + d.name() + "** from `" + d.file() + "` (SHA-256 `" + d.sha256() + "`)";
        b.text("**" + ComparisonTables.title(r) + ".** Measured figures of " + from + " beside the model's on the same"
                + " rows. " + ComparisonTables.subtitle(r) + " " + capitalized(ComparisonTables.summary(r)) + ".");
        String stem = "compare-" + d.name() + "-" + p.name();
        String rowsTitle = ComparisonTables.title(r) + ": modelled on " + p.name() + " - not measured";
        // the TCG warning travels with the table: its files are read without this page
        String caption = (d.emulated() ? ComparisonTables.emulatedWarning(r) + " " : "") + ComparisonTables.caption(r);
        b.table(stem, ComparisonTables.rows(r), ComparisonTables.rowsLayout(r.metric()),
                Bundle.Label.modelled(rowsTitle, p, caption));
        b.table(stem + "-designs", ComparisonTables.designs(r), CalibrationTables.DESIGNS,
                Bundle.Label.modelled(rowsTitle, p, ComparisonTables.summary(r)));
        Provenance.Hardware modelled = Provenance.Hardware.modelled(p.name(), p.description());
        ComparisonTables.charts(r).forEach((suffix, chart) -> b.chart(stem + (suffix.isEmpty() ? "-plot" : suffix),
                chart, modelled));
    }

    private static String capitalized(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
