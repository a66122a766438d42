package dev.ftracelab.cli;

import dev.ftracelab.cost.Profile;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.report.DispatchTables;
import dev.ftracelab.report.FtraceOpsTable;
import dev.ftracelab.report.MailTable;
import dev.ftracelab.report.MailText;
import dev.ftracelab.report.Progress;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.report.TableFormat;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tech.tablesaw.api.Table;

/** {@code ftrace-lab ftrace-ops-table}: the published R/I matrix run on the model, in the commit-message layout. */
@Command(name = "ftrace-ops-table", mixinStandardHelpOptions = true,
        description = {"Run the 13 R/I rows of the published ftrace-ops measurements on the model and print them in"
                + " the arm64 CALL_OPS commit message's table layout: instructions per call, or with --profile"
                + " modelled cycles and ns per call."})
final class FtraceOpsTableCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DesignOptions design;

    @Option(names = "--calls", paramLabel = "N",
            description = "Calls of tracee_relevant run and counted per row, for instruction counts. Not with"
                    + " --profile: a priced run makes --priced-calls calls between 200 warm-up and 200 trailing"
                    + " ones. Default: 100000.")
    Long calls;

    @Mixin
    PricingOptions pricing;


    @Mixin
    FormatOption output;

    @Override
    public Integer call() {
        Profile prof = pricing.load();
        FtraceOpsSample s = SampleArgs.sample(design, SampleArgs.calls(calls, prof));
        Table t;
        int steps = FtraceOpsSample.PUBLISHED_MATRIX.size() * (prof == null ? 1 : Math.max(1, pricing.seeds));
        try (Progress progress = Progress.start("ftrace-ops " + s.arch() + " " + s.layout(), steps)) {
            t = SampleArgs.table(s, prof, pricing, FtraceOpsSample.PUBLISHED_MATRIX, point -> progress.step());
        }
        Provenance p = SampleArgs.provenance("ftrace-ops-table", s, prof, pricing);
        PrintWriter out = spec.commandLine().getOut();
        if (prof != null) {
            out.print(output.format.render(t, FtraceOpsTable.MODELLED, p, DispatchTables.modelledTitle(t, prof),
                    "Per row: " + SampleArgs.callsRun(s, prof, pricing) + ". " + DispatchTables.intervalCaption(t)));
        } else {
            if (output.format == TableFormat.TEXT) {
                out.print(MailText.wrap(DispatchTables.designName(t) + ": instructions per call of "
                        + FtraceOpsSample.RELEVANT + String.format(java.util.Locale.ROOT, ", %,d calls run per row",
                        s.calls()), MailTable.MAIL_WIDTH, ""));
                out.println();
            }
            out.print(output.format.render(t, DispatchTables.INSTRUCTIONS_LAYOUT, p));
        }
        out.flush();
        return 0;
    }
}
