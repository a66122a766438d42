package dev.ftracelab.cli;

import dev.ftracelab.cost.Profile;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.report.DispatchTables;
import dev.ftracelab.report.MailTable;
import dev.ftracelab.report.MailText;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.report.TableFormat;
import dev.ftracelab.util.BadInputException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tech.tablesaw.api.Table;

/** {@code ftrace-lab dispatch}: one ftrace-ops sample point run on the model. */
@Command(name = "dispatch", mixinStandardHelpOptions = true,
        description = {"Run the ftrace-ops sample on the emulated guest kernel: R relevant ops on tracee_relevant,"
                + " I irrelevant ops on tracee_irrelevant, N calls of tracee_relevant; print the instructions per"
                + " call (by class), the overhead over the untraced call and how the site dispatched."})
final class DispatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DesignOptions design;

    @Option(names = "--relevant", paramLabel = "R", defaultValue = "1", description = "Relevant ops. Default: ${DEFAULT-VALUE}.")
    int relevant;

    @Option(names = "--irrelevant", paramLabel = "I", defaultValue = "0", description = "Irrelevant ops. Default: ${DEFAULT-VALUE}.")
    int irrelevant;

    @Option(names = "--calls", paramLabel = "N", defaultValue = "100000", description = "Calls. Default: ${DEFAULT-VALUE}.")
    long calls;

    @Mixin
    PricingOptions pricing;


    @Mixin
    FormatOption output;

    @Override
    public Integer call() {
        FtraceOpsSample s = SampleArgs.sample(design, calls);
        if (relevant < 0 || irrelevant < 0) {
            throw new BadInputException("--relevant and --irrelevant must not be negative");
        }
        Profile prof = pricing.load();
        FtraceOpsSample.Point point = new FtraceOpsSample.Point(relevant, irrelevant);
        Table t = SampleArgs.table(s, prof, pricing, List.of(point), x -> { });
        Provenance p = SampleArgs.provenance("dispatch", s, prof, pricing).with("relevant", relevant)
                .with("irrelevant", irrelevant);
        PrintWriter out = spec.commandLine().getOut();
        if (output.format == TableFormat.TEXT) {
            if (prof != null) {
                out.print(MailText.wrap(DispatchTables.modelledTitle(t, prof), MailTable.MAIL_WIDTH, ""));
            }
            out.printf(Locale.ROOT, "%s: R=%d relevant, I=%d irrelevant ops, %,d calls of %s%n",
                    DispatchTables.designName(t), relevant, irrelevant, calls, FtraceOpsSample.RELEVANT);
            if (prof != null) {
                out.print(MailText.wrap(DispatchTables.intervalCaption(t), MailTable.MAIL_WIDTH, ""));
            }
            out.println();
            for (int c = 0; c < t.columnCount(); c++) {
                String name = t.column(c).name();
                if (List.of("arch", "layout", "strategy", "relevant", "irrelevant", "calls", "profile").contains(name)) {
                    continue;
                }
                out.printf(Locale.ROOT, "  %-26s %s%n", name, t.column(c).isMissing(0) ? "-" : format(t.column(c).get(0)));
            }
            out.println();
            p.lines().forEach(l -> out.println("  " + l));
        } else {
            out.print(output.format.render(t, MailTable.plain(), p));
        }
        out.flush();
        return 0;
    }

    private static String format(Object v) {
        return v instanceof Double d ? String.format(Locale.ROOT, "%,.2f", d) : v instanceof Long l
                ? String.format(Locale.ROOT, "%,d", l) : String.valueOf(v);
    }
}
