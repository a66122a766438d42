package dev.ftracelab.report;

import dev.ftracelab.cost.Cost;
import dev.ftracelab.cost.ModelErrors;
import dev.ftracelab.cost.ModelledSample;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.dataset.PublishedMeasurements.Sweep;
import dev.ftracelab.emu.Counter;
import dev.ftracelab.ftrace.DirectCall;
import dev.ftracelab.ftrace.Dispatch;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.ftrace.Strategy;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tables and plots of the ftrace-ops sample run on the model ({@link FtraceOpsSample}):
 * instructions per traced call, by design.
 *
 * <pre>{@code
 * FtraceOpsSample s = FtraceOpsSample.of(Arch.ARM64, Layout.CALL_OPS).calls(1000);
 * Table t = DispatchTables.sample(s, s.run(FtraceOpsSample.PUBLISHED_MATRIX));
 * System.out.print(DispatchTables.mail(t));
 * }</pre>
 */
public final class DispatchTables {
    /** The commit-message layout with instructions in place of nanoseconds. */
    public static final MailTable INSTRUCTIONS_LAYOUT = MailTable.builder()
            .group("Number of tracers", 2)
            .group("Total", 1)
            .group("Per-call instructions", 2)
            .column("relevant", "Relevant")
            .column("irrelevant", "Irrelevant")
            .column("total_instructions", "(instr)", MailTable.Align.CENTER)
            .column("instructions_per_call", "Total")
            .minWidth("instructions_per_call", 12)
            .column("overhead_instructions", "Overhead")
            .keyColumns(2)
            .sectionsBy("sweep")
            .build();

    /** Per-call instruction classes reported beside the totals. */
    // every class but ALU and mul/div (the rest of instructions_per_call), so each MixGroup sums from columns
    private static final List<Counter> CLASSES = List.of(Counter.LOAD, Counter.STORE, Counter.BRANCH_TAKEN,
            Counter.BRANCH_NOT_TAKEN, Counter.DIRECT_CALL, Counter.INDIRECT_CALL, Counter.INDIRECT_JUMP, Counter.RETURN,
            Counter.DIRECT_JUMP, Counter.ATOMIC, Counter.SYSTEM);

    private DispatchTables() {
    }

    /**
     * One row per sample point: {@code arch, layout, strategy, relevant, irrelevant, sweep, calls,
     * total_instructions, instructions_per_call, overhead_instructions}, the per-call counts of
     * loads, stores, branches, calls, jumps and returns, and how the site dispatched
     * ({@code route}, {@code literal}).
     */
    public static Table sample(FtraceOpsSample s, List<FtraceOpsSample.Row> rows) {
        String design = s.arch() + " " + s.layout() + (s.strategy() == Strategy.COMMON ? ""
                : " " + s.strategy()) + (s.direct() == DirectCall.NONE ? "" : " direct-" + s.direct().id())
                + (s.vmlinux() == null ? "" : " on " + kernelName(s));
        Table t = Table.create("ftrace-ops sample: " + design);
        StringColumn arch = StringColumn.create("arch");
        StringColumn layout = StringColumn.create("layout");
        StringColumn strategy = StringColumn.create("strategy");
        IntColumn rel = IntColumn.create("relevant");
        IntColumn irr = IntColumn.create("irrelevant");
        StringColumn sweep = StringColumn.create("sweep");
        LongColumn calls = LongColumn.create("calls");
        LongColumn total = LongColumn.create("total_instructions");
        DoubleColumn perCall = DoubleColumn.create("instructions_per_call");
        DoubleColumn overhead = DoubleColumn.create("overhead_instructions");
        DoubleColumn[] classes = CLASSES.stream()
                .map(c -> DoubleColumn.create(c.name().toLowerCase(Locale.ROOT) + "_per_call")).toArray(DoubleColumn[]::new);
        StringColumn route = StringColumn.create("route");
        StringColumn literal = StringColumn.create("literal");
        for (FtraceOpsSample.Row r : rows) {
            arch.append(s.arch().id());
            layout.append(s.layout().id());
            strategy.append(s.strategy().id());
            rel.append(r.relevant());
            irr.append(r.irrelevant());
            sweep.append(Sweep.of(r.relevant(), r.irrelevant()).name().toLowerCase(Locale.ROOT));
            calls.append(r.calls());
            total.append(r.instructions());
            perCall.append(r.instructionsPerCall());
            if (r.relevant() == 0) {
                overhead.appendMissing(); // as in the published tables: no overhead for untraced rows
            } else {
                overhead.append(r.overheadPerCall());
            }
            for (int i = 0; i < CLASSES.size(); i++) {
                classes[i].append(r.perCall(CLASSES.get(i)));
            }
            route.append(r.site().route().id());
            literal.append(r.site().literal());
        }
        t.addColumns(arch, layout, strategy, rel, irr, sweep, calls, total, perCall, overhead);
        t.addColumns(classes);
        t.addColumns(route, literal);
        if (s.direct() != DirectCall.NONE) {
            // only the --direct workload has it: the published layout's columns stay as they were
            StringColumn direct = StringColumn.create("direct");
            rows.forEach(r -> direct.append(s.direct().id()));
            t.addColumns(direct);
        }
        if (s.vmlinux() != null) {
            // only a run on a real image has it: which kernel's code ran
            StringColumn kernel = StringColumn.create("kernel");
            rows.forEach(r -> kernel.append(kernelName(s)));
            t.addColumns(kernel);
        }
        return t;
    }

    /** A real image's release ({@code vmlinux 6.12.117+deb13-riscv64}), or its file name without a banner. */
    static String kernelName(FtraceOpsSample s) {
        String release = s.vmlinux().release();
        return "vmlinux " + (release.isEmpty() ? java.nio.file.Path.of(s.vmlinux().source()).getFileName() : release)
                + (s.module() == dev.ftracelab.ftrace.ModulePlacement.NEAR ? "" : ", module " + s.module().id());
    }

    /**
     * {@link #sample} plus what the profile priced, with an interval on every figure:
     * {@code profile, seeds, dispatch, cycles_per_call, per_call_ns, per_call_low_ns,
     * per_call_high_ns, overhead_ns, overhead_low_ns, overhead_high_ns, seed_min_ns, seed_max_ns,
     * band, priced_calls, priced_total_ns} and the breakdown per call ({@code issue_cycles, dependency_cycles,
     * branch_cycles, cache_cycles, mispredicts}, of the median seed). Figures are medians over
     * the heap seeds; the interval spans the seeds and the calibration band ({@code band} says
     * which rows it comes from). {@code calls} and {@code total_instructions} count every call the
     * point ran (warm-up, priced and trailing, of the median seed); {@code priced_total_ns} is the
     * {@code priced_calls} priced among them, never an extrapolation to N calls. Untraced rows have
     * no overhead, as published. Renders in
     * {@link FtraceOpsTable#MODELLED}.
     */
    public static Table priced(ModelledSample ms, List<ModelledSample.Row> rows) {
        Table t = sample(ms.sample(), rows.stream().map(r -> r.median().dispatch()).toList());
        t.setName("ftrace-ops sample: " + designName(t) + " on " + ms.profile().name() + " (modelled)");
        StringColumn profile = StringColumn.create("profile");
        IntColumn seeds = IntColumn.create("seeds");
        StringColumn dispatch = StringColumn.create("dispatch");
        DoubleColumn cycles = DoubleColumn.create("cycles_per_call");
        DoubleColumn perCall = DoubleColumn.create("per_call_ns");
        DoubleColumn perCallLow = DoubleColumn.create("per_call_low_ns");
        DoubleColumn perCallHigh = DoubleColumn.create("per_call_high_ns");
        DoubleColumn overhead = DoubleColumn.create("overhead_ns");
        DoubleColumn overheadLow = DoubleColumn.create("overhead_low_ns");
        DoubleColumn overheadHigh = DoubleColumn.create("overhead_high_ns");
        DoubleColumn seedMin = DoubleColumn.create("seed_min_ns");
        DoubleColumn seedMax = DoubleColumn.create("seed_max_ns");
        StringColumn band = StringColumn.create("band");
        LongColumn priced = LongColumn.create("priced_calls");
        DoubleColumn total = DoubleColumn.create("priced_total_ns");
        DoubleColumn issue = DoubleColumn.create("issue_cycles");
        DoubleColumn dependency = DoubleColumn.create("dependency_cycles");
        DoubleColumn branch = DoubleColumn.create("branch_cycles");
        DoubleColumn cache = DoubleColumn.create("cache_cycles");
        DoubleColumn mispredicts = DoubleColumn.create("mispredicts");
        for (ModelledSample.Row r : rows) {
            Cost c = r.median().perCall();
            profile.append(ms.profile().name());
            seeds.append(ms.seeds());
            dispatch.append(r.dispatch().id());
            cycles.append(c.cycles());
            perCall.append(r.perCallNs());
            perCallLow.append(r.perCallLowNs());
            perCallHigh.append(r.perCallHighNs());
            if (r.relevant() == 0) {
                overhead.appendMissing();
                overheadLow.appendMissing();
                overheadHigh.appendMissing();
            } else {
                overhead.append(r.overheadNs());
                overheadLow.append(r.overheadLowNs());
                overheadHigh.append(r.overheadHighNs());
            }
            seedMin.append(r.seedMinNs());
            seedMax.append(r.seedMaxNs());
            band.append(r.band().basis());
            priced.append(ms.pricedCalls());
            total.append(r.perCallNs() * ms.pricedCalls());
            issue.append(c.issueCycles());
            dependency.append(c.dependencyCycles());
            branch.append(c.branchCycles());
            cache.append(c.cacheCycles());
            mispredicts.append(c.mispredicts());
        }
        return t.addColumns(profile, seeds, dispatch, cycles, perCall, perCallLow, perCallHigh, overhead, overheadLow,
                overheadHigh, seedMin, seedMax, band, priced, total, issue, dependency, branch, cache, mispredicts);
    }

    /**
     * The title line of a table modelled on {@code profile}, so it never reads as a measurement:
     * {@code "Modelled on vf2: StarFive VisionFive 2 (JH7110, SiFive U74 @ 1.5 GHz) - not measured"}.
     */
    public static String modelledTitle(Profile profile) {
        return "Modelled on " + profile.name() + ": " + profile.description() + " - not measured";
    }

    /** {@link #modelledTitle(Profile)} for a priced table, with its design: {@code "riscv64 atomic. Modelled on vf2: ..."}. */
    public static String modelledTitle(Table priced, Profile profile) {
        return designName(priced) + ". " + modelledTitle(profile);
    }

    /**
     * What a priced table's interval is, in a sentence for a caption: the seeds and the bands
     * its rows carry, e.g. {@code "interval: 8 heap seeds, and the model's error on ... "}.
     */
    public static String intervalCaption(Table priced) {
        int seeds = priced.intColumn("seeds").getInt(0);
        List<String> bands = priced.stringColumn("band").asList().stream().distinct()
                .filter(b -> !b.equals(ModelErrors.Band.NONE.basis())).toList();
        return "Interval: lowest to highest of " + seeds + " heap layouts (seeds)"
                + (bands.isEmpty() ? "" : ", widened by the model's error on published hardware rows ("
                        + String.join("; ", bands) + ")")
                + ". Figures are medians over the seeds.";
    }

    /**
     * Stacked bars: where a traced call's cycles go (issue, dependency stalls, branches, cache
     * misses) for one configuration in each priced design.
     */
    public static CategoryChart breakdownChart(String title, List<Table> priced, int relevant, int irrelevant) {
        Charts.BarBuilder bars = Charts.bars(title).stacked().xAxis("design").yAxis("cycles per call");
        bars.categories(priced.stream().map(DispatchTables::barName).toList());
        double[] totals = new double[priced.size()]; // the stack's height
        for (String col : List.of("issue_cycles", "dependency_cycles", "branch_cycles", "cache_cycles")) {
            double[] v = new double[priced.size()];
            for (int d = 0; d < priced.size(); d++) {
                v[d] = row(priced.get(d), relevant, irrelevant).doubleColumn(col).getDouble(0);
                totals[d] += v[d];
            }
            bars.series(col.replace("_cycles", "").replace("dependency", "dependency stalls"), v);
        }
        noteTotals(bars, priced, totals);
        return bars.build();
    }

    /** {@code table} in the commit-message layout, with instructions. */
    public static String mail(Table table) {
        return INSTRUCTIONS_LAYOUT.render(table);
    }

    /**
     * Instructions per call against the number of registered ops (R + I), log-log, one line per
     * design (table) along one sweep; the title asks the sweep's question, e.g.
     * {@code perCallChart("riscv64", designs, Sweep.IRRELEVANT)}.
     */
    public static XYChart perCallChart(String context, List<Table> designs, Sweep sweep) {
        return perCallChart(context, designs, sweep, "instructions_per_call", "instructions per call");
    }

    /**
     * As {@link #perCallChart(String, List, Sweep)} for any per-call column, e.g. {@code per_call_ns}
     * of {@link #priced} tables; where the table has the column's interval ({@code per_call_low_ns},
     * {@code per_call_high_ns}) it is drawn as a shaded band around the line. The irrelevant sweep
     * starts at the R=1 I=0 row, and a CALL_OPS line flat along it is labelled with its value.
     *
     * @param context what the title adds to the question: the arch, the profile
     */
    public static XYChart perCallChart(String context, List<Table> designs, Sweep sweep, String column,
                                       String axisLabel) {
        String low = column.replace("_ns", "_low_ns");
        String high = column.replace("_ns", "_high_ns");
        List<SweepLine> lines = new java.util.ArrayList<>();
        for (Table t : designs) {
            boolean band = !low.equals(column) && t.containsColumn(low) && t.containsColumn(high);
            lines.add(new SweepLine(chartName(t), t, column, band ? low : null, band ? high : null,
                    t.stringColumn("layout").get(0).equals("call-ops")));
        }
        return sweepChart(context, sweep, axisLabel, lines);
    }

    /**
     * One line of a {@link #sweepChart}: the rows of {@code table}, column {@code y} (with its
     * interval columns {@code low}, {@code high}, or null), and whether it is CALL_OPS.
     */
    record SweepLine(String name, Table table, String y, String low, String high, boolean callOps) {
    }

    /**
     * The per-call chart along one sweep, log-log against registered ops (R + I): a line per
     * design, its interval shaded, the title the sweep's question. The irrelevant sweep starts at
     * R=1 I=0; a flat CALL_OPS line there is labelled with its value, and lines that meet from R=2
     * on in the relevant sweep say why.
     */
    static XYChart sweepChart(String context, Sweep sweep, String axisLabel, List<SweepLine> designs) {
        Charts.LineBuilder line = Charts.line(question(sweep) + " " + context)
                .xAxis(sweep == Sweep.IRRELEVANT ? "registered ftrace_ops (1 relevant + N irrelevant)"
                        : "registered ftrace_ops (N relevant, no irrelevant)")
                .yAxis(axisLabel).logX().logY();
        List<double[][]> lines = new java.util.ArrayList<>();
        for (SweepLine d : designs) {
            Table sorted = d.table().sortAscendingOn("relevant", "irrelevant");
            Table rows = sweep == Sweep.IRRELEVANT
                    ? sorted.where(sorted.intColumn("relevant").isEqualTo(1)) // R=1 I=0, then 1 + N
                    : sorted.where(sorted.intColumn("irrelevant").isEqualTo(0).and(sorted.intColumn("relevant").isGreaterThan(0)));
            if (rows.rowCount() == 0) {
                continue;
            }
            double[] x = new double[rows.rowCount()];
            for (int r = 0; r < x.length; r++) {
                x[r] = rows.intColumn("relevant").getInt(r) + rows.intColumn("irrelevant").getInt(r);
            }
            double[] y = rows.numberColumn(d.y()).asDoubleArray();
            line.series(d.name(), x, y);
            lines.add(new double[][] {x, y});
            if (d.low() != null) {
                line.band(d.name(), x, rows.numberColumn(d.low()).asDoubleArray(), rows.numberColumn(d.high()).asDoubleArray());
            }
            if (sweep == Sweep.IRRELEVANT && d.callOps()) {
                flatNote(x, y, axisLabel.replace(" per call", "")).ifPresent(n -> line.note(n.text(), n.x(), n.y(), n.side()));
            }
        }
        if (sweep == Sweep.RELEVANT) {
            convergedNote(lines).ifPresent(n -> line.note(n.text(), n.x(), n.y(), n.side()));
        }
        return line.build();
    }

    /** The question a per-call chart along {@code sweep} answers, as its title starts. */
    static String question(Sweep sweep) {
        return sweep == Sweep.IRRELEVANT ? "What do irrelevant ops cost a traced call?"
                : "What do N relevant ops cost a traced call?";
    }

    /**
     * A note for a CALL_OPS line that stays within 10% of its median over three or more
     * points: its value, placed above the line's middle (geometric, the axis is log). Empty
     * when the line is not flat: then it has no one value to state.
     */
    static java.util.Optional<Charts.Note> flatNote(double[] x, double[] y, String unit) {
        if (x.length < 3) {
            return java.util.Optional.empty();
        }
        double[] sorted = y.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        if (sorted[0] < median / 1.1 || sorted[sorted.length - 1] > median * 1.1) {
            return java.util.Optional.empty();
        }
        double mid = Math.sqrt(x[0] * x[x.length - 1]);
        return java.util.Optional.of(new Charts.Note("CALL_OPS: ~" + twoDigits(median) + " " + unit
                + " at any number of irrelevant ops", mid, median, Charts.Side.ABOVE));
    }

    /**
     * A note for lines that differ at one relevant ops and coincide (within 5%) from two on,
     * where CALL_OPS and per-callsite trampolines fall back to the list: it says why the lines
     * hide each other. Placed right of the lines' R=2 value, under the rising lines.
     */
    static java.util.Optional<Charts.Note> convergedNote(List<double[][]> lines) {
        if (lines.size() < 2) {
            return java.util.Optional.empty();
        }
        double[] x0 = lines.get(0)[0];
        double atTwo = 0;
        for (double[][] l : lines) {
            if (!java.util.Arrays.equals(l[0], x0)) {
                return java.util.Optional.empty();
            }
        }
        for (int i = 0; i < x0.length; i++) {
            if (x0[i] < 2) {
                continue;
            }
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            for (double[][] l : lines) {
                lo = Math.min(lo, l[1][i]);
                hi = Math.max(hi, l[1][i]);
            }
            if (hi > lo * 1.05) {
                return java.util.Optional.empty();
            }
            if (x0[i] == 2) {
                atTwo = lo;
            }
        }
        if (atTwo == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Charts.Note("from 2 relevant ops every design walks the list:\nthe lines coincide",
                Math.sqrt(2 * x0[x0.length - 1]), atTwo, Charts.Side.RIGHT));
    }

    /** Two significant digits, as a number is read off a plot: 2.8, 37, 560, 4,300. */
    static String twoDigits(double v) {
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(2));
        return Charts.plain(d.doubleValue());
    }

    /**
     * Stacked bars: where a traced call's instructions go, in the {@link MixGroup}s, for one
     * configuration (R, I) in each design: why one design is cheaper than another.
     */
    public static CategoryChart mixChart(String title, List<Table> designs, int relevant, int irrelevant) {
        Charts.BarBuilder bars = Charts.bars(title).stacked().xAxis("design").yAxis("instructions per call");
        // the arch is in the title: label each bar by its layout (and strategy) only
        List<String> names = designs.stream().map(DispatchTables::barName).toList();
        bars.categories(names);
        double[][] groups = new double[MixGroup.values().length][designs.size()];
        for (int d = 0; d < designs.size(); d++) {
            Table r = row(designs.get(d), relevant, irrelevant);
            double[] sums = MixGroup.sums(c -> CLASSES.contains(c)
                    ? r.doubleColumn(c.name().toLowerCase(Locale.ROOT) + "_per_call").getDouble(0) : 0);
            // ALU and mul/div have no column: they are what the classes leave of the total
            sums[MixGroup.OTHER.ordinal()] = r.doubleColumn("instructions_per_call").getDouble(0)
                    - java.util.Arrays.stream(sums).sum();
            for (MixGroup g : MixGroup.values()) {
                groups[g.ordinal()][d] = sums[g.ordinal()];
            }
        }
        for (MixGroup g : MixGroup.values()) {
            bars.series(g.label(), groups[g.ordinal()]);
        }
        double[] totals = new double[designs.size()];
        for (int d = 0; d < designs.size(); d++) {
            totals[d] = row(designs.get(d), relevant, irrelevant).doubleColumn("instructions_per_call").getDouble(0);
        }
        noteTotals(bars, designs, totals);
        return bars.build();
    }

    /** Each stacked bar's total above it: a short bar next to a tall one cannot be read off the axis. */
    private static void noteTotals(Charts.BarBuilder bars, List<Table> designs, double[] totals) {
        for (int d = 0; d < designs.size(); d++) {
            bars.note(Charts.plain(Math.round(totals[d])), barName(designs.get(d)), totals[d], Charts.Side.ABOVE);
        }
    }

    /** The design a sample table holds, e.g. {@code riscv64 call-ops} or {@code arm64 pre-call-ops per-callsite-trampoline}. */
    public static String designName(Table t) {
        String s = t.stringColumn("arch").get(0) + " " + t.stringColumn("layout").get(0);
        String strategy = t.stringColumn("strategy").get(0);
        String direct = t.containsColumn("direct") ? " direct-" + t.stringColumn("direct").get(0) : "";
        String kernel = t.containsColumn("kernel") ? " on " + t.stringColumn("kernel").get(0) : "";
        return (strategy.equals("common") ? s : s + " " + strategy) + direct + kernel;
    }

    /**
     * The design as a kernel developer names it in a legend: the site layout, then how the
     * tracer is found ({@link Dispatch#title()}), e.g. {@code riscv64 nop-nop site, list processing} or
     * {@code arm64 call-ops site, CALL_OPS (list when R>1)}.
     */
    static String chartName(Table t) {
        return t.stringColumn("arch").get(0) + " " + shortName(t);
    }

    /** {@link #chartName} without the arch: {@code nop-nop site, per-callsite trampoline}. */
    static String shortName(Table t) {
        Dispatch d = dispatch(t);
        // with more than one relevant ops the CALL_OPS literal points at the list function
        String dispatch = d == Dispatch.CALL_OPS ? d.title() + " (list when R>1)" : d.title();
        String direct = t.containsColumn("direct") ? ", direct-" + t.stringColumn("direct").get(0) : "";
        return t.stringColumn("layout").get(0) + " site, " + dispatch + direct;
    }

    /**
     * A bar label: the layout and the {@link Dispatch#title()}, e.g. {@code nop-nop: list processing},
     * {@code call-ops: CALL_OPS}, {@code nop-nop: per-callsite trampoline}.
     */
    static String barName(Table t) {
        String direct = t.containsColumn("direct") ? ", direct-" + t.stringColumn("direct").get(0) : "";
        return t.stringColumn("layout").get(0) + ": " + dispatch(t).title() + direct;
    }

    /** The dispatch a sample table's design gives one ops ({@link Dispatch#of(Layout, Strategy)}). */
    static Dispatch dispatch(Table t) {
        return Dispatch.of(Layout.parse(t.stringColumn("layout").get(0)), Strategy.parse(t.stringColumn("strategy").get(0)));
    }

    private static Table row(Table t, int relevant, int irrelevant) {
        Table r = t.where(t.intColumn("relevant").isEqualTo(relevant).and(t.intColumn("irrelevant").isEqualTo(irrelevant)));
        if (r.rowCount() != 1) {
            throw new IllegalArgumentException(designName(t) + ": no single row for R=" + relevant + " I=" + irrelevant);
        }
        return r;
    }
}
