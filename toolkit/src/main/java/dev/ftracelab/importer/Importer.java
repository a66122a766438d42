package dev.ftracelab.importer;

import dev.ftracelab.dataset.PublishedMeasurements;
import dev.ftracelab.dataset.TypedCsv;
import dev.ftracelab.util.AtomicFiles;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.TextWrap;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Reads ftrace_ops-sample results from a board into the published dataset's schema
 * ({@link PublishedMeasurements}): kernel logs of {@code samples/ftrace/ftrace-ops.c}
 * ({@code dmesg}, {@code journalctl -k}, serial console), result tables as posted in a commit
 * message or on a mailing list (also quoted and wrapped by mail), and CSV as the project writes
 * it. The format is detected per file ({@link InputFormat}). What cannot be read is reported as
 * {@link Diagnostic}s with file and line; everything else imports.
 *
 * <p>From a log, the runs of one configuration (R relevant and I irrelevant ops, save_regs, the
 * assist flags, the call count) become one row: {@code total_ns} and {@code per_call_ns} are the
 * median run's (per call = total / calls, not the sample's rounded figure), {@code runs} and
 * {@code per_call_min_ns}/{@code per_call_max_ns} give the spread; {@code overhead_ns} is the
 * per-call time minus that of the untraced run (R = 0) with the same I, else of the 0/0 run.
 * Runs with save_regs or an assist flag go to a dataset and variant named with a suffix
 * ({@code vf2+save-regs}). Tables and CSV are taken as printed.
 *
 * <pre>{@code
 * Importer.Result r = Importer.builder().board("vf2").kernel("6.12.9").variant("no-call-ops")
 *         .dataset("vf2-before").build().read(List.of(Path.of("vf2-dmesg.log")));
 * r.diagnostics().forEach(System.err::println);
 * Table rows = r.measurements().dataset("vf2-before");
 * r.save(Path.of("datasets/boards"), List.of());   // datasets/boards/vf2-before.csv
 * // a table pasted into a notebook cell:
 * Importer.builder().build().readText("pasted", tableText).measurements();
 * }</pre>
 */
public final class Importer {
    /** The sample's default {@code nr_function_calls}: the call count of a table that does not say. */
    public static final int DEFAULT_CALLS = 100_000;
    /** Largest input read by default (bounded memory; a log holding only the sample's lines is tiny). */
    public static final long DEFAULT_MAX_BYTES = 32L << 20;
    private static final int NOTE_WIDTH = 96;

    private final String board;
    private final String kernel;
    private final String variant;
    private final String dataset;
    private final String arch;
    private final String defaultArch;
    private final int calls;
    private final long maxBytes;

    private Importer(Builder b) {
        this.board = b.board;
        this.kernel = b.kernel;
        this.variant = b.variant;
        this.dataset = b.dataset;
        this.arch = b.arch;
        this.defaultArch = b.defaultArch;
        this.calls = b.calls;
        this.maxBytes = b.maxBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * One input as read.
     *
     * @param name   the path as given (or the name of a text)
     * @param sha256 SHA-256 of its bytes
     * @param bytes  its size
     * @param format what it held
     * @param rows   rows read from it (for a log: runs)
     */
    public record Source(String name, String sha256, long bytes, InputFormat format, int rows) {
    }

    /**
     * What an import produced.
     *
     * @param measurements the rows, in the published schema, with notes saying how they were made
     *                     and where they came from (file names and SHA-256)
     * @param diagnostics  what could not be read, and notes, in input order
     * @param sources      the inputs that could be read at all
     */
    public record Result(PublishedMeasurements measurements, List<Diagnostic> diagnostics, List<Source> sources) {
        public Result {
            Objects.requireNonNull(measurements, "measurements");
            diagnostics = List.copyOf(diagnostics);
            sources = List.copyOf(sources);
        }

        /** Whether no row could be read. */
        public boolean isEmpty() {
            return measurements.table().rowCount() == 0;
        }

        /** The rows (the published schema's columns, without the derived sweep). */
        public Table rows() {
            Table t = measurements.table();
            return t.selectColumns(PublishedMeasurements.SCHEMA.stream().map(c -> c.name()).toArray(String[]::new))
                    .setName("imported ftrace-ops measurements");
        }

        /**
         * The dataset as a CSV file in the published schema: the notes (and {@code extraNotes},
         * e.g. the toolkit's provenance, placed before the sources) as {@code #} lines, then
         * header and rows. {@link PublishedMeasurements#load(Path)} reads it back.
         */
        public String csv(List<String> extraNotes) {
            StringBuilder sb = new StringBuilder();
            List<String> notes = measurements.notes();
            int sourcesAt = notes.indexOf("Sources:");
            for (int i = 0; i < notes.size(); i++) {
                if (i == sourcesAt) {
                    extraNotes.forEach(n -> sb.append("# ").append(n).append('\n'));
                }
                sb.append("# ").append(notes.get(i)).append('\n');
            }
            if (sourcesAt < 0) {
                extraNotes.forEach(n -> sb.append("# ").append(n).append('\n'));
            }
            Table t = rows();
            sb.append(String.join(",", t.columnNames())).append('\n');
            for (int r = 0; r < t.rowCount(); r++) {
                for (int c = 0; c < t.columnCount(); c++) {
                    sb.append(c > 0 ? "," : "").append(cell(t, r, c));
                }
                sb.append('\n');
            }
            return sb.toString();
        }

        /**
         * Writes {@link #csv} to {@code dir/<name>.csv} atomically (temp file, then rename) and
         * returns the path. {@code name} is cleaned to a file name ({@code [A-Za-z0-9._+-]}).
         */
        public Path save(Path dir, String name, List<String> extraNotes) {
            String file = name.replaceAll("[^A-Za-z0-9._+-]", "-");
            if (file.isEmpty() || file.startsWith(".")) {
                throw new BadInputException("cannot save a dataset named '" + name + "': expected a name such as vf2-6.12");
            }
            Path target = dir.resolve(file + ".csv");
            AtomicFiles.writeString(target, csv(extraNotes));
            return target;
        }

        /** {@link #save(Path, String, List)} under the name of the first dataset. */
        public Path save(Path dir, List<String> extraNotes) {
            if (isEmpty()) {
                throw new BadInputException("nothing was imported: there is no dataset to save");
            }
            return save(dir, measurements.datasetNames().get(0), extraNotes);
        }

        private static String cell(Table t, int r, int c) {
            if (t.column(c).isMissing(r)) {
                return "";
            }
            Object v = t.column(c).get(r);
            if (v instanceof Double d) {
                return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            }
            return TypedCsv.quote(String.valueOf(v));
        }
    }

    /** Reads the given files; a file that cannot be read at all is a diagnostic, not an exception. */
    public Result read(List<Path> files) {
        List<Input> inputs = new ArrayList<>();
        for (Path f : files) {
            inputs.add(new Input(f.toString(), () -> TextInput.read(f, maxBytes), stem(f.getFileName() == null
                    ? f.toString() : f.getFileName().toString())));
        }
        return run(inputs);
    }

    /** Reads the given files. */
    public Result read(Path... files) {
        return read(List.of(files));
    }

    /**
     * Reads text given directly (e.g. a table pasted into a notebook cell); {@code name} stands
     * for a file name in diagnostics and notes, and is the default dataset name.
     */
    public Result readText(String name, String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        if (data.length > maxBytes) {
            return run(List.of(new Input(name, () -> {
                throw new BadInputException(name, null, String.format("%,d bytes; import reads at most %,d bytes",
                        data.length, maxBytes));
            }, stem(name))));
        }
        return run(List.of(new Input(name, () -> TextInput.of(name, data), stem(name))));
    }

    private interface Reader {
        TextInput read();
    }

    private record Input(String name, Reader reader, String stem) {
    }

    /** The rows of one log file, before runs of all logs are grouped. */
    private record LogRuns(int slot, String dataset, String arch, String platform, String variant, String kernel,
            List<SampleLogReader.Run> runs) {
    }

    private Result run(List<Input> inputs) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        List<List<Row>> slots = new ArrayList<>();
        List<LogRuns> logs = new ArrayList<>();
        TreeSet<InputFormat> formats = new TreeSet<>();
        for (Input input : inputs) {
            TextInput in;
            try {
                in = input.reader().read();
            } catch (BadInputException e) {
                diagnostics.add(Diagnostic.error(input.name(), lineOf(e), reasonOf(e)));
                continue;
            }
            InputFormat format = InputFormat.detect(in.lines());
            if (format == null) {
                diagnostics.add(Diagnostic.error(in.name(), 0, "nothing to import: expected the ftrace_ops sample's"
                        + " kernel log ('registering:' ... 'Attempted N calls to ...'), a results table with | between"
                        + " columns, or a CSV file with the published header (dataset,arch,...)"));
                continue;
            }
            formats.add(format);
            List<Row> rows = new ArrayList<>();
            int count;
            switch (format) {
                case LOG -> {
                    SampleLogReader.Log log = SampleLogReader.read(in, diagnostics);
                    String a = firstNonNull(arch, log.arch(), defaultArch);
                    if (a == null && !log.runs().isEmpty()) {
                        diagnostics.add(Diagnostic.note(in.name(), 0, "the log does not say the architecture (no"
                                + " 'Linux version' line): arch is 'unknown'; pass --arch riscv64 or arm64"));
                    }
                    logs.add(new LogRuns(slots.size(), firstNonNull(dataset, input.stem()), a == null ? "unknown" : a,
                            firstNonNull(board, slug(log.board()), "unknown"), firstNonNull(variant, "unknown"),
                            firstNonNull(kernel, log.kernel()), log.runs()));
                    count = log.runs().size();
                }
                case TABLE -> {
                    for (Row r : TableReader.read(in, calls, diagnostics)) {
                        rows.add(named(r, input.stem()));
                    }
                    count = rows.size();
                }
                case CSV -> {
                    rows.addAll(csvRows(in, input.stem(), diagnostics));
                    count = rows.size();
                }
                default -> throw new IllegalStateException(format.toString());
            }
            if (count == 0) {
                diagnostics.add(Diagnostic.error(in.name(), 0, "no " + (format == InputFormat.LOG ? "runs" : "rows")
                        + " could be read from this " + format.label()));
            }
            sources.add(new Source(in.name(), in.sha256(), in.bytes(), format, count));
            slots.add(rows);
        }
        List<String> baselines = new ArrayList<>();
        for (Row r : aggregate(logs, baselines, diagnostics)) {
            slots.get(firstSlot(logs, r)).add(r);
        }
        List<Row> all = groupByDataset(slots);
        return new Result(PublishedMeasurements.of(table(all), notes(formats, baselines, sources),
                Path.of(inputs.isEmpty() ? "import" : inputs.get(0).name())), diagnostics, sources);
    }

    /** Fills what a table or CSV row does not say (and what the options override). */
    private Row named(Row r, String stem) {
        return r.withNames(firstNonNull(r.dataset(), dataset, stem), firstNonNull(arch, r.arch(), defaultArch, "unknown"),
                firstNonNull(board, r.platform(), "unknown"), firstNonNull(variant, r.variant(), "unknown"),
                firstNonNull(kernel, r.kernel()));
    }

    private List<Row> csvRows(TextInput in, String stem, List<Diagnostic> diagnostics) {
        PublishedMeasurements pm;
        try {
            pm = PublishedMeasurements.parse(Path.of(in.name()), in.lines(),
                    e -> diagnostics.add(Diagnostic.error(in.name(), lineOf(e), reasonOf(e))));
        } catch (BadInputException e) {
            diagnostics.add(Diagnostic.error(in.name(), lineOf(e), reasonOf(e)));
            return List.of();
        }
        Table t = pm.table();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            rows.add(named(new Row(t.stringColumn("dataset").get(i), t.stringColumn("arch").get(i),
                    t.stringColumn("platform").get(i), t.stringColumn("variant").get(i), "",
                    t.intColumn("relevant").getInt(i), t.intColumn("irrelevant").getInt(i), t.intColumn("calls").getInt(i),
                    t.longColumn("total_ns").isMissing(i) ? null : t.longColumn("total_ns").get(i),
                    t.doubleColumn("per_call_ns").getDouble(i), optional(t.doubleColumn("overhead_ns"), i),
                    t.intColumn("runs").isMissing(i) ? null : t.intColumn("runs").get(i),
                    optional(t.doubleColumn("per_call_min_ns"), i), optional(t.doubleColumn("per_call_max_ns"), i),
                    t.stringColumn("kernel").isMissing(i) ? null : t.stringColumn("kernel").get(i), in.name(), 0), stem));
        }
        return rows;
    }

    private static Double optional(DoubleColumn c, int i) {
        return c.isMissing(i) ? null : c.getDouble(i);
    }

    /** A configuration's key: everything but the timing. */
    private record Config(String dataset, String arch, String platform, String variant, String kernel, String flags,
            int relevant, int irrelevant, int calls) {
    }

    /**
     * The runs of all logs, one row per configuration (median run; spread), with the overhead
     * over the untraced baseline; {@code baselines} gets one line per traced row saying which.
     */
    private static List<Row> aggregate(List<LogRuns> logs, List<String> baselines, List<Diagnostic> diagnostics) {
        Map<Config, List<SampleLogReader.Run>> byConfig = new LinkedHashMap<>();
        for (LogRuns l : logs) {
            for (SampleLogReader.Run r : l.runs()) {
                byConfig.computeIfAbsent(new Config(l.dataset(), l.arch(), l.platform(), l.variant(), l.kernel(),
                        r.flags(), r.relevant(), r.irrelevant(), r.calls()), k -> new ArrayList<>()).add(r);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<Config, List<SampleLogReader.Run>> e : byConfig.entrySet()) {
            Config c = e.getKey();
            List<SampleLogReader.Run> runs = new ArrayList<>(e.getValue());
            runs.sort(Comparator.comparingLong(SampleLogReader.Run::totalNs));
            SampleLogReader.Run median = runs.get((runs.size() - 1) / 2);
            double calls = c.calls();
            rows.add(new Row(c.dataset() + c.flags(), c.arch(), c.platform(), c.variant() + c.flags(), c.flags(),
                    c.relevant(), c.irrelevant(), c.calls(), median.totalNs(), median.totalNs() / calls, null,
                    runs.size(), runs.get(0).totalNs() / calls, runs.get(runs.size() - 1).totalNs() / calls, c.kernel(),
                    median.source(), median.line()));
        }
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            if (r.relevant() == 0) {
                out.add(r);
                continue;
            }
            Row base = baseline(rows, r);
            if (base == null) {
                diagnostics.add(Diagnostic.note(r.source(), r.line(), "no untraced run (nr_ops_relevant=0) for "
                        + r.relevant() + "/" + r.irrelevant() + " in " + r.dataset() + ": overhead left empty;"
                        + " run the module with nr_ops_relevant=0 too"));
                out.add(r);
                continue;
            }
            baselines.add(r.dataset() + " " + r.relevant() + "/" + r.irrelevant() + " - " + base.relevant() + "/"
                    + base.irrelevant() + (base.flags().equals(r.flags()) ? "" : " (" + base.dataset() + ")"));
            out.add(r.withOverhead(r.perCallNs() - base.perCallNs()));
        }
        // within a dataset: untraced, then the irrelevant-ops sweep, then the relevant-ops sweep
        out.sort(Comparator.comparing((Row r) -> PublishedMeasurements.Sweep.of(r.relevant(), r.irrelevant()))
                .thenComparingInt(Row::relevant).thenComparingInt(Row::irrelevant).thenComparingInt(Row::calls));
        return out;
    }

    /**
     * The untraced row a traced one is compared with: same base dataset, R = 0; the same I
     * before 0/0; the same flags and call count before others.
     */
    private static Row baseline(List<Row> rows, Row r) {
        String base = baseName(r);
        Row best = null;
        int bestRank = Integer.MAX_VALUE;
        for (Row u : rows) {
            if (u.relevant() != 0 || !baseName(u).equals(base) || !Objects.equals(u.arch(), r.arch())
                    || !Objects.equals(u.platform(), r.platform()) || !Objects.equals(u.kernel(), r.kernel())) {
                continue;
            }
            int rank;
            if (u.irrelevant() == r.irrelevant()) {
                rank = 0;
            } else if (u.irrelevant() == 0) {
                rank = 4;
            } else {
                continue;
            }
            rank += (u.flags().equals(r.flags()) ? 0 : 2) + (u.calls() == r.calls() ? 0 : 1);
            if (rank < bestRank) {
                best = u;
                bestRank = rank;
            }
        }
        return best;
    }

    private static String baseName(Row r) {
        return r.dataset().substring(0, r.dataset().length() - r.flags().length());
    }

    private static int firstSlot(List<LogRuns> logs, Row r) {
        for (LogRuns l : logs) {
            if ((l.dataset() + r.flags()).equals(r.dataset())) {
                return l.slot();
            }
        }
        return logs.get(0).slot();
    }

    /** Rows of one dataset together, datasets in order of first appearance. */
    private static List<Row> groupByDataset(List<List<Row>> slots) {
        Map<String, List<Row>> by = new LinkedHashMap<>();
        for (List<Row> slot : slots) {
            for (Row r : slot) {
                by.computeIfAbsent(r.dataset(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Row> out = new ArrayList<>();
        by.values().forEach(out::addAll);
        return out;
    }

    private static Table table(List<Row> rows) {
        StringColumn dataset = StringColumn.create("dataset");
        StringColumn archC = StringColumn.create("arch");
        StringColumn platform = StringColumn.create("platform");
        StringColumn variantC = StringColumn.create("variant");
        IntColumn relevant = IntColumn.create("relevant");
        IntColumn irrelevant = IntColumn.create("irrelevant");
        IntColumn callsC = IntColumn.create("calls");
        LongColumn total = LongColumn.create("total_ns");
        DoubleColumn perCall = DoubleColumn.create("per_call_ns");
        DoubleColumn overhead = DoubleColumn.create("overhead_ns");
        IntColumn runs = IntColumn.create("runs");
        DoubleColumn min = DoubleColumn.create("per_call_min_ns");
        DoubleColumn max = DoubleColumn.create("per_call_max_ns");
        StringColumn kernelC = StringColumn.create("kernel");
        for (Row r : rows) {
            dataset.append(r.dataset());
            archC.append(r.arch());
            platform.append(r.platform());
            variantC.append(r.variant());
            relevant.append(r.relevant());
            irrelevant.append(r.irrelevant());
            callsC.append(r.calls());
            appendOrMissing(total, r.totalNs());
            perCall.append(r.perCallNs());
            appendOrMissing(overhead, r.overheadNs());
            if (r.runs() == null) {
                runs.appendMissing();
            } else {
                runs.append(r.runs());
            }
            appendOrMissing(min, r.perCallMinNs());
            appendOrMissing(max, r.perCallMaxNs());
            if (r.kernel() == null) {
                kernelC.appendMissing();
            } else {
                kernelC.append(r.kernel());
            }
        }
        return Table.create("imported ftrace-ops measurements", dataset, archC, platform, variantC, relevant, irrelevant,
                callsC, total, perCall, overhead, runs, min, max, kernelC);
    }

    private static void appendOrMissing(LongColumn c, Long v) {
        if (v == null) {
            c.appendMissing();
        } else {
            c.append(v);
        }
    }

    private static void appendOrMissing(DoubleColumn c, Double v) {
        if (v == null) {
            c.appendMissing();
        } else {
            c.append(v);
        }
    }

    private List<String> notes(TreeSet<InputFormat> formats, List<String> baselines, List<Source> sources) {
        List<String> notes = new ArrayList<>();
        note(notes, "ftrace_ops-sample results (samples/ftrace/ftrace-ops.c) imported with ftrace-lab import:"
                + " measured on the board in the platform column, not modelled. Columns as in"
                + " datasets/published/ftrace-ops.csv; times in ns.");
        if (formats.contains(InputFormat.LOG)) {
            note(notes, "From kernel logs: the runs of one configuration (R, I, save_regs, assists, calls) make one row;"
                    + " total_ns is the median run's total (runs sorted by total, the middle one, the lower middle for"
                    + " an even count) and per_call_ns = total_ns / calls, not the sample's rounded figure; runs ="
                    + " how many runs; per_call_min_ns, per_call_max_ns = the fastest and slowest run per call."
                    + " Runs with save_regs or an assist flag are in a dataset and variant named with a suffix"
                    + " (+save-regs, +assist-recursion, +assist-rcu).");
            note(notes, "overhead_ns = per_call_ns minus the per_call_ns of the untraced run (R = 0) with the same I"
                    + " where the log has one, else of the 0/0 run; untraced rows have no overhead."
                    + (baselines.isEmpty() ? "" : " Baselines (row - untraced): " + String.join("; ", baselines) + "."));
        }
        if (formats.contains(InputFormat.TABLE)) {
            note(notes, "From tables: the figures as printed (their rounding kept); calls = " + calls
                    + " (the sample's default) where the table does not say.");
        }
        if (formats.contains(InputFormat.CSV)) {
            note(notes, "From CSV files: the rows as written, with their own notes not repeated here.");
        }
        List<String> given = new ArrayList<>();
        for (String[] o : new String[][] {{"board", board}, {"kernel", kernel}, {"variant", variant}, {"arch", arch},
                {"dataset", dataset}}) {
            if (o[1] != null) {
                given.add(o[0] + " " + o[1]);
            }
        }
        if (!given.isEmpty()) {
            note(notes, "Given on import: " + String.join(", ", given) + ".");
        }
        notes.add("Sources:");
        for (Source s : sources) {
            notes.add("  " + s.name() + " (" + s.format().label() + ", " + s.rows() + (s.format() == InputFormat.LOG
                    ? " runs" : " rows") + ", " + s.bytes() + " bytes)");
            notes.add("    sha256 " + s.sha256());
        }
        return notes;
    }

    private static void note(List<String> notes, String text) {
        notes.addAll(TextWrap.wrap(text, NOTE_WIDTH, "", "  ").lines().toList());
    }

    /** The reason, led by a location that is not a line number (e.g. {@code offset 0xc}). */
    private static String reasonOf(BadInputException e) {
        String loc = e.location().orElse("");
        return loc.isEmpty() || loc.matches("\\d+") ? e.reason() : loc + ": " + e.reason();
    }

    private static int lineOf(BadInputException e) {
        String loc = e.location().orElse("");
        return loc.matches("\\d+") ? Integer.parseInt(loc) : 0;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** The file name without its last extension(s): {@code vf2-dmesg.log} -> {@code vf2-dmesg}. */
    static String stem(String fileName) {
        String s = fileName;
        for (String ext : List.of(".txt", ".log", ".csv", ".md", ".eml", ".mbox")) {
            if (s.toLowerCase(Locale.ROOT).endsWith(ext) && s.length() > ext.length()) {
                return s.substring(0, s.length() - ext.length());
            }
        }
        return s;
    }

    /** A board model as a platform name: "StarFive VisionFive 2 v1.3B" -> "starfive-visionfive-2-v1.3b". */
    static String slug(String model) {
        if (model == null) {
            return null;
        }
        String s = model.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.+]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? null : s;
    }

    /**
     * Options for an import. Every one is optional: a value given here overrides what the input
     * says; an input that names its datasets (a CSV, a table headed {@code name: arch, platform,
     * variant}) keeps those names, others are named {@link #dataset} or after the file.
     */
    public static final class Builder {
        private String board;
        private String kernel;
        private String variant;
        private String dataset;
        private String arch;
        private String defaultArch;
        private int calls = DEFAULT_CALLS;
        private long maxBytes = DEFAULT_MAX_BYTES;

        private Builder() {
        }

        /** The board (the {@code platform} column), e.g. {@code vf2}. */
        public Builder board(String name) {
            this.board = blankToNull(name);
            return this;
        }

        /** The kernel version (the {@code kernel} column), e.g. {@code 6.12.9}. */
        public Builder kernel(String version) {
            this.kernel = blankToNull(version);
            return this;
        }

        /** The variant, e.g. {@code call-ops} or {@code no-call-ops} (compare maps it to a layout). */
        public Builder variant(String label) {
            this.variant = blankToNull(label);
            return this;
        }

        /** The name of datasets the input does not name (default: the file name without extension). */
        public Builder dataset(String name) {
            this.dataset = blankToNull(name);
            return this;
        }

        /** The architecture, {@code riscv64} or {@code arm64}, when the input does not say. */
        public Builder arch(String name) {
            this.arch = blankToNull(name);
            return this;
        }

        /**
         * The arch of inputs that do not say theirs (a log without its {@code Linux version}
         * line, a table); unlike {@link #arch} it never overrides what an input says, so a
         * caller that knows the expected arch (compare: the profile's) still sees a mismatch.
         */
        public Builder defaultArch(String name) {
            this.defaultArch = blankToNull(name);
            return this;
        }

        /** The call count of table rows whose table does not say (default {@value Importer#DEFAULT_CALLS}). */
        public Builder calls(int n) {
            if (n <= 0) {
                throw new BadInputException("expected a positive call count, got " + n);
            }
            this.calls = n;
            return this;
        }

        /** The largest input read (default 32 MiB); a larger one is refused with a message. */
        public Builder maxBytes(long n) {
            if (n <= 0) {
                throw new IllegalArgumentException("maxBytes must be positive");
            }
            this.maxBytes = n;
            return this;
        }

        public Importer build() {
            return new Importer(this);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }
}
