package dev.ftracelab.cost;

import dev.ftracelab.dataset.ColumnSpec;
import dev.ftracelab.dataset.TypedCsv;
import dev.ftracelab.ftrace.Dispatch;
import dev.ftracelab.util.AtomicFiles;
import dev.ftracelab.util.ProjectPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tech.tablesaw.api.Table;

/**
 * The cost model's error on every published hardware row, and the interval that error puts on a
 * modelled figure: the calibration turned into a band, by <b>leaving one dataset out</b>.
 *
 * <p>A figure of dispatch {@code d} (list processing, CALL_OPS, ...) modelled on profile
 * {@code P} with layout {@code L} gets the range of {@code published / modelled} over the
 * published rows of dispatch {@code d} that were not measured on {@code P} with {@code L}: for vf2
 * and k1, every M1 row of that dispatch; for m1 with {@code pre-call-ops}, the rows of the
 * {@code call-ops} dataset, and the other way round. When no other dataset has a row of that
 * path (CALL_OPS on M1 was measured once), the other rows of the same path in the figure's own
 * dataset are used (leave one row out). Private and direct trampolines, which nobody measured,
 * take the CALL_OPS rows: like CALL_OPS they go straight to the tracer. The band always spans
 * the modelled figure itself (ratio 1), so it reads "the model, and where its error on other
 * hardware says the truth may be".
 *
 * <p>The rows are committed ({@code datasets/calibration/model-errors.csv}, written by
 * {@code ftrace-lab calibrate --save}) so that a table gets its band without re-running the
 * calibration; a test re-runs it and fails when the file no longer matches the model.
 *
 * <pre>{@code
 * ModelErrors e = ModelErrors.load();
 * Band b = e.band("vf2", "nop-nop", Dispatch.LIST, 1, 10);
 * double high = b.high(98.0);      // ns: the upper end for a modelled 98 ns
 * }</pre>
 *
 * @param rows one per published traced row, in calibration order
 */
public record ModelErrors(List<Row> rows) {
    /** The committed file, relative to {@code datasets/}. */
    public static final String FILE = "calibration/model-errors.csv";

    /**
     * One published row beside the model.
     *
     * @param dataset the published dataset, e.g. {@code m1-before}
     * @param profile the profile of the hardware it was measured on
     * @param layout the layout the model ran
     * @param dispatch how the model's call reached the tracer ({@link Dispatch#id()})
     * @param publishedNs the published overhead, ns per call
     * @param modelledNs the modelled overhead (median over the heap seeds)
     * @param seedMinNs the lowest modelled overhead over the seeds
     * @param seedMaxNs the highest
     */
    public record Row(String dataset, String profile, String layout, String dispatch, int relevant, int irrelevant,
            double publishedNs, double modelledNs, double seedMinNs, double seedMaxNs) {
        /** How far off the model is, as the factor that takes it to the published figure. */
        public double ratio() {
            return publishedNs / modelledNs;
        }

        /** The model's error in % of the published figure (negative: modelled too low). */
        public double errorPct() {
            return (modelledNs - publishedNs) / publishedNs * 100;
        }
    }

    /**
     * The factors a modelled figure is multiplied by for the ends of its interval.
     *
     * @param lowRatio at most 1
     * @param highRatio at least 1
     * @param rows how many published rows the factors come from (0: no band)
     * @param method {@code leave-one-dataset-out}, {@code other hardware}, {@code leave-one-row-out} or
     *     {@code none}
     * @param datasets the datasets the rows come from, joined by {@code +}
     * @param dispatch the dispatch whose rows were used
     */
    public record Band(double lowRatio, double highRatio, int rows, String method, String datasets, String dispatch) {
        /** No calibration band (an untraced call has no overhead to be wrong about). */
        public static final Band NONE = new Band(1, 1, 0, "none", "", "");

        public double low(double modelled) {
            return modelled * lowRatio;
        }

        public double high(double modelled) {
            return modelled * highRatio;
        }

        /** What the band comes from, for captions: {@code "leave-one-dataset-out: 3 list rows of m1-after"}. */
        public String basis() {
            return rows == 0 ? "no band" : method + ": " + rows + " " + dispatch + " rows of " + datasets;
        }
    }

    private static final List<ColumnSpec> SCHEMA = List.of(ColumnSpec.string("dataset"), ColumnSpec.string("profile"),
            ColumnSpec.string("layout"), ColumnSpec.string("dispatch"), ColumnSpec.integer("relevant").nonNegative(),
            ColumnSpec.integer("irrelevant").nonNegative(), ColumnSpec.number("published_ns").nonNegative(),
            ColumnSpec.number("modelled_ns"), ColumnSpec.number("seed_min_ns"), ColumnSpec.number("seed_max_ns"));

    public ModelErrors {
        rows = List.copyOf(rows);
    }

    /** The committed errors ({@link #FILE}). */
    public static ModelErrors load() {
        return read(ProjectPaths.datasets().resolve(FILE));
    }

    /** Reads an errors file; a bad cell is reported as {@code file:line}. */
    public static ModelErrors read(Path file) {
        Table t = TypedCsv.read(file, "model errors", SCHEMA).table();
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            rows.add(new Row(t.stringColumn("dataset").get(r), t.stringColumn("profile").get(r),
                    t.stringColumn("layout").get(r), t.stringColumn("dispatch").get(r), t.intColumn("relevant").getInt(r),
                    t.intColumn("irrelevant").getInt(r), t.doubleColumn("published_ns").getDouble(r),
                    t.doubleColumn("modelled_ns").getDouble(r), t.doubleColumn("seed_min_ns").getDouble(r),
                    t.doubleColumn("seed_max_ns").getDouble(r)));
        }
        return new ModelErrors(rows);
    }

    /** Writes the rows as CSV, with {@code notes} as leading {@code #} lines; atomically. */
    public void write(Path file, List<String> notes) {
        StringBuilder s = new StringBuilder();
        notes.forEach(n -> s.append("# ").append(n).append('\n'));
        s.append(String.join(",", SCHEMA.stream().map(ColumnSpec::name).toList())).append('\n');
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%d,%s,%s,%s,%s%n", r.dataset(), r.profile(), r.layout(),
                    r.dispatch(), r.relevant(), r.irrelevant(), num(r.publishedNs()), num(r.modelledNs()),
                    num(r.seedMinNs()), num(r.seedMaxNs())));
        }
        AtomicFiles.writeString(file, s.toString());
    }

    /** Enough digits to read back the same double. */
    private static String num(double v) {
        return Double.toString(v);
    }

    /**
     * The band of a figure of {@code dispatch} modelled on {@code profile} with {@code layout} at
     * (R, I): see the class comment for which rows it comes from.
     */
    public Band band(String profile, String layout, Dispatch dispatch, int relevant, int irrelevant) {
        if (dispatch == Dispatch.UNTRACED) {
            return Band.NONE;
        }
        Dispatch like = dispatch == Dispatch.PER_CALLSITE_TRAMPOLINE || dispatch == Dispatch.DIRECT
                ? Dispatch.CALL_OPS : dispatch;
        Optional<String> own = Calibration.datasetFor(profile, layout);
        List<Row> pool = rows.stream()
                .filter(r -> r.dispatch().equals(like.id()) && own.map(d -> !d.equals(r.dataset())).orElse(true)).toList();
        String basis;
        if (!pool.isEmpty()) {
            basis = own.isPresent() ? "leave-one-dataset-out" : "other hardware";
        } else {
            pool = rows.stream().filter(r -> r.dispatch().equals(like.id()) && own.map(r.dataset()::equals).orElse(false)
                    && !(r.relevant() == relevant && r.irrelevant() == irrelevant)).toList();
            basis = "leave-one-row-out";
        }
        if (pool.isEmpty()) {
            return new Band(1, 1, 0, "none", "", like.id());
        }
        double lo = 1;
        double hi = 1;
        for (Row r : pool) {
            lo = Math.min(lo, r.ratio());
            hi = Math.max(hi, r.ratio());
        }
        String of = String.join("+", pool.stream().map(Row::dataset).distinct().toList());
        return new Band(lo, hi, pool.size(), basis, of, like.id());
    }

    /**
     * How many published rows lie inside the interval their own leave-one-out band (and seed
     * spread) gives: a check that the band is honest rather than a restatement of the error.
     */
    public long covered() {
        return rows.stream().filter(this::covers).count();
    }

    /** Whether {@code r}'s published figure is inside its leave-one-out interval. */
    public boolean covers(Row r) {
        Band b = band(r.profile(), r.layout(), Dispatch.parse(r.dispatch()), r.relevant(), r.irrelevant());
        return r.publishedNs() >= b.low(r.seedMinNs()) && r.publishedNs() <= b.high(r.seedMaxNs());
    }
}
