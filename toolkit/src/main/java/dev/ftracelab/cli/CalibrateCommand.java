package dev.ftracelab.cli;

import dev.ftracelab.cost.Calibration;
import dev.ftracelab.cost.ModelErrors;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.cost.Sensitivity;
import dev.ftracelab.dataset.PublishedMeasurements;
import dev.ftracelab.report.CalibrationTables;
import dev.ftracelab.report.Charts;
import dev.ftracelab.report.MailTable;
import dev.ftracelab.report.MailText;
import dev.ftracelab.report.Progress;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.report.TableFormat;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.ProjectPaths;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tech.tablesaw.api.Table;

/** {@code ftrace-lab calibrate}: the cost model beside published hardware measurements. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Price the arm64 pre-call-ops and call-ops ftrace-ops matrices on a profile (median over heap"
                + " seeds) and print them row by row beside the published overheads measured on that hardware, with"
                + " the error, the leave-one-dataset-out interval and whether the published figure lies in it; the"
                + " mean and worst error per design; the band every profile's modelled tables get; and the ratios"
                + " that matter. Only m1 has published hardware measurements."})
final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "m1", description = "Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--priced-calls", paramLabel = "M", defaultValue = "1000",
            description = "Calls priced per row and seed, after warm-up. Default: ${DEFAULT-VALUE}.")
    long pricedCalls;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "8",
            description = "Heap layouts (seeds) priced per row; the modelled figure is their median. Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Also write the modelled-vs-published plot (y = x and +-25%% lines) as a PNG.")
    Path plot;

    @Option(names = "--save", description = "Write the rows, the errors every modelled table's interval comes"
            + " from, to the file datasets/" + ModelErrors.FILE + " in the checkout.")
    boolean save;

    @Option(names = "--sensitivity", description = "Also halve and double every estimated parameter of each profile"
            + " (one at a time, one seed, 300 priced calls) and print what it does: to the calibration's error on"
            + " this profile, to the modelled list and CALL_OPS overheads on the others.")
    boolean sensitivity;

    @Option(names = "--estimates", paramLabel = "PATH", split = ",",
            description = "With --sensitivity: try only these estimates (profile paths, e.g. latency.load_to_use),"
                    + " on each profile that has them. Default: every estimate.")
    List<String> estimates;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() {
        Profile prof = Profile.load(profile);
        if (estimates != null) {
            checkEstimates();
        }
        PublishedMeasurements pm = PublishedMeasurements.load();
        Calibration cal = new Calibration(prof, pm, pricedCalls, seeds);
        if (!Calibration.calibratable().contains(prof.name())) {
            throw new BadInputException("no published hardware measurements for profile " + prof.name()
                    + ": calibration needs one of " + String.join(", ", Calibration.calibratable()));
        }
        Calibration.Result r;
        try (Progress progress = Progress.start("calibrate " + prof.name(), cal.pricedPoints())) {
            r = cal.run(point -> progress.step());
        }
        Provenance p = Provenance.capture().with("command", "calibrate").withProfile(prof)
                .with("priced_calls", pricedCalls).with("seeds", seeds);
        List<Profile> all = new ArrayList<>();
        Profile.names().forEach(n -> all.add(Profile.load(n)));
        Table bands = CalibrationTables.bands(r.errors(), all);
        if (save) {
            Path file = ProjectPaths.datasets().resolve(ModelErrors.FILE);
            List<String> notes = new ArrayList<>(List.of(
                    "The cost model's overhead (ns per call, median over heap seeds; seed_min/max: the lowest and",
                    "highest seed) beside every published hardware row. Written by ftrace-lab calibrate --save;",
                    "ModelErrors.band turns it into the interval of every modelled table (leave one dataset out).",
                    "A test re-runs the calibration and fails when this file no longer matches the model."));
            p.lines().forEach(l -> notes.add("  " + l));
            r.errors().write(file, notes);
        }
        if (plot != null) {
            Charts.writePng(CalibrationTables.chart(r), p, plot);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.format == TableFormat.TEXT) {
            out.print(MailText.wrap("Modelled vs published overhead (ns per call), modelled on " + prof.name() + ": "
                    + prof.description() + ", median of " + seeds + " heap seeds", MailTable.MAIL_WIDTH, ""));
            out.println();
            out.print(CalibrationTables.ROWS.render(CalibrationTables.rows(r)));
            out.println();
            out.print(CalibrationTables.DESIGNS.render(CalibrationTables.designs(r)));
            out.println();
            out.print(CalibrationTables.BANDS.render(bands));
            out.println();
            out.print(CalibrationTables.LEGEND);
            out.println();
            out.print(CalibrationTables.RATIOS.render(CalibrationTables.ratios(r)));
            out.println();
            out.printf(Locale.ROOT, "mean absolute error over %d rows: %.0f%%; %d of %d inside their interval%n%n",
                    r.rows().size(), r.meanAbsoluteErrorPct(), r.errors().covered(), r.rows().size());
            p.lines().forEach(l -> out.println("  " + l));
            if (sensitivity) {
                for (Profile sp : all) {
                    boolean errors = Calibration.calibratable().contains(sp.name());
                    out.println();
                    out.print(MailText.wrap(errors ? "Sensitivity on " + sp.name() + ": calibration error with each"
                            + " estimate halved and doubled (MAE%: mean |error|; list%, CALL_OPS%: mean signed error of"
                            + " list processing and CALL_OPS)" : "Sensitivity on " + sp.name() + ": modelled overhead,"
                            + " list processing (R=1 I=10) and"
                            + " CALL_OPS (R=1 I=0), with each estimate halved and doubled", MailTable.MAIL_WIDTH, ""));
                    out.println();
                    out.print((errors ? CalibrationTables.SENSITIVITY_ERRORS : CalibrationTables.SENSITIVITY_NS)
                            .render(sensitivity(sp)));
                }
            }
        } else if (output.format == TableFormat.JSON) {
            // one document: every table, each in the usual table format
            out.println("{\"rows\": " + output.format.render(CalibrationTables.rows(r), MailTable.plain(), p)
                    + ", \"designs\": " + output.format.render(CalibrationTables.designs(r), MailTable.plain(), p)
                    + ", \"bands\": " + output.format.render(bands, MailTable.plain(), p)
                    + ", \"ratios\": " + output.format.render(CalibrationTables.ratios(r), MailTable.plain(), p)
                    + "}");
        } else {
            out.print(output.format.render(CalibrationTables.rows(r), MailTable.plain(), p));
            out.print(output.format.render(CalibrationTables.designs(r), MailTable.plain(), p));
            out.print(output.format.render(bands, MailTable.plain(), p));
            out.print(output.format.render(CalibrationTables.ratios(r), MailTable.plain(), p));
        }
        out.flush();
        return 0;
    }

    private Table sensitivity(Profile p) {
        Sensitivity s = Sensitivity.of(p.name());
        List<String> tried = estimates == null ? s.estimates() : s.estimates().stream().filter(estimates::contains).toList();
        List<Sensitivity.Row> rows;
        try (Progress progress = Progress.start("sensitivity " + p.name(), tried.size())) {
            rows = s.run(tried, x -> progress.step());
        }
        return dev.ftracelab.report.Tables.of("sensitivity: " + p.name(), rows);
    }

    /** Every --estimates path must be an estimate of some profile (before minutes of pricing). */
    private void checkEstimates() {
        if (!sensitivity) {
            throw new BadInputException("--estimates: only with --sensitivity");
        }
        java.util.Set<String> known = new java.util.TreeSet<>();
        Profile.names().forEach(n -> known.addAll(Sensitivity.of(n).estimates()));
        for (String e : estimates) {
            if (!known.contains(e)) {
                throw new BadInputException("--estimates: " + e + " is no profile's estimate: expected one of "
                        + String.join(", ", known));
            }
        }
    }
}
