package dev.ftracelab.cost;

import dev.ftracelab.ftrace.Callsite;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.ftrace.FtraceOpsSample.Point;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The ftrace-ops sample priced on a profile with an interval on every figure: each point is
 * priced once per heap seed (the kernel's slab places the sample's ops, hashes and entries
 * differently on every boot; a board's run has one of those layouts), and the figure is the
 * median over the seeds. Its interval spans the lowest and highest seed, widened by the band
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
     * @param path how the call reached its tracer
     * @param perCallNs median over seeds, ns per call
     * @param overheadNs median over seeds of the overhead
     * @param seedMinNs lowest per-call figure over the seeds
     * @param seedMaxNs highest
     * @param overheadLowNs lower end of the overhead's interval (seeds and band)
     * @param overheadHighNs upper end
     * @param band the calibration band applied
     */
    public record Row(PricedSample.Row median, Callsite.Path path, double perCallNs, double overheadNs,
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

    /** Prices every point once per seed, telling {@code progress} before each (seeds × points calls). */
    public List<Row> run(List<Point> points, Consumer<Point> progress) {
        List<List<PricedSample.Row>> bySeed = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            bySeed.add(new PricedSample(seeded(s), profile, pricedCalls).run(points, progress));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            List<PricedSample.Row> at = new ArrayList<>();
            for (List<PricedSample.Row> r : bySeed) {
                at.add(r.get(i));
            }
            rows.add(combine(points.get(i), at));
        }
        return rows;
    }

    /** The sample with its s-th heap layout. */
    private FtraceOpsSample seeded(int s) {
        return sample; // FIXME(issue 14): the slab heap's seed, when it lands
    }

    private Row combine(Point p, List<PricedSample.Row> at) {
        List<PricedSample.Row> sorted = at.stream().sorted(Comparator.comparingDouble(PricedSample.Row::perCallNs)).toList();
        PricedSample.Row median = sorted.get((sorted.size() - 1) / 2);
        double perCall = median(sorted.stream().mapToDouble(PricedSample.Row::perCallNs).toArray());
        double min = sorted.get(0).perCallNs();
        double max = sorted.get(sorted.size() - 1).perCallNs();
        Callsite.Path path = median.dispatch().site().path();
        if (p.relevant() == 0) {
            return new Row(median, path, perCall, Double.NaN, min, max, Double.NaN, Double.NaN, ModelErrors.Band.NONE);
        }
        double[] overheads = sorted.stream().mapToDouble(PricedSample.Row::overheadNs).sorted().toArray();
        double overhead = median(overheads);
        ModelErrors.Band band = errors.band(profile.name(), sample.layout().id(), path, p.relevant(), p.irrelevant());
        return new Row(median, path, perCall, overhead, min, max, band.low(overheads[0]),
                band.high(overheads[overheads.length - 1]), band);
    }

    /** The median of sorted values (the mean of the middle two for an even count). */
    static double median(double[] sorted) {
        double[] v = sorted.clone();
        java.util.Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
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
