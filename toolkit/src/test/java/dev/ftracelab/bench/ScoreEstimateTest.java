package dev.ftracelab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

class ScoreEstimateTest {
    @Test
    void theIntervalIsTheStudentTIntervalAtJmhsConfidence() {
        double[] xs = {2.0, 2.2, 1.9, 2.1, 2.3, 2.0};
        ScoreEstimate e = ScoreEstimate.of(new double[][] {xs}, Outliers.KEEP);
        double mean = 12.5 / 6;
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        double half = new TDistribution(5).inverseCumulativeProbability(1 - 0.001 / 2) * Math.sqrt(ss / 5) / Math.sqrt(6);
        assertEquals(mean, e.score(), 1e-12);
        assertEquals(mean - half, e.ciLow(), 1e-12);
        assertEquals(mean + half, e.ciHigh(), 1e-12);
        assertEquals(100 * half / mean, e.halfWidthPct(), 1e-9);
        assertEquals(1, e.forks());
        assertEquals(6, e.iterations());
        assertEquals(0, e.dropped());
    }

    @Test
    void droppingSlowOutliersNarrowsTheIntervalAndMovesTheMeanBackToTheUndisturbedSpeed() {
        double[] xs = OutliersTest.disturbed(100, 20, 35, 1.8);
        ScoreEstimate jmh = ScoreEstimate.of(new double[][] {xs}, Outliers.KEEP);
        ScoreEstimate robust = ScoreEstimate.of(new double[][] {xs}, Outliers.DROP_SLOW);
        assertEquals(15, robust.dropped());
        assertEquals(2.0, robust.score(), 0.01);
        assertEquals(2.0 * (1 + 0.15 * 0.8), jmh.score(), 0.01);
        assertEquals(true, robust.halfWidthPct() < 1 && jmh.halfWidthPct() > 5,
                robust.halfWidthPct() + "% vs " + jmh.halfWidthPct() + "%");
    }

    @Test
    void outliersAreJudgedWithinAForkSoASlowerForkStillCounts() {
        double[] fast = OutliersTest.disturbed(50, 0, 0, 1);
        double[] slower = OutliersTest.disturbed(50, 0, 50, 1.3);
        ScoreEstimate e = ScoreEstimate.of(new double[][] {fast, slower}, Outliers.DROP_SLOW);
        assertEquals(2, e.forks());
        assertEquals(100, e.iterations());
        assertEquals(true, e.dropped() < 3, "dropped " + e.dropped());
        assertEquals(2.0 * 1.15, e.score(), 0.01);
    }
}
