package dev.ftracelab.bench;

import dev.ftracelab.bench.host.Design;
import dev.ftracelab.bench.host.HostSample;
import dev.ftracelab.dataset.PublishedMeasurements.Sweep;
import dev.ftracelab.ftrace.FtraceOpsSample.Point;
import dev.ftracelab.util.AtomicFiles;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The results of one {@link BenchRunner} run: JMH's own results, and the same as a table.
 *
 * <pre>{@code
 * Table t = run.table();                    // design, relevant, irrelevant, score_ns, ci_low, ...
 * run.table(Outliers.KEEP);                 // the same with JMH's own scores (every iteration)
 * run.writeJson(Path.of("host.json"));     // JMH's JSON result format (JMH Visualizer reads it)
 * run.worstCiHalfWidthPct();               // the widest 99.9% CI, in % of its score
 * }</pre>
 *
 * @param results JMH's results, one per design x row (a re-measured benchmark's forks pooled in one)
 * @param elapsed wall time of the whole run, forks included
 */
public record BenchRun(BenchSettings settings, List<Design> designs, List<String> rows, List<RunResult> results,
                       Duration elapsed) {
    public BenchRun {
        designs = List.copyOf(designs);
        rows = List.copyOf(rows);
        results = List.copyOf(results);
    }

    /** {@link #table(Outliers)} with the settings' outlier policy. */
    public Table table() {
        return table(settings.outliers());
    }

    /**
     * One row per design x row, designs and rows in the order they were asked for: {@code design,
     * relevant, irrelevant, score_ns, ci_low, ci_high} (the 99.9% confidence interval, ns, over
     * the iterations {@code outliers} keeps), {@code ci_half_width_pct} (half its width in % of the
     * score), {@code forks}, {@code iterations} (measured, all forks), {@code dropped} (slow
     * outliers left out), {@code jmh_score_ns} and {@code jmh_ci_half_width_pct} (JMH's own, over
     * every iteration), {@code sweep}.
     */
    public Table table(Outliers outliers) {
        StringColumn design = StringColumn.create("design");
        IntColumn relevant = IntColumn.create("relevant");
        IntColumn irrelevant = IntColumn.create("irrelevant");
        DoubleColumn score = DoubleColumn.create("score_ns");
        DoubleColumn low = DoubleColumn.create("ci_low");
        DoubleColumn high = DoubleColumn.create("ci_high");
        DoubleColumn halfWidth = DoubleColumn.create("ci_half_width_pct");
        IntColumn forks = IntColumn.create("forks");
        IntColumn iterations = IntColumn.create("iterations");
        IntColumn dropped = IntColumn.create("dropped");
        DoubleColumn jmhScore = DoubleColumn.create("jmh_score_ns");
        DoubleColumn jmhHalfWidth = DoubleColumn.create("jmh_ci_half_width_pct");
        StringColumn sweep = StringColumn.create("sweep");
        for (Design d : designs) {
            for (String row : rows) {
                RunResult r = result(d, row);
                ScoreEstimate e = ScoreEstimate.of(r, outliers);
                ScoreEstimate jmh = ScoreEstimate.of(r, Outliers.KEEP);
                Point p = HostSample.parseRow(row);
                design.append(d.id());
                relevant.append(p.relevant());
                irrelevant.append(p.irrelevant());
                score.append(e.score());
                low.append(e.ciLow());
                high.append(e.ciHigh());
                halfWidth.append(e.halfWidthPct());
                forks.append(e.forks());
                iterations.append(e.iterations());
                dropped.append(e.dropped());
                jmhScore.append(jmh.score());
                jmhHalfWidth.append(jmh.halfWidthPct());
                sweep.append(Sweep.of(p.relevant(), p.irrelevant()).name().toLowerCase(Locale.ROOT));
            }
        }
        return Table.create("host dispatch: ns per call (JMH, 99.9% CI)", design, relevant, irrelevant, score, low, high,
                halfWidth, forks, iterations, dropped, jmhScore, jmhHalfWidth, sweep);
    }

    /** The widest 99.9% confidence interval of the run under the settings' outlier policy: half its width in % of its score. */
    public double worstCiHalfWidthPct() {
        return results.stream().mapToDouble(r -> ScoreEstimate.of(r, settings.outliers()).halfWidthPct()).max()
                .orElse(Double.NaN);
    }

    /** Forks run beyond the settings' own, by re-measuring wide intervals. */
    public int extraForks() {
        return results.stream().mapToInt(r -> r.getBenchmarkResults().size() - settings.forks()).sum();
    }

    /** Writes JMH's JSON result format (what {@code -rf json} writes) to {@code file}, atomically. */
    public void writeJson(Path file) {
        AtomicFiles.write(file, out -> {
            PrintStream ps = new PrintStream(out, false, StandardCharsets.UTF_8);
            ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(results);
            ps.flush();
        });
    }

    private RunResult result(Design design, String row) {
        for (RunResult r : results) {
            BenchmarkParams p = r.getParams();
            if (p.getParam("design").equals(design.id()) && p.getParam("row").equals(row)) {
                return r;
            }
        }
        throw new IllegalStateException("JMH returned no result for design " + design + ", row " + row);
    }
}
