package dev.ftracelab.cost;

import dev.ftracelab.dataset.PublishedMeasurements;
import dev.ftracelab.importer.Diagnostic;
import dev.ftracelab.importer.Importer;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tech.tablesaw.api.Table;

/**
 * One measured ftrace-ops dataset, ready to be put beside the model ({@link Comparison}): its rows
 * in the published schema ({@link PublishedMeasurements}), its name, and where it came from (a
 * published name, or a CSV file with its SHA-256 for the provenance stamp).
 *
 * <pre>{@code
 * MeasuredDataset m1 = MeasuredDataset.resolve("m1-before");            // published
 * MeasuredDataset mine = MeasuredDataset.resolve("vf2-board.csv");      // a CSV in the published schema
 * MeasuredDataset two = MeasuredDataset.resolve("all.csv#vf2-6.12");    // one dataset of several in a file
 * mine.arch(); mine.platform(); mine.variant(); mine.sha256();
 * }</pre>
 *
 * @param measurements the file the rows come from (all of its datasets)
 * @param name         the dataset compared, one of {@code measurements.datasetNames()}
 * @param file         the CSV file named on the command line, or null for a published name
 * @param sha256       the SHA-256 of {@code file} (hex), or null for a published name
 */
public record MeasuredDataset(PublishedMeasurements measurements, String name, Path file, String sha256) {
    /**
     * The kernel each published dataset ran, for its kmalloc rules (the heap the model builds).
     * source: the M1 series was posted in January 2023 against v6.2-rc
     * (datasets/published/ftrace-ops.csv): arm64 then still aligned every kmalloc object to 128
     * bytes. (riscv64's alignment is the same in every version the model knows: the QEMU rows
     * take the default heap.)
     */
    private static final Map<String, String> PUBLISHED_KERNELS = Map.of("m1-before", "6.2", "m1-after", "6.2");

    public MeasuredDataset {
        if (!measurements.datasetNames().contains(name)) {
            throw new BadInputException("no dataset '" + name + "' in " + measurements.file() + "; known: "
                    + String.join(", ", measurements.datasetNames()));
        }
    }

    /** Dataset {@code name} of the committed published measurements. */
    public static MeasuredDataset published(String name) {
        return new MeasuredDataset(PublishedMeasurements.load(), name, null, null);
    }

    /**
     * What {@code ftrace-lab compare DATASET} names: a published dataset ({@code m1-before}), a
     * file the {@link Importer} reads (the sample's kernel log, a results table as posted, or CSV
     * in the published schema) holding one dataset, or {@code FILE#NAME} for one of several in a
     * file. The one place a command-line DATASET becomes rows. Strict: any line of the file that
     * could not be read is an error (use {@link #resolve(String, Importer, Consumer)} to import
     * what can be read and hear about the rest).
     *
     * @throws BadInputException for an unknown name, a file with a line that does not parse
     *     (file:line), a file with several datasets and no {@code #NAME}, or a dataset without rows
     */
    public static MeasuredDataset resolve(String spec) {
        List<Diagnostic> errors = new ArrayList<>();
        MeasuredDataset d = resolve(spec, Importer.builder().build(), diag -> {
            if (diag.isError()) {
                errors.add(diag);
            }
        });
        if (!errors.isEmpty()) {
            throw new BadInputException(errors.get(0).toString());
        }
        return d;
    }

    /**
     * As {@link #resolve(String)}, reading files with {@code importer} (its board, variant, arch
     * and call count fill in what an input does not say) and handing every diagnostic to
     * {@code diagnostics}; only a file from which nothing could be read is an error.
     *
     * <pre>{@code
     * MeasuredDataset d = MeasuredDataset.resolve("vf2-dmesg.log",
     *         Importer.builder().arch("riscv64").variant("no-call-ops").build(), System.err::println);
     * }</pre>
     */
    public static MeasuredDataset resolve(String spec, Importer importer, Consumer<Diagnostic> diagnostics) {
        String path = spec;
        String pick = null;
        int hash = spec.lastIndexOf('#');
        if (hash > 0 && !Files.isRegularFile(Path.of(spec))) {
            path = spec.substring(0, hash);
            pick = spec.substring(hash + 1);
        }
        Path file = Path.of(path);
        if (!Files.exists(file)) {
            PublishedMeasurements pm = PublishedMeasurements.load();
            if (pick == null && pm.datasetNames().contains(spec)) {
                return new MeasuredDataset(pm, spec, null, null);
            }
            throw new BadInputException("DATASET '" + spec + "': neither a file nor a published dataset: expected"
                    + " one of " + String.join(", ", pm.datasetNames()) + ", or a file 'ftrace-lab import' reads"
                    + " (the sample's kernel log, a results table, CSV in the published schema)");
        }
        Importer.Result r = importer.read(file);
        r.diagnostics().forEach(diagnostics);
        if (r.isEmpty()) {
            String first = r.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::toString).findFirst()
                    .orElse(file + ": no rows");
            throw new BadInputException("nothing could be read from " + file + " (" + first + ")");
        }
        PublishedMeasurements pm = r.measurements();
        List<String> names = pm.datasetNames();
        if (pick == null && names.size() > 1) {
            throw new BadInputException(file + " holds " + names.size() + " datasets (" + String.join(", ", names)
                    + "): name one as " + file + "#NAME");
        }
        return new MeasuredDataset(pm, pick == null ? names.get(0) : pick, file, r.sources().get(0).sha256());
    }

    /**
     * Dataset {@code name} of what an {@link Importer} read (files or text pasted into a notebook
     * cell); the first source names it in messages and stamps, with its SHA-256.
     *
     * <pre>{@code
     * Importer.Result r = Importer.builder().defaultArch("arm64").build().readText("pasted", table);
     * MeasuredDataset d = MeasuredDataset.imported(r, r.measurements().datasetNames().get(0));
     * }</pre>
     *
     * @throws BadInputException if nothing was imported or there is no such dataset
     */
    public static MeasuredDataset imported(Importer.Result r, String name) {
        if (r.isEmpty()) {
            throw new BadInputException("nothing was imported: " + r.diagnostics().stream().filter(Diagnostic::isError)
                    .map(Diagnostic::toString).findFirst().orElse("no rows"));
        }
        Importer.Source first = r.sources().get(0);
        return new MeasuredDataset(r.measurements(), name, Path.of(first.name()), first.sha256());
    }

    /** The dataset's rows, in file order. */
    public Table rows() {
        return measurements.dataset(name);
    }

    /** The arch of the {@code arch} column (the same on every row). */
    public Arch arch() {
        String a = single("arch");
        try {
            return Arch.parse(a);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where() + ": arch '" + a + "': expected riscv64 or arm64");
        }
    }

    /** The board or machine it was measured on ({@code platform}), e.g. {@code apple-m1-hvf}. */
    public String platform() {
        return single("platform");
    }

    /** The kernel variant measured ({@code variant}), e.g. {@code call-ops} or {@code no-call-ops}. */
    public String variant() {
        return single("variant");
    }

    /**
     * The kernel version it ran, for the model's kmalloc rules: the dataset's {@code kernel}
     * column where it has one, else what is known of a published dataset, else empty.
     */
    public Optional<String> kernel() {
        Table t = rows();
        if (t.containsColumn("kernel")) {
            String k = t.column("kernel").getString(0).trim();
            if (!k.isEmpty()) {
                return Optional.of(k);
            }
        }
        return file == null ? Optional.ofNullable(PUBLISHED_KERNELS.get(name)) : Optional.empty();
    }

    /**
     * Whether the figures were timed under QEMU's TCG (a fully emulated CPU): they say nothing
     * about the core any profile models.
     */
    public boolean emulated() {
        return platform().toLowerCase(Locale.ROOT).contains("tcg");
    }

    /** Where it came from, for messages: {@code m1-before (published)} or {@code file.csv}. */
    public String where() {
        return file == null ? name + " (published)" : file + (measurements.datasetNames().size() > 1 ? "#" + name : "");
    }

    private String single(String column) {
        List<String> values = rows().stringColumn(column).unique().asList();
        if (values.size() != 1) {
            throw new BadInputException(where() + ": dataset " + name + " mixes " + column + " values "
                    + String.join(", ", values) + ": expected one per dataset");
        }
        return values.get(0);
    }
}
