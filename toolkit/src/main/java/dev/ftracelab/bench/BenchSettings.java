package dev.ftracelab.bench;

import java.util.List;
import java.util.Locale;

/**
 * How long JMH runs each benchmark: forks, warm-up and measured iterations, and the forked JVM's
 * arguments. {@link #FULL} is the sweep the README reports; {@link #QUICK} is for CI and notebooks.
 *
 * <pre>{@code
 * BenchSettings.QUICK.describe();   // "1 fork, warm-up 1 x 200 ms, measured 10 x 50 ms, JVM -Xms256m ..."
 * BenchRunner.builder().settings(BenchSettings.FULL.forks(3)).build().run();
 * }</pre>
 *
 * @param name        "full" or "quick"
 * @param forks       forked JVMs per benchmark (at least 1: the results of an unforked run are not trustworthy)
 * @param warmupIterations warm-up iterations per fork
 * @param warmupMillis     length of one warm-up iteration
 * @param iterations       measured iterations per fork
 * @param iterationMillis  length of one measured iteration
 * @param jvmArgs     arguments of every forked JVM
 */
public record BenchSettings(String name, int forks, int warmupIterations, int warmupMillis, int iterations,
                            int iterationMillis, List<String> jvmArgs) {
    // Many short iterations: this machine class shifts between speed levels for stretches of
    // 0.1-1 s (other load on the cores), and more samples narrow the CI most within 3 minutes.
    static final int FULL_WARMUP_ITERATIONS = 3;
    static final int FULL_WARMUP_MILLIS = 200;
    static final int FULL_ITERATIONS = 50;
    static final int FULL_ITERATION_MILLIS = 50;
    /** A fixed heap and the serial collector: the forks start fast and no GC thread competes for the 2 cores. */
    static final String HEAP_MIN = "-Xms256m";
    static final String HEAP_MAX = "-Xmx256m";
    static final String GC = "-XX:+UseSerialGC";

    /** The settings of the README's sweep (also {@link HostDispatch}'s annotations). */
    public static final BenchSettings FULL = new BenchSettings("full", 1, FULL_WARMUP_ITERATIONS, FULL_WARMUP_MILLIS,
            FULL_ITERATIONS, FULL_ITERATION_MILLIS, List.of(HEAP_MIN, HEAP_MAX, GC));
    /** Short runs for CI and notebooks: the same shape, wider confidence intervals. */
    public static final BenchSettings QUICK = new BenchSettings("quick", 1, 1, 200, 10, 50,
            List.of(HEAP_MIN, HEAP_MAX, GC));

    public BenchSettings {
        if (forks < 1) {
            throw new IllegalArgumentException("forks must be at least 1 (real forks), got " + forks);
        }
        if (warmupIterations < 0 || iterations < 2 || warmupMillis < 1 || iterationMillis < 1) {
            throw new IllegalArgumentException("need at least 2 measured iterations and positive times, got " + this);
        }
        jvmArgs = List.copyOf(jvmArgs);
    }

    /** A copy with {@code n} forks. */
    public BenchSettings forks(int n) {
        return new BenchSettings(name, n, warmupIterations, warmupMillis, iterations, iterationMillis, jvmArgs);
    }

    /** Iterations, warm-up included, that one benchmark runs over all its forks. */
    long iterationsPerBenchmark() {
        return (long) forks * (warmupIterations + iterations);
    }

    /** "1 fork, warm-up 3 x 200 ms, measured 50 x 50 ms, JVM -Xms256m -Xmx256m -XX:+UseSerialGC". */
    public String describe() {
        return String.format(Locale.ROOT, "%d fork%s, warm-up %d x %d ms, measured %d x %d ms, JVM %s", forks,
                forks == 1 ? "" : "s", warmupIterations, warmupMillis, iterations, iterationMillis, String.join(" ", jvmArgs));
    }
}
