package dev.ftracelab.cli;

import dev.ftracelab.cost.Calibration;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.dataset.PublishedMeasurements;
import dev.ftracelab.report.MailTable;
import dev.ftracelab.report.Progress;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.report.TableFormat;
import dev.ftracelab.report.CalibrationTables;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ftrace-lab calibrate}: the cost model beside published hardware measurements. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Price the arm64 pre-call-ops and call-ops ftrace-ops matrices on a profile and print them row"
                + " by row beside the published overheads measured on that hardware, with the error, and the ratios"
                + " that matter. Only m1 has published hardware measurements."})
final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "m1", description = "Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--priced-calls", paramLabel = "M", defaultValue = "1000",
            description = "Calls priced per row, after warm-up. Default: ${DEFAULT-VALUE}.")
    long pricedCalls;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() {
        Profile prof = Profile.load(profile);
        Calibration.Result r;
        try (Progress progress = Progress.start("calibrate " + prof.name(), 26)) {
            r = new Calibration(prof, PublishedMeasurements.load(), pricedCalls).run(point -> progress.step());
        }
        Provenance p = Provenance.capture().with("command", "calibrate").withProfile(prof.name())
                .with("priced_calls", pricedCalls);
        PrintWriter out = spec.commandLine().getOut();
        if (output.format == TableFormat.TEXT) {
            out.println("Modelled vs published overhead (ns per call), " + prof.description());
            out.println();
            out.print(CalibrationTables.ROWS.render(CalibrationTables.rows(r)));
            out.println();
            out.print(CalibrationTables.RATIOS.render(CalibrationTables.ratios(r)));
            out.println();
            out.printf(Locale.ROOT, "mean absolute error over %d rows: %.0f%%%n%n", r.rows().size(), r.meanAbsoluteErrorPct());
            p.lines().forEach(l -> out.println("  " + l));
        } else if (output.format == TableFormat.JSON) {
            // one document: both tables, each in the usual table format
            out.println("{\"rows\": " + output.format.render(CalibrationTables.rows(r), MailTable.plain(), p)
                    + ", \"ratios\": " + output.format.render(CalibrationTables.ratios(r), MailTable.plain(), p)
                    + "}");
        } else {
            out.print(output.format.render(CalibrationTables.rows(r), MailTable.plain(), p));
            out.print(output.format.render(CalibrationTables.ratios(r), MailTable.plain(), p));
        }
        out.flush();
        return 0;
    }
}
