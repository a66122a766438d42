package dev.ftracelab.cli;

import dev.ftracelab.importer.Diagnostic;
import dev.ftracelab.importer.Importer;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.report.PublishedTables;
import dev.ftracelab.report.TableFormat;
import dev.ftracelab.util.BadInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ftrace-lab import}: ftrace_ops-sample results from a board (kernel log, results table or
 * CSV) into the published dataset's schema, printed as {@code published} prints a dataset.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Read ftrace_ops-sample results from a board into a dataset and print it as 'published' does.",
            "FILE: the sample module's kernel log (dmesg, dmesg -T/-x, journalctl -k, serial console),"
                    + " a results table (the mail layout, a +---+ box table, Markdown; quoted or wrapped by mail"
                    + " is fine) or CSV in the published schema; the format is detected per file.",
            "What cannot be read is reported on stderr as FILE:LINE: what was expected; the rest imports."
                    + " Exit 2 only when nothing could be read."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Inputs to read.")
    List<Path> files;

    @Option(names = "--board", paramLabel = "NAME", description = "The board (platform column), e.g. vf2.")
    String board;

    @Option(names = "--kernel", paramLabel = "VERSION",
            description = "The kernel version (kernel column); default: a log's 'Linux version' line.")
    String kernel;

    @Option(names = "--variant", paramLabel = "LABEL",
            description = "The variant, e.g. call-ops or no-call-ops (what compare maps to a layout).")
    String variant;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "Name of the datasets an input does not name (default: the file name); the file name of --save.")
    String dataset;

    @Option(names = "--arch", paramLabel = "ARCH",
            description = "riscv64 or arm64 when the input does not say (default: a log's 'Linux version' line).")
    String arch;

    @Option(names = "--calls", paramLabel = "N", defaultValue = "100000",
            description = "Call count of table rows whose table does not say. Default: ${DEFAULT-VALUE}.")
    int calls;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = FormatConverter.class,
            completionCandidates = FormatConverter.class,
            description = "text (mail layout), csv, json or md. Default: ${DEFAULT-VALUE}.")
    TableFormat format;

    @Option(names = "--save", paramLabel = "DIR",
            description = "Also write DIR/<dataset>.csv (published schema, with the sources' SHA-256 in its notes).")
    Path save;

    @Override
    public Integer call() {
        if (arch != null && !arch.equals("riscv64") && !arch.equals("arm64")) {
            throw new BadInputException("--arch: expected riscv64 or arm64, got '" + arch + "'");
        }
        Importer.Result r = Importer.builder().board(board).kernel(kernel).variant(variant).dataset(dataset).arch(arch)
                .calls(calls).build().read(files);
        PrintWriter err = spec.commandLine().getErr();
        r.diagnostics().forEach(d -> err.println(d));
        err.flush();
        if (r.isEmpty()) {
            boolean said = r.diagnostics().stream().anyMatch(Diagnostic::isError);
            throw new BadInputException("nothing could be imported from " + String.join(" ", files.stream()
                    .map(Path::toString).toList()) + (said ? ": see the messages above" : ""));
        }
        Provenance p = Provenance.capture().with("command", "import")
                .with("files", String.join(" ", files.stream().map(Path::toString).toList()));
        for (String[] o : new String[][] {{"board", board}, {"kernel", kernel}, {"variant", variant},
                {"dataset", dataset}, {"arch", arch}}) {
            if (o[1] != null) {
                p = p.with(o[0], o[1]);
            }
        }
        if (save != null) {
            Path saved = dataset != null ? r.save(save, dataset, p.fieldLines()) : r.save(save, p.fieldLines());
            err.println("saved " + saved);
            err.flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        List<String> names = r.measurements().datasetNames();
        out.print(PublishedTables.render(r.measurements(), names, format, p, "imported ftrace-ops measurements"));
        out.flush();
        return 0;
    }
}
