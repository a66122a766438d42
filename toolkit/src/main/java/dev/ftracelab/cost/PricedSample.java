package dev.ftracelab.cost;

import dev.ftracelab.emu.Hart;
import dev.ftracelab.emu.RetireListener;
import dev.ftracelab.ftrace.CallStats;
import dev.ftracelab.ftrace.FtraceModel;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.ftrace.FtraceOpsSample.Point;
import dev.ftracelab.isa.Instruction;
import dev.ftracelab.util.BadInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The ftrace-ops sample priced on a hardware profile: for each point, the model runs
 * {@link #WARMUP} + {@code pricedCalls} + {@link #WARMUP} calls in one loop with the
 * {@link CostModel} listening, and prices the window from the entry of call {@code WARMUP} to the
 * entry of call {@code WARMUP + pricedCalls}: the steady-state cost per call (as in a
 * 100,000-call loop), with warm caches and predictors and without the loop's entry and exit. The overhead is per call minus the untraced point
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
     * @param totalNs ns of the priced calls together (per call × {@code pricedCalls}): what was priced, not
     *     an extrapolation to the sample's N calls, which a priced run never makes
     */
    public record Row(FtraceOpsSample.Row dispatch, Cost perCall, double perCallNs, double overheadNs, double totalNs) {
    }

    /** The least, middle and greatest of some figures (the median of an even count is the mean of the middle two). */
    public record Range(double min, double median, double max) {
        static Range of(double[] values) {
            double[] v = values.clone();
            Arrays.sort(v);
            int n = v.length;
            double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
            return new Range(v[0], median, v[n - 1]);
        }
    }

    /**
     * One point priced on several heap layouts (seeds): a real board's run has one layout, so a
     * modelled figure is the range over them.
     *
     * @param rows one per seed, in the order of {@code seeds}
     */
    public record Spread(Point point, List<Long> seeds, List<Row> rows) {
        public Spread {
            seeds = List.copyOf(seeds);
            rows = List.copyOf(rows);
            if (rows.isEmpty() || rows.size() != seeds.size()) {
                throw new IllegalArgumentException("a spread needs one row per seed, got " + rows.size() + " rows for "
                        + seeds.size() + " seeds");
            }
        }

        /** Ns per call over the seeds. */
        public Range perCallNs() {
            return Range.of(rows.stream().mapToDouble(Row::perCallNs).toArray());
        }

        /** Ns per call beyond each seed's own untraced point, over the seeds. */
        public Range overheadNs() {
            return Range.of(rows.stream().mapToDouble(Row::overheadNs).toArray());
        }
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

    /** This priced sample with the heap layout drawn from {@code seed}. */
    public PricedSample seed(long seed) {
        return new PricedSample(sample.seed(seed), profile, pricedCalls);
    }

    /**
     * Prices every point on each seed's heap layout ({@link #run} once per seed).
     *
     * <pre>{@code
     * List<PricedSample.Spread> s = m1.spread(List.of(new Point(100, 0)), KernelHeap.seeds(8));
     * s.get(0).perCallNs().median();
     * }</pre>
     */
    public List<Spread> spread(List<Point> points, List<Long> seeds) {
        return spread(points, seeds, (seed, p) -> { });
    }

    /** As {@link #spread(List, List)}, telling {@code progress} the seed and point before each runs. */
    public List<Spread> spread(List<Point> points, List<Long> seeds, BiConsumer<Long, Point> progress) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("a spread needs at least one seed");
        }
        List<List<Row>> bySeed = new ArrayList<>();
        for (long seed : seeds) {
            bySeed.add(seed(seed).run(points, p -> progress.accept(seed, p)));
        }
        List<Spread> spreads = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            int at = i;
            spreads.add(new Spread(points.get(i), seeds, bySeed.stream().map(rows -> rows.get(at)).toList()));
        }
        return spreads;
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
            rows.add(new Row(d, m.cost, ns, ns - profile.nanos(base.cost.cycles()), ns * pricedCalls));
        }
        return rows;
    }

    private record Measured(CallStats stats, Cost cost) {
    }

    private Measured measure(Point p) {
        FtraceModel m = sample.boot(p);
        Window w = new Window(new CostModel(profile), m.callsite(FtraceOpsSample.RELEVANT).entry(), WARMUP,
                WARMUP + pricedCalls);
        // one loop of warm-up, priced and trailing calls: the window holds no loop entry or exit
        CallStats s = m.call(FtraceOpsSample.RELEVANT, WARMUP + pricedCalls + WARMUP, w);
        return new Measured(s, w.last.minus(w.first).per(pricedCalls));
    }

    /** Passes the stream to the cost model, snapshotting it as calls number {@code from} and {@code to} begin. */
    private static final class Window implements RetireListener {
        final CostModel cost;
        final long entry;
        final long from;
        final long to;
        long calls;
        Cost first;
        Cost last;

        Window(CostModel cost, long entry, long from, long to) {
            this.cost = cost;
            this.entry = entry;
            this.from = from;
            this.to = to;
        }

        @Override
        public void retired(Hart hart, long pc, Instruction insn, long memAddress, boolean taken) {
            if (pc == entry) {
                if (calls == from) {
                    first = cost.snapshot();
                } else if (calls == to) {
                    last = cost.snapshot();
                }
                calls++;
            }
            cost.retired(hart, pc, insn, memAddress, taken);
        }
    }
}
