package dev.ftracelab.cost;

import dev.ftracelab.dataset.PublishedMeasurements;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.ftrace.FtraceOpsSample.Point;
import dev.ftracelab.ftrace.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How much each <b>estimated</b> profile parameter matters: the parameter halved and doubled,
 * everything else as committed. On a profile with published measurements (m1) the measure is
 * the calibration's mean absolute error and its mean signed error per design; on the others
 * (vf2, k1) it is the modelled overhead of list processing ({@code nop-nop}, R=1 I=10) and of
 * CALL_OPS (R=1 I=0), since there is nothing to be wrong against. A parameter that moves neither
 * does not matter for the ftrace-ops sample, however uncertain it is.
 *
 * <pre>{@code
 * for (Sensitivity.Row r : Sensitivity.of("m1").run()) System.out.println(r);
 * }</pre>
 *
 * @param profile the profile's name (or .yaml path)
 * @param pricedCalls calls priced per point (fewer than a table: this runs the model many times)
 */
public record Sensitivity(String profile, long pricedCalls) {
    /** The factors each estimate is multiplied by. */
    public static final double[] FACTORS = {0.5, 2};

    /**
     * One estimate at one factor.
     *
     * @param parameter the profile path, e.g. {@code store_buffer.visibility_latency}
     * @param committed its committed value
     * @param value the value tried
     * @param meanAbsErrorPct with published data: the calibration's mean absolute error (else NaN)
     * @param listNs list processing: mean signed error % with published data, else modelled overhead ns
     * @param callOpsNs CALL_OPS: likewise
     */
    public record Row(String parameter, double committed, double value, double meanAbsErrorPct, double listNs,
            double callOpsNs) {
    }

    public static Sensitivity of(String profile) {
        return new Sensitivity(profile, 300);
    }

    /** The estimated parameters of the profile, by path (so every run prints them in one order). */
    public List<String> estimates() {
        return Profile.load(profile).sources().entrySet().stream().filter(e -> e.getValue().estimate())
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** Rows for the committed values (factor 1) and each estimate at each factor. */
    public List<Row> run() {
        return run(s -> { });
    }

    /** As {@link #run()}, telling {@code progress} each parameter before it is tried. */
    public List<Row> run(Consumer<String> progress) {
        return run(estimates(), progress);
    }

    /**
     * As {@link #run(Consumer)} for only some of the {@link #estimates()}, in the order given:
     * the committed row, then each of {@code paths} halved and doubled.
     *
     * <pre>{@code
     * Sensitivity.of("vf2").run(List.of("latency.load_to_use"), p -> { });   // 3 rows
     * }</pre>
     *
     * @throws IllegalArgumentException for a path that is not an estimate of the profile
     */
    public List<Row> run(List<String> paths, Consumer<String> progress) {
        List<String> estimates = estimates();
        for (String path : paths) {
            if (!estimates.contains(path)) {
                throw new IllegalArgumentException(path + " is not an estimated parameter of " + profile
                        + ": expected one of " + String.join(", ", estimates));
            }
        }
        List<Row> rows = new ArrayList<>();
        Profile base = Profile.load(profile);
        double[] committed = measure(base);
        rows.add(new Row("(as committed)", Double.NaN, Double.NaN, committed[0], committed[1], committed[2]));
        for (String path : paths) {
            progress.accept(path);
            double v = value(base, path);
            for (double f : FACTORS) {
                double tried = v == 0 ? (f < 1 ? 0 : 1) : v * f;
                if (tried == v) {
                    continue;
                }
                double[] m = measure(Profile.load(profile, Map.of(path, tried)));
                rows.add(new Row(path, v, tried, m[0], m[1], m[2]));
            }
        }
        return rows;
    }

    private static double value(Profile p, String path) {
        // the profile keeps values in records; read the one the path names back from them
        return switch (path) {
            case "core.clock_ghz" -> p.clockGhz();
            case "core.issue_width" -> p.issueWidth();
            case "core.rob_entries" -> p.robEntries();
            case "latency.alu" -> p.latency().alu();
            case "latency.mul" -> p.latency().mul();
            case "latency.div" -> p.latency().div();
            case "latency.load_to_use" -> p.latency().loadToUse();
            case "latency.store" -> p.latency().store();
            case "branch.taken_bubble" -> p.branch().takenBubble();
            case "branch.direct_jump" -> p.branch().directJump();
            case "branch.indirect_jump" -> p.branch().indirectJump();
            case "branch.mispredict_penalty" -> p.branch().mispredictPenalty();
            case "predictor.bht_entries" -> p.predictor().bhtEntries();
            case "predictor.btb_entries" -> p.predictor().btbEntries();
            case "predictor.ras_entries" -> p.predictor().rasEntries();
            case "predictor.history_bits" -> p.predictor().historyBits();
            case "memory_latency" -> p.memoryLatency();
            case "store_buffer.forward_latency" -> p.storeBuffer().forwardLatency();
            case "store_buffer.visibility_latency" -> p.storeBuffer().visibilityLatency();
            default -> cache(p, path);
        };
    }

    private static double cache(Profile p, String path) {
        String[] parts = path.split("\\.");
        Profile.Cache c = switch (parts[0]) {
            case "l1i" -> p.l1i();
            case "l1d" -> p.l1d();
            case "l2" -> p.l2();
            default -> throw new IllegalArgumentException("no parameter " + path);
        };
        return switch (parts[1]) {
            case "size_kib" -> c.sizeKib();
            case "ways" -> c.ways();
            case "line_bytes" -> c.lineBytes();
            case "hit_latency" -> c.hitLatency();
            default -> throw new IllegalArgumentException("no parameter " + path);
        };
    }

    /** {mean |error| %, list, call-ops}: errors with published data, else modelled overheads. */
    private double[] measure(Profile p) {
        if (Calibration.calibratable().contains(p.name())) {
            Calibration.Result r = new Calibration(p, PublishedMeasurements.load(), pricedCalls, 1).run();
            return new double[] {r.meanAbsoluteErrorPct(), meanError(r, "list"), meanError(r, "call-ops")};
        }
        Point listPoint = new Point(1, 10);
        Point callOpsPoint = new Point(1, 0);
        Layout list = Layout.before(p.arch());
        double l = new PricedSample(FtraceOpsSample.of(p.arch(), list), p, pricedCalls).run(List.of(listPoint)).get(0)
                .overheadNs();
        double c = new PricedSample(FtraceOpsSample.of(p.arch(), Layout.CALL_OPS), p, pricedCalls)
                .run(List.of(callOpsPoint)).get(0).overheadNs();
        return new double[] {Double.NaN, l, c};
    }

    private static double meanError(Calibration.Result r, String path) {
        return r.rows().stream().filter(x -> x.dispatch().equals(path)).mapToDouble(Calibration.Row::errorPct).average()
                .orElse(Double.NaN);
    }
}
