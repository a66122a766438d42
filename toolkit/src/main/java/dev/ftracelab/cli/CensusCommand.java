package dev.ftracelab.cli;

import dev.ftracelab.census.Census;
import dev.ftracelab.census.CensusResult;
import dev.ftracelab.census.KernelDataset;
import dev.ftracelab.census.KernelImage;
import dev.ftracelab.census.ModuleGrowth;
import dev.ftracelab.census.ModuleText;
import dev.ftracelab.census.Skipped;
import dev.ftracelab.report.CensusTables;
import dev.ftracelab.report.MailTable;
import dev.ftracelab.report.MailText;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.report.TableFormat;
import dev.ftracelab.util.AtomicFiles;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.InputLimits;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tech.tablesaw.api.Table;

/** {@code ftrace-lab census}: patch sites and the text-size cost of each layout over real modules. */
@Command(name = "census", mixinStandardHelpOptions = true,
        description = {"Count functions, traceable functions and patch-area bytes in kernel modules (files *.ko, *.ko.xz, *.ko.gz),"
                + " vmlinux files or folders of them, and model the text size under each patch-site layout"
                + " (call-ops: an 8-byte literal before each traced entry, functions 8-byte aligned).",
            "A census dataset (NAME.functions.csv.gz, see datasets/kernels) can stand in for the files.",
            "Files that cannot be read are skipped with a warning; the exit status is 2 only when nothing could be read."})
final class CensusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "A .ko, a vmlinux, a folder searched for them, or a census dataset (*.functions.csv.gz).")
    List<Path> paths;

    @Mixin
    FormatOption format;

    @Option(names = "--top", paramLabel = "N", description = "Show only the N modules CALL_OPS costs most"
            + " (default: 10 in text; every module in csv, json and md).")
    Integer top;

    @Option(names = "--threads", paramLabel = "N", description = "Files parsed at once, 1..64. Default: one per CPU.")
    Integer threads;

    @Option(names = "--export", paramLabel = "DIR", description = "Also write the census as a dataset into"
            + " DIR: its functions and sections tables as gzipped CSV, named after --package.")
    Path export;

    @Option(names = "--package", paramLabel = "NAME", description = "The dataset's name (with --export), e.g. the Debian package name.")
    String packageName;

    @Option(names = "--package-version", paramLabel = "VERSION", description = "The package version recorded on every row (with --export).")
    String packageVersion;

    @Option(names = "--note", paramLabel = "TEXT", description = "A note for the dataset's header (with --export; repeatable).")
    List<String> notes = new ArrayList<>();

    @ParentCommand
    Main main;

    @Option(names = "--max-inflated", paramLabel = "SIZE", description = {
            "Largest module or image read, after decompression (default 1G, or FTRACE_LAB_MAX_INFLATED), e.g. 2G."})
    String maxInflated;

    @Option(names = "--max-csv", paramLabel = "SIZE", description = {
            "Largest CSV text read from a dataset (default 512M, or FTRACE_LAB_MAX_CSV), e.g. 1G."})
    String maxCsv;

    /** The limits in force: the environment's (read once by Main), then this command's options. */
    InputLimits limits() {
        InputLimits l = main == null ? InputLimits.DEFAULTS : main.limits();
        if (maxInflated != null) {
            l = l.withInflated(InputLimits.size("--max-inflated", maxInflated));
        }
        if (maxCsv != null) {
            l = l.withCsvText(InputLimits.size("--max-csv", maxCsv));
        }
        return l;
    }

    @Override
    public Integer call() {
        InputLimits limits = limits();
        if (export != null && (packageName == null || packageVersion == null)) {
            throw new BadInputException("--export needs --package NAME and --package-version VERSION");
        }
        if (top != null && top < 1) {
            throw new BadInputException("--top: expected a positive number, got " + top);
        }
        if (threads != null && (threads < 1 || threads > Census.MAX_THREADS)) {
            throw new BadInputException("--threads: expected 1.." + Census.MAX_THREADS
                    + " (each thread holds a whole file in memory), got " + threads);
        }
        // claimed before the census, which may run for minutes: a second exporter is refused at once
        try (AtomicFiles.WriteLock folder = export == null ? null : AtomicFiles.lockSet(export)) {
            return census(limits, folder);
        }
    }

    private int census(InputLimits limits, AtomicFiles.WriteLock folder) {
        List<ModuleText> modules = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<KernelImage> images = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (p.getFileName() != null && p.getFileName().toString().endsWith(KernelDataset.FUNCTIONS_SUFFIX)) {
                modules.addAll(KernelDataset.read(p, limits).modules());
            } else {
                files.add(p);
            }
        }
        if (!files.isEmpty()) {
            Census.Builder b = Census.builder().paths(files).limits(limits);
            if (threads != null) {
                b.threads(threads);
            }
            CensusResult r = b.build().run();
            modules.addAll(r.modules());
            skipped.addAll(r.skipped());
            images.addAll(r.images());
        }
        PrintWriter err = spec.commandLine().getErr();
        for (Skipped s : skipped) {
            err.println("warning: " + s);
        }
        err.flush();
        if (modules.isEmpty()) {
            throw new BadInputException("no module could be read from " + paths + (skipped.isEmpty() ? ": no .ko or vmlinux files found" : ""));
        }
        if (export != null) {
            List<String> header = new ArrayList<>(notes);
            header.add("made by: ftrace-lab census --export (" + Provenance.capture().toolkit() + ")");
            KernelDataset.export(modules, images.isEmpty() ? null : images.get(0), folder, packageName, packageVersion,
                    header);
        }
        CensusResult result = new CensusResult(modules, skipped, images);
        List<ModuleGrowth> rows = result.growth();
        List<ModuleGrowth> totals = CensusResult.totals(rows);
        Provenance p = Provenance.capture().with("command", "census").with("paths", paths.toString())
                .with("modules", modules.size()).with("skipped", skipped.size());
        PrintWriter out = spec.commandLine().getOut();
        if (format.format == TableFormat.TEXT) {
            out.print(MailText.wrap("Census of " + modules.size() + " modules" + (skipped.isEmpty() ? "" : ", "
                    + skipped.size() + " files skipped") + ". Growth is against the text as built; call-ops adds an"
                    + " 8-byte literal before each traceable entry and aligns functions to 8 bytes.", MailTable.MAIL_WIDTH, ""));
            out.println();
            out.print(CensusTables.GROWTH_LAYOUT.render(CensusTables.growth(totals)));
            int n = top == null ? 10 : top;
            List<ModuleGrowth> costRows = modules.size() > 1 ? CensusTables.costRows(totals, rows, n) : totals;
            long imageRows = modules.stream().filter(KernelImage::isImage).count();
            out.println();
            out.print(MailText.wrap("What CALL_OPS costs (call-ops against the layout before CALL_OPS: nop-nop on"
                    + " riscv64, pre-call-ops on arm64), in total" + (modules.size() > 1 ? (imageRows == 0 ? "" : ", for each kernel image")
                    + " and for the " + (costRows.size() - totals.size() - imageRows) + " modules it costs most" : "")
                    + ":", MailTable.MAIL_WIDTH, ""));
            out.println();
            out.print(CensusTables.COST_LAYOUT.render(CensusTables.callOpsCost(costRows)));
            out.println();
            p.lines().forEach(l -> out.println("  " + l));
        } else {
            List<ModuleGrowth> shown = new ArrayList<>(top == null ? rows : CensusTables.top(rows, top));
            shown.addAll(totals);
            Table t = CensusTables.growth(shown);
            out.print(format.format.render(t, MailTable.plain(), p));
        }
        out.flush();
        return 0;
    }
}
