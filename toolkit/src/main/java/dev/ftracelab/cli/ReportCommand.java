package dev.ftracelab.cli;

import dev.ftracelab.report.Bundle;
import dev.ftracelab.report.Progress;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.report.WriteUp;
import dev.ftracelab.util.ProjectPaths;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ftrace-lab report}: the whole write-up, as files fit to attach to a mail. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the write-up folder: every table as text, CSV, JSON and Markdown, every plot as PNG,"
                + " and report.md tying them together with a provenance stamp.",
                "The folder is replaced atomically: a crash leaves the previous report intact."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Output folder. Default: build/report in the checkout.")
    Path out;

    @Option(names = "--zip", description = "Also write DIR.zip with the same files.")
    boolean zip;

    @Override
    public Integer call() {
        Path dir = out != null ? out : ProjectPaths.root().resolve("build").resolve("report");
        Provenance p = Provenance.capture().with("command", "report");
        WriteUp writeUp = WriteUp.standard();
        Bundle bundle;
        // a section runs for seconds to a minute (emulator, interleavings): it steps through its rows
        // and plans (WriteUp.steps), then one step for the files
        try (Progress progress = Progress.start("report", writeUp.steps() + 1)) {
            bundle = writeUp.bundle(p, progress);
            progress.note("writing " + bundle.fileNames().size() + " files");
            bundle.writeTo(dir);
            progress.step();
        }
        PrintWriter w = spec.commandLine().getOut();
        w.println("wrote " + dir.toAbsolutePath().normalize() + " (" + bundle.fileNames().size() + " files):");
        bundle.fileNames().forEach(f -> w.println("  " + f));
        if (zip) {
            Path z = dir.resolveSibling(dir.getFileName() + ".zip");
            bundle.writeZip(z);
            w.println("wrote " + z.toAbsolutePath().normalize());
        }
        w.flush();
        return 0;
    }
}
