package dev.ftracelab.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How long JMH runs each benchmark — forks, warm-up and measured iterations, the forked JVM's
 * arguments — how a score is estimated from the iterations ({@link Outliers}), and when a
 * benchmark is run in a further fork ({@link Remeasure}). {@link #FULL} is the sweep the README
 * reports; {@link #QUICK} is for CI and notebooks.
 *
 * <pre>{@code
 * BenchSettings.QUICK.describe();   // "1 fork, warm-up 1 x 500 ms, measured 20 x 25 ms, JVM -Xms256m ..."
 * BenchRunner.builder().settings(BenchSettings.FULL.forks(3).outliers(Outliers.KEEP)).build().run();
 * }</pre>
 *
 * @param name        "full" or "quick"
 * @param forks       forked JVMs per benchmark (at least 1: the results of an unforked run are not trustworthy)
 * @param warmupIterations warm-up iterations per fork
 * @param warmupMillis     length of one warm-up iteration
 * @param iterations       measured iterations per fork
 * @param iterationMillis  length of one measured iteration
 * @param jvmArgs     arguments of every forked JVM
 * @param outliers    which iterations a score is estimated from
 * @param remeasure   when a benchmark gets a further fork
 */
public record BenchSettings(String name, int forks, int warmupIterations, int warmupMillis, int iterations,
                            int iterationMillis, List<String> jvmArgs, Outliers outliers, Remeasure remeasure) {
    // Many short iterations: on this machine class a call runs 1.5-2x slower for stretches of
    // 0.1-1 s (other work on the host's cores); short iterations let such stretches be told
    // apart from the undisturbed ones and dropped as slow outliers.
    static final int FULL_WARMUP_ITERATIONS = 3;
    static final int FULL_WARMUP_MILLIS = 200;
    static final int FULL_ITERATIONS = 100;
    static final int FULL_ITERATION_MILLIS = 25;
    /** A fixed heap and the serial collector: the forks start fast and no GC thread competes for the 2 cores. */
    static final String HEAP_MIN = "-Xms256m";
    static final String HEAP_MAX = "-Xmx256m";
    static final String GC = "-XX:+UseSerialGC";

    /** The CI half-width, in % of the score, the full sweep aims for in every row. */
    public static final double TARGET_CI_PCT = 5.0;

    /**
     * The settings of the README's sweep (the JMH ones are also {@link HostDispatch}'s
     * annotations): slow outliers dropped, and a benchmark whose CI is wider than 5% run in
     * further forks, up to 4, while the sweep stays within 170 s.
     */
    public static final BenchSettings FULL = new BenchSettings("full", 1, FULL_WARMUP_ITERATIONS, FULL_WARMUP_MILLIS,
            FULL_ITERATIONS, FULL_ITERATION_MILLIS, List.of(HEAP_MIN, HEAP_MAX, GC), Outliers.DROP_SLOW,
            new Remeasure(TARGET_CI_PCT, 4, Duration.ofSeconds(170)));
    /**
     * Short runs for CI and notebooks: the same shape, wider confidence intervals, no further
     * forks. The warm-up is one long iteration: a generated trampoline needs about 0.5 s of calls
     * before the JIT has inlined it.
     */
    public static final BenchSettings QUICK = new BenchSettings("quick", 1, 1, 500, 20, 25,
            List.of(HEAP_MIN, HEAP_MAX, GC), Outliers.DROP_SLOW, Remeasure.NONE);

    /**
     * When a benchmark is run in one more fork (its iterations pooled with the earlier forks'):
     * while its 99.9% CI half-width is above {@code targetCiPct}% of its score, it has fewer than
     * {@code maxForks} forks, and one more fork still fits in {@code budget} (counted from the
     * start of the run). Widest intervals first.
     *
     * <pre>{@code
     * new Remeasure(5.0, 4, Duration.ofSeconds(170));   // the full sweep's
     * }</pre>
     */
    public record Remeasure(double targetCiPct, int maxForks, Duration budget) {
        /** Never run a further fork. */
        public static final Remeasure NONE = new Remeasure(0, 0, Duration.ZERO);

        public Remeasure {
            Objects.requireNonNull(budget, "budget");
            if (!(targetCiPct >= 0) || Double.isInfinite(targetCiPct) || maxForks < 0 || budget.isNegative()) {
                throw new IllegalArgumentException("target, fork limit and budget must not be negative, got "
                        + targetCiPct + "%, " + maxForks + ", " + budget);
            }
        }

        /** Whether any benchmark can get a further fork. */
        public boolean enabled() {
            return targetCiPct > 0 && maxForks > 0 && !budget.isZero();
        }

        /** A copy with another target half-width (0 turns re-measuring off). */
        public Remeasure targetCiPct(double pct) {
            return new Remeasure(pct, maxForks, budget);
        }

        /** A copy with another time budget for the whole run. */
        public Remeasure budget(Duration d) {
            return new Remeasure(targetCiPct, maxForks, d);
        }

        /** "further forks (up to 4) while a CI is wider than +-5% and the run within 170 s", or "none". */
        public String describe() {
            return enabled() ? String.format(Locale.ROOT, "further forks (up to %d) while a CI is wider than +-%s%% and the run"
                    + " within %d s", maxForks, fmt(targetCiPct), budget.toSeconds()) : "none";
        }

        private static String fmt(double pct) {
            return pct == Math.rint(pct) ? String.valueOf((long) pct) : String.valueOf(pct);
        }
    }

    public BenchSettings {
        if (forks < 1) {
            throw new IllegalArgumentException("forks must be at least 1 (real forks), got " + forks);
        }
        if (warmupIterations < 0 || iterations < 2 || warmupMillis < 1 || iterationMillis < 1) {
            throw new IllegalArgumentException("need at least 2 measured iterations and positive times, got " + this);
        }
        jvmArgs = List.copyOf(jvmArgs);
        Objects.requireNonNull(outliers, "outliers");
        Objects.requireNonNull(remeasure, "remeasure");
    }

    /** A copy with {@code n} forks (a benchmark still gets further ones up to the re-measuring limit). */
    public BenchSettings forks(int n) {
        return new BenchSettings(name, n, warmupIterations, warmupMillis, iterations, iterationMillis, jvmArgs, outliers,
                remeasure);
    }

    /** A copy with another outlier policy. */
    public BenchSettings outliers(Outliers o) {
        return new BenchSettings(name, forks, warmupIterations, warmupMillis, iterations, iterationMillis, jvmArgs, o,
                remeasure);
    }

    /** A copy with another re-measuring rule ({@link Remeasure#NONE} turns it off). */
    public BenchSettings remeasure(Remeasure r) {
        return new BenchSettings(name, forks, warmupIterations, warmupMillis, iterations, iterationMillis, jvmArgs, outliers,
                r);
    }

    /** Iterations, warm-up included, that one benchmark runs over all its forks. */
    long iterationsPerBenchmark() {
        return (long) forks * (warmupIterations + iterations);
    }

    /** "1 fork, warm-up 3 x 200 ms, measured 100 x 25 ms, JVM -Xms256m -Xmx256m -XX:+UseSerialGC". */
    public String describe() {
        return String.format(Locale.ROOT, "%d fork%s, warm-up %d x %d ms, measured %d x %d ms, JVM %s", forks,
                forks == 1 ? "" : "s", warmupIterations, warmupMillis, iterations, iterationMillis, String.join(" ", jvmArgs));
    }
}
