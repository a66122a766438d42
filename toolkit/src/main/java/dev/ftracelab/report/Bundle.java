package dev.ftracelab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ftracelab.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * An attachment bundle: everything behind a result, ready to attach to a mailing-list reply.
 * Each table is written as mail text, CSV, JSON and Markdown; each chart as a PNG; a
 * {@code report.md} ties them together in order; {@code provenance.txt} and
 * {@code provenance.json} say where it all came from.
 *
 * <p>Written atomically: the folder (or zip) is assembled beside its target and renamed into
 * place, so a crash leaves either the old bundle or the new one, never half of one.
 *
 * <pre>{@code
 * Bundle.builder("CALL_OPS on M1", Provenance.capture())
 *         .text("Published figures from the arm64 commit.")
 *         .table("m1-before", before, FtraceOpsTable.LAYOUT)
 *         .chart("per-call", chart)
 *         .build()
 *         .writeTo(Path.of("build/mail"));
 * }</pre>
 */
public final class Bundle {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One piece of the bundle, in report order. */
    public sealed interface Item permits Heading, Text, TableItem, ChartItem {
    }

    /** A section heading in report.md. */
    public record Heading(String title) implements Item {
    }

    /** A Markdown paragraph in report.md. */
    public record Text(String markdown) implements Item {
    }

    /** A table, exported in every {@link TableFormat}, with its {@link Label}. */
    public record TableItem(String name, Table table, MailTable layout, Label label) implements Item {
        public TableItem(String name, Table table, MailTable layout) {
            this(name, table, layout, Label.NONE);
        }
    }

    /** A chart, exported as PNG; its stamp names {@code hardware} when that is not {@code NONE}. */
    public record ChartItem(String name, Chart<?, ?> chart, Provenance.Hardware hardware) implements Item {
        public ChartItem(String name, Chart<?, ?> chart) {
            this(name, chart, Provenance.Hardware.NONE);
        }
    }

    /**
     * What a table says about itself wherever it goes: a title line above it, a caption below
     * (either may be null), and the hardware its figures describe, for its stamp.
     *
     * <pre>{@code
     * Label l = Label.modelled(DispatchTables.modelledTitle("riscv64 atomic", vf2), vf2, "Interval: ...");
     * }</pre>
     */
    public record Label(String title, String caption, Provenance.Hardware hardware) {
        /** No title, no caption, the bundle's own hardware. */
        public static final Label NONE = new Label(null, null, Provenance.Hardware.NONE);

        public Label {
            java.util.Objects.requireNonNull(hardware, "hardware");
        }

        /** A table modelled on {@code profile}. */
        public static Label modelled(String title, dev.ftracelab.cost.Profile profile, String caption) {
            return new Label(title, caption, Provenance.Hardware.modelled(profile.name(), profile.description()));
        }
    }

    private final String title;
    private final Provenance provenance;
    private final List<Item> items;

    private Bundle(String title, Provenance provenance, List<Item> items) {
        this.title = title;
        this.provenance = provenance;
        this.items = List.copyOf(items);
    }

    public static Builder builder(String title, Provenance provenance) {
        return new Builder(title, provenance);
    }

    public String title() {
        return title;
    }

    public Provenance provenance() {
        return provenance;
    }

    public List<Item> items() {
        return items;
    }

    /** The names of the files a bundle holds, in the order they are written. */
    public List<String> fileNames() {
        List<String> names = new ArrayList<>(List.of("report.md", "provenance.txt", "provenance.json"));
        for (Item item : items) {
            if (item instanceof TableItem t) {
                for (TableFormat f : TableFormat.values()) {
                    names.add(t.name() + "." + f.extension());
                }
            } else if (item instanceof ChartItem c) {
                names.add(c.name() + ".png");
            }
        }
        return names;
    }

    /**
     * The marker file in every bundle folder: {@link #writeTo(Path)} replaces only a folder that
     * has it (or an empty or missing one), so a mistyped {@code --out} never wipes other files.
     */
    public static final String MARKER = ".ftrace-lab-report";

    /**
     * Writes folder {@code dir} atomically and returns it; an existing {@code dir} is replaced
     * only if it is a bundle folder (with {@link #MARKER}), an empty folder, or missing.
     *
     * @throws dev.ftracelab.util.BadInputException if {@code dir} is a file or a folder of other
     *     files ({@link #writeTo(Path, boolean)} with {@code force} replaces it anyway)
     */
    public Path writeTo(Path dir) {
        return writeTo(dir, false);
    }

    /**
     * Writes folder {@code dir} atomically (see {@link AtomicFiles#replaceDirectory}) and returns
     * it; with {@code force}, whatever is at {@code dir} is replaced without the check of
     * {@link #writeTo(Path)}.
     */
    public Path writeTo(Path dir, boolean force) {
        try (AtomicFiles.WriteLock lock = AtomicFiles.lock(dir)) {
            return writeTo(lock, force);
        }
    }

    /**
     * As {@link #writeTo(Path, boolean)}, into the folder a caller has claimed already with
     * {@link AtomicFiles#lock} (e.g. before minutes of work, so a second writer is refused early).
     */
    public Path writeTo(AtomicFiles.WriteLock dir, boolean force) {
        if (!force) {
            checkReplaceable(dir.target());
        }
        AtomicFiles.replaceDirectory(dir, this::fill);
        return dir.target();
    }

    /**
     * Refuses to replace {@code dir} unless it is missing, an empty folder, a folder with
     * {@link #MARKER}, or a bundle folder of a version before the marker (report.md and
     * provenance.json): anything else may be a user's files.
     */
    public static void checkReplaceable(Path dir) {
        if (!Files.exists(dir)) {
            return; // nothing there, or a dangling link: nothing to lose
        }
        if (!Files.isDirectory(dir)) {
            throw new dev.ftracelab.util.BadInputException(dir.toString(), null, "expected a report folder made by"
                    + " ftrace-lab or a new name, found a file; choose another folder, or --force to replace the file");
        }
        if (Files.isRegularFile(dir.resolve(MARKER))
                || Files.isRegularFile(dir.resolve("report.md")) && Files.isRegularFile(dir.resolve("provenance.json"))) {
            return;
        }
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            if (s.findAny().isEmpty()) {
                return;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        throw new dev.ftracelab.util.BadInputException(dir.toString(), null, "expected a report folder made by"
                + " ftrace-lab (with " + MARKER + "), found a folder of other files; choose another folder, or --force"
                + " to replace it and everything in it");
    }

    /**
     * Refuses to replace {@code zip} unless it is missing or a zip this tool wrote (its entries
     * include report.md and provenance.json): anything else may be a user's file.
     */
    public static void checkZipReplaceable(Path zip) {
        if (!Files.exists(zip)) {
            return;
        }
        if (Files.isRegularFile(zip)) {
            try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
                if (z.getEntry("report.md") != null && z.getEntry("provenance.json") != null) {
                    return;
                }
            } catch (IOException e) {
                // not a zip at all: refused below
            }
        }
        throw new dev.ftracelab.util.BadInputException(zip.toString(), null, "expected a report zip made by"
                + " ftrace-lab or a new name, found " + (Files.isDirectory(zip) ? "a folder" : "another file")
                + "; move it away, or --force to replace it");
    }

    /**
     * Writes the same files into one zip archive, atomically, and returns it; an existing
     * {@code zip} is replaced only if this tool wrote it ({@link #checkZipReplaceable}).
     */
    public Path writeZip(Path zip) {
        return writeZip(zip, false);
    }

    /** As {@link #writeZip(Path)}; with {@code force}, whatever file is at {@code zip} is replaced. */
    public Path writeZip(Path zip, boolean force) {
        try (AtomicFiles.WriteLock lock = AtomicFiles.lock(zip)) {
            return writeZip(lock, force);
        }
    }

    /** As {@link #writeZip(Path, boolean)}, to a zip a caller has claimed with {@link AtomicFiles#lock}. */
    public Path writeZip(AtomicFiles.WriteLock zip, boolean force) {
        if (!force) {
            checkZipReplaceable(zip.target());
        }
        AtomicFiles.write(zip, out -> {
            Path tmp = Files.createTempDirectory("ftrace-lab-bundle");
            try {
                fill(tmp);
                try (ZipOutputStream z = new ZipOutputStream(out)) {
                    for (String name : fileNames()) {
                        ZipEntry e = new ZipEntry(name);
                        e.setTimeLocal(zipTime(provenance.date())); // same inputs, same bytes, any TZ
                        z.putNextEntry(e);
                        z.write(Files.readAllBytes(tmp.resolve(name)));
                        z.closeEntry();
                    }
                }
            } finally {
                AtomicFiles.deleteQuietly(tmp);
            }
        });
        return zip.target();
    }

    /**
     * A zip entry's time: the provenance date as UTC wall time, stored as a DOS time without the
     * local zone (ZipEntry.setTime would convert to it); clamped to the DOS range 1980..2107,
     * outside which (and at exactly 1980-01-01 00:00:00, its "before 1980" value) the JDK adds a
     * zone-dependent extended field.
     */
    static java.time.LocalDateTime zipTime(java.time.Instant date) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofInstant(date, java.time.ZoneOffset.UTC);
        java.time.LocalDateTime min = java.time.LocalDateTime.of(1980, 1, 1, 0, 0, 2);
        java.time.LocalDateTime max = java.time.LocalDateTime.of(2107, 12, 31, 23, 59, 58);
        return t.isBefore(min) ? min : t.isAfter(max) ? max : t;
    }

    private void fill(Path dir) throws IOException {
        write(dir.resolve(MARKER), "A report folder written by ftrace-lab: report --out replaces it as a whole.\n");
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        md.append("```\n").append(provenance.toText()).append("```\n\n");
        for (Item item : items) {
            if (item instanceof Heading h) {
                md.append("## ").append(h.title()).append("\n\n");
            } else if (item instanceof Text t) {
                md.append(t.markdown().strip()).append("\n\n");
            } else if (item instanceof TableItem t) {
                Label l = t.label();
                Provenance p = withHardware(provenance, l.hardware()).with("table", t.name());
                for (TableFormat f : TableFormat.values()) {
                    write(dir.resolve(t.name() + "." + f.extension()),
                            f.render(t.table(), t.layout(), p, l.title(), l.caption()));
                }
                if (l.title() != null) {
                    md.append("**").append(l.title()).append("**\n\n");
                }
                md.append("```\n").append(t.layout().render(t.table())).append("```\n");
                if (l.caption() != null) {
                    md.append(l.caption()).append("\n\n");
                }
                md.append("Files: [").append(t.name()).append(".txt](").append(t.name()).append(".txt) · [csv](")
                        .append(t.name()).append(".csv) · [json](").append(t.name()).append(".json) · [md](")
                        .append(t.name()).append(".md)\n\n");
            } else if (item instanceof ChartItem c) {
                Files.write(dir.resolve(c.name() + ".png"), Charts.png(c.chart(),
                        withHardware(provenance, c.hardware()).with("chart", c.name())));
                md.append("![").append(c.name()).append("](").append(c.name()).append(".png)\n\n");
            }
        }
        write(dir.resolve("report.md"), md.toString());
        write(dir.resolve("provenance.txt"), provenance.toText());
        write(dir.resolve("provenance.json"), JSON.writeValueAsString(provenance.toMap()) + "\n");
    }

    /** The bundle's stamp, or with an item's own hardware when it has one. */
    private static Provenance withHardware(Provenance p, Provenance.Hardware h) {
        return h.kind() == Provenance.Hardware.Kind.NONE ? p : p.withHardware(h);
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Collects the items of a bundle. */
    public static final class Builder {
        private final String title;
        private final Provenance provenance;
        private final List<Item> items = new ArrayList<>();
        private final Set<String> names = new HashSet<>();

        private Builder(String title, Provenance provenance) {
            this.title = title;
            this.provenance = provenance;
        }

        public Builder heading(String sectionTitle) {
            items.add(new Heading(sectionTitle));
            return this;
        }

        public Builder text(String markdown) {
            items.add(new Text(markdown));
            return this;
        }

        /** A table in the plain mail layout. */
        public Builder table(String name, Table table) {
            return table(name, table, MailTable.plain());
        }

        /** A table in a given mail layout. {@code name} becomes the file name stem. */
        public Builder table(String name, Table table, MailTable layout) {
            return table(name, table, layout, Label.NONE);
        }

        /** A table with a title, caption and hardware of its own (e.g. {@link Label#modelled}). */
        public Builder table(String name, Table table, MailTable layout, Label label) {
            items.add(new TableItem(checkName(name), table, layout, label));
            return this;
        }

        public Builder chart(String name, Chart<?, ?> chart) {
            return chart(name, chart, Provenance.Hardware.NONE);
        }

        /** A chart whose stamp names the hardware it describes (e.g. a modelled profile). */
        public Builder chart(String name, Chart<?, ?> chart, Provenance.Hardware hardware) {
            items.add(new ChartItem(checkName(name), chart, hardware));
            return this;
        }

        public Bundle build() {
            return new Bundle(title, provenance, items);
        }

        private String checkName(String name) {
            if (!name.matches("[a-z0-9][a-z0-9._-]*") || name.equals("report") || name.startsWith("provenance")) {
                throw new IllegalArgumentException("bundle item name '" + name
                        + "': use lower-case letters, digits, '.', '_' and '-' (not 'report' or 'provenance*')");
            }
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("bundle item name '" + name + "' used twice");
            }
            return name;
        }
    }
}
