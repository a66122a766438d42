package dev.ftracelab.cost;

import dev.ftracelab.ftrace.Dispatch;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.ftrace.FtraceOpsSample.Point;
import dev.ftracelab.ftrace.KernelHeap;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The ftrace-ops sample priced on a profile with an interval on every figure: each point is
 * priced once per heap seed ({@link PricedSample#spread}: the kernel's slab places the sample's
 * ops, hashes and entries differently on every boot; a board's run has one of those layouts),
 * and the figure is the median over the seeds. Its interval spans the lowest and highest seed, widened by the band
 * the model's error on published hardware gives ({@link ModelErrors#band}).
 *
 * <pre>{@code
 * ModelledSample m = ModelledSample.builder(FtraceOpsSample.of(Arch.RISCV64, Layout.NOP_NOP), Profile.load("vf2"))
 *         .seeds(8).build();
 * ModelledSample.Row r = m.run(List.of(new Point(1, 10))).get(0);
 * r.overheadNs(); r.overheadLowNs(); r.overheadHighNs(); r.band().basis();
 * }</pre>
 */
public final class ModelledSample {
    /** Heap seeds priced per point unless told otherwise. */
    public static final int DEFAULT_SEEDS = 8;

    private final FtraceOpsSample sample;
    private final Profile profile;
    private final long pricedCalls;
    private final int seeds;
    private final ModelErrors errors;

    private ModelledSample(Builder b) {
        this.sample = b.sample;
        this.profile = b.profile;
        this.pricedCalls = b.pricedCalls;
        this.seeds = b.seeds;
        this.errors = b.errors == null ? ModelErrors.load() : b.errors;
        new PricedSample(sample, profile, pricedCalls); // validates arch and calls up front
    }

    public static Builder builder(FtraceOpsSample sample, Profile profile) {
        return new Builder(sample, profile);
    }

    public FtraceOpsSample sample() {
        return sample;
    }

    public Profile profile() {
        return profile;
    }

    public long pricedCalls() {
        return pricedCalls;
    }

    public int seeds() {
        return seeds;
    }

    /**
     * One point with its interval. Per-call figures include the untraced call; the overhead is
     * per call minus the untraced point's, both medians over the seeds. Untraced points
     * ({@code R = 0}) have no overhead ({@code NaN}) and no band: their interval is the seeds'.
     *
     * @param median the priced row of the median seed (its breakdown, instructions, site)
     * @param dispatch how the call reached its tracer
     * @param perCallNs median over seeds, ns per call
     * @param overheadNs median over seeds of the overhead
     * @param seedMinNs lowest per-call figure over the seeds
     * @param seedMaxNs highest
     * @param overheadLowNs lower end of the overhead's interval (seeds and band)
     * @param overheadHighNs upper end
     * @param band the calibration band applied
     */
    public record Row(PricedSample.Row median, Dispatch dispatch, double perCallNs, double overheadNs,
            double seedMinNs, double seedMaxNs, double overheadLowNs, double overheadHighNs, ModelErrors.Band band) {
        public int relevant() {
            return median.dispatch().relevant();
        }

        public int irrelevant() {
            return median.dispatch().irrelevant();
        }

        /** Lower end of the per-call interval: the untraced call plus the overhead's lower end. */
        public double perCallLowNs() {
            return Double.isNaN(overheadNs) ? seedMinNs : perCallNs - overheadNs + overheadLowNs;
        }

        public double perCallHighNs() {
            return Double.isNaN(overheadNs) ? seedMaxNs : perCallNs - overheadNs + overheadHighNs;
        }
    }

    public List<Row> run(List<Point> points) {
        return run(points, p -> { });
    }

    /**
     * Prices every point once per seed ({@link KernelHeap#seeds}, starting at the sample's
     * default seed), telling {@code progress} before each (seeds × points calls).
     */
    public List<Row> run(List<Point> points, Consumer<Point> progress) {
        List<PricedSample.Spread> spreads = new PricedSample(sample, profile, pricedCalls)
                .spread(points, KernelHeap.seeds(seeds), (seed, p) -> progress.accept(p));
        return spreads.stream().map(this::combine).toList();
    }

    private Row combine(PricedSample.Spread s) {
        Point p = s.point();
        PricedSample.Range perCall = s.perCallNs();
        // the seed whose per-call figure is the (lower) median carries the breakdown and the site
        PricedSample.Row median = s.rows().stream().sorted(Comparator.comparingDouble(PricedSample.Row::perCallNs))
                .toList().get((s.rows().size() - 1) / 2);
        Dispatch dispatch = median.dispatch().site().dispatch();
        if (p.relevant() == 0) {
            return new Row(median, dispatch, perCall.median(), Double.NaN, perCall.min(), perCall.max(), Double.NaN,
                    Double.NaN, ModelErrors.Band.NONE);
        }
        PricedSample.Range overhead = s.overheadNs();
        ModelErrors.Band band = errors.band(profile.name(), sample.layout().id(), dispatch, p.relevant(), p.irrelevant());
        return new Row(median, dispatch, perCall.median(), overhead.median(), perCall.min(), perCall.max(),
                band.low(overhead.min()), band.high(overhead.max()), band);
    }

    /** Configuration of a {@link ModelledSample}. */
    public static final class Builder {
        private final FtraceOpsSample sample;
        private final Profile profile;
        private long pricedCalls = 1_000;
        private int seeds = DEFAULT_SEEDS;
        private ModelErrors errors;

        private Builder(FtraceOpsSample sample, Profile profile) {
            this.sample = Objects.requireNonNull(sample, "sample");
            this.profile = Objects.requireNonNull(profile, "profile");
        }

        /** Calls priced per point and seed (default 1,000). */
        public Builder pricedCalls(long n) {
            this.pricedCalls = n;
            return this;
        }

        /** Heap seeds per point (default {@value #DEFAULT_SEEDS}); 1 gives one layout and no seed spread. */
        public Builder seeds(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("seeds must be at least 1, got " + n);
            }
            this.seeds = n;
            return this;
        }

        /** The errors the band comes from (default: the committed ones, {@link ModelErrors#load()}). */
        public Builder errors(ModelErrors e) {
            this.errors = e;
            return this;
        }

        public ModelledSample build() {
            return new ModelledSample(this);
        }
    }
}
