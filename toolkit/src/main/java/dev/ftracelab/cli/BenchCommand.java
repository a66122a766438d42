package dev.ftracelab.cli;

import dev.ftracelab.bench.BenchRun;
import dev.ftracelab.bench.BenchRunner;
import dev.ftracelab.bench.BenchSettings;
import dev.ftracelab.bench.Outliers;
import dev.ftracelab.bench.host.Design;
import dev.ftracelab.report.HostDispatchTables;
import dev.ftracelab.report.MailTable;
import dev.ftracelab.report.MailText;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.report.TableFormat;
import dev.ftracelab.util.BadInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
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
        description = {"Run the JMH benchmark HostDispatch: a traced call under each host dispatch design (list"
                + " processing, per-callsite trampoline, CALL_OPS) for the 13 R/I rows, in ns per call with 99.9%% confidence"
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

    @Option(names = "--outliers", paramLabel = "POLICY",
            description = {"drop-slow (default): a score is the mean of the iterations not slower than median + 3 x 1.4826"
                    + " x MAD; keep: every iteration (JMH's own score). JMH's own score is in the table either way."})
    String outliers;

    @Option(names = "--target-ci", paramLabel = "PCT",
            description = "Run a benchmark whose 99.9%% CI half-width is above PCT%% of its score in further forks (up to 4)"
                    + " while the run stays within --budget. 0 turns it off. Default: 5 (full), 0 (--quick).")
    Double targetCi;

    @Option(names = "--budget", paramLabel = "SECONDS",
            description = "Time for the whole run, further forks included. Default: 170.")
    Integer budget;

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
            if (outliers != null) {
                b.outliers(Outliers.parse(outliers));
            }
            if (targetCi != null || budget != null) {
                BenchSettings.Remeasure r = b.build().settings().remeasure();
                if (!r.enabled()) {
                    // --quick has no rule: take the full sweep's fork limit and budget, off until --target-ci asks
                    r = BenchSettings.FULL.remeasure().targetCiPct(0);
                }
                if (targetCi != null) {
                    // picocli reads "NaN" and "Infinity" as doubles; neither is a target
                    if (!Double.isFinite(targetCi) || targetCi > 100) { // a negative one: Remeasure says so
                        throw new BadInputException("--target-ci: expected a percentage from 0 (off) to 100, got " + targetCi);
                    }
                    r = r.targetCiPct(targetCi);
                }
                if (budget != null) {
                    if (budget < 1) {
                        throw new IllegalArgumentException("--budget must be at least 1 second, got " + budget);
                    }
                    r = r.budget(Duration.ofSeconds(budget));
                }
                b.remeasure(r);
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
        BenchSettings s = runner.settings();
        Provenance p = Provenance.capture().measuredHere("JMH, Java models of the dispatch on this JVM")
                .with("command", "bench").with("settings", s.name())
                .with("jmh", s.describe()).with("outliers", s.outliers().describe())
                .with("remeasure", s.remeasure().describe()).with("benchmarks", run.results().size())
                .with("further_forks", run.extraForks())
                .with("elapsed", String.format(Locale.ROOT, "%.1f s", run.elapsed().toMillis() / 1000.0))
                .with("worst_ci_half_width", String.format(Locale.ROOT, "%.2f%%", run.worstCiHalfWidthPct()));
        PrintWriter out = spec.commandLine().getOut();
        String over = overBudget(s, run.elapsed(), run.extraForks());
        if (output.format == TableFormat.TEXT) {
            out.print(text(t, s, p, over));
        } else {
            out.print(output.format.render(t, MailTable.plain(), p));
            // CSV/JSON stay machine-readable: the warning goes to stderr
            spec.commandLine().getErr().print(over);
            spec.commandLine().getErr().flush();
        }
        out.flush();
        return 0;
    }

    /**
     * A wrapped note when the run took longer than its re-measure budget, else "": the budget
     * limits only the further forks, so a slow first sweep alone can overrun it.
     */
    static String overBudget(BenchSettings s, Duration elapsed, int extraForks) {
        Duration budget = s.remeasure().budget();
        if (!s.remeasure().enabled() || elapsed.compareTo(budget) <= 0) {
            return "";
        }
        return MailText.wrap(String.format(Locale.ROOT, "Over budget: this run took %.1f s, its budget was %d s. The budget"
                + " limits only the further forks for wide intervals (%d run); the first sweep always runs in full."
                + " For a shorter run use --quick, fewer --rows or --design, or raise --budget.",
                elapsed.toMillis() / 1000.0, budget.toSeconds(), extraForks), MailTable.MAIL_WIDTH, "");
    }

    /** The text output: the side-by-side table, what its intervals are, and the stamp. */
    static String text(Table t, BenchSettings s, Provenance p) {
        return text(t, s, p, "");
    }

    /** As {@link #text(Table, BenchSettings, Provenance)}, with a note (e.g. {@link #overBudget}) above the stamp. */
    static String text(Table t, BenchSettings s, Provenance p, String note) {
        StringBuilder b = new StringBuilder();
        b.append(MailText.wrap("Host dispatch (JMH HostDispatch): ns per call of tracee_relevant, mean +- 99.9% CI"
                + (s.outliers() == Outliers.KEEP ? "" : ", slow outliers dropped"), MailTable.MAIL_WIDTH, ""));
        b.append('\n').append(HostDispatchTables.mail(t)).append('\n');
        b.append(MailText.wrap(HostDispatchTables.summary(t, s.remeasure().enabled()
                ? s.remeasure().targetCiPct() : BenchSettings.TARGET_CI_PCT), MailTable.MAIL_WIDTH, "  "));
        b.append(note).append('\n');
        p.lines().forEach(l -> b.append("  ").append(l).append('\n'));
        return b.toString();
    }
}
