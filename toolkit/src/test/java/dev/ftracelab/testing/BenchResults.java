package dev.ftracelab.testing;

import dev.ftracelab.dataset.PublishedMeasurements.Sweep;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.ftrace.FtraceOpsSample.Point;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToIntFunction;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A bench results table in BenchRun's columns, for every design and published row, with made-up figures. */
public final class BenchResults {
    /** The score of design number {@code design} (list, per-callsite-trampoline, call-ops) at a point. */
    public interface Score {
        double of(int design, Point p);
    }

    private BenchResults() {
    }

    /**
     * @param score each benchmark's score, ns
     * @param halfWidth the 99.9% interval's half-width for a score
     * @param forks forks per benchmark
     * @param dropped iterations dropped at a point
     */
    public static Table of(Score score, DoubleUnaryOperator halfWidth, int forks, ToIntFunction<Point> dropped) {
        StringColumn design = StringColumn.create("design");
        IntColumn relevant = IntColumn.create("relevant");
        IntColumn irrelevant = IntColumn.create("irrelevant");
        DoubleColumn scores = DoubleColumn.create("score_ns");
        DoubleColumn low = DoubleColumn.create("ci_low");
        DoubleColumn high = DoubleColumn.create("ci_high");
        DoubleColumn pct = DoubleColumn.create("ci_half_width_pct");
        IntColumn forkCol = IntColumn.create("forks");
        IntColumn iterations = IntColumn.create("iterations");
        IntColumn droppedCol = IntColumn.create("dropped");
        StringColumn sweep = StringColumn.create("sweep");
        List<String> designs = List.of("list", "per-callsite-trampoline", "call-ops");
        for (int d = 0; d < designs.size(); d++) {
            for (Point p : FtraceOpsSample.PUBLISHED_MATRIX) {
                double s = score.of(d, p);
                double h = halfWidth.applyAsDouble(s);
                design.append(designs.get(d));
                relevant.append(p.relevant());
                irrelevant.append(p.irrelevant());
                scores.append(s);
                low.append(s - h);
                high.append(s + h);
                pct.append(h / s * 100);
                forkCol.append(forks);
                iterations.append(100);
                droppedCol.append(dropped.applyAsInt(p));
                sweep.append(Sweep.of(p.relevant(), p.irrelevant()).name().toLowerCase(Locale.ROOT));
            }
        }
        return Table.create("host", design, relevant, irrelevant, scores, low, high, pct, forkCol, iterations,
                droppedCol, sweep);
    }
}
