package dev.ftracelab.cost;

import dev.ftracelab.dataset.PublishedMeasurements;
import dev.ftracelab.ftrace.FtraceOpsSample.Point;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.util.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * The model checked against published hardware measurements: the same ftrace-ops matrix, priced
 * on the profile of the machine it was measured on (median over heap seeds), row by row beside
 * the published overhead, with the error, the interval the other datasets' errors give
 * (leave one dataset out, {@link ModelErrors#band}) and whether the published figure lies in it;
 * per design the mean and worst error; and the ratios a design decision rests on. Nothing here
 * tunes the profile. It is {@link Comparison} (what {@code ftrace-lab compare} runs for any
 * dataset) over the published datasets of the profile's hardware, with the band each row gets
 * measured from the other dataset's rows instead of read from the committed errors.
 *
 * <p>Published hardware data exists for Apple M1 only (arm64 before and after CALL_OPS); the
 * riscv64 figures in {@code datasets/published} were measured under QEMU TCG and say nothing
 * about a core.
 *
 * <pre>{@code
 * Calibration.Result r = Calibration.of(Profile.load("m1"), PublishedMeasurements.load()).run();
 * r.rows().get(5).errorPct();
 * r.designs();            // mean and worst error per dispatch
 * r.errors().write(...)   // what the bands of every modelled table come from
 * }</pre>
 *
 * @param seeds heap seeds priced per row (the modelled figure is their median)
 */
public record Calibration(Profile profile, PublishedMeasurements published, long pricedCalls, int seeds) {
    /** Which published dataset was measured with which layout, per profile. */
    private static final Map<String, Map<Layout, String>> DATASETS = Map.of(
            "m1", orderedMap(Layout.PRE_CALL_OPS, "m1-before", Layout.CALL_OPS, "m1-after"));

    /**
     * One traced row: published and modelled overhead (ns per call beyond the untraced row), the
     * error of the model in % of the published value, and the modelled interval from the
     * other datasets' errors.
     */
    public record Row(String dataset, String layout, String dispatch, int relevant, int irrelevant, double publishedNs,
            double modelledNs, double lowNs, double highNs, double errorPct, boolean inside) {
    }

    /**
     * A ratio that matters for the design decision, published and modelled: the overhead of list
     * processing over CALL_OPS with one relevant ops; the slope per extra ops (irrelevant:
     * I = 10 to 100 at R = 1; relevant: R = 10 to 100); CALL_OPS' flatness in I.
     */
    public record Ratio(String name, double published, double modelled, double errorPct) {
    }

    /**
     * All rows and ratios, the errors they give, and the mean absolute error over the rows.
     *
     * @param compared the rows as {@link Comparison} made them, banded by {@code errors}
     */
    public record Result(String profile, List<Comparison.Row> compared, List<Ratio> ratios, ModelErrors errors) {
        public Result {
            compared = List.copyOf(compared);
        }

        /** The rows with the published figure and the leave-one-out interval. */
        public List<Row> rows() {
            return compared.stream().map(r -> new Row(r.dataset(), r.layout().id(), r.dispatch().id(), r.relevant(),
                    r.irrelevant(), r.measuredNs(), r.modelledNs(), r.lowNs(), r.highNs(), r.errorPct(), r.inside()))
                    .toList();
        }

        public double meanAbsoluteErrorPct() {
            return Comparison.meanAbsoluteErrorPct(compared);
        }

        /** Per dispatch: rows, mean absolute and worst error, rows inside their interval. */
        public List<Comparison.DesignError> designs() {
            return Comparison.designs(profile, compared);
        }
    }

    public Calibration {
        if (pricedCalls < 1) {
            throw new BadInputException("--priced-calls: expected at least 1, got " + pricedCalls);
        }
        if (seeds < 1) {
            throw new BadInputException("--seeds: expected at least 1, got " + seeds);
        }
    }

    /** 1,000 priced calls and {@link ModelledSample#DEFAULT_SEEDS} seeds per row. */
    public static Calibration of(Profile profile, PublishedMeasurements published) {
        return new Calibration(profile, published, 1_000, ModelledSample.DEFAULT_SEEDS);
    }

    /** The profiles that have published hardware measurements to calibrate against. */
    public static List<String> calibratable() {
        return List.copyOf(DATASETS.keySet());
    }

    /** The published dataset measured on {@code profile}'s hardware with {@code layout}, if any. */
    public static Optional<String> datasetFor(String profile, String layout) {
        Map<Layout, String> sets = DATASETS.getOrDefault(profile, Map.of());
        return sets.entrySet().stream().filter(e -> e.getKey().id().equals(layout)).map(Map.Entry::getValue).findFirst();
    }

    /** Rows priced by {@link #run} (seeds × the published rows of every dataset), for progress bars. */
    public int pricedPoints() {
        Map<Layout, String> sets = DATASETS.getOrDefault(profile.name(), Map.of());
        return seeds * sets.values().stream().mapToInt(d -> published.dataset(d).rowCount()).sum();
    }

    public Result run() {
        return run(p -> { });
    }

    /**
     * Compares both published M1 datasets with the model ({@link Comparison}, telling {@code
     * progress} before each point and seed), turns the rows into {@link ModelErrors} and bands
     * every row with them: each row's interval comes from the other dataset's errors.
     */
    public Result run(Consumer<Point> progress) {
        Map<Layout, String> sets = DATASETS.get(profile.name());
        if (sets == null) {
            throw new BadInputException("no published hardware measurements for profile " + profile.name()
                    + ": calibration needs one of " + String.join(", ", calibratable()));
        }
        List<Comparison.Row> compared = new ArrayList<>();
        sets.forEach((layout, dataset) -> compared.addAll(Comparison.builder(profile,
                        new MeasuredDataset(published, dataset, null, null))
                .layout(layout).metric(Comparison.Metric.OVERHEAD).pricedCalls(pricedCalls).seeds(seeds)
                .errors(new ModelErrors(List.of())) // no band while the band is being measured
                .build().run(progress).rows()));
        ModelErrors errors = new ModelErrors(compared.stream().map(Comparison.Row::error).toList());
        List<Comparison.Row> banded = compared.stream().map(r -> r.banded(errors)).toList();
        return new Result(profile.name(), banded, ratios(banded, sets), errors);
    }

    private static List<Ratio> ratios(List<Comparison.Row> rows, Map<Layout, String> sets) {
        String before = sets.get(Layout.PRE_CALL_OPS);
        String after = sets.get(Layout.CALL_OPS);
        List<Ratio> ratios = new ArrayList<>();
        ratios.add(ratio("list / CALL_OPS, R=1 I=0", rows, v -> v.at(before, 1, 0) / v.at(after, 1, 0)));
        ratios.add(ratio("list / CALL_OPS, R=1 I=10", rows, v -> v.at(before, 1, 10) / v.at(after, 1, 10)));
        ratios.add(ratio("ns per irrelevant ops (list)", rows, v -> (v.at(before, 1, 100) - v.at(before, 1, 10)) / 90));
        ratios.add(ratio("ns per relevant ops (list)", rows, v -> (v.at(before, 100, 0) - v.at(before, 10, 0)) / 90));
        ratios.add(ratio("CALL_OPS I=100 / I=1", rows, v -> v.at(after, 1, 100) / v.at(after, 1, 1)));
        return ratios;
    }

    /** Overheads by dataset and (R, I), published or modelled. */
    private record Values(List<Comparison.Row> rows, boolean modelled) {
        double at(String dataset, int relevant, int irrelevant) {
            return rows.stream().filter(r -> r.dataset().equals(dataset) && r.relevant() == relevant
                    && r.irrelevant() == irrelevant).mapToDouble(r -> modelled ? r.modelledNs() : r.measuredNs())
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "no published row " + dataset + " R=" + relevant + " I=" + irrelevant));
        }
    }

    private static Ratio ratio(String name, List<Comparison.Row> rows, ToDoubleFunction<Values> f) {
        double pub = f.applyAsDouble(new Values(rows, false));
        double mod = f.applyAsDouble(new Values(rows, true));
        return new Ratio(name, pub, mod, (mod - pub) / pub * 100);
    }

    private static Map<Layout, String> orderedMap(Layout a, String da, Layout b, String db) {
        Map<Layout, String> m = new LinkedHashMap<>();
        m.put(a, da);
        m.put(b, db);
        return m;
    }
}
