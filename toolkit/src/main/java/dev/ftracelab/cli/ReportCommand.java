package dev.ftracelab.cli;

import dev.ftracelab.cost.Comparison;
import dev.ftracelab.cost.MeasuredDataset;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.report.Bundle;
import dev.ftracelab.report.CompareSection;
import dev.ftracelab.report.ComparisonTables;
import dev.ftracelab.report.Progress;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.report.WriteUp;
import dev.ftracelab.util.AtomicFiles;
import dev.ftracelab.util.BadInputException;
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
                "The folder is replaced atomically: DIR is a link to a complete folder beside it, swapped by one"
                        + " rename, so a crash leaves the previous report intact.",
                "With SOURCE_DATE_EPOCH set, the same inputs give the same bytes: that date in every stamp and"
                        + " zip entry, and no wall-clock timings."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Output folder. Default: build/report in the checkout. An existing DIR is replaced only if"
                    + " it is a report folder (marked by " + Bundle.MARKER + "), unless --force. DIR is a link to"
                    + " the real folder beside it (copy with cp -rL). A second report of the same DIR while one runs"
                    + " is refused (exit 2): the first holds .DIR.lock beside DIR.")
    Path out;

    @Option(names = "--force", description = "Replace DIR (and with --zip, DIR.zip) even if it is not a report"
            + " written by ftrace-lab (a file, or a folder of other files): everything in it is lost.")
    boolean force;

    @Option(names = "--zip", description = "Also write DIR.zip with the same files, atomically. An existing DIR.zip"
            + " is replaced only if ftrace-lab wrote it, unless --force.")
    boolean zip;

    @Option(names = "--dataset", paramLabel = "DATASET",
            description = "Add a section comparing a measured dataset with the model, as ftrace-lab compare does: a"
                    + " published dataset name, a CSV file in the published schema, or FILE#NAME. Needs --profile.")
    String dataset;

    @Option(names = "--profile", paramLabel = "PROFILE",
            description = "With --dataset: the profile the model prices on (its arch must be the dataset's).")
    String profile;

    @Option(names = "--layout", paramLabel = "LAYOUT", converter = DesignOptions.LayoutConverter.class,
            completionCandidates = DesignOptions.LayoutConverter.class,
            description = "With --dataset: the layout the model runs. Default: from the dataset's variant.")
    Layout layout;

    @Override
    public Integer call() {
        Path dir = out != null ? out : ProjectPaths.root().resolve("build").resolve("report");
        Path z = dir.resolveSibling(dir.getFileName() + ".zip");
        // claimed and checked before minutes of sections, not after: a second report of the same
        // DIR is refused now, and each lock is released when the run ends, however it ends
        try (AtomicFiles.WriteLock dirLock = AtomicFiles.lock(dir);
                AtomicFiles.WriteLock zipLock = zip ? AtomicFiles.lock(z) : null) {
            if (!force) {
                Bundle.checkReplaceable(dir);
                if (zip) {
                    Bundle.checkZipReplaceable(z);
                }
            }
            return write(dirLock, zipLock);
        }
    }

    private int write(AtomicFiles.WriteLock dir, AtomicFiles.WriteLock zipLock) {
        Provenance p = Provenance.capture().with("command", "report");
        WriteUp writeUp = WriteUp.standard();
        if (dataset != null || profile != null || layout != null) {
            if (dataset == null || profile == null) {
                throw new BadInputException("--dataset and --profile go together: the compare section needs both"
                        + " (e.g. --dataset m1-before --profile m1)");
            }
            // built (and checked: arch, layout, rows) before minutes of other sections
            Comparison c = Comparison.builder(Profile.load(profile), MeasuredDataset.resolve(dataset)).layout(layout)
                    .build();
            writeUp = writeUp.with(new CompareSection(c));
            p = ComparisonTables.datasetStamp(c.dataset(), p);
        }
        Bundle bundle;
        // a section runs for seconds to a minute (emulator, interleavings): it steps through its rows
        // and plans (WriteUp.steps), then one step for the files
        try (Progress progress = Progress.start("report", writeUp.steps() + 1)) {
            bundle = writeUp.bundle(p, progress);
            progress.note("writing " + bundle.fileNames().size() + " files");
            bundle.writeTo(dir, force);
            progress.step();
        }
        PrintWriter w = spec.commandLine().getOut();
        w.println(wroteLine(dir.target(), bundle.fileNames().size()));
        bundle.fileNames().forEach(f -> w.println("  " + f));
        if (zipLock != null) {
            bundle.writeZip(zipLock, force);
            w.println("wrote " + zipLock.target().normalize());
        }
        w.flush();
        return 0;
    }

    /**
     * The first line of the report's output: DIR is a link to the real folder (the atomic swap),
     * so the line names both and how to copy it; a plain {@code cp -r DIR} copies just the link.
     */
    static String wroteLine(Path dir, int files) {
        Path name = dir.toAbsolutePath().normalize();
        Path real;
        try {
            real = name.toRealPath();
        } catch (java.io.IOException e) {
            real = name;
        }
        if (!java.nio.file.Files.isSymbolicLink(name)) {
            return "wrote " + name + " (" + files + " files):";
        }
        return "wrote " + name + " (" + files + " files), a link to the folder " + real
                + " (to copy it: cp -rL " + name.getFileName() + " DEST, or copy that folder):";
    }
}
