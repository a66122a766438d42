package dev.ftracelab.cli;

import dev.ftracelab.census.KernelListPath;
import dev.ftracelab.census.ListPathMixDataset;
import dev.ftracelab.emu.ListPathMix;
import dev.ftracelab.emu.MixClass;
import dev.ftracelab.ftrace.GuestListPath;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.report.MailTable;
import dev.ftracelab.report.MailText;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.ProjectPaths;
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

    @Parameters(paramLabel = "PACKAGE_DIR", arity = "0..*", description = "An extracted kernel package, one per arch.")
    List<Path> packages = new ArrayList<>();

    @Option(names = "--guest", description = "Also measure the guest kernel's list path the same way (riscv64 nop-nop,"
            + " arm64 call-ops, as Debian 6.12) and show where it differs from the committed real mix.")
    boolean guest;

    @Option(names = "--output", paramLabel = "FILE", description = "Also write the dataset to FILE"
            + " (the committed one is " + ListPathMixDataset.FILE + ").")
    Path output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (packages.isEmpty() && !guest) {
            throw new BadInputException("expected a PACKAGE_DIR or --guest");
        }
        if (output != null && packages.isEmpty()) {
            throw new BadInputException("--output needs a PACKAGE_DIR");
        }
        List<KernelListPath.Result> results = new ArrayList<>();
        for (Path p : packages) {
            KernelListPath.Result r = KernelListPath.derive(p);
            results.add(r);
            print(out, String.format(Locale.ROOT, "%s  %s %s  (build-id %s)", r.arch().id(), r.packageName(),
                    r.packageVersion(), r.buildId().isEmpty() ? "none" : r.buildId()), r.mix());
        }
        if (output != null) {
            ListPathMixDataset.write(output, results);
            out.println("wrote " + output);
        }
        if (guest) {
            ListPathMixDataset real = ListPathMixDataset.read(ProjectPaths.root().resolve(ListPathMixDataset.FILE));
            for (Arch arch : Arch.values()) {
                GuestListPath g = GuestListPath.debian612(arch);
                ListPathMix mix = ListPathMix.measure(g);
                print(out, arch.id() + "  guest kernel, layout " + g.layout().id(), mix);
                if (real.entries().containsKey(arch)) {
                    out.println("  real - guest, where they differ:");
                    ListPathMix r = real.mix(arch);
                    for (ListPathMix.Component c : ListPathMix.Component.values()) {
                        StringBuilder b = new StringBuilder();
                        for (MixClass k : MixClass.values()) {
                            long d = r.get(c).get(k) - mix.get(c).get(k);
                            if (d != 0) {
                                b.append(String.format(Locale.ROOT, " %s %+d", k.csvName(), d));
                            }
                        }
                        out.print(MailText.wrap(b.length() == 0 ? "same" : b.toString(), MailTable.MAIL_WIDTH,
                                String.format(Locale.ROOT, "    %-20s ", c.csvName()), " ".repeat(25)));
                    }
                }
            }
        }
        out.flush();
        return 0;
    }

    /** The mix as a table for a mail: one line per instruction class, one column per component. */
    private static void print(PrintWriter out, String title, ListPathMix mix) {
        out.print(MailText.wrap(title, MailTable.MAIL_WIDTH, "", "  "));
        out.printf(Locale.ROOT, "  %-15s %11s %11s %11s %11s%n", "class", "per call", "per irrel.", "per rel.", "assist");
        for (MixClass k : MixClass.values()) {
            out.printf(Locale.ROOT, "  %-15s", k.csvName());
            for (ListPathMix.Component c : ListPathMix.Component.values()) {
                out.printf(Locale.ROOT, " %11d", mix.get(c).get(k));
            }
            out.println();
        }
        out.print(MailText.wrap("(per call, per irrelevant ops, per relevant ops, ftrace_ops_assist_func)",
                MailTable.MAIL_WIDTH, "  "));
    }
}
