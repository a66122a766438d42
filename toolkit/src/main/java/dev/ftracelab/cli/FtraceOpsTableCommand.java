package dev.ftracelab.cli;

import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.report.DispatchTables;
import dev.ftracelab.report.Progress;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.report.TableFormat;
import dev.ftracelab.util.BadInputException;
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
                + " the arm64 CALL_OPS commit message's table layout, in instructions per call."})
final class FtraceOpsTableCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DesignOptions design;

    @Option(names = "--calls", paramLabel = "N", defaultValue = "100000", description = "Calls per row. Default: ${DEFAULT-VALUE}.")
    long calls;

    @Option(names = "--profile", paramLabel = "PROFILE",
            description = "A hardware profile for cycles and ns (not available yet: the table reports instructions).")
    String profile;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = FormatConverter.class,
            completionCandidates = FormatConverter.class, description = "text, csv, json or md. Default: ${DEFAULT-VALUE}.")
    TableFormat format;

    @Override
    public Integer call() {
        if (profile != null) {
            throw new BadInputException("--profile " + profile + ": hardware profiles do not exist yet"
                    + " (see 'ftrace-lab profiles'); without one the table reports instructions per call");
        }
        FtraceOpsSample s = SampleArgs.sample(design, calls);
        Table t;
        try (Progress progress = Progress.start("ftrace-ops " + s.arch() + " " + s.layout(),
                FtraceOpsSample.PUBLISHED_MATRIX.size())) {
            t = DispatchTables.sample(s, s.run(FtraceOpsSample.PUBLISHED_MATRIX, point -> progress.step()));
        }
        Provenance p = SampleArgs.provenance("ftrace-ops-table", s);
        PrintWriter out = spec.commandLine().getOut();
        if (format == TableFormat.TEXT) {
            out.println(DispatchTables.designName(t) + ": instructions per call of " + FtraceOpsSample.RELEVANT
                    + ", " + String.format("%,d", calls) + " calls per row");
            out.println();
        }
        out.print(format.render(t, DispatchTables.INSTRUCTIONS_LAYOUT, p));
        out.flush();
        return 0;
    }
}
