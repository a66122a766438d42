package dev.ftracelab.report;

import dev.ftracelab.census.FunctionEntry;
import dev.ftracelab.census.ModuleGrowth;
import dev.ftracelab.census.ModuleText;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.isa.Arch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.Table;

/**
 * The census as tables and charts: text growth per layout (per module and in total), function
 * sizes and alignments.
 *
 * <pre>{@code
 * CensusResult r = Census.builder().path(dir).build().run();
 * Table totals = CensusTables.growth(CensusResult.totals(r.growth()));
 * CategoryChart sizes = CensusTables.sizeChart(r.modules());
 * }</pre>
 */
public final class CensusTables {
    private CensusTables() {
    }

    /** One row of {@link #growth}: a module (or total) under one layout. */
    public record GrowthRow(String arch, String module, int modules, String layout, boolean built, long functions,
            long traceable, long textBytes, long patchBytes, long modelledBytes, long growthBytes, double growthPercent) {
    }

    /**
     * The layout of {@link #growth} for a mail: text as built, growth under each layout. The
     * module (or "total") heads its rows; function counts are in the CSV and in
     * {@link #COST_LAYOUT}.
     */
    public static final MailTable GROWTH_LAYOUT = MailTable.builder().column("arch", "arch").column("layout", "layout")
            .column("textBytes", "text B").column("growthBytes", "growth B").column("growthPercent", "growth %")
            .decimals("growthPercent", 2).keyColumns(2).heading("module", "module").build();

    /** One row per module and layout; {@code built} marks the layout it was built with. */
    public static Table growth(List<ModuleGrowth> rows) {
        List<GrowthRow> out = new ArrayList<>();
        for (ModuleGrowth g : rows) {
            for (Map.Entry<Layout, Long> e : g.textBytesUnder().entrySet()) {
                out.add(new GrowthRow(g.arch().id(), g.module(), g.modules(), e.getKey().id(), e.getKey() == g.built(),
                        g.functions(), g.traceable(), g.textBytes(), g.patchBytes(), e.getValue(), g.growth(e.getKey()),
                        g.growthPercent(e.getKey())));
            }
        }
        return Tables.of("text growth per layout", out, GrowthRow.class);
    }

    /**
     * One row of {@link #callOpsCost}.
     *
     * @param name the module's name as the kernel knows it ({@code mlx5_core}, {@code vmlinux},
     *             {@code total}): {@code module} is its path in the package
     */
    public record CostRow(String arch, String module, long traceable, long textBytes, String baseline, long callOpsBytes,
            double callOpsPercent, String name) {
    }

    /** The layout of {@link #callOpsCost}: one line per module, by name (the path is in the CSV). */
    public static final MailTable COST_LAYOUT = MailTable.builder().group("", 2).group("", 2).group("CALL_OPS", 2)
            .column("arch", "arch").column("name", "module").wrap("name").column("traceable", "traceable")
            .column("textBytes", "text B").column("callOpsBytes", "+B").column("callOpsPercent", "+%")
            .decimals("callOpsPercent", 2).keyColumns(2).build();

    /** A module's name from its path: the file name without {@code .ko[.xz|.gz|.zst]}; "vmlinux" for a kernel image. */
    static String moduleName(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        if (base.startsWith("vmlinux")) {
            return "vmlinux";
        }
        return base.replaceFirst("\\.ko(\\.(xz|gz|zst))?$", "");
    }

    /** What CALL_OPS costs each row, against the arch's layout before CALL_OPS ({@link ModuleGrowth#callOpsCost}). */
    public static Table callOpsCost(List<ModuleGrowth> rows) {
        List<CostRow> out = new ArrayList<>();
        for (ModuleGrowth g : rows) {
            out.add(new CostRow(g.arch().id(), g.module(), g.traceable(), g.textBytes(), Layout.before(g.arch()).id(),
                    g.callOpsCost(), g.callOpsCostPercent(), moduleName(g.module())));
        }
        return Tables.of("CALL_OPS text cost", out, CostRow.class);
    }

    /**
     * The rows of a CALL_OPS cost table, each module once: the totals, every kernel image, then the
     * {@code n} other modules CALL_OPS costs most. The images are listed apart because they dwarf
     * every module; ranking them among the modules too listed each {@code vmlinux} twice.
     *
     * <pre>{@code Table t = CensusTables.callOpsCost(CensusTables.costRows(CensusResult.totals(rows), rows, 8));}</pre>
     */
    public static List<ModuleGrowth> costRows(List<ModuleGrowth> totals, List<ModuleGrowth> rows, int n) {
        List<ModuleGrowth> out = new ArrayList<>(totals);
        List<ModuleGrowth> modules = new ArrayList<>();
        for (ModuleGrowth g : rows) {
            if (moduleName(g.module()).equals("vmlinux")) {
                out.add(g);
            } else {
                modules.add(g);
            }
        }
        out.addAll(top(modules, n));
        return out;
    }

    /** The {@code n} modules CALL_OPS costs most, in bytes (ties by name). */
    public static List<ModuleGrowth> top(List<ModuleGrowth> rows, int n) {
        return rows.stream().sorted(Comparator.comparingLong((ModuleGrowth g) -> -g.callOpsCost()).thenComparing(ModuleGrowth::module))
                .limit(n).toList();
    }

    /** One row of {@link #alignments}. */
    public record AlignmentRow(String arch, long alignment, long functions, long traceable, double percent) {
    }

    /** How the functions' entries are aligned, per arch: the padding a stricter alignment would need. */
    public static Table alignments(List<ModuleText> modules) {
        Map<Arch, TreeMap<Long, long[]>> counts = new EnumMap<>(Arch.class);
        Map<Arch, Long> totals = new EnumMap<>(Arch.class);
        for (ModuleText m : modules) {
            TreeMap<Long, long[]> c = counts.computeIfAbsent(m.arch(), k -> new TreeMap<>());
            for (FunctionEntry f : m.functions()) {
                long a = Math.min(f.alignment(), 64);
                long[] v = c.computeIfAbsent(a, k -> new long[2]);
                v[0]++;
                v[1] += f.traceable() ? 1 : 0;
                totals.merge(m.arch(), 1L, Long::sum);
            }
        }
        List<AlignmentRow> rows = new ArrayList<>();
        counts.forEach((arch, c) -> c.forEach((a, v) -> rows.add(new AlignmentRow(arch.id(), a, v[0], v[1],
                100.0 * v[0] / totals.get(arch)))));
        return Tables.of("function alignment", rows, AlignmentRow.class);
    }

    /** The bins of {@link #sizeChart}: powers of two, up to 64 KiB and more. */
    static final long[] SIZE_BINS = {16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 65536, Long.MAX_VALUE};

    /** Function sizes per arch, as % of the arch's functions in power-of-two bins. */
    public static CategoryChart sizeChart(List<ModuleText> modules) {
        List<String> labels = new ArrayList<>();
        long lo = 0;
        for (long hi : SIZE_BINS) {
            labels.add(hi == Long.MAX_VALUE ? ">" + human(lo) : "≤" + human(hi));
            lo = hi;
        }
        Map<Arch, double[]> share = new EnumMap<>(Arch.class);
        Map<Arch, Long> n = new EnumMap<>(Arch.class);
        for (ModuleText m : modules) {
            double[] v = share.computeIfAbsent(m.arch(), k -> new double[SIZE_BINS.length]);
            for (FunctionEntry f : m.functions()) {
                int b = 0;
                while (f.size() > SIZE_BINS[b]) {
                    b++;
                }
                v[b]++;
                n.merge(m.arch(), 1L, Long::sum);
            }
        }
        Charts.BarBuilder chart = Charts.bars("How large are the kernels' functions?").xAxis("bytes")
                .yAxis("% of functions").categories(labels);
        share.forEach((arch, v) -> {
            double[] pct = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                pct[i] = 100.0 * v[i] / n.get(arch);
            }
            chart.series(String.format(java.util.Locale.ROOT, "%s (%,d functions)", arch.id(), n.get(arch)), pct);
        });
        return chart.build();
    }

    /**
     * Growth under each layout in % of text, one bar group per arch, each bar with its value (a
     * layout that is the arch's own build draws no bar: it says "as built" instead).
     */
    public static CategoryChart growthChart(List<ModuleGrowth> totals) {
        List<String> archs = totals.stream().map(g -> g.arch().id()).toList();
        // a total over modules built differently has no one layout as built
        String built = totals.stream().map(g -> g.arch().id() + " " + (g.built() == null ? "mixed" : g.built().id())).collect(
                java.util.stream.Collectors.joining(", "));
        Charts.BarBuilder chart = Charts.bars("How much text does each patch-site layout add?")
                .xAxis("arch (0 = the layout as built: " + built + ")")
                .yAxis("% of kernel + module text").categories(archs);
        List<Layout> drawn = new ArrayList<>();
        for (Layout l : Layout.values()) {
            double[] v = new double[totals.size()];
            boolean any = false;
            for (int i = 0; i < totals.size(); i++) {
                if (totals.get(i).textBytesUnder().containsKey(l)) {
                    v[i] = totals.get(i).growthPercent(l);
                    any |= v[i] != 0;
                }
            }
            if (any) {
                chart.series(l.id(), v);
                drawn.add(l);
            }
        }
        for (Layout l : drawn) {
            for (ModuleGrowth g : totals) {
                if (g.textBytesUnder().containsKey(l)) {
                    double pct = g.growthPercent(l);
                    chart.note(l == g.built() ? "as built" : String.format(java.util.Locale.ROOT, "%+.2f%%", pct),
                            g.arch().id(), List.of(l.id()), pct, pct < 0 ? Charts.Side.BELOW : Charts.Side.ABOVE);
                }
            }
        }
        return chart.build();
    }

    /**
     * The layout of {@link #reach} for a mail: % of callsites reaching the trampoline directly,
     * by the instruction that would branch there. The site counts are in the CSV;
     * {@link #REACH_LEGEND} says what the columns are.
     */
    public static final MailTable REACH_LAYOUT = MailTable.builder().group("", 3).group("% reaching directly", 4)
            .column("arch", "arch").column("callsites", "callsites").column("placement", "trampoline in")
            .wrap("placement").column("jal", "JAL").column("jalrFixedAuipc", "JALR").column("auipcJalr", "A+J")
            .column("bl", "BL").decimals("jal", 1).decimals("jalrFixedAuipc", 1).decimals("auipcJalr", 1)
            .decimals("bl", 1).keyColumns(3).build();

    /** What the columns of {@link #REACH_LAYOUT} mean, for under the table. */
    public static final String REACH_LEGEND = "JAL: a single JAL (riscv64, ±1 MiB). JALR: the JALR alone, off the"
            + " AUIPC left aimed at ftrace_caller (riscv64 atomic and call-ops, ±2 KiB of its base). A+J: AUIPC and"
            + " JALR both rewritten (riscv64 nop-nop, ±2 GiB). BL: arm64 (±128 MiB). Mean over the callsites: every"
            + " traceable kernel function, or sample addresses across the module area; counts in the CSV.";

    /** The reach rows as a table; an instruction the arch lacks is a missing value. */
    public static Table reach(List<dev.ftracelab.census.DirectReach.ReachRow> rows) {
        return Tables.of("direct-call reach", rows, dev.ftracelab.census.DirectReach.ReachRow.class);
    }

    private static String human(long bytes) {
        return bytes >= 1024 ? bytes / 1024 + "K" : String.valueOf(bytes);
    }
}
