package dev.ftracelab.cli;

import dev.ftracelab.bench.BenchRun;
import dev.ftracelab.bench.BenchRunner;
import dev.ftracelab.bench.host.Design;
import dev.ftracelab.report.HostDispatchTables;
import dev.ftracelab.report.MailTable;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.report.TableFormat;
import dev.ftracelab.util.BadInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tech.tablesaw.api.Table;

/** {@code ftrace-lab bench}: the host-level JMH comparison of the three dispatch designs. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run the JMH benchmark HostDispatch: a traced call under each host dispatch design (list,"
                + " per-callsite-trampoline, call-ops) for the 13 R/I rows, in ns per call with 99.9%% confidence"
                + " intervals, each benchmark in a forked JVM."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Short runs (for CI and notebooks): wider confidence intervals.")
    boolean quick;

    @Option(names = "--forks", paramLabel = "N",
            description = "Forked JVMs per benchmark (at least 1); more forks put JIT variation into the CI. Default: 1.")
    Integer forks;

    @Option(names = "--rows", paramLabel = "ROWS", split = ",",
            description = "Only these rows, e.g. R1-I0,R1-I10. Default: the 13 published rows.")
    List<String> rows = List.of();

    @Option(names = "--design", paramLabel = "DESIGN", split = ",",
            description = "Only these designs: list, per-callsite-trampoline, call-ops. Default: all.")
    List<String> designs = List.of();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write JMH's JSON result file (JMH Visualizer reads it).")
    Path json;

    @Mixin
    FormatOption output;

    @Override
    public Integer call() {
        BenchRunner.Builder b = BenchRunner.builder();
        if (quick) {
            b.quick();
        }
        try {
            if (forks != null) {
                b.forks(forks);
            }
            if (!rows.isEmpty()) {
                b.rows(rows);
            }
            if (!designs.isEmpty()) {
                b.designs(designs.stream().map(Design::parse).toList());
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        BenchRunner runner = b.build();
        BenchRun run = runner.run();
        if (json != null) {
            run.writeJson(json);
        }
        Table t = run.table();
        Provenance p = Provenance.capture().with("command", "bench").with("settings", runner.settings().name())
                .with("jmh", runner.settings().describe()).with("benchmarks", run.results().size())
                .with("elapsed", String.format(Locale.ROOT, "%.1f s", run.elapsed().toMillis() / 1000.0))
                .with("worst_ci_half_width", String.format(Locale.ROOT, "%.2f%%", run.worstCiHalfWidthPct()));
        PrintWriter out = spec.commandLine().getOut();
        if (output.format == TableFormat.TEXT) {
            out.println("Host dispatch (JMH HostDispatch): ns per call of tracee_relevant, mean +- 99.9% CI");
            out.println();
            out.print(HostDispatchTables.mail(t));
            out.println();
            p.lines().forEach(l -> out.println("  " + l));
        } else {
            out.print(output.format.render(t, MailTable.plain(), p));
        }
        out.flush();
        return 0;
    }
}
