package dev.ftracelab.bench;

import java.util.Arrays;

/**
 * Which measured iterations a score is estimated from. Interference from outside the benchmark
 * (other work on the host's cores) only ever makes an iteration slower, so only slow outliers
 * are dropped, and only with a fence that half the iterations cannot move.
 *
 * <pre>{@code
 * Outliers.DROP_SLOW.kept(new double[] {2.0, 2.1, 1.9, 2.0, 3.9});   // {2.0, 2.1, 1.9, 2.0}
 * }</pre>
 */
public enum Outliers {
    /** Every iteration: the score and interval are JMH's own. */
    KEEP,
    /**
     * Iterations slower than the median by more than 3 median absolute deviations (scaled by
     * 1.4826 to estimate a standard deviation) are dropped: a fence that stays put however slow
     * the outliers are, as long as fewer than half the iterations are disturbed.
     */
    DROP_SLOW;

    /** The MAD of a normal sample times this estimates its standard deviation. */
    static final double MAD_TO_SIGMA = 1.4826;
    /** How many estimated standard deviations above the median an iteration may be. */
    static final double FENCE_SIGMAS = 3.0;

    /** The iterations of one fork this policy keeps, in their original order. */
    public double[] kept(double[] fork) {
        double fence = fence(fork);
        return Arrays.stream(fork).filter(x -> x <= fence).toArray();
    }

    /**
     * The slowest score this policy keeps in one fork: median + 3 x 1.4826 x MAD for
     * {@link #DROP_SLOW} (with at least 3 iterations to judge by), +infinity otherwise.
     */
    public double fence(double[] fork) {
        return this == KEEP || fork.length < 3 ? Double.POSITIVE_INFINITY : slowFence(fork);
    }

    private static double slowFence(double[] samples) {
        double median = median(samples);
        double mad = median(Arrays.stream(samples).map(x -> Math.abs(x - median)).toArray());
        return median + FENCE_SIGMAS * MAD_TO_SIGMA * mad;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /**
     * The policy spelled {@code id} ("keep" or "drop-slow").
     *
     * @throws IllegalArgumentException for any other spelling
     */
    public static Outliers parse(String id) {
        for (Outliers o : values()) {
            if (o.id().equals(id)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown outlier policy '" + id + "': expected keep or drop-slow");
    }

    /** "keep" or "drop-slow", as the CLI spells them. */
    public String id() {
        return this == KEEP ? "keep" : "drop-slow";
    }

    /** What the policy does, for provenance stamps. */
    public String describe() {
        return this == KEEP ? "every iteration kept (JMH's own score)"
                : "iterations above median + 3 x 1.4826 x MAD dropped (slow outliers)";
    }
}
