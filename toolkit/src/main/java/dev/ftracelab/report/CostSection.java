package dev.ftracelab.report;

import dev.ftracelab.cost.Calibration;
import dev.ftracelab.cost.ModelledSample;
import dev.ftracelab.cost.PricedSample;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.dataset.PublishedMeasurements;
import dev.ftracelab.dataset.PublishedMeasurements.Sweep;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.isa.Arch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import tech.tablesaw.api.Table;

/**
 * The report section for modelled hardware cost: the riscv64 designs priced on the VF2 profile
 * (the table the thread asked for), with the cost breakdown, and the model's calibration
 * against the published M1 measurements.
 *
 * @param pricedCalls calls priced per row
 * @param seeds       heap layouts priced per row (the report uses {@link ModelledSample#DEFAULT_SEEDS})
 */
public record CostSection(long pricedCalls, int seeds) implements ReportSection {
    /** Priced over {@link ModelledSample#DEFAULT_SEEDS} heap layouts per row. */
    public CostSection(long pricedCalls) {
        this(pricedCalls, ModelledSample.DEFAULT_SEEDS);
    }

    /** The riscv64 designs priced on {@code profile}: every layout and per-callsite trampolines, with intervals. */
    public static List<Table> pricedDesigns(Profile profile, long pricedCalls) {
        return pricedDesigns(profile, pricedCalls, ModelledSample.DEFAULT_SEEDS);
    }

    /** As {@link #pricedDesigns(Profile, long)} over {@code seeds} heap layouts per row. */
    public static List<Table> pricedDesigns(Profile profile, long pricedCalls, int seeds) {
        return pricedDesigns(profile, pricedCalls, seeds, (s, p) -> { });
    }

    /**
     * As {@link #pricedDesigns(Profile, long, int)}, telling {@code progress} the design and the
     * point before each point and seed is priced ({@link #pricedPoints} calls).
     */
    public static List<Table> pricedDesigns(Profile profile, long pricedCalls, int seeds,
            BiConsumer<FtraceOpsSample, FtraceOpsSample.Point> progress) {
        List<Table> tables = new ArrayList<>();
        for (FtraceOpsSample s : DispatchSection.designs(profile.arch(), 100_000)) {
            ModelledSample ms = ModelledSample.builder(s, profile).pricedCalls(pricedCalls).seeds(seeds).build();
            tables.add(DispatchTables.priced(ms, ms.run(FtraceOpsSample.PUBLISHED_MATRIX, p -> progress.accept(s, p))));
        }
        return tables;
    }

    /** How many points and seeds {@link #pricedDesigns} prices on {@code arch}. */
    public static long pricedPoints(Arch arch, int seeds) {
        return (long) DispatchSection.designs(arch, 1).size() * FtraceOpsSample.PUBLISHED_MATRIX.size() * seeds;
    }

    @Override
    public String title() {
        return "Modelled cost on hardware profiles";
    }

    @Override
    public long steps() {
        return pricedPoints(Profile.load("vf2").arch(), seeds) + calibration().pricedPoints();
    }

    private Calibration calibration() {
        return new Calibration(Profile.load("m1"), PublishedMeasurements.load(), pricedCalls, seeds);
    }

    @Override
    public void addTo(Bundle.Builder b, Progress progress) {
        b.heading(title());
        Profile vf2 = Profile.load("vf2");
        b.text("Each design's ftrace-ops matrix, run on the guest kernel and priced by the cost model on the **"
                + vf2.name() + "** profile (" + vf2.description() + "): " + pricedCalls + " calls priced per row in the"
                + " steady state (after " + PricedSample.WARMUP + " warm-up calls), once per heap layout (seed)."
                + " These are modelled figures, not measurements.");
        List<Table> tables = pricedDesigns(vf2, pricedCalls, seeds, (s, p) -> {
            progress.note("cost: " + DispatchSection.label(s) + " " + p.relevant() + "/" + p.irrelevant());
            progress.step();
        });
        b.text("The calibration below shows where each interval's band comes from.");
        for (Table t : tables) {
            String name = DispatchTables.designName(t);
            b.table("vf2-" + name.replace(' ', '-'), t, FtraceOpsTable.MODELLED, Bundle.Label.modelled(
                    DispatchTables.modelledTitle(t, vf2), vf2, DispatchTables.intervalCaption(t)));
        }
        Provenance.Hardware onVf2 = Provenance.Hardware.modelled(vf2.name(), vf2.description());
        for (Sweep sweep : List.of(Sweep.IRRELEVANT, Sweep.RELEVANT)) {
            b.chart("vf2-" + sweep.name().toLowerCase(Locale.ROOT), DispatchTables.perCallChart("(modelled on VF2)",
                    tables, sweep, "per_call_ns", "ns per call"), onVf2);
        }
        b.chart("vf2-breakdown", DispatchTables.breakdownChart("Where do a traced call's cycles go? (modelled on VF2,"
                + " R=1 I=10)", tables, 1, 10), onVf2);

        Profile m1 = Profile.load("m1");
        Calibration.Result r = calibration().run(p -> {
            progress.note("cost: m1 calibration " + p.relevant() + "/" + p.irrelevant());
            progress.step();
        });
        b.text(String.format(Locale.ROOT, "**Calibration on %s.** The arm64 pre-call-ops and call-ops matrices priced on"
                + " the m1 profile (median of %d heap seeds) beside the overheads published for an Apple M1 (in an"
                + " HVF VM). Mean absolute error over %d rows: %.0f%%; %d of %d published rows lie inside the"
                + " interval the other dataset's errors give (leave one dataset out). The profile was not fitted to"
                + " these rows.", m1.name(), seeds, r.rows().size(), r.meanAbsoluteErrorPct(),
                r.errors().covered(), r.rows().size()));
        String beside = DispatchTables.modelledTitle(m1) + ", beside the published M1 measurements";
        b.table("calibration-m1", CalibrationTables.rows(r), CalibrationTables.ROWS,
                Bundle.Label.modelled(beside, m1, null));
        b.table("calibration-m1-designs", CalibrationTables.designs(r), CalibrationTables.DESIGNS,
                Bundle.Label.modelled(beside, m1, null));
        List<Profile> all = Profile.names().stream().map(Profile::load).toList();
        b.table("calibration-bands", CalibrationTables.bands(r.errors(), all), CalibrationTables.BANDS);
        b.text(CalibrationTables.LEGEND.replace('\n', ' '));
        b.chart("calibration-m1-plot", CalibrationTables.chart(r),
                Provenance.Hardware.modelled(m1.name(), m1.description()));
        b.table("calibration-m1-ratios", CalibrationTables.ratios(r), CalibrationTables.RATIOS,
                Bundle.Label.modelled(beside, m1, null));
    }
}
