package dev.ftracelab.report;

import dev.ftracelab.census.CensusResult;
import dev.ftracelab.census.DirectReach;
import dev.ftracelab.census.KernelDataset;
import dev.ftracelab.census.KernelImage;
import dev.ftracelab.census.ModuleGrowth;
import dev.ftracelab.census.ModuleText;
import dev.ftracelab.cost.DirectCallCost;
import dev.ftracelab.cost.ModelledSample;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.ftrace.Callsite;
import dev.ftracelab.ftrace.DirectCall;
import dev.ftracelab.ftrace.Dispatch;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.ftrace.FtraceOpsSample.Point;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.ftrace.Strategy;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.patch.CheckOptions;
import dev.ftracelab.patch.CheckResult;
import dev.ftracelab.patch.Explorer;
import dev.ftracelab.patch.PatchPlan.Op;
import dev.ftracelab.patch.Scheme;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.vmlinux.KernelCache;
import dev.ftracelab.vmlinux.Vmlinux;
import java.util.function.Consumer;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The one page that answers the thread: per dispatch design, side by side, what a traced call
 * costs on a hardware profile (with its interval), what the layout does to text size, whether
 * its patching is safe under full preemption, and what a direct call (a BPF trampoline) costs
 * and how often it reaches its trampoline directly.
 *
 * <p>Rows are designs ({@link #designs}): list processing on each pre-CALL_OPS site, per-callsite
 * trampolines, CALL_OPS, and a direct call on each layout (near: its trampoline in the module
 * area; far: out of reach). Every figure comes from a command that reproduces it ({@link #sources}).
 *
 * <pre>{@code
 * AnswerTables.Answer a = AnswerTables.compute(AnswerTables.Settings.of(Profile.load("vf2")), x -> { });
 * System.out.print(AnswerTables.mail(a));               // the 72-column table with its legend
 * Table t = AnswerTables.table(a);                      // for csv / json / md
 * XYChart c = AnswerTables.chart(a);
 * }</pre>
 */
public final class AnswerTables {
    /** The (R, I) rows the thread's table turns on. */
    public static final List<Point> POINTS = List.of(new Point(1, 0), new Point(1, 10), new Point(2, 0),
            new Point(10, 0));

    /** Column names of the four points in {@link #table}. */
    static final List<String> POINT_COLUMNS = List.of("r1_i0", "r1_i10", "r2_i0", "r10_i0");

    /** An empty display cell (Tablesaw reads "" as missing, which a mail shows as "-"). */
    private static final String BLANK = " ";

    private AnswerTables() {
    }

    /** Which call instruction's reach decides whether a design's site branches to a trampoline. */
    public enum Reach {
        /** Not a question for the design: its site always calls {@code ftrace_caller}. */
        NONE,
        /** riscv64 {@code nop-nop}: both instructions rewritten, ±2 GiB. */
        AUIPC_JALR,
        /** riscv64 {@code atomic}, {@code call-ops}: the JALR of an AUIPC aimed at {@code ftrace_caller}, ±2 KiB. */
        JALR_FIXED_AUIPC,
        /** arm64: ±128 MiB. */
        BL;

        /** This instruction's share in a reach row, in %, or null. */
        Double of(DirectReach.ReachRow r) {
            return switch (this) {
                case NONE -> null;
                case AUIPC_JALR -> r.auipcJalr();
                case JALR_FIXED_AUIPC -> r.jalrFixedAuipc();
                case BL -> r.bl();
            };
        }
    }

    /**
     * One design of the page.
     *
     * @param key the short name in the mail table ({@code Lnn}, {@code CO}, {@code Dnf}, ...)
     * @param name what a kernel developer calls it
     * @param sample the ftrace-ops sample that prices it
     * @param scheme the patching scheme checked for it, or null where none is modelled
     * @param reach whose reach the direct-reach column shows
     * @param plotted whether the plot shows it (at most five series)
     */
    public record Design(String key, String name, FtraceOpsSample sample, Scheme scheme, Reach reach,
            boolean plotted) {
        public Design {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(sample, "sample");
        }

        /** The command-line flags that select this design ({@code --layout nop-nop --direct far}). */
        public String flags() {
            if (sample.vmlinux() != null) {
                return "--vmlinux " + KernelCache.standard().argument(sample.vmlinux());
            }
            return "--layout " + sample.layout().id()
                    + (sample.strategy() == Strategy.COMMON ? "" : " --strategy " + sample.strategy().id())
                    + (sample.direct() == DirectCall.NONE ? "" : " --direct " + sample.direct().id());
        }
    }

    /**
     * The designs of {@code arch}, in table order: list processing on every layout before
     * CALL_OPS, per-callsite trampolines, CALL_OPS, then a direct call on each layout (near, and
     * far where near is in reach; a per-callsite-trampoline site hands a lone direct ops its
     * own trampoline exactly as the plain site does, so it has no row of its own).
     */
    public static List<Design> designs(Arch arch) {
        List<Design> d = new ArrayList<>();
        if (arch == Arch.RISCV64) {
            d.add(design(arch, "Lnn", "", Layout.NOP_NOP, Strategy.COMMON, DirectCall.NONE,
                    Scheme.RISCV_NOP_NOP_STOP_MACHINE, Reach.NONE, true));
            d.add(design(arch, "Lat", "", Layout.ATOMIC, Strategy.COMMON, DirectCall.NONE,
                    Scheme.RISCV_ATOMIC, Reach.NONE, false));
            d.add(design(arch, "Tnn", "", Layout.NOP_NOP,
                    Strategy.PER_CALLSITE_TRAMPOLINE, DirectCall.NONE, Scheme.BREAKPOINT, Reach.AUIPC_JALR, true));
            d.add(design(arch, "CO", "", Layout.CALL_OPS, Strategy.COMMON, DirectCall.NONE, Scheme.RISCV_CALL_OPS,
                    Reach.NONE, true));
            d.add(design(arch, "Dnn", "in reach", Layout.NOP_NOP, Strategy.COMMON, DirectCall.NEAR,
                    Scheme.RISCV_NOP_NOP_STOP_MACHINE, Reach.AUIPC_JALR, true));
            d.add(design(arch, "Dnf", "out of reach", Layout.NOP_NOP, Strategy.COMMON,
                    DirectCall.FAR, Scheme.RISCV_NOP_NOP_STOP_MACHINE, Reach.AUIPC_JALR, false));
            d.add(design(arch, "Dat", "never in reach", Layout.ATOMIC, Strategy.COMMON,
                    DirectCall.NEAR, Scheme.RISCV_ATOMIC, Reach.JALR_FIXED_AUIPC, false));
            d.add(design(arch, "DCO", "never in reach", Layout.CALL_OPS, Strategy.COMMON,
                    DirectCall.NEAR, Scheme.RISCV_CALL_OPS, Reach.JALR_FIXED_AUIPC, true));
        } else {
            d.add(design(arch, "Lpc", "", Layout.PRE_CALL_OPS, Strategy.COMMON,
                    DirectCall.NONE, Scheme.ARM64_PRE_CALL_OPS, Reach.NONE, true));
            d.add(design(arch, "Tpc", "", Layout.PRE_CALL_OPS,
                    Strategy.PER_CALLSITE_TRAMPOLINE, DirectCall.NONE, Scheme.ARM64_PRE_CALL_OPS, Reach.BL, true));
            d.add(design(arch, "CO", "", Layout.CALL_OPS, Strategy.COMMON, DirectCall.NONE, Scheme.ARM64_CALL_OPS,
                    Reach.NONE, true));
            d.add(design(arch, "Dpc", "in reach", Layout.PRE_CALL_OPS, Strategy.COMMON,
                    DirectCall.NEAR, Scheme.ARM64_PRE_CALL_OPS, Reach.BL, true));
            d.add(design(arch, "Dpf", "out of reach", Layout.PRE_CALL_OPS, Strategy.COMMON,
                    DirectCall.FAR, Scheme.ARM64_PRE_CALL_OPS, Reach.BL, false));
            d.add(design(arch, "DCO", "in reach", Layout.CALL_OPS, Strategy.COMMON,
                    DirectCall.NEAR, Scheme.ARM64_CALL_OPS, Reach.BL, false));
            d.add(design(arch, "DCf", "out of reach", Layout.CALL_OPS, Strategy.COMMON,
                    DirectCall.FAR, Scheme.ARM64_CALL_OPS, Reach.BL, true));
        }
        return d;
    }

    /**
     * {@link #designs(Arch)} and then, for each real kernel of the settings, its own dispatch
     * code as a design of its own (keys {@code V1}, {@code V2}, ...): the layout it was built with,
     * with the patch scheme of that layout.
     */
    public static List<Design> designs(Settings s) {
        List<Design> d = new ArrayList<>(designs(s.profile().arch()));
        int i = 1;
        for (Vmlinux v : s.kernels()) {
            FtraceOpsSample sample = FtraceOpsSample.of(v);
            Layout layout = sample.layout();
            String name = Dispatch.of(layout, Strategy.COMMON).title() + ", " + layout.id() + " site, vmlinux "
                    + (v.release().isEmpty() ? v.source() : v.release()) + " (its own code)";
            d.add(new Design("V" + i++, name, sample, schemeOf(v.arch(), layout), Reach.NONE, false));
        }
        return d;
    }

    /** The patch scheme the kernel uses with {@code layout}. */
    static Scheme schemeOf(Arch arch, Layout layout) {
        return switch (layout) {
            case NOP_NOP -> Scheme.RISCV_NOP_NOP_STOP_MACHINE;
            case ATOMIC -> Scheme.RISCV_ATOMIC;
            case PRE_CALL_OPS -> Scheme.ARM64_PRE_CALL_OPS;
            case CALL_OPS -> arch == Arch.ARM64 ? Scheme.ARM64_CALL_OPS : Scheme.RISCV_CALL_OPS;
        };
    }

    private static Design design(Arch arch, String key, String reachNote, Layout layout, Strategy strategy,
            DirectCall direct, Scheme scheme, Reach reach, boolean plotted) {
        FtraceOpsSample s = FtraceOpsSample.of(arch, layout).strategy(strategy).direct(direct);
        return new Design(key, name(layout, strategy, direct, reachNote), s, scheme, reach, plotted);
    }

    /**
     * A design's name from the one vocabulary ({@link Dispatch#title()}, {@link Layout#id()}):
     * {@code list processing, nop-nop site}, {@code CALL_OPS}, {@code direct call, call-ops site, in reach}.
     */
    static String name(Layout layout, Strategy strategy, DirectCall direct, String reachNote) {
        String site = layout.id() + " site";
        if (direct != DirectCall.NONE) {
            return Dispatch.DIRECT.title() + ", " + site + (reachNote.isEmpty() ? "" : ", " + reachNote);
        }
        Dispatch d = Dispatch.of(layout, strategy);
        return d == Dispatch.CALL_OPS ? d.title() : d.title() + ", " + site;
    }

    /**
     * What to compute: the profile, how many heap seeds and priced calls per point, the
     * patch-safety options, and the census datasets.
     */
    public record Settings(Profile profile, int seeds, long pricedCalls, CheckOptions safety, List<Path> census,
            List<Vmlinux> kernels) {
        public Settings {
            Objects.requireNonNull(profile, "profile");
            kernels = List.copyOf(kernels);
            for (Vmlinux v : kernels) {
                if (v.arch() != profile.arch()) {
                    throw new BadInputException(v.source(), null, "a " + v.arch().id() + " image, but profile "
                            + profile.name() + " is " + profile.arch().id() + " hardware");
                }
            }
            if (seeds < 1) {
                throw new IllegalArgumentException("seeds must be at least 1, got " + seeds);
            }
            if (pricedCalls < 1) {
                throw new IllegalArgumentException("priced calls must be at least 1, got " + pricedCalls);
            }
            census = List.copyOf(census);
        }

        /**
         * The defaults: {@value ModelledSample#DEFAULT_SEEDS} seeds, 1,000 priced calls, the
         * report's patch-safety options (full preemption, 2 tasks on 2 harts) and the committed
         * census.
         */
        public static Settings of(Profile profile) {
            return new Settings(profile, ModelledSample.DEFAULT_SEEDS, 1_000, PatchSafetySection.standard().options(),
                    KernelDataset.committed(), List.of());
        }

        public Settings seeds(int n) {
            return new Settings(profile, n, pricedCalls, safety, census, kernels);
        }

        public Settings pricedCalls(long n) {
            return new Settings(profile, seeds, n, safety, census, kernels);
        }

        /** These settings with rows for real kernels' own code ({@link AnswerTables#designs(Settings)}). */
        public Settings kernels(List<Vmlinux> images) {
            return new Settings(profile, seeds, pricedCalls, safety, census, images);
        }
    }

    /**
     * One design's figures.
     *
     * @param rows the priced points, in the order of {@link #POINTS}
     * @param textGrowthPct the layout's text against the layout before CALL_OPS, in % (NaN without census)
     * @param safety enable, retarget and disable, or empty where no scheme is modelled
     * @param reachPct % of kernel callsites that reach a trampoline in the module area, or null
     */
    public record Line(Design design, List<ModelledSample.Row> rows, double textGrowthPct, List<CheckResult> safety,
            Double reachPct) {
        public Line {
            rows = List.copyOf(rows);
            safety = List.copyOf(safety);
        }

        /** The row of point {@code p}. */
        public ModelledSample.Row at(Point p) {
            return rows.get(POINTS.indexOf(p));
        }

        /** The verdicts as three letters, enable / retarget / disable: {@code UUS}; {@code -} when unchecked. */
        public String verdicts() {
            if (safety.isEmpty()) {
                return "-";
            }
            StringBuilder b = new StringBuilder();
            safety.forEach(r -> b.append(r.safe() ? 'S' : 'U'));
            return b.toString();
        }
    }

    /** Everything on the page. */
    public record Answer(Settings settings, String census, List<Line> lines) {
        public Answer {
            lines = List.copyOf(lines);
        }

        public Profile profile() {
            return settings.profile();
        }

        /** The line of design {@code key}. */
        public Line line(String key) {
            return lines.stream().filter(l -> l.design().key().equals(key)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no design '" + key + "' on the page"));
        }
    }

    /** Units of work {@link #compute} reports: one per design, point and seed, per scheme and op, and the census. */
    public static long steps(Settings s) {
        List<Design> d = designs(s);
        long schemes = d.stream().map(Design::scheme).filter(Objects::nonNull).distinct().count();
        return (long) d.size() * POINTS.size() * s.seeds() + schemes * Op.values().length + 1;
    }

    /**
     * Prices every design of the profile's arch at {@link #POINTS}, checks each scheme once,
     * and reads the census; {@code step} is told a short note after each unit of work
     * ({@link #steps}).
     */
    public static Answer compute(Settings s, Consumer<String> step) {
        Arch arch = s.profile().arch();
        Census census = census(s.census(), arch);
        step.accept("census");
        Map<Scheme, List<CheckResult>> verdicts = new EnumMap<>(Scheme.class);
        List<Line> lines = new ArrayList<>();
        for (Design d : designs(s)) {
            List<ModelledSample.Row> rows = price(d, s, step);
            List<CheckResult> safety = List.of();
            if (d.scheme() != null) {
                safety = verdicts.computeIfAbsent(d.scheme(), sc -> {
                    List<CheckResult> r = new ArrayList<>();
                    for (Op op : Op.values()) {
                        r.add(Explorer.check(sc, op, s.safety()));
                        step.accept(sc.id() + " " + op.id());
                    }
                    return r;
                });
            }
            Layout layout = d.sample().layout();
            double growth = census.totals == null ? Double.NaN : growthPct(census.totals, layout);
            Double reach = census.reach == null ? null : d.reach().of(census.reach);
            lines.add(new Line(d, rows, growth, safety, reach));
        }
        return new Answer(s, census.name, lines);
    }

    /**
     * Only the overheads of {@code designs} (no census, no patch safety, no reach): for a table
     * of dispatch designs side by side, rendered with {@link #OVERHEAD_LAYOUT}; {@code step} is
     * told a note after each point and seed.
     *
     * <pre>{@code
     * List<Design> ds = AnswerTables.designs(Arch.RISCV64).stream()
     *         .filter(d -> d.sample().direct() == DirectCall.NONE).toList();
     * Answer a = AnswerTables.overheads(AnswerTables.Settings.of(vf2), ds, note -> { });
     * System.out.print(AnswerTables.OVERHEAD_LAYOUT.render(AnswerTables.table(a)));
     * }</pre>
     */
    public static Answer overheads(Settings s, List<Design> designs, Consumer<String> step) {
        List<Line> lines = new ArrayList<>();
        for (Design d : designs) {
            lines.add(new Line(d, price(d, s, step), Double.NaN, List.of(), null));
        }
        return new Answer(s, "no census", lines);
    }

    /** The design's rows at {@link #POINTS}, priced over the settings' seeds. */
    private static List<ModelledSample.Row> price(Design d, Settings s, Consumer<String> step) {
        ModelledSample m = ModelledSample.builder(d.sample(), s.profile()).seeds(s.seeds())
                .pricedCalls(s.pricedCalls()).build();
        return m.run(POINTS, p -> step.accept(d.key() + " " + p.relevant() + "/" + p.irrelevant()));
    }

    /** The layout's text against the layout before CALL_OPS, in % of the latter. */
    static double growthPct(ModuleGrowth totals, Layout layout) {
        long base = totals.bytesUnder(Layout.before(totals.arch()));
        return base == 0 ? 0 : 100.0 * (totals.bytesUnder(layout) - base) / base;
    }

    private record Census(String name, ModuleGrowth totals, DirectReach.ReachRow reach) {
    }

    /** The arch's totals over every module and image, and its kernel callsites' reach of the module area. */
    private static Census census(List<Path> datasets, Arch arch) {
        List<ModuleText> modules = new ArrayList<>();
        DirectReach.ReachRow reach = null;
        List<String> names = new ArrayList<>();
        for (Path p : datasets) {
            String file = p.getFileName().toString();
            if (file.endsWith(KernelDataset.FUNCTIONS_SUFFIX) && !file.contains(arch.id())) {
                continue; // the other arch's package: reading it would only cost time
            }
            KernelDataset d = KernelDataset.read(p);
            List<ModuleText> mine = d.modules().stream().filter(m -> m.arch() == arch).toList();
            if (mine.isEmpty()) {
                continue;
            }
            names.add(d.name() + " " + d.version());
            modules.addAll(mine);
            if (reach == null) {
                reach = KernelImage.readIfRecorded(d, p).flatMap(k -> DirectReach.table(k).stream()
                        .filter(r -> r.callsites().equals("kernel text") && r.placement().equals("module area"))
                        .findFirst()).orElse(null);
            }
        }
        if (modules.isEmpty()) {
            return new Census("no census of " + arch.id(), null, null);
        }
        List<ModuleGrowth> totals = CensusResult.totals(new CensusResult(modules, List.of(), List.of()).growth());
        return new Census(String.join(", ", names), totals.get(0), reach);
    }

    // ---- the table ----

    /**
     * The page as a table: three rows per design — the median ({@code figure = median}) and the
     * interval's ends ({@code low}, {@code high}) — so that a 72-column mail can show every
     * figure with its interval. Columns: {@code key, figure, label} (what the mail's first column
     * shows), the overhead in ns per call at each point ({@code r1_i0, r1_i10, r2_i0, r10_i0}),
     * {@code txt, erd, rch} (text growth, verdicts and reach as the mail shows them, on the
     * median row), then for tools: {@code design, arch, layout, strategy, direct, text_growth_pct,
     * scheme, enable, retarget, disable, reach_pct}, the route of the site at 1/0 and 2/0
     * ({@code route_1_0, route_2_0}: {@link DirectCallCost#via}-style), the calibration band, and
     * the command reproducing each column ({@code cost_command, safety_command}).
     */
    public static Table table(Answer a) {
        String profile = a.profile().name();
        Arch arch = a.profile().arch();
        StringColumn key = StringColumn.create("key");
        StringColumn figure = StringColumn.create("figure");
        StringColumn label = StringColumn.create("label");
        List<DoubleColumn> ns = POINT_COLUMNS.stream().map(DoubleColumn::create).toList();
        StringColumn txt = StringColumn.create("txt");
        StringColumn erd = StringColumn.create("erd");
        StringColumn rch = StringColumn.create("rch");
        StringColumn design = StringColumn.create("design");
        StringColumn archCol = StringColumn.create("arch");
        StringColumn layout = StringColumn.create("layout");
        StringColumn strategy = StringColumn.create("strategy");
        StringColumn direct = StringColumn.create("direct");
        DoubleColumn growth = DoubleColumn.create("text_growth_pct");
        StringColumn scheme = StringColumn.create("scheme");
        StringColumn enable = StringColumn.create("enable");
        StringColumn retarget = StringColumn.create("retarget");
        StringColumn disable = StringColumn.create("disable");
        DoubleColumn reach = DoubleColumn.create("reach_pct");
        StringColumn route10 = StringColumn.create("route_1_0");
        StringColumn route20 = StringColumn.create("route_2_0");
        StringColumn band = StringColumn.create("band");
        StringColumn costCommand = StringColumn.create("cost_command");
        StringColumn safetyCommand = StringColumn.create("safety_command");
        for (Line l : a.lines()) {
            Design d = l.design();
            for (String fig : List.of("median", "low", "high")) {
                boolean median = fig.equals("median");
                key.append(d.key());
                figure.append(fig);
                label.append(median ? d.key() : " " + (fig.equals("low") ? "lo" : "hi"));
                for (int i = 0; i < POINTS.size(); i++) {
                    ModelledSample.Row r = l.rows().get(i);
                    ns.get(i).append(switch (fig) {
                        case "median" -> r.overheadNs();
                        case "low" -> r.overheadLowNs();
                        default -> r.overheadHighNs();
                    });
                }
                txt.append(median ? pct(l.textGrowthPct(), true) : BLANK);
                erd.append(median ? l.verdicts() : BLANK);
                rch.append(median && l.reachPct() != null ? pct(l.reachPct(), false) : median ? "-" : BLANK);
                design.append(d.name());
                archCol.append(arch.id());
                layout.append(d.sample().layout().id());
                strategy.append(d.sample().strategy().id());
                direct.append(d.sample().direct().id());
                growth.append(l.textGrowthPct());
                scheme.append(d.scheme() == null ? "" : d.scheme().id());
                enable.append(verdict(l, 0));
                retarget.append(verdict(l, 1));
                disable.append(verdict(l, 2));
                if (l.reachPct() == null) {
                    reach.appendMissing();
                } else {
                    reach.append(l.reachPct());
                }
                boolean isDirect = d.sample().direct() != DirectCall.NONE;
                route10.append(route(l.at(POINTS.get(0)).median().dispatch().site(), isDirect));
                route20.append(route(l.at(POINTS.get(2)).median().dispatch().site(), isDirect));
                band.append(l.rows().get(0).band().basis());
                costCommand.append(costCommand(d, profile, a.settings()));
                safetyCommand.append(d.scheme() == null ? "" : safetyCommand(d.scheme()));
            }
        }
        Table t = Table.create("answer: dispatch designs on " + profile + " (modelled)");
        t.addColumns(key, figure, label);
        ns.forEach(t::addColumns);
        t.addColumns(txt, erd, rch, design, archCol, layout, strategy, direct, growth, scheme, enable, retarget,
                disable, reach, route10, route20, band, costCommand, safetyCommand);
        return t;
    }

    /** The mail layout of {@link #table}: at most 72 columns, a rule after each design. */
    public static final MailTable LAYOUT = MailTable.builder()
            .group("", 1)
            .group("overhead, ns per call at R/I ops", 4)
            .group("text, patch, direct", 3)
            .column("label", "key")
            .column("r1_i0", "1/0").decimals("r1_i0", 1)
            .column("r1_i10", "1/10").decimals("r1_i10", 1)
            .column("r2_i0", "2/0").decimals("r2_i0", 1)
            .column("r10_i0", "10/0").decimals("r10_i0", 1)
            .column("txt", "txt%")
            .column("erd", "ERD")
            .column("rch", "rch%")
            .keyColumns(1)
            .sectionsBy("key")
            .build();

    /**
     * {@link #LAYOUT} with the overhead columns only: designs side by side at {@link #POINTS},
     * each with its interval ({@link #overheads}).
     */
    public static final MailTable OVERHEAD_LAYOUT = MailTable.builder()
            .group("", 1)
            .group("overhead, ns per call at R/I ops", 4)
            .column("label", "key")
            .column("r1_i0", "1/0").decimals("r1_i0", 1)
            .column("r1_i10", "1/10").decimals("r1_i10", 1)
            .column("r2_i0", "2/0").decimals("r2_i0", 1)
            .column("r10_i0", "10/0").decimals("r10_i0", 1)
            .keyColumns(1)
            .sectionsBy("key")
            .build();

    /** The title line above the table: which profile, and that nothing on the page was measured. */
    public static String title(Answer a) {
        Profile p = a.profile();
        return MailText.wrap("Modelled on " + p.name() + ": " + p.description() + " - not measured. One row per"
                + " design; every figure's source is under the table.", MailTable.MAIL_WIDTH, "");
    }

    /** The page for a mail: title, the table ({@link #LAYOUT}), the key, what each column is and its sources. */
    public static String mail(Answer a) {
        return title(a) + "\n" + LAYOUT.render(table(a)) + "\n" + legend(a);
    }

    /**
     * What the keys and columns mean, the route each direct-call row took, and the command that
     * reproduces each column: lines of at most 72 columns, indented like the table.
     */
    public static String legend(Answer a) {
        Settings s = a.settings();
        Profile p = a.profile();
        Arch arch = p.arch();
        StringBuilder b = new StringBuilder();
        List<String> bands = a.lines().stream().flatMap(l -> l.rows().stream()).map(r -> r.band().basis())
                .distinct().sorted().toList();
        b.append(wrap("Overhead: ns per traced call of tracee_relevant beyond an untraced call, with R relevant"
                + " and I irrelevant ops registered; the median of " + s.seeds() + " heap layout"
                + (s.seeds() == 1 ? "" : "s") + ". lo, hi: its interval, the layouts' spread widened by the range of"
                + " the model's error on published hardware rows of the same dispatch (" + String.join("; ", bands)
                + "; per-callsite and direct trampolines take the CALL_OPS rows)."));
        b.append(wrap("A D row's direct ops is alone on its site at 1/0 and 1/10 (the 10 others trace another"
                + " function) and shares it with one more ops at 2/0 (nine at 10/0)."));
        b.append('\n');
        for (Line l : a.lines()) {
            Design d = l.design();
            StringBuilder t = new StringBuilder(d.name()).append("; FLAGS: ").append(d.flags());
            t.append("; scheme: ").append(d.scheme() == null ? "none modelled" : d.scheme().id());
            if (d.sample().direct() != DirectCall.NONE) {
                t.append("; route at 1/0: ").append(route(l.at(POINTS.get(0)).median().dispatch().site(), true))
                        .append(", at 2/0: ").append(route(l.at(POINTS.get(2)).median().dispatch().site(), true));
            }
            b.append(hanging(d.key(), t.append('.').toString()));
        }
        b.append('\n');
        String before = Layout.before(arch).id();
        b.append(hanging("txt%", "text of kernel + modules under the design's layout against the " + before
                + " layout, from the census of " + a.census() + "."));
        b.append(hanging("ERD", "patch safety of enable, retarget, disable (S safe, U unsafe; - not checked),"
                + " " + s.safety().describe() + "."));
        b.append(hanging("rch%", "% of kernel callsites whose patch site can branch to a trampoline anywhere in"
                + " the module area (" + (arch == Arch.RISCV64 ? "AUIPC+JALR ±2 GiB; JALR of a fixed AUIPC ±2 KiB"
                : "BL ±128 MiB") + "); - where the site always calls ftrace_caller."));
        b.append('\n').append("  Sources (FLAGS: the key's flags above):\n");
        b.append(wrap("overhead: ftrace-lab ftrace-ops-table --arch " + arch.id() + " FLAGS --profile " + p.name()
                + " --seeds " + s.seeds() + " --priced-calls " + s.pricedCalls() + " (rows R=1 I=0, 1/10, 2/0,"
                + " 10/0), or dispatch with --relevant R --irrelevant I"));
        b.append(wrap("txt%: ftrace-lab census datasets/kernels/*" + arch.id() + ".functions.csv.gz"));
        b.append(wrap("ERD: ftrace-lab check-patch --scheme SCHEME --op all --preempt full"));
        b.append(wrap("rch%: ftrace-lab reach (kernel text, module area row)"));
        b.append(wrap("the whole page: ftrace-lab answer --profile " + p.name() + " --seeds " + s.seeds()
                + " --priced-calls " + s.pricedCalls() + s.kernels().stream()
                        .map(v -> " --vmlinux " + KernelCache.standard().argument(v)).collect(Collectors.joining())));
        return b.toString();
    }

    private static String wrap(String text) {
        return MailText.wrap(text, MailTable.MAIL_WIDTH, "  ");
    }

    /** {@code head} in a 6-column margin, {@code text} wrapped beside and under it. */
    private static String hanging(String head, String text) {
        String indent = " ".repeat(8);
        String w = MailText.wrap(text, MailTable.MAIL_WIDTH, indent);
        return "  " + String.format(Locale.ROOT, "%-6s", head) + w.substring(indent.length());
    }

    /**
     * One plot: the overhead at each point, a dot per design with its interval as a whisker, log
     * y, for at most five designs ({@link Design#plotted}): list processing, per-callsite
     * trampolines, CALL_OPS, a direct call in reach, and one through {@code ftrace_caller}. The
     * points are categories, so nothing joins them; designs are set side by side within each.
     */
    public static XYChart chart(Answer a) {
        List<Line> shown = a.lines().stream().filter(l -> l.design().plotted()).toList();
        Charts.LineBuilder line = Charts.line("Overhead per traced call on " + a.profile().name()
                + " (modelled, not measured; vertical lines: interval)").xAxis("R relevant / I irrelevant ops registered")
                .yAxis("ns per call over an untraced call").logY().size(800, 480 + 20 * shown.size());
        double width = 0.5 / Math.max(1, shown.size());
        List<double[]> xs = new ArrayList<>();
        for (int d = 0; d < shown.size(); d++) {
            double[] x = new double[POINTS.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1 + (d - (shown.size() - 1) / 2.0) * width;
            }
            xs.add(x);
            Line l = shown.get(d);
            line.points(name(l), x, l.rows().stream().mapToDouble(ModelledSample.Row::overheadNs).toArray());
        }
        XYChart c = line.build();
        for (int d = 0; d < shown.size(); d++) {
            Line l = shown.get(d);
            java.awt.Color color = c.getSeries(Charts.legendLines(name(l))).getMarkerColor(); // as the legend shows it
            for (int i = 0; i < POINTS.size(); i++) {
                ModelledSample.Row r = l.rows().get(i);
                org.knowm.xchart.XYSeries w = c.addSeries(l.design().key() + " interval " + i,
                        new double[] {xs.get(d)[i], xs.get(d)[i]}, new double[] {r.overheadLowNs(), r.overheadHighNs()});
                w.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Line);
                w.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
                w.setLineColor(color);
                w.setLineStyle(new java.awt.BasicStroke(2f));
                w.setShowInLegend(false);
            }
        }
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        c.getStyler().setXAxisMin(0.6);
        c.getStyler().setXAxisMax(POINTS.size() + 0.4);
        c.getStyler().setXAxisTickMarkSpacingHint(150); // a tick per point, none between
        c.getStyler().setMarkerSize(9);
        c.setCustomXAxisTickLabelsFormatter(v -> {
            long i = Math.round(v);
            return i >= 1 && i <= POINTS.size() ? "R=" + POINTS.get((int) i - 1).relevant() + " I="
                    + POINTS.get((int) i - 1).irrelevant() : "";
        });
        // plain numbers on the log axis (no 1E3 beside 100)
        c.setCustomYAxisTickLabelsFormatter(v -> new DecimalFormat("#,##0.#", DecimalFormatSymbols.getInstance(Locale.ROOT))
                .format(v));
        return c;
    }

    private static String name(Line l) {
        return l.design().key() + ": " + l.design().name();
    }

    private static String verdict(Line l, int op) {
        return l.safety().isEmpty() ? "" : l.safety().get(op).verdict();
    }

    /**
     * How a call through {@code site} reaches its tracers, in a few words; {@code direct} when the
     * site's first relevant ops is a direct call ({@link DirectCallCost#via}).
     */
    static String route(Callsite site, boolean direct) {
        if (direct) {
            return DirectCallCost.via(site);
        }
        return switch (site.dispatch()) {
            case UNTRACED -> "untraced";
            case LIST -> "ftrace_caller -> list";
            case CALL_OPS -> "ftrace_caller -> ops->func";
            case PER_CALLSITE_TRAMPOLINE -> "site -> per-callsite trampoline";
            case DIRECT -> "site -> trampoline";
        };
    }

    private static String pct(double v, boolean signed) {
        if (Double.isNaN(v)) {
            return "-";
        }
        DecimalFormat f = new DecimalFormat(signed ? "+0.00;-0.00" : "0.0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        String s = f.format(v);
        return signed ? s : String.format(Locale.ROOT, "%5s", s);
    }

    static String costCommand(Design d, String profile, Settings s) {
        return "ftrace-lab ftrace-ops-table --arch " + d.sample().arch().id() + " " + d.flags() + " --profile "
                + profile + " --seeds " + s.seeds() + " --priced-calls " + s.pricedCalls();
    }

    static String safetyCommand(Scheme scheme) {
        return "ftrace-lab check-patch --scheme " + scheme.id() + " --op all --preempt full";
    }
}
