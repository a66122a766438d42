package dev.ftracelab.dataset;

import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.ProjectPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The published ftrace_ops-sample measurements ({@code datasets/published/ftrace-ops.csv}): per-call
 * tracing overhead with R relevant and I irrelevant ops, before and after CALL_OPS, on arm64
 * (Apple M1) and riscv64 (QEMU). These are the figures the cost model is calibrated against.
 *
 * <p>Columns: {@code dataset, arch, platform, variant} (text), {@code relevant, irrelevant, calls}
 * (int), {@code total_ns} (long, may be missing), {@code per_call_ns} (double),
 * {@code overhead_ns} (double, missing for untraced rows), plus the derived {@code sweep}: which
 * experiment a row belongs to ({@link Sweep}).
 *
 * <pre>{@code
 * PublishedMeasurements pm = PublishedMeasurements.load();
 * Table before = pm.dataset("m1-before");
 * pm.sources().forEach(System.out::println);
 * }</pre>
 *
 * @param table all rows, in file order
 * @param notes the file's comment lines: definitions and the source of each dataset
 * @param file  where the rows were read from
 */
public record PublishedMeasurements(Table table, List<String> notes, Path file) {

    /** The expected columns, in file order. */
    public static final List<ColumnSpec> SCHEMA = List.of(
            ColumnSpec.string("dataset"),
            ColumnSpec.string("arch"),
            ColumnSpec.string("platform"),
            ColumnSpec.string("variant"),
            ColumnSpec.integer("relevant").nonNegative(),
            ColumnSpec.integer("irrelevant").nonNegative(),
            ColumnSpec.integer("calls").nonNegative(),
            ColumnSpec.longInteger("total_ns").nonNegative().optional(),
            ColumnSpec.number("per_call_ns").nonNegative(),
            ColumnSpec.number("overhead_ns").optional());

    /** The experiment a row belongs to, as the ftrace-ops sample's results are usually grouped. */
    public enum Sweep {
        /** No relevant ops: the call is untraced, whatever number of irrelevant ops exist. */
        UNTRACED("untraced"),
        /** One relevant ops, a growing number of irrelevant ones. */
        IRRELEVANT("irrelevant ops"),
        /** No irrelevant ops, a growing number of relevant ones. */
        RELEVANT("relevant ops");

        private final String label;

        Sweep(String label) {
            this.label = label;
        }

        /** Short human label, e.g. "irrelevant ops". */
        public String label() {
            return label;
        }

        /** Classifies an (R, I) pair. */
        public static Sweep of(int relevant, int irrelevant) {
            if (relevant == 0) {
                return UNTRACED;
            }
            return irrelevant > 0 ? IRRELEVANT : RELEVANT;
        }
    }

    public PublishedMeasurements {
        Objects.requireNonNull(table, "table");
        notes = List.copyOf(notes);
    }

    /** The committed file, {@code datasets/published/ftrace-ops.csv}. */
    public static Path defaultFile() {
        return ProjectPaths.datasets().resolve("published").resolve("ftrace-ops.csv");
    }

    /** Loads the committed dataset. */
    public static PublishedMeasurements load() {
        return load(defaultFile());
    }

    /**
     * Loads a dataset file with the published schema.
     *
     * @throws BadInputException naming file and line on the first malformed row
     */
    public static PublishedMeasurements load(Path file) {
        TypedCsv.Result r = TypedCsv.read(file, "published ftrace-ops measurements", SCHEMA);
        Table t = r.table();
        IntColumn rel = t.intColumn("relevant");
        IntColumn irr = t.intColumn("irrelevant");
        StringColumn sweep = StringColumn.create("sweep");
        for (int i = 0; i < t.rowCount(); i++) {
            sweep.append(Sweep.of(rel.getInt(i), irr.getInt(i)).name().toLowerCase(java.util.Locale.ROOT));
        }
        t.addColumns(sweep);
        return new PublishedMeasurements(t, r.notes(), file);
    }

    /** The distinct dataset names, in file order (e.g. {@code m1-before}, {@code m1-after}). */
    public List<String> datasetNames() {
        return table.stringColumn("dataset").unique().asList().stream()
                .sorted(java.util.Comparator.comparingInt(n -> table.stringColumn("dataset").indexOf(n)))
                .toList();
    }

    /**
     * The rows of one dataset, in file order.
     *
     * @throws BadInputException if there is no such dataset (the message lists the known ones)
     */
    public Table dataset(String name) {
        Table rows = table.where(table.stringColumn("dataset").isEqualTo(name));
        if (rows.rowCount() == 0) {
            throw new BadInputException("no published dataset '" + name + "' in " + file
                    + "; known: " + String.join(", ", datasetNames()));
        }
        return rows.setName(name);
    }

    /** The comment lines that name sources (everything from the "Sources:" line on). */
    public List<String> sources() {
        for (int i = 0; i < notes.size(); i++) {
            if (notes.get(i).trim().startsWith("Sources")) {
                return notes.subList(i, notes.size());
            }
        }
        return List.of();
    }
}
