package dev.ftracelab.cli;

import dev.ftracelab.dataset.PublishedMeasurements;
import dev.ftracelab.report.MailTable;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.report.PublishedTables;
import dev.ftracelab.report.TableFormat;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.InputLimits;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ftrace-lab published}: the published ftrace_ops-sample measurements as a table. */
@Command(name = "published", mixinStandardHelpOptions = true,
        description = "Print the published ftrace_ops-sample measurements (datasets/published).")
final class PublishedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "Only this dataset (repeatable), e.g. m1-before, m1-after, qemu-rv-before, qemu-rv-after.")
    List<String> datasets = List.of();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = FormatConverter.class,
            completionCandidates = FormatConverter.class,
            description = "text (mail layout), csv, json or md. Default: ${DEFAULT-VALUE}.")
    TableFormat format;

    @Option(names = "--file", paramLabel = "CSV", description = "Read this file instead of the committed dataset.")
    Path file;

    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        // FTRACE_LAB_MAX_CSV (read once by Main) raises the CSV limit for --file
        PublishedMeasurements pm = file == null ? PublishedMeasurements.load()
                : PublishedMeasurements.load(file, main == null ? InputLimits.DEFAULTS : main.limits());
        if (pm.datasetNames().isEmpty()) {
            // a header and notes but no row: nothing to show, and every format needs a first dataset
            throw new BadInputException(String.valueOf(pm.file()), null, "no measurement rows after the header:"
                    + " expected at least one row");
        }
        List<String> names = datasets.isEmpty() ? pm.datasetNames() : datasets;
        Provenance p = Provenance.capture().with("command", "published").with("datasets", String.join(" ", names));
        PrintWriter out = spec.commandLine().getOut();
        String text;
        try {
            text = PublishedTables.render(pm, names, format, p);
        } catch (MailTable.TooWideException e) {
            throw new BadInputException(String.valueOf(pm.file()), null, "values too wide for the mail layout ("
                    + e.getMessage().replaceFirst(":.*", "") + "): use --format csv, json or md");
        }
        out.print(text);
        out.flush();
        return 0;
    }
}
