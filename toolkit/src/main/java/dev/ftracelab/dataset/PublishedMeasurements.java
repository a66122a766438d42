package dev.ftracelab.dataset;

import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.InputLimits;
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
 * {@code overhead_ns} (double, missing for untraced rows); optional trailing columns for datasets
 * imported from a board ({@code ftrace-lab import}): {@code runs} (how many runs a row summarises),
 * {@code per_call_min_ns}, {@code per_call_max_ns} (their spread) and {@code kernel} (the kernel
 * version), empty for the published rows; plus the derived {@code sweep}: which experiment a row
 * belongs to ({@link Sweep}). A file without the optional columns (written before they existed)
 * still loads.
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
            ColumnSpec.number("overhead_ns").optional(),
            ColumnSpec.integer("runs").nonNegative().optional(),
            ColumnSpec.number("per_call_min_ns").nonNegative().optional(),
            ColumnSpec.number("per_call_max_ns").nonNegative().optional(),
            ColumnSpec.string("kernel").optional());

    /** Columns a tool adds when it writes a dataset (e.g. {@code published --format csv}); skipped on load. */
    public static final java.util.Set<String> DERIVED = java.util.Set.of("sweep");

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

    private static final String TABLE_NAME = "published ftrace-ops measurements";

    /** The committed file, {@code datasets/published/ftrace-ops.csv}. */
    public static Path defaultFile() {
        return ProjectPaths.datasets().resolve("published").resolve("ftrace-ops.csv");
    }

    /** Loads the committed dataset. */
    public static PublishedMeasurements load() {
        return load(defaultFile());
    }

    /**
     * Loads a dataset file with the published schema. Columns are matched by name: the optional
     * ones may be absent and a derived {@code sweep} column (as {@code published --format csv}
     * writes it) is skipped.
     *
     * @throws BadInputException naming file and line on the first malformed row
     */
    public static PublishedMeasurements load(Path file) {
        return load(file, InputLimits.DEFAULTS);
    }

    /** As {@link #load(Path)}, reading at most {@code limits.csvText()} bytes of text. */
    public static PublishedMeasurements load(Path file, InputLimits limits) {
        TypedCsv.Result r = TypedCsv.readFlexible(file, TABLE_NAME, SCHEMA, DERIVED, limits);
        return of(r.table(), r.notes(), file);
    }

    /**
     * Parses lines already read (e.g. by an importer that capped the file size). A malformed row
     * goes to {@code badRows} and is skipped when that is not null; else it is thrown.
     *
     * @throws BadInputException on a bad header, or on a bad row when {@code badRows} is null
     */
    public static PublishedMeasurements parse(Path file, List<String> lines,
            java.util.function.Consumer<BadInputException> badRows) {
        TypedCsv.Result r = TypedCsv.parseFlexible(file, lines, TABLE_NAME, SCHEMA, DERIVED, badRows);
        return of(r.table(), r.notes(), file);
    }

    /**
     * A dataset from rows built in memory: {@code rows} must hold the {@link #SCHEMA} columns
     * (names and types, in order); the derived {@code sweep} column is added.
     *
     * @throws IllegalArgumentException if a column is missing or has the wrong type
     */
    public static PublishedMeasurements of(Table rows, List<String> notes, Path file) {
        List<String> names = rows.columnNames().stream().filter(n -> !DERIVED.contains(n)).toList();
        if (!names.equals(SCHEMA.stream().map(ColumnSpec::name).toList())) {
            throw new IllegalArgumentException("expected the columns " + SCHEMA.stream().map(ColumnSpec::name).toList()
                    + ", got " + names);
        }
        Table t = Table.create(TABLE_NAME);
        for (ColumnSpec spec : SCHEMA) {
            tech.tablesaw.columns.Column<?> c = rows.column(spec.name());
            tech.tablesaw.api.ColumnType want = switch (spec.type()) {
                case STRING -> tech.tablesaw.api.ColumnType.STRING;
                case INTEGER -> tech.tablesaw.api.ColumnType.INTEGER;
                case LONG, ADDRESS -> tech.tablesaw.api.ColumnType.LONG;
                case DOUBLE -> tech.tablesaw.api.ColumnType.DOUBLE;
            };
            if (c.type() != want) {
                throw new IllegalArgumentException("column '" + spec.name() + "' is " + c.type() + ", expected " + want);
            }
            t.addColumns(c.copy());
        }
        IntColumn rel = t.intColumn("relevant");
        IntColumn irr = t.intColumn("irrelevant");
        StringColumn sweep = StringColumn.create("sweep");
        for (int i = 0; i < t.rowCount(); i++) {
            sweep.append(Sweep.of(rel.getInt(i), irr.getInt(i)).name().toLowerCase(java.util.Locale.ROOT));
        }
        t.addColumns(sweep);
        return new PublishedMeasurements(t, notes, file);
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
