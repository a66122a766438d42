package dev.ftracelab.census;

import dev.ftracelab.dataset.ColumnSpec;
import dev.ftracelab.dataset.TypedCsv;
import dev.ftracelab.emu.InstructionMix;
import dev.ftracelab.emu.ListPathMix;
import dev.ftracelab.emu.MixClass;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.AtomicFiles;
import dev.ftracelab.util.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The committed list-path mix of real kernels ({@code datasets/kernels/list-path-mix.csv}): one
 * row per arch, component and {@link MixClass}, with the package and version it was derived from
 * and {@code #} notes naming the method and each vmlinux's build id and SHA-256. Written by
 * {@link #write} from {@link KernelListPath} results, read back by the conformance test.
 *
 * <pre>{@code
 * ListPathMixDataset d = ListPathMixDataset.read(Path.of("datasets/kernels/list-path-mix.csv"));
 * InstructionMix perOps = d.mix(Arch.ARM64).get(ListPathMix.Component.PER_IRRELEVANT_OPS);
 * }</pre>
 *
 * @param entries one per arch, in file order
 * @param notes   the {@code #} lines
 */
public record ListPathMixDataset(Map<Arch, Entry> entries, List<String> notes) {
    /** The committed file, relative to the repository root. */
    public static final String FILE = "datasets/kernels/list-path-mix.csv";
    public static final List<ColumnSpec> SCHEMA = List.of(ColumnSpec.string("arch"), ColumnSpec.string("package"),
            ColumnSpec.string("package_version"), ColumnSpec.string("component"), ColumnSpec.string("class"),
            ColumnSpec.longInteger("count"));

    /** One arch's mix and where it came from. */
    public record Entry(Arch arch, String packageName, String packageVersion, ListPathMix mix) {
    }

    public ListPathMixDataset {
        entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        notes = List.copyOf(notes);
    }

    /**
     * The mix of {@code arch}.
     *
     * @throws IllegalArgumentException if the dataset has no rows for it
     */
    public ListPathMix mix(Arch arch) {
        Entry e = entries.get(arch);
        if (e == null) {
            throw new IllegalArgumentException("the list-path mix dataset has no rows for " + arch.id());
        }
        return e.mix();
    }

    /** The notes a derivation writes: the method, then one line per package with its vmlinux's identity. */
    public static List<String> notes(List<KernelListPath.Result> results) {
        List<String> n = new ArrayList<>(List.of(
                "Instruction mix of ftrace's list path in Debian's kernels, per traced call of the ftrace-ops sample's",
                "path: per_call = trampoline (ftrace_caller) + arch_ftrace_ops_list_func entry/exit; per_irrelevant_ops /",
                "per_relevant_ops = one more ops in the list (ftrace_ops_test, hash_contains_ip.isra.0; the relevant one",
                "also calls its tracer, whose own body is not counted); assist = ftrace_ops_assist_func per call.",
                "Method: executed on the ftrace-lab emulator (dev.ftracelab.census.KernelListPath): the vmlinux's",
                "PT_LOAD segments at their link addresses, the sample's ops/hashes/task built in guest memory with",
                "offsets from the image's BTF, one call entering ftrace_caller; runs with (2,0), (2,10), (12,0) ops",
                "differenced, checked against (3,5). riscv64 reaches the list through ftrace_call (nop-nop layout),",
                "arm64 through the CALL_OPS literal -> ftrace_list_ops. Filter hashes have size_bits 0 and one entry;",
                "notrace is the image's empty_hash; ops flags ENABLED|DYNAMIC|INITIALIZED; normal context, nothing recursing.",
                "Classes: dev.ftracelab.emu.MixClass (taken_branches = taken conditional branches + j/jr/b/br; per_call",
                "can be -1 there because the last ops' loop back edge is not taken).",
                "Regenerate: datasets/fetch-kernels.sh --list-path-mix (or: ftrace-lab list-path-mix PACKAGE_DIR... --output FILE)."));
        for (KernelListPath.Result r : results) {
            n.add(r.arch().id() + ": " + r.packageName() + " " + r.packageVersion() + ", vmlinux build-id "
                    + (r.buildId().isEmpty() ? "none" : r.buildId()) + ", sha256 " + r.sha256());
        }
        return n;
    }

    /** Writes the results (one arch each) with {@link #notes} to {@code file}, atomically. */
    public static void write(Path file, List<KernelListPath.Result> results) {
        StringBuilder b = new StringBuilder();
        for (String n : notes(results)) {
            b.append("# ").append(n).append('\n');
        }
        b.append(String.join(",", SCHEMA.stream().map(ColumnSpec::name).toList())).append('\n');
        for (KernelListPath.Result r : results) {
            for (ListPathMix.Component c : ListPathMix.Component.values()) {
                InstructionMix m = r.mix().get(c);
                for (MixClass k : MixClass.values()) {
                    b.append(r.arch().id()).append(',').append(TypedCsv.quote(r.packageName())).append(',')
                            .append(TypedCsv.quote(r.packageVersion())).append(',').append(c.csvName()).append(',')
                            .append(k.csvName()).append(',').append(m.get(k)).append('\n');
                }
            }
        }
        AtomicFiles.writeString(file, b.toString());
    }

    /**
     * Reads a dataset written by {@link #write}.
     *
     * @throws BadInputException if the file is malformed or an arch lacks a component or class
     */
    public static ListPathMixDataset read(Path file) {
        TypedCsv.Result r = TypedCsv.read(file, "list-path-mix", SCHEMA);
        Table t = r.table();
        StringColumn arch = t.stringColumn("arch");
        StringColumn pkg = t.stringColumn("package");
        StringColumn version = t.stringColumn("package_version");
        StringColumn component = t.stringColumn("component");
        StringColumn cls = t.stringColumn("class");
        LongColumn count = t.longColumn("count");
        Map<Arch, String[]> packages = new LinkedHashMap<>();
        Map<Arch, Map<ListPathMix.Component, Map<MixClass, Long>>> counts = new LinkedHashMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            String row = "data row " + (i + 1);
            Arch a;
            try {
                a = Arch.parse(arch.get(i));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(file.toString(), row, e.getMessage());
            }
            String thePackage = pkg.get(i);
            String theVersion = version.get(i);
            String[] p = packages.computeIfAbsent(a, x -> new String[] {thePackage, theVersion});
            if (!p[0].equals(pkg.get(i)) || !p[1].equals(version.get(i))) {
                throw new BadInputException(file.toString(), row, "a second package for " + a.id() + ": "
                        + pkg.get(i) + " " + version.get(i) + " after " + p[0] + " " + p[1]);
            }
            ListPathMix.Component c;
            MixClass k;
            try {
                c = ListPathMix.Component.ofCsvName(component.get(i));
                k = MixClass.ofCsvName(cls.get(i));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(file.toString(), row, e.getMessage());
            }
            counts.computeIfAbsent(a, x -> new EnumMap<>(ListPathMix.Component.class))
                    .computeIfAbsent(c, x -> new EnumMap<>(MixClass.class)).put(k, count.get(i));
        }
        Map<Arch, Entry> entries = new LinkedHashMap<>();
        counts.forEach((a, byComponent) -> {
            Map<ListPathMix.Component, InstructionMix> mixes = new EnumMap<>(ListPathMix.Component.class);
            for (ListPathMix.Component c : ListPathMix.Component.values()) {
                Map<MixClass, Long> m = byComponent.get(c);
                if (m == null || m.size() != MixClass.values().length) {
                    throw new BadInputException(file.toString(), null, a.id() + " " + c.csvName()
                            + ": expected a row for every class " + java.util.Arrays.stream(MixClass.values()).map(MixClass::csvName).toList());
                }
                mixes.put(c, InstructionMix.of(m));
            }
            String[] p = packages.get(a);
            entries.put(a, new Entry(a, p[0], p[1], new ListPathMix(mixes)));
        });
        return new ListPathMixDataset(entries, r.notes());
    }
}
