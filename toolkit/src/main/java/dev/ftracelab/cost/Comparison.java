package dev.ftracelab.cost;

import dev.ftracelab.ftrace.Dispatch;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.ftrace.FtraceOpsSample.Point;
import dev.ftracelab.ftrace.KernelHeap;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import tech.tablesaw.api.Table;

/**
 * A measured ftrace-ops dataset beside the model: the same (R, I) rows run on the guest kernel
 * with the dataset's arch and a layout, priced on a profile over heap seeds ({@link
 * ModelledSample}), each row with the measured figure, the modelled one, its interval (seed range
 * widened by the band {@link ModelErrors} gives) and whether the measurement lies inside; then the
 * mean and worst error per design and the coverage. This is the calibration view for anyone's
 * board; {@link Calibration} is this over the published M1 datasets with leave-one-out bands.
 *
 * <p>The layout is {@link Builder#layout} if given, else the dataset's {@code variant}:
 * {@code call-ops} runs the CALL_OPS layout, {@code no-call-ops} the arch's list baseline
 * ({@link Layout#before}). What is compared is the overhead (ns per call beyond the untraced
 * call) when the dataset has its own untraced row and an overhead on every traced row, else the
 * per-call time ({@link Metric}).
 *
 * <p>From a notebook cell:
 *
 * <pre>{@code
 * Comparison.Result r = Comparison.builder(Profile.load("m1"), MeasuredDataset.resolve("m1-before"))
 *         .build().run();
 * r.rows().get(0).ratio();          // modelled / measured
 * r.designs();                      // mean and worst error per dispatch
 * r.meanAbsoluteErrorPct(); r.covered();
 * // the mail as ftrace-lab compare prints it, and the plots (dev.ftracelab.report):
 * System.out.print(ComparisonTables.text(r, ComparisonTables.provenance(r, Provenance.capture())));
 * Notebook.show(ComparisonTables.scatter(r));
 * }</pre>
 */
public final class Comparison {
    /** What a row compares. */
    public enum Metric {
        /** Ns per call beyond the untraced call of the same run ({@code overhead_ns}). */
        OVERHEAD("overhead", "overhead_ns"),
        /** Ns per call, the untraced call included ({@code per_call_ns}). */
        PER_CALL("per-call", "per_call_ns");

        private final String id;
        private final String column;

        Metric(String id, String column) {
            this.id = id;
            this.column = column;
        }

        /** {@code overhead} or {@code per-call}. */
        public String id() {
            return id;
        }

        /** The dataset column it reads. */
        public String column() {
            return column;
        }

        /** Parses {@link #id()}. */
        public static Metric parse(String s) {
            return dev.ftracelab.util.Ids.parse(Metric.class, Metric::id, "metric", s);
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /**
     * One measured row beside the model.
     *
     * @param dataset    the measured dataset's name
     * @param profile    the profile the model priced on
     * @param layout     the layout the model ran
     * @param dispatch   how the model's call reached the tracer
     * @param metric     what {@code measuredNs} and {@code modelledNs} are
     * @param measuredNs the dataset's figure, ns per call
     * @param modelledNs the model's (median over heap seeds)
     * @param seedMinNs  the lowest seed's modelled figure
     * @param seedMaxNs  the highest seed's
     * @param baseNs     the part of the modelled figure the band does not scale: the untraced call
     *                   of a per-call figure (the band is an error on overheads), 0 for overheads
     * @param band       the calibration band ({@link ModelErrors.Band#NONE} for an untraced row)
     */
    public record Row(String dataset, String profile, Layout layout, Dispatch dispatch, int relevant, int irrelevant,
            Metric metric, double measuredNs, double modelledNs, double seedMinNs, double seedMaxNs, double baseNs,
            ModelErrors.Band band) {
        /** Lower end of the modelled interval: the lowest seed, its overhead times the band's low factor. */
        public double lowNs() {
            return baseNs + band.low(seedMinNs - baseNs);
        }

        public double highNs() {
            return baseNs + band.high(seedMaxNs - baseNs);
        }

        /** Modelled over measured: 1 is a perfect model, 0.5 a model at half the measurement. */
        public double ratio() {
            return modelledNs / measuredNs;
        }

        /** The model's error in % of the measured figure (negative: modelled too low). */
        public double errorPct() {
            return (modelledNs - measuredNs) / measuredNs * 100;
        }

        /** Whether the measured figure lies inside the modelled interval. */
        public boolean inside() {
            return measuredNs >= lowNs() && measuredNs <= highNs();
        }

        /** This row with the band {@code errors} give it (none for an untraced row). */
        public Row banded(ModelErrors errors) {
            ModelErrors.Band b = dispatch == Dispatch.UNTRACED ? ModelErrors.Band.NONE
                    : errors.band(profile, layout.id(), dispatch, relevant, irrelevant);
            return new Row(dataset, profile, layout, dispatch, relevant, irrelevant, metric, measuredNs, modelledNs,
                    seedMinNs, seedMaxNs, baseNs, b);
        }

        /** As a calibration error row (overheads only). */
        public ModelErrors.Row error() {
            if (metric != Metric.OVERHEAD) {
                throw new IllegalStateException("only overheads calibrate the band, not " + metric);
            }
            return new ModelErrors.Row(dataset, profile, layout.id(), dispatch.id(), relevant, irrelevant, measuredNs,
                    modelledNs, seedMinNs, seedMaxNs);
        }
    }

    /** The model's error over the rows of one dispatch (list, call-ops, ...). */
    public record DesignError(String profile, String dispatch, int rows, double meanAbsErrorPct, double worstErrorPct,
            long inside) {
    }

    /**
     * A comparison's rows and what they ran.
     *
     * @param profile     the profile priced on
     * @param dataset     the measured dataset
     * @param layout      the layout the model ran
     * @param metric      what is compared
     * @param kernel      the kernel whose kmalloc rules the model's heap follows
     * @param pricedCalls calls priced per row and seed
     * @param seeds       heap seeds per row
     * @param rows        in dataset order
     */
    public record Result(Profile profile, MeasuredDataset dataset, Layout layout, Metric metric, String kernel,
            long pricedCalls, int seeds, List<Row> rows) {
        public Result {
            rows = List.copyOf(rows);
        }

        /** Per dispatch: rows, mean absolute and worst error, rows inside their interval. */
        public List<DesignError> designs() {
            return Comparison.designs(profile.name(), rows);
        }

        /** Mean absolute error over every row, %. */
        public double meanAbsoluteErrorPct() {
            return Comparison.meanAbsoluteErrorPct(rows);
        }

        /** Rows whose measured figure lies inside the modelled interval. */
        public long covered() {
            return rows.stream().filter(Row::inside).count();
        }
    }

    private final Profile profile;
    private final MeasuredDataset dataset;
    private final Layout layout;
    private final Metric metric;
    private final String kernel;
    private final long pricedCalls;
    private final int seeds;
    private final ModelErrors errors;

    private Comparison(Builder b) {
        this.profile = b.profile;
        this.dataset = b.dataset;
        Arch arch = dataset.arch();
        if (arch != profile.arch()) {
            List<String> same = Profile.names().stream().filter(n -> Profile.load(n).arch() == arch).toList();
            throw new BadInputException(dataset.where() + " was measured on " + arch + " but profile "
                    + profile.name() + " models " + profile.arch() + ": expected a " + arch + " profile"
                    + (same.isEmpty() ? "" : " (" + String.join(", ", same) + ")"));
        }
        this.layout = b.layout != null ? checked(b.layout, arch) : layoutFor(arch, dataset.variant())
                .orElseThrow(() -> new BadInputException(dataset.where() + ": variant '" + dataset.variant()
                        + "' says no layout (call-ops or no-call-ops): pass --layout (one of " + layouts(arch) + ")"));
        this.metric = b.metric != null ? b.metric : defaultMetric(dataset.rows());
        this.kernel = b.kernel != null ? b.kernel : dataset.kernel().orElse(KernelHeap.DEFAULT_KERNEL);
        try {
            KernelHeap.Version.parse(kernel);
        } catch (IllegalArgumentException e) {
            throw new BadInputException((b.kernel != null ? "--kernel" : dataset.where() + ": kernel") + ": "
                    + e.getMessage());
        }
        if (b.pricedCalls < 1) {
            throw new BadInputException("--priced-calls: expected at least 1, got " + b.pricedCalls);
        }
        if (b.seeds < 1) {
            throw new BadInputException("--seeds: expected at least 1, got " + b.seeds);
        }
        this.pricedCalls = b.pricedCalls;
        this.seeds = b.seeds;
        this.errors = b.errors != null ? b.errors : ModelErrors.load();
        if (compared(dataset.rows()).isEmpty()) {
            throw new BadInputException(dataset.where() + ": nothing to compare: no "
                    + (metric == Metric.OVERHEAD ? "traced row (R > 0) with an overhead_ns" : "row"));
        }
    }

    /** Compares {@code dataset} with the model on {@code profile}; configure, then {@link Builder#build()}. */
    public static Builder builder(Profile profile, MeasuredDataset dataset) {
        return new Builder(profile, dataset);
    }

    /**
     * The layout a kernel variant ran on {@code arch}: {@code call-ops} the CALL_OPS layout,
     * {@code no-call-ops} the list baseline; empty for any other label.
     */
    public static java.util.Optional<Layout> layoutFor(Arch arch, String variant) {
        return switch (variant) {
            case "call-ops" -> java.util.Optional.of(Layout.CALL_OPS);
            case "no-call-ops" -> java.util.Optional.of(Layout.before(arch));
            default -> java.util.Optional.empty();
        };
    }

    /**
     * Overhead when the dataset has its own untraced row and an overhead on every traced row (it
     * was measured against that baseline), else per call.
     */
    static Metric defaultMetric(Table t) {
        boolean untraced = false;
        boolean overheads = true;
        for (int r = 0; r < t.rowCount(); r++) {
            if (t.intColumn("relevant").getInt(r) == 0) {
                untraced = true;
            } else if (t.doubleColumn("overhead_ns").isMissing(r)) {
                overheads = false;
            }
        }
        return untraced && overheads ? Metric.OVERHEAD : Metric.PER_CALL;
    }

    public Profile profile() {
        return profile;
    }

    public MeasuredDataset dataset() {
        return dataset;
    }

    public Layout layout() {
        return layout;
    }

    public Metric metric() {
        return metric;
    }

    /** The kernel version of the model's heap rules. */
    public String kernel() {
        return kernel;
    }

    public long pricedCalls() {
        return pricedCalls;
    }

    public int seeds() {
        return seeds;
    }

    /** Points priced by {@link #run} (seeds × dataset rows), for progress bars. */
    public int pricedPoints() {
        return seeds * dataset.rows().rowCount();
    }

    public Result run() {
        return run(p -> { });
    }

    /** Prices every row of the dataset over the seeds (telling {@code progress} before each point) and compares. */
    public Result run(Consumer<Point> progress) {
        Table t = dataset.rows();
        FtraceOpsSample sample = FtraceOpsSample.of(profile.arch(), layout)
                .heap(KernelHeap.builder(profile.arch()).kernel(kernel).build());
        List<Point> points = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            points.add(new Point(t.intColumn("relevant").getInt(r), t.intColumn("irrelevant").getInt(r)));
        }
        // priced without a band: the band is applied below, from errors (or, calibrating, from these rows)
        List<ModelledSample.Row> priced = ModelledSample.builder(sample, profile).pricedCalls(pricedCalls).seeds(seeds)
                .errors(new ModelErrors(List.of())).build().run(points, progress);
        List<Row> rows = new ArrayList<>();
        for (int r : compared(t)) {
            Point p = points.get(r);
            ModelledSample.Row m = priced.get(r);
            double measured = t.doubleColumn(metric.column()).getDouble(r);
            Row row;
            if (metric == Metric.OVERHEAD) {
                row = new Row(dataset.name(), profile.name(), layout, m.dispatch(), p.relevant(), p.irrelevant(),
                        metric, measured, m.overheadNs(), m.overheadLowNs(), m.overheadHighNs(), 0,
                        ModelErrors.Band.NONE);
            } else if (p.relevant() == 0) {
                row = new Row(dataset.name(), profile.name(), layout, Dispatch.UNTRACED, 0, p.irrelevant(), metric,
                        measured, m.perCallNs(), m.seedMinNs(), m.seedMaxNs(), 0, ModelErrors.Band.NONE);
            } else {
                double base = m.perCallNs() - m.overheadNs();
                row = new Row(dataset.name(), profile.name(), layout, m.dispatch(), p.relevant(), p.irrelevant(),
                        metric, measured, m.perCallNs(), base + m.overheadLowNs(), base + m.overheadHighNs(), base,
                        ModelErrors.Band.NONE);
            }
            rows.add(row.banded(errors));
        }
        return new Result(profile, dataset, layout, metric, kernel, pricedCalls, seeds, rows);
    }

    /** The indexes of the rows compared: traced rows with an overhead, or every row per call. */
    private List<Integer> compared(Table t) {
        List<Integer> out = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            boolean traced = t.intColumn("relevant").getInt(r) > 0;
            if (metric == Metric.PER_CALL || traced && !t.doubleColumn("overhead_ns").isMissing(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Per dispatch, in first-seen order: rows, mean absolute and worst error, rows inside. */
    static List<DesignError> designs(String profile, List<Row> rows) {
        Map<Dispatch, List<Row>> by = new LinkedHashMap<>();
        rows.forEach(r -> by.computeIfAbsent(r.dispatch(), k -> new ArrayList<>()).add(r));
        List<DesignError> out = new ArrayList<>();
        by.forEach((dispatch, rs) -> {
            Row worst = rs.stream().max((a, b) -> Double.compare(Math.abs(a.errorPct()), Math.abs(b.errorPct())))
                    .orElseThrow();
            out.add(new DesignError(profile, dispatch.id(), rs.size(), meanAbsoluteErrorPct(rs), worst.errorPct(),
                    rs.stream().filter(Row::inside).count()));
        });
        return out;
    }

    static double meanAbsoluteErrorPct(List<Row> rows) {
        return rows.stream().mapToDouble(r -> Math.abs(r.errorPct())).average().orElse(Double.NaN);
    }

    private static Layout checked(Layout l, Arch arch) {
        if (!l.supports(arch)) {
            throw new BadInputException("--layout " + l.id() + " does not exist on " + arch + ": expected one of "
                    + layouts(arch));
        }
        return l;
    }

    private static String layouts(Arch arch) {
        return String.join(", ", java.util.Arrays.stream(Layout.of(arch)).map(Layout::id).toList());
    }

    /** Configuration of a {@link Comparison}. */
    public static final class Builder {
        private final Profile profile;
        private final MeasuredDataset dataset;
        private Layout layout;
        private Metric metric;
        private String kernel;
        private long pricedCalls = 1_000;
        private int seeds = ModelledSample.DEFAULT_SEEDS;
        private ModelErrors errors;

        private Builder(Profile profile, MeasuredDataset dataset) {
            this.profile = Objects.requireNonNull(profile, "profile");
            this.dataset = Objects.requireNonNull(dataset, "dataset");
        }

        /** The layout the model runs (default: from the dataset's variant). */
        public Builder layout(Layout l) {
            this.layout = l;
            return this;
        }

        /** What is compared (default: overhead where the dataset has its own baseline, else per call). */
        public Builder metric(Metric m) {
            this.metric = m;
            return this;
        }

        /** The kernel version of the model's heap rules (default: the dataset's, else {@value KernelHeap#DEFAULT_KERNEL}). */
        public Builder kernel(String version) {
            this.kernel = version;
            return this;
        }

        /** Calls priced per row and seed (default 1,000). */
        public Builder pricedCalls(long n) {
            this.pricedCalls = n;
            return this;
        }

        /** Heap seeds per row (default {@value ModelledSample#DEFAULT_SEEDS}). */
        public Builder seeds(int n) {
            this.seeds = n;
            return this;
        }

        /** The errors the interval's band comes from (default: the committed ones, {@link ModelErrors#load()}). */
        public Builder errors(ModelErrors e) {
            this.errors = e;
            return this;
        }

        /**
         * @throws BadInputException when the dataset's arch is not the profile's, no layout is
         *     given or derivable, or there is no row to compare
         */
        public Comparison build() {
            return new Comparison(this);
        }
    }
}
