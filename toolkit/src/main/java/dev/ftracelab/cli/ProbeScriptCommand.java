package dev.ftracelab.cli;

import dev.ftracelab.board.ProbeScript;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.report.MailTable;
import dev.ftracelab.report.MailText;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.util.AtomicFiles;
import dev.ftracelab.util.BadInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ftrace-lab probe-script}: the probe programs and the script that runs them on a board. */
@Command(name = "probe-script", mixinStandardHelpOptions = true,
        description = {"Write the parameter probes (static programs, see 'probe --list') for one arch and"
                + " run-probes.sh into a folder. Copied to a board and run there (sh run-probes.sh, no root), the"
                + " script runs every probe with the programs' defaults and the board's cache sizes, and writes"
                + " their output with a description of the board into one file for 'ftrace-lab profile-from'."})
final class ProbeScriptCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--arch", paramLabel = "ARCH", description = "riscv64 or arm64 (default: ${DEFAULT-VALUE}).")
    String arch = "riscv64";

    @Option(names = "--base", paramLabel = "PROFILE",
            description = "Profile whose cache sizes the script falls back to (default: vf2 for riscv64, m1 for arm64).")
    String base;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder to write (default: ftrace-lab-probes-ARCH).")
    Path out;

    @Override
    public Integer call() {
        PrintWriter pw = spec.commandLine().getOut();
        Arch a;
        try {
            a = Arch.parse(arch);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--arch: expected riscv64 or arm64, got '" + arch + "'");
        }
        Profile profile = Profile.load(base == null ? ProbeScript.defaultBase(a) : base);
        if (profile.arch() != a) {
            throw new BadInputException("--base " + profile.name() + " is a " + profile.arch().id() + " profile: expected "
                    + a.id());
        }
        Path dir = out == null ? Path.of("ftrace-lab-probes-" + a.id()) : out;
        String args = "--arch " + a.id() + (base == null ? "" : " --base " + profile.name());
        ProbeScript ps = ProbeScript.of(profile, Provenance.capture().toolkit(), args);
        Map<String, byte[]> files = ps.files();
        files.forEach((name, bytes) -> AtomicFiles.writeExecutable(dir.resolve(name), bytes));
        pw.print(MailText.wrap("wrote " + dir + ": " + ProbeScript.SCRIPT + " and " + (files.size() - 1) + " "
                + a.id() + " programs for " + ps.probes().size() + " probes.", MailTable.MAIL_WIDTH, "", "  "));
        pw.print(MailText.wrap("Copy the folder to the board and run: sh " + ProbeScript.SCRIPT
                + " [OUT]; then ftrace-lab profile-from OUT --base " + profile.name() + ".", MailTable.MAIL_WIDTH, "", "  "));
        pw.flush();
        return 0;
    }
}
