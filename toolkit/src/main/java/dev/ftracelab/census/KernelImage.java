package dev.ftracelab.census;

import dev.ftracelab.dataset.ColumnSpec;
import dev.ftracelab.dataset.TypedCsv;
import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.AtomicFiles;
import dev.ftracelab.util.BadInputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Where a kernel image's text lies and where its traceable functions are: what the direct-call
 * reach model needs. Taken from a {@code vmlinux} with symbols (Debian's {@code -dbg} package has
 * one) or from a census dataset ({@code NAME.image.csv} beside its functions file).
 *
 * <pre>{@code
 * KernelImage k = KernelImage.of(ElfFile.read(Path.of("vmlinux-6.12.48+deb13-riscv64")), "vmlinux");
 * long textBytes = k.etext() - k.stext();
 * }</pre>
 *
 * @param arch the image's arch
 * @param name a label, e.g. the package name
 * @param stext {@code _stext}: start of the kernel text
 * @param etext {@code _etext}: end of the kernel text
 * @param end {@code _end}: end of the image (bss included)
 * @param ftraceCaller {@code ftrace_caller}, the common trampoline the fixed AUIPC points to
 * @param callsites entries of the traceable functions, ascending
 */
public record KernelImage(Arch arch, String name, long stext, long etext, long end, long ftraceCaller, long[] callsites) {
    /** The symbols an image file records, in this order. */
    static final List<String> MARKERS = List.of("_stext", "_etext", "_end", "ftrace_caller");
    public static final String IMAGE_SUFFIX = ".image.csv";
    public static final List<ColumnSpec> IMAGE_SCHEMA = List.of(ColumnSpec.string("package_version"), ColumnSpec.string("arch"),
            ColumnSpec.string("symbol"), ColumnSpec.address("address"));

    public KernelImage {
        callsites = callsites.clone();
        java.util.Arrays.sort(callsites);
    }

    /** Whether {@code m} is a kernel image rather than a module. */
    public static boolean isImage(ModuleText m) {
        String base = m.module().substring(m.module().lastIndexOf('/') + 1);
        return base.startsWith("vmlinux");
    }

    /**
     * The image's layout from a {@code vmlinux}'s symbols and patch sites.
     *
     * @throws BadInputException if a marker symbol is missing
     */
    public static KernelImage of(ElfFile vmlinux, String name) {
        String missing = MARKERS.stream().filter(s -> vmlinux.symbol(s).isEmpty()).findFirst().orElse(null);
        if (missing != null) {
            throw new BadInputException(vmlinux.source(), null, "no symbol " + missing + ": expected a vmlinux with its symbol table");
        }
        return of(ModuleText.read(vmlinux, name), checked(markers(vmlinux), vmlinux.source()));
    }

    /** The markers in layout order, _stext <= _etext <= _end (unsigned), or a BadInputException naming {@code source}. */
    private static Map<String, Long> checked(Map<String, Long> at, String source) {
        long stext = at.get("_stext");
        long etext = at.get("_etext");
        long end = at.get("_end");
        if (Long.compareUnsigned(stext, etext) > 0 || Long.compareUnsigned(etext, end) > 0) {
            throw new BadInputException(source, null, String.format(java.util.Locale.ROOT, "_stext 0x%x, _etext 0x%x, _end 0x%x:"
                    + " expected _stext <= _etext <= _end", stext, etext, end));
        }
        return at;
    }

    /** The image from its census ({@code vmlinux} functions) and the marker symbols' addresses. */
    public static KernelImage of(ModuleText vmlinux, Map<String, Long> markers) {
        long[] sites = vmlinux.functions().stream().filter(FunctionEntry::traceable).mapToLong(FunctionEntry::address).toArray();
        return new KernelImage(vmlinux.arch(), vmlinux.module(), markers.get("_stext"), markers.get("_etext"),
                markers.get("_end"), markers.get("ftrace_caller"), sites);
    }

    /** The image of {@code m}, read from {@code elf}, if it is a kernel image with the marker symbols. */
    static java.util.Optional<KernelImage> ifImage(ElfFile elf, ModuleText m) {
        if (!isImage(m) || !MARKERS.stream().allMatch(s -> elf.symbol(s).isPresent())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(of(m, checked(markers(elf), elf.source())));
    }

    /** The marker symbols' addresses; every one must be present. */
    private static Map<String, Long> markers(ElfFile elf) {
        Map<String, Long> at = new LinkedHashMap<>();
        MARKERS.forEach(s -> at.put(s, elf.symbol(s).orElseThrow().value()));
        return at;
    }

    /** Writes {@code NAME.image.csv} (the marker symbols) into {@code dir}, atomically. */
    public void write(Path dir, String datasetName, String version) {
        long[] at = {stext, etext, end, ftraceCaller};
        StringBuilder sb = new StringBuilder("# marker symbols of the kernel image, for the direct-call reach model\n");
        sb.append(String.join(",", IMAGE_SCHEMA.stream().map(ColumnSpec::name).toList())).append('\n');
        for (int i = 0; i < at.length; i++) {
            sb.append(TypedCsv.quote(version)).append(',').append(arch.id()).append(',').append(MARKERS.get(i))
                    .append(",0x").append(Long.toHexString(at[i])).append('\n');
        }
        AtomicFiles.writeString(dir.resolve(datasetName + IMAGE_SUFFIX), sb.toString());
    }

    /**
     * The image recorded in a census dataset, if it has one ({@code NAME.image.csv}, seen through
     * {@link AtomicFiles#committed} like the dataset's other files): empty for a dataset exported
     * without its kernel image.
     *
     * <pre>{@code
     * KernelImage.readIfRecorded(d, p).ifPresent(k -> reach.addAll(DirectReach.table(k)));
     * }</pre>
     *
     * @throws BadInputException if the image file is there but malformed
     */
    public static java.util.Optional<KernelImage> readIfRecorded(KernelDataset dataset, Path functionsFile) {
        Path file = AtomicFiles.committed(functionsFile.resolveSibling(dataset.name() + IMAGE_SUFFIX));
        return java.nio.file.Files.exists(file) ? java.util.Optional.of(read(dataset, functionsFile))
                : java.util.Optional.empty();
    }

    /**
     * The image recorded in a census dataset: {@code NAME.image.csv} and the {@code vmlinux}
     * functions of {@code dataset}.
     *
     * @throws BadInputException if the image file is missing or malformed, or the dataset has no vmlinux
     */
    public static KernelImage read(KernelDataset dataset, Path functionsFile) {
        Path file = AtomicFiles.committed(functionsFile.resolveSibling(dataset.name() + IMAGE_SUFFIX));
        Table t = TypedCsv.read(file, "image", IMAGE_SCHEMA).table();
        // the address column is typed: a bad address is refused by TypedCsv at its file line
        StringColumn sym = t.stringColumn("symbol");
        tech.tablesaw.api.LongColumn addr = t.longColumn("address");
        Map<String, Long> at = new LinkedHashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            at.put(sym.get(r), addr.get(r));
        }
        for (String s : MARKERS) {
            if (!at.containsKey(s)) {
                throw new BadInputException(file.toString(), null, "no row for symbol " + s + ": expected " + MARKERS);
            }
        }
        ModuleText vmlinux = dataset.modules().stream().filter(KernelImage::isImage).findFirst()
                .orElseThrow(() -> new BadInputException(functionsFile.toString(), null, "no vmlinux rows: expected the kernel image's functions"));
        KernelImage k = of(vmlinux, checked(at, file.toString()));
        try { // the reach model's regions must exist: _stext < _etext, the image within its module area's reach
            DirectReach.table(k);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file.toString(), null, e.getMessage() + ": expected _stext < _etext <= _end,"
                    + " an image smaller than its module area");
        }
        return new KernelImage(k.arch, dataset.name(), k.stext, k.etext, k.end, k.ftraceCaller, k.callsites);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KernelImage k && k.arch == arch && k.name.equals(name) && k.stext == stext && k.etext == etext
                && k.end == end && k.ftraceCaller == ftraceCaller && java.util.Arrays.equals(k.callsites, callsites);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(arch, name, stext, etext, end, ftraceCaller, java.util.Arrays.hashCode(callsites));
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s %s: text 0x%x-0x%x, end 0x%x, ftrace_caller 0x%x, %d callsites",
                arch, name, stext, etext, end, ftraceCaller, callsites.length);
    }
}
