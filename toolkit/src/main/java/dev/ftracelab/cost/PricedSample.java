package dev.ftracelab.cost;

import dev.ftracelab.ftrace.CallStats;
import dev.ftracelab.ftrace.FtraceModel;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.ftrace.FtraceOpsSample.Point;
import dev.ftracelab.util.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The ftrace-ops sample priced on a hardware profile: for each point, the model runs
 * {@link #WARMUP} calls to warm the caches and predictors, then {@code pricedCalls} calls with
 * the {@link CostModel} listening; the cost per call is the difference divided by the calls
 * (steady state, as a 100,000-call loop is). The overhead is per call minus the untraced point
 * (R = I = 0) of the same arch, layout, strategy and profile.
 *
 * <pre>{@code
 * PricedSample vf2 = new PricedSample(FtraceOpsSample.of(Arch.RISCV64, Layout.CALL_OPS), Profile.load("vf2"), 1000);
 * List<PricedSample.Row> rows = vf2.run(FtraceOpsSample.PUBLISHED_MATRIX);
 * rows.get(5).perCallNs();
 * }</pre>
 *
 * @param pricedCalls calls priced per point (the listener runs the hart instruction by instruction)
 */
public record PricedSample(FtraceOpsSample sample, Profile profile, long pricedCalls) {
    /** Calls run before pricing, so caches and predictors are warm. */
    public static final int WARMUP = 200;

    /**
     * One priced point.
     *
     * @param perCall cycles and their breakdown per call
     * @param perCallNs ns per call at the profile's clock
     * @param overheadNs ns per call beyond the untraced point
     * @param totalNs ns for the sample's N calls (per call × N)
     */
    public record Row(FtraceOpsSample.Row dispatch, Cost perCall, double perCallNs, double overheadNs, double totalNs) {
    }

    public PricedSample {
        if (profile.arch() != sample.arch()) {
            throw new BadInputException("profile " + profile.name() + " is for " + profile.arch() + ", not "
                    + sample.arch());
        }
        if (pricedCalls < 1) {
            throw new IllegalArgumentException("pricedCalls must be at least 1, got " + pricedCalls);
        }
    }

    /** {@code sample} priced on {@code profile} over 1,000 calls per point. */
    public static PricedSample of(FtraceOpsSample sample, Profile profile) {
        return new PricedSample(sample, profile, 1_000);
    }

    public List<Row> run(List<Point> points) {
        return run(points, p -> { });
    }

    /** Prices every point (and the untraced baseline once), telling {@code progress} before each. */
    public List<Row> run(List<Point> points, Consumer<Point> progress) {
        Measured base = measure(new Point(0, 0));
        List<Row> rows = new ArrayList<>();
        for (Point p : points) {
            progress.accept(p);
            Measured m = measure(p);
            FtraceOpsSample.Row d = sample.row(p, m.stats, base.stats.instructionsPerCall());
            double ns = profile.nanos(m.cost.cycles());
            rows.add(new Row(d, m.cost, ns, ns - profile.nanos(base.cost.cycles()), ns * sample.calls()));
        }
        return rows;
    }

    private record Measured(CallStats stats, Cost cost) {
    }

    private Measured measure(Point p) {
        FtraceModel m = sample.boot(p);
        CostModel cm = new CostModel(profile);
        m.call(FtraceOpsSample.RELEVANT, WARMUP, cm);
        Cost before = cm.snapshot();
        CallStats s = m.call(FtraceOpsSample.RELEVANT, pricedCalls, cm);
        return new Measured(s, cm.snapshot().minus(before).per(pricedCalls));
    }
}
