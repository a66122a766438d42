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

    @Option(names = "--calls", paramLabel = "N",
            description = "Calls of tracee_relevant run and counted, for instruction counts. Not with"
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
        if (relevant < 0 || irrelevant < 0) {
            throw new BadInputException("--relevant and --irrelevant must not be negative");
        }
        FtraceOpsSample.Point point = new FtraceOpsSample.Point(relevant, irrelevant);
        Table t = SampleArgs.table(s, prof, pricing, List.of(point), x -> { });
        Provenance p = SampleArgs.provenance("dispatch", s, prof, pricing).with("relevant", relevant)
                .with("irrelevant", irrelevant);
        PrintWriter out = spec.commandLine().getOut();
        if (output.format == TableFormat.TEXT) {
            if (prof != null) {
                out.print(MailText.wrap(DispatchTables.modelledTitle(t, prof), MailTable.MAIL_WIDTH, ""));
            }
            out.print(MailText.wrap(String.format(Locale.ROOT, "%s: R=%d relevant, I=%d irrelevant ops, %s",
                    DispatchTables.designName(t), relevant, irrelevant, SampleArgs.callsRun(s, prof, pricing)),
                    MailTable.MAIL_WIDTH, ""));
            if (prof != null) {
                out.print(MailText.wrap(DispatchTables.intervalCaption(t), MailTable.MAIL_WIDTH, ""));
            }
            out.println();
            for (int c = 0; c < t.columnCount(); c++) {
                String name = t.column(c).name();
                if (List.of("arch", "layout", "strategy", "relevant", "irrelevant", "calls", "profile", "seeds",
                        "priced_calls").contains(name)) {
                    continue;
                }
                String value = t.column(c).isMissing(0) ? "-" : format(t.column(c).get(0));
                // a total says over how many calls, so it never reads as the header's count
                if (name.equals("total_instructions")) {
                    value += String.format(Locale.ROOT, " (%,d calls)", t.longColumn("calls").get(0));
                } else if (name.equals("priced_total_ns")) {
                    value += String.format(Locale.ROOT, " (%,d calls)", t.longColumn("priced_calls").get(0));
                }
                String head = String.format(Locale.ROOT, "  %-26s ", name);
                out.print(MailText.wrap(value, MailTable.MAIL_WIDTH, head, " ".repeat(head.length())));
            }
            out.println();
            p.lines().forEach(l -> out.println("  " + l));
        } else {
            out.print(output.format.render(t, MailTable.plain(), p,
                    prof == null ? null : DispatchTables.modelledTitle(t, prof),
                    prof == null ? null : DispatchTables.intervalCaption(t)));
        }
        out.flush();
        return 0;
    }

    private static String format(Object v) {
        return v instanceof Double d ? String.format(Locale.ROOT, "%,.2f", d) : v instanceof Long l
                ? String.format(Locale.ROOT, "%,d", l) : String.valueOf(v);
    }
}
