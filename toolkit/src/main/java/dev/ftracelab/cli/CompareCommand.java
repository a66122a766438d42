package dev.ftracelab.cli;

import dev.ftracelab.cost.Comparison;
import dev.ftracelab.cost.MeasuredDataset;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.importer.Importer;
import dev.ftracelab.report.CalibrationTables;
import dev.ftracelab.report.Charts;
import dev.ftracelab.report.ComparisonTables;
import dev.ftracelab.report.MailTable;
import dev.ftracelab.report.Progress;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.report.TableFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ftrace-lab compare}: a measured dataset beside the model, row by row. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Run the model on the (R, I) rows of a measured ftrace-ops dataset (a published one, or a"
                + " board's kernel log, results table or CSV as 'import' reads them) with the dataset's arch and a layout, priced on a profile (median over"
                + " heap seeds), and print measured beside modelled per row: the modelled interval, the ratio"
                + " modelled/measured and whether the measurement lies inside; then the mean and worst error per"
                + " design, the mean absolute error and the coverage. The calibration view for anyone's board."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATASET",
            description = "A published dataset (m1-before, m1-after, qemu-rv-before, qemu-rv-after), a file 'import'"
                    + " reads (the sample's kernel log, a results table, CSV in the published schema), or FILE#NAME"
                    + " for one dataset of several in a file.")
    String dataset;

    @Option(names = "--profile", paramLabel = "PROFILE", required = true,
            description = "The hardware profile to price on (vf2, k1, m1 or a .yaml file); its arch must be the"
                    + " dataset's.")
    String profile;

    @Option(names = "--layout", paramLabel = "LAYOUT", converter = DesignOptions.LayoutConverter.class,
            completionCandidates = DesignOptions.LayoutConverter.class,
            description = "The layout the model runs. Default: from the dataset's variant (call-ops: call-ops;"
                    + " no-call-ops: the arch's list baseline, nop-nop or pre-call-ops).")
    Layout layout;

    @Option(names = "--metric", paramLabel = "METRIC", converter = MetricConverter.class,
            completionCandidates = MetricConverter.class,
            description = "overhead (ns beyond the untraced call) or per-call. Default: overhead when the dataset has"
                    + " its own untraced row and an overhead on every traced row, else per-call.")
    Comparison.Metric metric;

    @Option(names = "--variant", paramLabel = "LABEL",
            description = "For a log or table that does not say: call-ops or no-call-ops (sets the default layout).")
    String variant;

    @Option(names = "--board", paramLabel = "NAME", description = "For a log or table that does not say: the board.")
    String board;

    @Option(names = "--kernel", paramLabel = "VERSION",
            description = "The kernel whose kmalloc rules the model's heap follows. Default: the dataset's kernel"
                    + " column, the known kernel of a published dataset, else 6.12.")
    String kernel;

    @Option(names = "--priced-calls", paramLabel = "M", defaultValue = "1000",
            description = "Calls priced per row and seed, after warm-up. Default: ${DEFAULT-VALUE}.")
    long pricedCalls;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "8",
            description = "Heap layouts (seeds) priced per row; the modelled figure is their median. Default:"
                    + " ${DEFAULT-VALUE}.")
    int seeds;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Also write the plots as PNG: FILE.png modelled vs measured (y = x, +-25%%),"
                    + " FILE-irrelevant.png and FILE-relevant.png measured and modelled along each sweep with the"
                    + " model's interval.")
    Path plot;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() {
        Profile prof = Profile.load(profile);
        // a log or table that does not name its arch is taken to be the profile's
        Importer importer = Importer.builder().variant(variant).board(board).kernel(kernel)
                .defaultArch(prof.arch().id()).build();
        PrintWriter err = spec.commandLine().getErr();
        MeasuredDataset measured = MeasuredDataset.resolve(dataset, importer, err::println);
        err.flush();
        Comparison c = Comparison.builder(prof, measured).layout(layout)
                .metric(metric).kernel(kernel).pricedCalls(pricedCalls).seeds(seeds).build();
        Comparison.Result r;
        try (Progress progress = Progress.start("compare " + c.dataset().name() + " on " + c.profile().name(),
                c.pricedPoints())) {
            r = c.run(point -> progress.step());
        }
        Provenance p = ComparisonTables.provenance(r, Provenance.capture().with("command", "compare"));
        PrintWriter out = spec.commandLine().getOut();
        String title = ComparisonTables.title(r) + ". " + ComparisonTables.subtitle(r);
        if (output.format == TableFormat.TEXT) {
            out.print(ComparisonTables.text(r, p));
        } else if (output.format == TableFormat.JSON) {
            out.println("{\"rows\": " + output.format.render(ComparisonTables.rows(r), MailTable.plain(), p, title,
                    ComparisonTables.caption(r)) + ", \"designs\": " + output.format.render(
                    ComparisonTables.designs(r), MailTable.plain(), p, title, ComparisonTables.summary(r)) + "}");
        } else {
            out.print(output.format.render(ComparisonTables.rows(r), MailTable.plain(), p, title,
                    ComparisonTables.caption(r)));
            out.print(output.format.render(ComparisonTables.designs(r), CalibrationTables.DESIGNS, p, title,
                    ComparisonTables.summary(r)));
        }
        out.flush();
        if (plot != null) {
            ComparisonTables.charts(r).forEach((suffix, chart) -> {
                Path file = suffixed(plot, suffix);
                Charts.writePng(chart, p, file);
                err.println("wrote " + file);
            });
            err.flush();
        }
        return 0;
    }

    /** {@code plot.png} with {@code suffix} before the extension: {@code plot-relevant.png}. */
    static Path suffixed(Path plot, String suffix) {
        String name = plot.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return plot.resolveSibling(stem + suffix + (dot > 0 ? name.substring(dot) : ".png"));
    }

    static final class MetricConverter extends DesignOptions.Converter<Comparison.Metric> {
        MetricConverter() {
            super(Comparison.Metric::parse, Arrays.stream(Comparison.Metric.values()).map(Comparison.Metric::id)
                    .toList());
        }
    }
}
