package dev.ftracelab.cli;

import dev.ftracelab.cost.Profile;
import dev.ftracelab.report.AnswerTables;
import dev.ftracelab.report.Charts;
import dev.ftracelab.report.Progress;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.report.TableFormat;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.vmlinux.KernelCache;
import dev.ftracelab.vmlinux.Vmlinux;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tech.tablesaw.api.Table;

/** {@code ftrace-lab answer}: the one page that answers the thread, per design, on one profile. */
@Command(name = "answer", mixinStandardHelpOptions = true,
        description = {"Print the page that answers the thread: every dispatch design of the profile's arch side by"
                + " side (list processing on each pre-CALL_OPS site, per-callsite trampolines, CALL_OPS, and a direct"
                + " call on each layout) with the modelled overhead at R/I = 1/0, 1/10, 2/0, 10/0 and its interval,"
                + " the text growth from the committed census, the patch-safety verdicts under full preemption, and"
                + " the share of callsites that reach a direct trampoline; then the key and the command behind each"
                + " column. Text fits 72 columns."})
final class AnswerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "vf2",
            description = "Hardware profile (vf2, k1, m1 or a .yaml file). Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "8",
            description = "Heap layouts (seeds) priced per point; fewer is faster, the interval narrower. Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Option(names = "--priced-calls", paramLabel = "M", defaultValue = "1000",
            description = "Calls priced per point and seed, after warm-up. Default: ${DEFAULT-VALUE}.")
    long pricedCalls;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Also write the plot as a PNG (with the stamp).")
    Path plot;

    @Option(names = "--vmlinux", paramLabel = "FILE",
            description = "Add a row for a real kernel's own dispatch code (repeatable): a vmlinux with symbols and BTF"
                    + " of the profile's arch, or an image package fetched by datasets/fetch-kernels.sh.")
    java.util.List<String> vmlinux = new java.util.ArrayList<>();

    @Mixin
    FormatOption output;

    @Override
    public Integer call() {
        if (seeds < 1) {
            throw new BadInputException("--seeds must be at least 1, got " + seeds);
        }
        if (pricedCalls < 1) {
            throw new BadInputException("--priced-calls must be at least 1, got " + pricedCalls);
        }
        Profile prof = Profile.load(profile);
        AnswerTables.Settings s = AnswerTables.Settings.of(prof).seeds(seeds).pricedCalls(pricedCalls)
                .kernels(vmlinux.stream().map(v -> Vmlinux.open(KernelCache.standard().resolve(v))).toList());
        AnswerTables.Answer a;
        try (Progress progress = Progress.start("answer on " + prof.name(), AnswerTables.steps(s))) {
            a = AnswerTables.compute(s, note -> progress.step());
        }
        Provenance p = Provenance.capture().with("command", "answer").withProfile(prof.name()).with("seeds", seeds)
                .with("priced_calls", pricedCalls);
        for (int i = 0; i < s.kernels().size(); i++) {
            Vmlinux v = s.kernels().get(i);
            p = p.with("vmlinux_V" + (i + 1), v.source() + " (" + v.version() + "; build id " + v.buildId() + "; sha256 "
                    + v.sha256() + ")");
        }
        Table t = AnswerTables.table(a);
        PrintWriter out = spec.commandLine().getOut();
        if (output.format == TableFormat.TEXT) {
            out.print(AnswerTables.mail(a));
            out.println();
            p.lines().forEach(l -> out.println("  " + l));
        } else {
            out.print(output.format.render(t, AnswerTables.LAYOUT, p));
        }
        if (plot != null) {
            Charts.writePng(AnswerTables.chart(a), p, plot);
        }
        out.flush();
        return 0;
    }
}
