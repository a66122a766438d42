package dev.ftracelab.cli;

import dev.ftracelab.board.MeasuredProfile;
import dev.ftracelab.board.ProbeOutput;
import dev.ftracelab.board.ProbeScript;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.report.MailTable;
import dev.ftracelab.report.MailText;
import dev.ftracelab.util.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ftrace-lab profile-from PROBE_OUTPUT --base P}: a profile from a board's probe output. */
@Command(name = "profile-from", mixinStandardHelpOptions = true,
        description = {"Turn the output of run-probes.sh (see probe-script) into a hardware profile: the base profile"
                + " with every probed parameter replaced by the measured value, solved from the probe's relation to"
                + " the profile and rounded to whole cycles, each with the source 'measured on BOARD, DATE (probe"
                + " NAME: ...)'. Parameters no probe measures keep the base's value and source. The probes that set"
                + " nothing are printed as checks beside what the new profile says.",
            "Without --out the YAML goes to stdout and the summary to stderr."})
final class ProfileFromCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PROBE_OUTPUT", description = "The file run-probes.sh wrote.")
    Path input;

    @Option(names = "--base", paramLabel = "PROFILE",
            description = "Profile to start from (name or .yaml; default: vf2 for riscv64, m1 for arm64 output).")
    String base;

    @Option(names = "--name", paramLabel = "NAME", description = "The new profile's name (default: from the board).")
    String name;

    @Option(names = "--board", paramLabel = "TEXT", description = "The board, for the sources (default: the output's '# board:').")
    String board;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the profile here (default: stdout).")
    Path out;

    @Override
    public Integer call() {
        ProbeOutput po = ProbeOutput.read(input);
        String b = base != null ? base : ProbeScript.defaultBase(po.arch().orElse(Arch.RISCV64));
        MeasuredProfile m = MeasuredProfile.of(po, b, name, board);
        PrintWriter summary;
        if (out == null) {
            PrintWriter pw = spec.commandLine().getOut();
            pw.print(m.yaml());
            pw.flush();
            summary = spec.commandLine().getErr();
        } else {
            AtomicFiles.writeString(out, m.yaml());
            Profile.load(out.toString()); // it reads back, or this is a bug worth hearing about
            summary = spec.commandLine().getOut();
        }
        summary.print(summary(m, out));
        summary.flush();
        return 0;
    }

    /** The changes and the checks, in 72 columns. */
    static String summary(MeasuredProfile m, Path out) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-31s %5s %5s  %-17s %8s%n", "parameter", "base", "new", "probe", "result"));
        for (MeasuredProfile.Change c : m.changes()) {
            s.append(String.format(Locale.ROOT, "%-31s %5.0f %5d  %-17s %8.2f%n", c.path(), c.base(), c.value(), c.probe(),
                    c.measured()));
        }
        if (!m.checks().isEmpty()) {
            s.append(String.format(Locale.ROOT, "%nchecks (probes that set nothing): result, new profile's value%n"));
            for (MeasuredProfile.Check c : m.checks()) {
                s.append(String.format(Locale.ROOT, "  %-17s %8.2f %8.2f%n", c.probe(), c.measured(), c.expected()));
            }
        }
        s.append('\n');
        s.append(MailText.wrap("The other parameters keep " + m.base() + "'s values and sources"
                + (out == null ? "." : "; ftrace-lab profiles --show " + out + " lists them all."),
                MailTable.MAIL_WIDTH, "", ""));
        if (!m.runner().isEmpty()) {
            s.append(MailText.wrap("Warning: the probes ran under " + m.runner() + ", not on a board: these figures"
                    + " are that machine's, not a board's.", MailTable.MAIL_WIDTH, "", ""));
        }
        return s.toString();
    }
}
