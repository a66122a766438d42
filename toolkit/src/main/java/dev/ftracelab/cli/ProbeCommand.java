package dev.ftracelab.cli;

import dev.ftracelab.cost.Probe;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.report.MailTable;
import dev.ftracelab.report.MailText;
import dev.ftracelab.util.BadInputException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ftrace-lab probe PROGRAM --profile P}: a microbenchmark run under the cost model. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Run a microbenchmark probe (toolkit/src/guest/probes) under the cost model of a profile: the"
                + " program times its loops with the cycle counter, which reads the model's cycles, and prints"
                + " what it measured; shown beside the value the profile holds. --list names the probes.",
            "The same static binaries (src/main/resources/dev/ftracelab/probe/<arch>/) run on a board with the"
                + " command line printed here (see toolkit/src/guest/README.md)."})
final class ProbeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "PROBE", description = "The probe to run (see --list).")
    String name;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "Hardware profile (name or .yaml file).")
    String profile;

    @Option(names = "--list", description = "List the probes and the parameter each measures.")
    boolean list;

    @Option(names = "--iters", paramLabel = "N", description = "Loop iterations per timing (default: ${DEFAULT-VALUE}).")
    int iterations = Probe.MODEL_ITERATIONS;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            // name, then what it measures and the profile parameter(s) it checks, wrapped under it
            String under = " ".repeat(20);
            for (Probe p : Probe.all()) {
                out.print(MailText.wrap(p.parameter(), MailTable.MAIL_WIDTH,
                        String.format(Locale.ROOT, "%-19s ", p.name()), under + "  "));
                out.print(MailText.wrap(p.description() + (p.program().equals(p.name()) ? "" : " (program "
                        + p.program() + ")"), MailTable.MAIL_WIDTH, under, under));
            }
            out.flush();
            return 0;
        }
        if (name == null || profile == null) {
            throw new BadInputException("probe: expected PROBE and --profile PROFILE, or --list");
        }
        if (iterations < 1) {
            throw new BadInputException("probe: --iters must be at least 1, got " + iterations);
        }
        Probe probe = Probe.named(name);
        Profile pr = Profile.load(profile);
        Probe.Run r = probe.run(pr, iterations, Probe.MODEL_REPETITIONS);
        out.print(r.stdout());
        out.println();
        out.print(MailText.wrap(String.format(Locale.ROOT, "%s on %s (%s): measured %.2f, profile %.2f (%s)",
                probe.name(), pr.name(), pr.arch().id(), r.measured(), r.expected(), probe.parameter()),
                MailTable.MAIL_WIDTH, "", "  "));
        out.print(MailText.wrap("on a board: ./" + String.join(" ", probe.commandLine(pr))
                + " (defaults iters=100000 reps=5)", MailTable.MAIL_WIDTH, "", "  "));
        if (r.exitStatus() != 0) {
            out.println("the program exited with status " + r.exitStatus());
            out.flush();
            return 1;
        }
        out.flush();
        return 0;
    }
}
