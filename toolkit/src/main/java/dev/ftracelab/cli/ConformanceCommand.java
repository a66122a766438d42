package dev.ftracelab.cli;

import dev.ftracelab.ftrace.Conformance;
import dev.ftracelab.report.ConformanceTables;
import dev.ftracelab.report.MailText;
import dev.ftracelab.report.MailTable;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.report.TableFormat;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.vmlinux.KernelCache;
import dev.ftracelab.vmlinux.Vmlinux;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tech.tablesaw.api.Table;

/** {@code ftrace-lab conformance}: the guest image held to a real vmlinux, class by class. */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = {"Run the ftrace-ops sample on a real vmlinux's own dispatch code and on the guest image with the"
                + " same layout, and compare the instructions of each part of a traced call, in all and by class."})
final class ConformanceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "VMLINUX", arity = "1..*", description = "A vmlinux with symbols and BTF, or the name of an"
            + " image package fetched by datasets/fetch-kernels.sh.")
    java.util.List<String> images;

    @Option(names = "--calls", paramLabel = "N", defaultValue = "100",
            description = "Calls per row (counts are exact for any N). Default: ${DEFAULT-VALUE}.")
    long calls;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() {
        if (calls < 1 || calls > SampleArgs.MAX_CALLS) {
            throw new BadInputException("--calls: expected 1.." + SampleArgs.MAX_CALLS + ", got " + calls);
        }
        PrintWriter out = spec.commandLine().getOut();
        for (String image : images) {
            Vmlinux v = Vmlinux.open(KernelCache.standard().resolve(image));
            Conformance c = Conformance.run(v, calls);
            Table t = ConformanceTables.table(c);
            Provenance p = Provenance.capture().with("command", "conformance").with("arch", v.arch().id())
                    .with("layout", c.real().layout().id()).with("calls", calls).with("vmlinux", v.source())
                    .with("vmlinux_version", v.version()).with("vmlinux_build_id", v.buildId())
                    .with("vmlinux_sha256", v.sha256());
            if (output.format == TableFormat.TEXT) {
                out.print(MailText.wrap(t.name() + ": instructions per traced call, or per ops added", MailTable.MAIL_WIDTH, ""));
                out.println();
            }
            out.print(output.format.render(t, ConformanceTables.LAYOUT, p, null, ConformanceTables.summary(c)));
        }
        out.flush();
        return 0;
    }
}
