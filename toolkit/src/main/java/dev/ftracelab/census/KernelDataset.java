package dev.ftracelab.census;

import dev.ftracelab.dataset.ColumnSpec;
import dev.ftracelab.dataset.TypedCsv;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.AtomicFiles;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.InputLimits;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A census kept as data: two gzip-compressed CSV files per kernel package, so analyses run
 * without the packages themselves. {@code NAME.sections.csv.gz} has one row per executable
 * section of each module (with the module's arch and RVC flag); {@code NAME.functions.csv.gz} one
 * row per function. Both carry the package version on every row and the source in {@code #} notes.
 *
 * <pre>{@code
 * KernelDataset.write(result.modules(), Path.of("datasets/kernels"), "linux-image-6.12.48+deb13-riscv64", "6.12.48-1", notes);
 * KernelDataset d = KernelDataset.read(Path.of("datasets/kernels/linux-image-6.12.48+deb13-riscv64.functions.csv.gz"));
 * }</pre>
 *
 * @param name the package name (the files' common prefix)
 * @param version the package version
 * @param modules the modules, in file order
 * @param notes the functions file's {@code #} notes (source, how it was made)
 */
public record KernelDataset(String name, String version, List<ModuleText> modules, List<String> notes) {
    public static final String FUNCTIONS_SUFFIX = ".functions.csv.gz";
    public static final String SECTIONS_SUFFIX = ".sections.csv.gz";

    /**
     * Largest section (and so function) size and alignment read from a dataset: 4 GiB, far
     * above any kernel text (a debug vmlinux has about 16 MB), and small enough that no sum of
     * sizes overflows.
     */
    public static final long MAX_TEXT_BYTES = 1L << 32;
    /** Largest patch area before or after an entry, in bytes (real ones are at most 24). */
    public static final int MAX_PATCH_BYTES = 4096;

    public static final List<ColumnSpec> SECTIONS_SCHEMA = List.of(ColumnSpec.string("package_version"),
            ColumnSpec.string("arch"), ColumnSpec.string("module"), ColumnSpec.integer("rvc").nonNegative().atMost(1),
            ColumnSpec.string("section"), ColumnSpec.address("address"),
            ColumnSpec.longInteger("size").nonNegative().atMost(MAX_TEXT_BYTES),
            ColumnSpec.longInteger("alignment").nonNegative().atMost(MAX_TEXT_BYTES));
    public static final List<ColumnSpec> FUNCTIONS_SCHEMA = List.of(ColumnSpec.string("package_version"),
            ColumnSpec.string("module"), ColumnSpec.string("name"), ColumnSpec.string("section"),
            ColumnSpec.address("address"), ColumnSpec.longInteger("size").nonNegative().atMost(MAX_TEXT_BYTES),
            ColumnSpec.longInteger("alignment").nonNegative().atMost(MAX_TEXT_BYTES),
            ColumnSpec.integer("patch_site").nonNegative().atMost(1),
            ColumnSpec.integer("patch_before").nonNegative().atMost(MAX_PATCH_BYTES),
            ColumnSpec.integer("patch_after").nonNegative().atMost(MAX_PATCH_BYTES));

    public KernelDataset {
        modules = List.copyOf(modules);
        notes = List.copyOf(notes);
    }

    /**
     * The files of dataset {@code name}: sections, functions, and the image markers (only a
     * census of a kernel image has those).
     */
    public static List<String> fileNames(String name) {
        return List.of(name + SECTIONS_SUFFIX, name + FUNCTIONS_SUFFIX, name + KernelImage.IMAGE_SUFFIX);
    }

    /**
     * Writes dataset {@code name} into {@code dir} as a unit ({@link AtomicFiles#replaceFiles}):
     * its sections, functions and (if {@code image} is not null) image files replace the old ones
     * together, an old image file without a new one is deleted, and a kill at any point leaves
     * either the old dataset or the new one for {@link #read} (and no temporary files once the
     * next export has run).
     *
     * <pre>{@code
     * KernelDataset.export(result.modules(), image, Path.of("datasets/kernels"), "linux-image-6.12.48+deb13-riscv64", "6.12.48-1", notes);
     * }</pre>
     */
    public static void export(List<ModuleText> modules, KernelImage image, Path dir, String name, String version,
                              List<String> notes) {
        try (AtomicFiles.WriteLock lock = AtomicFiles.lockSet(dir)) {
            export(modules, image, lock, name, version, notes);
        }
    }

    /** As {@link #export(List, KernelImage, Path, String, String, List)} into the folder of a held {@link AtomicFiles#lockSet}. */
    public static void export(List<ModuleText> modules, KernelImage image, AtomicFiles.WriteLock folder, String name,
                              String version, List<String> notes) {
        AtomicFiles.replaceFiles(folder, fileNames(name), stage -> {
            write(modules, stage, name, version, notes);
            if (image != null) {
                image.write(stage, name, version);
            }
        });
    }

    /**
     * Writes {@code NAME.sections.csv.gz} and {@code NAME.functions.csv.gz} into {@code dir}, each
     * atomically (a temp file renamed into place) but not together: {@link #export} replaces a
     * dataset as a unit.
     */
    public static void write(List<ModuleText> modules, Path dir, String name, String version, List<String> notes) {
        AtomicFiles.write(dir.resolve(name + SECTIONS_SUFFIX), out -> {
            try (Writer w = gzipWriter(out)) {
                writeNotes(w, notes);
                w.write(header(SECTIONS_SCHEMA));
                for (ModuleText m : modules) {
                    for (TextSection s : m.sections()) {
                        w.write(csv(version) + ',' + m.arch().id() + ',' + csv(m.module()) + ',' + (m.rvc() ? 1 : 0) + ','
                                + csv(s.name()) + ',' + ColumnSpec.hex(s.address()) + ',' + s.size() + ',' + s.alignment() + '\n');
                    }
                }
            }
        });
        AtomicFiles.write(dir.resolve(name + FUNCTIONS_SUFFIX), out -> {
            try (Writer w = gzipWriter(out)) {
                writeNotes(w, notes);
                w.write(header(FUNCTIONS_SCHEMA));
                for (ModuleText m : modules) {
                    String mod = csv(m.module());
                    for (FunctionEntry f : m.functions()) {
                        w.write(csv(version) + ',' + mod + ',' + csv(f.name()) + ',' + csv(f.section()) + ',' + ColumnSpec.hex(f.address()) + ','
                                + f.size() + ',' + f.alignment() + ',' + (f.traceable() ? 1 : 0) + ',' + f.patchBefore() + ','
                                + f.patchAfter() + '\n');
                    }
                }
            }
        });
    }

    /**
     * The functions files of the census datasets committed under {@code datasets/kernels}, by name.
     *
     * @throws BadInputException if the folder cannot be listed
     */
    public static List<Path> committed() {
        Path dir = dev.ftracelab.util.ProjectPaths.datasets().resolve("kernels");
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(FUNCTIONS_SUFFIX)).sorted().toList();
        } catch (java.io.IOException e) {
            throw new BadInputException(dir.toString(), null, "cannot list the census datasets: " + e.getMessage());
        }
    }

    /**
     * Reads a dataset from its functions file (or its sections file; the other is found beside it).
     *
     * @throws BadInputException naming the file and line of the first bad cell, or a function
     *     whose module has no sections row
     */
    public static KernelDataset read(Path file) {
        return read(file, InputLimits.DEFAULTS);
    }

    /** As {@link #read(Path)}, reading at most {@code limits.csvText()} bytes of text per file. */
    public static KernelDataset read(Path file, InputLimits limits) {
        String fname = file.getFileName().toString();
        String base;
        if (fname.endsWith(FUNCTIONS_SUFFIX)) {
            base = fname.substring(0, fname.length() - FUNCTIONS_SUFFIX.length());
        } else if (fname.endsWith(SECTIONS_SUFFIX)) {
            base = fname.substring(0, fname.length() - SECTIONS_SUFFIX.length());
        } else {
            throw new BadInputException(file.toString(), null, "expected a census dataset named NAME" + FUNCTIONS_SUFFIX);
        }
        // while an export is being swapped in, its staged files (never half old, half new)
        Path sectionsFile = AtomicFiles.committed(file.resolveSibling(base + SECTIONS_SUFFIX));
        Path functionsFile = AtomicFiles.committed(file.resolveSibling(base + FUNCTIONS_SUFFIX));
        TypedCsv.Result sr = TypedCsv.read(sectionsFile, "sections", SECTIONS_SCHEMA, limits);
        TypedCsv.Result fr = TypedCsv.read(functionsFile, "functions", FUNCTIONS_SCHEMA, limits);

        record Head(Arch arch, boolean rvc, List<TextSection> sections, List<FunctionEntry> functions,
                    Map<String, List<TextSection>> byName) {
        }
        Map<String, Head> byModule = new LinkedHashMap<>();
        Table st = sr.table();
        String version = st.rowCount() > 0 ? st.stringColumn("package_version").get(0) : "";
        StringColumn sArch = st.stringColumn("arch");
        StringColumn sModule = st.stringColumn("module");
        IntColumn sRvc = st.intColumn("rvc");
        StringColumn sName = st.stringColumn("section");
        LongColumn sAddr = st.longColumn("address");
        LongColumn sSize = st.longColumn("size");
        LongColumn sAlign = st.longColumn("alignment");
        for (int r = 0; r < st.rowCount(); r++) {
            Arch arch;
            try {
                arch = Arch.parse(sArch.get(r));
            } catch (IllegalArgumentException e) {
                throw BadInputException.atLine(sectionsFile, sr.line(r), e.getMessage());
            }
            boolean rvc = sRvc.getInt(r) != 0;
            Head h = byModule.computeIfAbsent(sModule.get(r), k -> new Head(arch, rvc, new ArrayList<>(), new ArrayList<>(), new HashMap<>()));
            TextSection t = new TextSection(sName.get(r), sAddr.getLong(r), sSize.getLong(r), Math.max(1, sAlign.getLong(r)));
            h.sections.add(t);
            h.byName.computeIfAbsent(t.name(), n -> new ArrayList<>()).add(t);
        }
        Table ft = fr.table();
        StringColumn fModule = ft.stringColumn("module");
        StringColumn fName = ft.stringColumn("name");
        StringColumn fSection = ft.stringColumn("section");
        LongColumn fAddr = ft.longColumn("address");
        LongColumn fSize = ft.longColumn("size");
        LongColumn fAlign = ft.longColumn("alignment");
        IntColumn fSite = ft.intColumn("patch_site");
        IntColumn fBefore = ft.intColumn("patch_before");
        IntColumn fAfter = ft.intColumn("patch_after");
        for (int r = 0; r < ft.rowCount(); r++) {
            Head h = byModule.get(fModule.get(r));
            int line = fr.line(r);
            if (h == null) {
                throw BadInputException.atLine(functionsFile, line,
                        "module '" + fModule.get(r) + "' has no row in " + sectionsFile.getFileName());
            }
            FunctionEntry f;
            try {
                f = new FunctionEntry(fName.get(r), fSection.get(r), fAddr.getLong(r), fSize.getLong(r),
                        fAlign.getLong(r), fSite.getInt(r) != 0, fBefore.getInt(r), fAfter.getInt(r));
            } catch (IllegalArgumentException e) {
                throw BadInputException.atLine(functionsFile, line, e.getMessage());
            }
            checkInside(functionsFile, line, fModule.get(r), f, h.byName.getOrDefault(f.section(), List.of()), sectionsFile);
            h.functions.add(f);
        }
        List<ModuleText> modules = new ArrayList<>();
        byModule.forEach((name, h) -> modules.add(new ModuleText(name, h.arch, h.rvc, h.sections, h.functions)));
        return new KernelDataset(base, version, modules, fr.notes());
    }

    /**
     * The census only records functions that lie in their section, patch area before the entry
     * included: a size or address beyond it is a damaged dataset (and would distort every sum).
     */
    private static void checkInside(Path file, int line, String module, FunctionEntry f, List<TextSection> named,
                                    Path sectionsFile) {
        if (named.isEmpty()) {
            throw BadInputException.atLine(file, line, "function '" + f.name() + "' is in section '" + f.section()
                    + "' of module '" + module + "': expected a row for that section in " + sectionsFile.getFileName());
        }
        for (TextSection s : named) {
            long entry = f.address() - s.address(); // offsets into the section, unsigned
            long from = entry - f.patchBefore();
            long to = entry + f.size();
            if (Long.compareUnsigned(entry, s.size()) <= 0 && Long.compareUnsigned(from, entry) <= 0
                    && Long.compareUnsigned(entry, to) <= 0 && Long.compareUnsigned(to, s.size()) <= 0) {
                return;
            }
        }
        TextSection s = named.get(0);
        throw BadInputException.atLine(file, line, "function '" + f.name() + "' at " + ColumnSpec.hex(f.address())
                + " (size " + f.size() + ", " + f.patchBefore() + " patch bytes before it): expected it to lie inside "
                + f.section() + " of module '" + module + "' (" + ColumnSpec.hex(s.address()) + ", " + s.size() + " bytes)");
    }

    private static Writer gzipWriter(java.io.OutputStream out) throws java.io.IOException {
        return new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(out, 1 << 16), StandardCharsets.UTF_8), 1 << 16);
    }

    private static void writeNotes(Writer w, List<String> notes) throws java.io.IOException {
        for (String n : notes) {
            w.write("# " + n.replace('\n', ' ') + '\n');
        }
    }

    private static String header(List<ColumnSpec> schema) {
        return String.join(",", schema.stream().map(ColumnSpec::name).toList()) + '\n';
    }

    private static String csv(String s) {
        return TypedCsv.quote(s);
    }
}
