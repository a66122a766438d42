package dev.ftracelab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutliersTest {
    /** n iterations around 2.0 ns (+-1%), the ones in [from, to) disturbed to {@code slow}x. */
    static double[] disturbed(int n, int from, int to, double slow) {
        Random rnd = new Random(42);
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = 2.0 * (1 + 0.01 * rnd.nextGaussian()) * (i >= from && i < to ? slow : 1);
        }
        return xs;
    }

    @Test
    void keepKeepsEveryIteration() {
        double[] xs = disturbed(50, 10, 20, 2.0);
        assertArrayEquals(xs, Outliers.KEEP.kept(xs));
    }

    @Test
    void aSlowStretchIsDroppedAndNothingElse() {
        double[] xs = disturbed(100, 30, 45, 1.5);
        double[] kept = Outliers.DROP_SLOW.kept(xs);
        assertEquals(85, kept.length, Arrays.toString(kept));
        assertTrue(Arrays.stream(kept).allMatch(x -> x < 2.2), Arrays.toString(kept));
    }

    @Test
    void theFenceHoldsUntilHalfTheIterationsAreDisturbed() {
        // 45% of the run at 2x: the median and MAD still come from the undisturbed iterations
        double[] xs = disturbed(100, 0, 45, 2.0);
        assertEquals(55, Outliers.DROP_SLOW.kept(xs).length);
        // however slow the outliers, the fence does not move
        assertEquals(Outliers.DROP_SLOW.fence(disturbed(100, 0, 45, 2.0)), Outliers.DROP_SLOW.fence(disturbed(100, 0, 45, 50.0)), 1e-12);
    }

    @Test
    void fastIterationsAreNeverDropped() {
        double[] xs = disturbed(60, 0, 10, 0.5);
        assertEquals(60, Outliers.DROP_SLOW.kept(xs).length);
    }

    @Test
    void undisturbedNormalNoiseLosesAlmostNothing() {
        // 3 scaled MADs is 3 standard deviations for normal noise: about 0.1% of iterations
        double[] xs = disturbed(10_000, 0, 0, 1);
        int dropped = xs.length - Outliers.DROP_SLOW.kept(xs).length;
        assertTrue(dropped < 30, "dropped " + dropped);
    }

    @Test
    void theFenceIsMedianPlusThreeScaledMads() {
        // median 3, absolute deviations 2 1 0 1 7 -> MAD 1
        double[] xs = {1, 2, 3, 4, 10};
        assertEquals(3 + 3 * 1.4826, Outliers.DROP_SLOW.fence(xs), 1e-12);
        assertArrayEquals(new double[] {1, 2, 3, 4}, Outliers.DROP_SLOW.kept(xs));
        assertArrayEquals(new double[] {5, 9}, Outliers.DROP_SLOW.kept(new double[] {5, 9}), "too few to judge");
        assertEquals(Double.POSITIVE_INFINITY, Outliers.KEEP.fence(xs));
    }

    @Test
    void policiesAreSpelledAsTheCliSpellsThem() {
        for (Outliers o : Outliers.values()) {
            assertEquals(o, Outliers.parse(o.id()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Outliers.parse("tukey"));
        assertEquals("unknown outlier policy 'tukey': expected keep or drop-slow", e.getMessage());
    }
}
