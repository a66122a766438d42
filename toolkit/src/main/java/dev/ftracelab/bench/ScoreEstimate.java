package dev.ftracelab.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;

/**
 * One benchmark's score from its measured iterations: the mean and the 99.9% Student-t
 * confidence interval JMH computes, over the iterations an {@link Outliers} policy keeps in each
 * fork, every fork's pooled. With {@link Outliers#KEEP} it is JMH's own score and error. Outliers
 * are judged within a fork, so a fork that runs slower as a whole (other JIT decisions) still
 * counts.
 *
 * <pre>{@code
 * ScoreEstimate e = ScoreEstimate.of(runResult, Outliers.DROP_SLOW);
 * e.score();            // ns per call
 * e.halfWidthPct();     // half the interval, in % of the score
 * e.dropped();          // slow iterations left out
 * }</pre>
 *
 * @param forks      forked JVMs the iterations came from
 * @param iterations measured iterations, all forks
 * @param dropped    iterations the policy left out
 * @param score      mean of the kept iterations
 * @param ciLow      lower bound of the 99.9% interval
 * @param ciHigh     upper bound of the 99.9% interval
 */
public record ScoreEstimate(int forks, int iterations, int dropped, double score, double ciLow, double ciHigh) {
    /** JMH's confidence level for a score's error. */
    public static final double CONFIDENCE = 0.999;

    /** The estimate from raw iteration scores, one array per fork (JMH's {@code rawData}). */
    public static ScoreEstimate of(double[][] forks, Outliers outliers) {
        ListStatistics stats = new ListStatistics();
        int iterations = 0;
        int kept = 0;
        for (double[] fork : forks) {
            iterations += fork.length;
            for (double x : outliers.kept(fork)) {
                stats.addValue(x);
                kept++;
            }
        }
        double[] ci = stats.getConfidenceIntervalAt(CONFIDENCE);
        return new ScoreEstimate(forks.length, iterations, iterations - kept, stats.getMean(), ci[0], ci[1]);
    }

    /** The estimate from JMH's result of one benchmark. */
    public static ScoreEstimate of(RunResult result, Outliers outliers) {
        return of(samples(result), outliers);
    }

    /** The primary score of every measured iteration, one array per fork (JMH's {@code rawData}). */
    public static double[][] samples(RunResult result) {
        return result.getBenchmarkResults().stream()
                .map(fork -> fork.getIterationResults().stream().mapToDouble(it -> it.getPrimaryResult().getScore()).toArray())
                .toArray(double[][]::new);
    }

    /** Half the interval's width in % of the score. */
    public double halfWidthPct() {
        return 100 * (ciHigh - ciLow) / 2 / score;
    }
}
