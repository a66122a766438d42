package dev.ftracelab.cost;

import dev.ftracelab.dataset.PublishedMeasurements;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.ftrace.FtraceOpsSample.Point;
import dev.ftracelab.ftrace.KernelHeap;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.util.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tech.tablesaw.api.Table;

/**
 * The model checked against published hardware measurements: the same ftrace-ops matrix, priced
 * on the profile of the machine it was measured on, row by row beside the published overhead,
 * with the error; and the ratios a design decision rests on. Nothing here tunes the profile.
 *
 * <p>Published hardware data exists for Apple M1 only (arm64 before and after CALL_OPS); the
 * riscv64 figures in {@code datasets/published} were measured under QEMU TCG and say nothing
 * about a core.
 *
 * <pre>{@code
 * Calibration.Result r = Calibration.of(Profile.load("m1"), PublishedMeasurements.load()).run();
 * r.rows().get(5).errorPct();
 * }</pre>
 */
public record Calibration(Profile profile, PublishedMeasurements published, long pricedCalls) {
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
     * One traced row: published and modelled overhead (ns per call beyond the untraced row) and
     * the error of the model, in % of the published value.
     */
    public record Row(String dataset, String layout, int relevant, int irrelevant, double publishedNs,
            double modelledNs, double errorPct) {
    }

    /**
     * A ratio that matters for the design decision, published and modelled: the overhead of list
     * processing over CALL_OPS with one relevant ops; the slope per extra ops (irrelevant:
     * I = 10 to 100 at R = 1; relevant: R = 10 to 100); CALL_OPS' flatness in I.
     */
    public record Ratio(String name, double published, double modelled, double errorPct) {
    }

    /** All rows and ratios, and the mean absolute error over the rows. */
    public record Result(List<Row> rows, List<Ratio> ratios) {
        public double meanAbsoluteErrorPct() {
            return rows.stream().mapToDouble(r -> Math.abs(r.errorPct())).average().orElse(Double.NaN);
        }
    }

    public static Calibration of(Profile profile, PublishedMeasurements published) {
        return new Calibration(profile, published, 1_000);
    }

    /** The profiles that have published hardware measurements to calibrate against. */
    public static List<String> calibratable() {
        return List.copyOf(DATASETS.keySet());
    }

    public Result run() {
        return run(p -> { });
    }

    /** Prices both matrices (telling {@code progress} before each point) and compares. */
    public Result run(Consumer<Point> progress) {
        Map<Layout, String> sets = DATASETS.get(profile.name());
        if (sets == null) {
            throw new BadInputException("no published hardware measurements for profile " + profile.name()
                    + ": calibration needs one of " + String.join(", ", calibratable()));
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Map<Point, Double>> modelled = new LinkedHashMap<>();
        Map<String, Map<Point, Double>> measured = new LinkedHashMap<>();
        sets.forEach((layout, dataset) -> {
            Table t = published.dataset(dataset);
            FtraceOpsSample sample = FtraceOpsSample.of(profile.arch(), layout)
                    .heap(KernelHeap.builder(profile.arch()).kernel(KERNELS.get(profile.name())).build());
            PricedSample ps = new PricedSample(sample, profile, pricedCalls);
            Map<Point, Double> mod = new LinkedHashMap<>();
            Map<Point, Double> pub = new LinkedHashMap<>();
            List<Point> points = new ArrayList<>();
            for (int r = 0; r < t.rowCount(); r++) {
                points.add(new Point(t.intColumn("relevant").getInt(r), t.intColumn("irrelevant").getInt(r)));
            }
            List<PricedSample.Row> priced = ps.run(points, progress);
            for (int r = 0; r < t.rowCount(); r++) {
                Point p = points.get(r);
                if (p.relevant() == 0 || t.doubleColumn("overhead_ns").isMissing(r)) {
                    continue; // untraced rows have no overhead to compare
                }
                double pubNs = t.doubleColumn("overhead_ns").getDouble(r);
                double modNs = priced.get(r).overheadNs();
                mod.put(p, modNs);
                pub.put(p, pubNs);
                rows.add(new Row(dataset, layout.id(), p.relevant(), p.irrelevant(), pubNs, modNs, error(modNs, pubNs)));
            }
            modelled.put(dataset, mod);
            measured.put(dataset, pub);
        });
        String before = sets.get(Layout.PRE_CALL_OPS);
        String after = sets.get(Layout.CALL_OPS);
        List<Ratio> ratios = new ArrayList<>();
        ratios.add(ratio("list / CALL_OPS, R=1 I=0", measured, modelled,
                m -> m.get(before).get(new Point(1, 0)) / m.get(after).get(new Point(1, 0))));
        ratios.add(ratio("list / CALL_OPS, R=1 I=10", measured, modelled,
                m -> m.get(before).get(new Point(1, 10)) / m.get(after).get(new Point(1, 10))));
        ratios.add(ratio("ns per irrelevant ops (list)", measured, modelled,
                m -> (m.get(before).get(new Point(1, 100)) - m.get(before).get(new Point(1, 10))) / 90));
        ratios.add(ratio("ns per relevant ops (list)", measured, modelled,
                m -> (m.get(before).get(new Point(100, 0)) - m.get(before).get(new Point(10, 0))) / 90));
        ratios.add(ratio("CALL_OPS I=100 / I=1", measured, modelled,
                m -> m.get(after).get(new Point(1, 100)) / m.get(after).get(new Point(1, 1))));
        return new Result(rows, ratios);
    }

    private static Ratio ratio(String name, Map<String, Map<Point, Double>> measured,
            Map<String, Map<Point, Double>> modelled, java.util.function.ToDoubleFunction<Map<String, Map<Point, Double>>> f) {
        double pub = f.applyAsDouble(measured);
        double mod = f.applyAsDouble(modelled);
        return new Ratio(name, pub, mod, error(mod, pub));
    }

    private static double error(double modelled, double published) {
        return (modelled - published) / published * 100;
    }

    private static Map<Layout, String> orderedMap(Layout a, String da, Layout b, String db) {
        Map<Layout, String> m = new LinkedHashMap<>();
        m.put(a, da);
        m.put(b, db);
        return m;
    }
}
