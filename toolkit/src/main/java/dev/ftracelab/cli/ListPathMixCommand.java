package dev.ftracelab.cli;

import dev.ftracelab.census.KernelListPath;
import dev.ftracelab.census.ListPathMixDataset;
import dev.ftracelab.emu.ListPathMix;
import dev.ftracelab.emu.MixClass;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ftrace-lab list-path-mix}: the real kernels' list-path instruction mix, by executing their vmlinux. */
@Command(name = "list-path-mix", mixinStandardHelpOptions = true,
        description = {"Derive the instruction mix of ftrace's list path (per call, per irrelevant ops, per relevant ops,"
                + " ftrace_ops_assist_func) by running a Debian -dbg vmlinux's own code on the emulator.",
            "Each PACKAGE_DIR is a folder made by datasets/fetch-kernels.sh (a PACKAGE file and usr/lib/debug/boot/vmlinux-*)."})
final class ListPathMixCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PACKAGE_DIR", arity = "1..*", description = "An extracted kernel package, one per arch.")
    List<Path> packages;

    @Option(names = "--output", paramLabel = "FILE", description = "Also write the dataset to FILE"
            + " (the committed one is " + ListPathMixDataset.FILE + ").")
    Path output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<KernelListPath.Result> results = new ArrayList<>();
        for (Path p : packages) {
            KernelListPath.Result r = KernelListPath.derive(p);
            results.add(r);
            out.printf(Locale.ROOT, "%s  %s %s  (build-id %s)%n", r.arch().id(), r.packageName(), r.packageVersion(),
                    r.buildId().isEmpty() ? "none" : r.buildId());
            out.printf(Locale.ROOT, "  %-20s", "component");
            for (MixClass c : MixClass.values()) {
                out.printf(Locale.ROOT, " %14s", c.csvName());
            }
            out.println();
            for (ListPathMix.Component c : ListPathMix.Component.values()) {
                out.printf(Locale.ROOT, "  %-20s", c.csvName());
                for (MixClass k : MixClass.values()) {
                    out.printf(Locale.ROOT, " %14d", r.mix().get(c).get(k));
                }
                out.println();
            }
        }
        if (output != null) {
            ListPathMixDataset.write(output, results);
            out.println("wrote " + output);
        }
        return 0;
    }
}
