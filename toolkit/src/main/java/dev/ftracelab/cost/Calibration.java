package dev.ftracelab.cost;

import dev.ftracelab.dataset.PublishedMeasurements;
import dev.ftracelab.ftrace.Dispatch;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.ftrace.FtraceOpsSample.Point;
import dev.ftracelab.ftrace.KernelHeap;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.util.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import tech.tablesaw.api.Table;

/**
 * The model checked against published hardware measurements: the same ftrace-ops matrix, priced
 * on the profile of the machine it was measured on (median over heap seeds), row by row beside
 * the published overhead, with the error, the interval the other datasets' errors give
 * (leave one dataset out, {@link ModelErrors#band}) and whether the published figure lies in it;
 * per design the mean and worst error; and the ratios a design decision rests on. Nothing here
 * tunes the profile.
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
     * The kernel each profile's published figures ran, for its kmalloc rules. source: the M1
     * series was posted in January 2023 against v6.2-rc (datasets/published/ftrace-ops.csv): arm64
     * then still aligned every kmalloc object to 128 bytes.
     */
    private static final Map<String, String> KERNELS = Map.of("m1", "6.2");

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

    /** The model's error over the rows of one dispatch (list, call-ops). */
    public record DesignError(String profile, String dispatch, int rows, double meanAbsErrorPct, double worstErrorPct,
            long inside) {
    }

    /** All rows and ratios, the errors they give, and the mean absolute error over the rows. */
    public record Result(String profile, List<Row> rows, List<Ratio> ratios, ModelErrors errors) {
        public double meanAbsoluteErrorPct() {
            return rows.stream().mapToDouble(r -> Math.abs(r.errorPct())).average().orElse(Double.NaN);
        }

        /** Per dispatch: rows, mean absolute and worst error, rows inside their interval. */
        public List<DesignError> designs() {
            Map<String, List<Row>> by = new LinkedHashMap<>();
            rows.forEach(r -> by.computeIfAbsent(r.dispatch(), k -> new ArrayList<>()).add(r));
            List<DesignError> out = new ArrayList<>();
            by.forEach((dispatch, rs) -> {
                Row worst = rs.stream().max((a, b) -> Double.compare(Math.abs(a.errorPct()), Math.abs(b.errorPct())))
                        .orElseThrow();
                out.add(new DesignError(profile, dispatch, rs.size(),
                        rs.stream().mapToDouble(r -> Math.abs(r.errorPct())).average().orElse(Double.NaN),
                        worst.errorPct(), rs.stream().filter(Row::inside).count()));
            });
            return out;
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

    /** Prices both matrices over the seeds (telling {@code progress} before each point) and compares. */
    public Result run(Consumer<Point> progress) {
        Map<Layout, String> sets = DATASETS.get(profile.name());
        if (sets == null) {
            throw new BadInputException("no published hardware measurements for profile " + profile.name()
                    + ": calibration needs one of " + String.join(", ", calibratable()));
        }
        List<ModelErrors.Row> errorRows = new ArrayList<>();
        sets.forEach((layout, dataset) -> {
            Table t = published.dataset(dataset);
            FtraceOpsSample sample = FtraceOpsSample.of(profile.arch(), layout)
                    .heap(KernelHeap.builder(profile.arch()).kernel(KERNELS.get(profile.name())).build());
            List<Point> points = new ArrayList<>();
            for (int r = 0; r < t.rowCount(); r++) {
                points.add(new Point(t.intColumn("relevant").getInt(r), t.intColumn("irrelevant").getInt(r)));
            }
            // no band while the band is being measured
            List<ModelledSample.Row> priced = ModelledSample.builder(sample, profile)
                    .pricedCalls(pricedCalls).seeds(seeds).errors(new ModelErrors(List.of())).build()
                    .run(points, progress);
            for (int r = 0; r < t.rowCount(); r++) {
                Point p = points.get(r);
                if (p.relevant() == 0 || t.doubleColumn("overhead_ns").isMissing(r)) {
                    continue; // untraced rows have no overhead to compare
                }
                ModelledSample.Row m = priced.get(r);
                errorRows.add(new ModelErrors.Row(dataset, profile.name(), layout.id(), m.dispatch().id(), p.relevant(),
                        p.irrelevant(), t.doubleColumn("overhead_ns").getDouble(r), m.overheadNs(), m.overheadLowNs(),
                        m.overheadHighNs()));
            }
        });
        ModelErrors errors = new ModelErrors(errorRows);
        List<Row> rows = new ArrayList<>();
        for (ModelErrors.Row e : errorRows) {
            ModelErrors.Band b = errors.band(e.profile(), e.layout(), Dispatch.parse(e.dispatch()), e.relevant(),
                    e.irrelevant());
            rows.add(new Row(e.dataset(), e.layout(), e.dispatch(), e.relevant(), e.irrelevant(), e.publishedNs(),
                    e.modelledNs(), b.low(e.seedMinNs()), b.high(e.seedMaxNs()), e.errorPct(), errors.covers(e)));
        }
        return new Result(profile.name(), rows, ratios(rows, sets), errors);
    }

    private static List<Ratio> ratios(List<Row> rows, Map<Layout, String> sets) {
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
    private record Values(List<Row> rows, boolean modelled) {
        double at(String dataset, int relevant, int irrelevant) {
            return rows.stream().filter(r -> r.dataset().equals(dataset) && r.relevant() == relevant
                    && r.irrelevant() == irrelevant).mapToDouble(r -> modelled ? r.modelledNs() : r.publishedNs())
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "no published row " + dataset + " R=" + relevant + " I=" + irrelevant));
        }
    }

    private static Ratio ratio(String name, List<Row> rows, ToDoubleFunction<Values> f) {
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
