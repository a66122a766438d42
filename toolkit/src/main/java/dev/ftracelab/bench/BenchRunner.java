package dev.ftracelab.bench;

import dev.ftracelab.bench.host.Design;
import dev.ftracelab.bench.host.HostSample;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.report.Progress;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link HostDispatch} over designs x rows with real forks, from the CLI or a notebook, with
 * a progress display, and returns the results as a {@link BenchRun} (a Tablesaw table, JMH's
 * JSON). Immutable; build it like JMH's {@code OptionsBuilder}.
 *
 * <pre>{@code
 * BenchRun run = BenchRunner.builder().settings(BenchSettings.QUICK).rows(List.of("R1-I0", "R1-I10")).build().run();
 * Notebook.show(run.table());
 * run.writeJson(Path.of("build/jmh/host-dispatch.json"));
 * }</pre>
 *
 * <p>JMH builds a fork's command line from {@code java.class.path}, which in the IJava kernel
 * names only the kernel's jar. {@link #run()} therefore sets it, for the duration of the run, to
 * the jars (or class folders) the forks load classes from, and restores it afterwards; do not run
 * two runners at once in one JVM.
 */
public final class BenchRunner {
    private final BenchSettings settings;
    private final List<Design> designs;
    private final List<String> rows;

    private BenchRunner(Builder b) {
        this.settings = b.settings;
        this.designs = List.copyOf(b.designs);
        this.rows = List.copyOf(b.rows);
    }

    public static Builder builder() {
        return new Builder();
    }

    public BenchSettings settings() {
        return settings;
    }

    public List<Design> designs() {
        return designs;
    }

    public List<String> rows() {
        return rows;
    }

    /** The JMH options of this run: {@link HostDispatch} only, the chosen designs and rows, these settings. */
    Options options() {
        return options(designs.stream().map(Design::id).toArray(String[]::new), rows.toArray(String[]::new),
                settings.forks());
    }

    private Options options(String[] designIds, String[] rowIds, int forks) {
        return new OptionsBuilder()
                .include("^" + Pattern.quote(HostDispatch.class.getName()) + "\\.")
                .param("design", designIds)
                .param("row", rowIds)
                .forks(forks)
                .warmupIterations(settings.warmupIterations())
                .warmupTime(TimeValue.milliseconds(settings.warmupMillis()))
                .measurementIterations(settings.iterations())
                .measurementTime(TimeValue.milliseconds(settings.iterationMillis()))
                .jvmArgs(settings.jvmArgs().toArray(String[]::new))
                .timeUnit(TimeUnit.NANOSECONDS)
                .shouldFailOnError(true)
                .build();
    }

    /**
     * Runs every design x row benchmark, showing progress (a bar on a terminal, a line in a
     * notebook); then, if the settings {@link BenchSettings.Remeasure re-measure}, runs the
     * benchmarks whose interval is too wide in further forks while the budget allows.
     *
     * @throws IllegalStateException if a benchmark failed (JMH's error is the cause)
     */
    public BenchRun run() {
        String saved = System.getProperty("java.class.path");
        long start = System.nanoTime();
        List<RunResult> results;
        try {
            System.setProperty("java.class.path", forkClasspath());
            long total = (long) designs.size() * rows.size() * settings.iterationsPerBenchmark();
            try (Progress progress = Progress.start("JMH HostDispatch", total)) {
                results = new ArrayList<>(jmh(options(), progress));
            }
            if (settings.remeasure().enabled()) {
                long perFork = (System.nanoTime() - start) / ((long) results.size() * settings.forks());
                remeasure(results, start, perFork);
            }
        } finally {
            System.setProperty("java.class.path", saved);
        }
        return new BenchRun(settings, designs, rows, results, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Gives each benchmark whose CI is wider than the target one more fork, widest first, in
     * rounds, as long as one more fork (at the slowest cost seen so far) fits in the budget.
     */
    private void remeasure(List<RunResult> results, long start, long nanosPerFork) {
        BenchSettings.Remeasure rule = settings.remeasure();
        long budget = rule.budget().toNanos();
        long perFork = nanosPerFork;
        while (true) {
            double[] halfWidth = new double[results.size()];
            List<Integer> wide = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                ScoreEstimate e = ScoreEstimate.of(results.get(i), settings.outliers());
                halfWidth[i] = Double.isNaN(e.halfWidthPct()) ? Double.POSITIVE_INFINITY : e.halfWidthPct();
                if (halfWidth[i] > rule.targetCiPct() && e.forks() < rule.maxForks()) {
                    wide.add(i);
                }
            }
            wide.sort(Comparator.comparingDouble((Integer i) -> halfWidth[i]).reversed());
            long affordable = (budget - (System.nanoTime() - start)) / Math.max(1, perFork);
            if (wide.isEmpty() || affordable < 1) {
                return;
            }
            List<Integer> round = wide.subList(0, (int) Math.min(affordable, wide.size()));
            long total = (long) round.size() * (settings.warmupIterations() + settings.iterations());
            try (Progress progress = Progress.start("JMH HostDispatch: one more fork for " + round.size()
                    + " wide CI" + (round.size() == 1 ? "" : "s"), total)) {
                for (int i : round) {
                    if (System.nanoTime() - start + perFork > budget) {
                        return;
                    }
                    long t0 = System.nanoTime();
                    RunResult r = results.get(i);
                    Collection<RunResult> more = jmh(options(new String[] {r.getParams().getParam("design")},
                            new String[] {r.getParams().getParam("row")}, 1), progress);
                    results.set(i, pooled(r, more.iterator().next()));
                    perFork = Math.max(perFork, System.nanoTime() - t0);
                }
            }
        }
    }

    private static Collection<RunResult> jmh(Options options, Progress progress) {
        try {
            return new Runner(options, new ProgressOutput(progress)).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH run failed: " + e.getMessage(), e);
        }
    }

    /**
     * One result holding both runs' forks, as if JMH had run them as one benchmark with that many
     * forks (its JSON then says so, and carries every fork's iterations).
     */
    static RunResult pooled(RunResult a, RunResult b) {
        List<BenchmarkResult> forks = new ArrayList<>(a.getBenchmarkResults());
        forks.addAll(b.getBenchmarkResults());
        BenchmarkParams p = a.getParams();
        WorkloadParams params = new WorkloadParams();
        int order = 0;
        for (String key : p.getParamsKeys()) {
            params.put(key, p.getParam(key), order++);
        }
        BenchmarkParams withForks = new BenchmarkParams(p.getBenchmark(), p.generatedBenchmark(), p.shouldSynchIterations(),
                p.getThreads(), p.getThreadGroups(), p.getThreadGroupLabels(), forks.size(), p.getWarmupForks(),
                p.getWarmup(), p.getMeasurement(), p.getMode(), params, p.getTimeUnit(), p.getOpsPerInvocation(),
                p.getJvm(), p.getJvmArgs(), p.getJdkVersion(), p.getVmName(), p.getVmVersion(), p.getJmhVersion(),
                p.getTimeout());
        return new RunResult(withForks, forks);
    }

    /**
     * Where the forks load classes from: the code sources of the benchmarks (the toolkit), JMH and
     * its two dependencies, and ASM (the per-callsite trampolines) — one entry when all are in the
     * toolkit's executable jar.
     */
    static String forkClasspath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : List.of(HostDispatch.class, Runner.class, joptsimple.OptionParser.class,
                org.apache.commons.math3.stat.descriptive.StatisticalSummary.class, org.objectweb.asm.ClassWriter.class)) {
            try {
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException | NullPointerException e) {
                throw new IllegalStateException("cannot tell where " + c.getName() + " was loaded from", e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** JMH's output, dropped (errors still end the run): its iterations drive the progress display instead. */
    private static final class ProgressOutput implements OutputFormat {
        private final Progress progress;

        ProgressOutput(Progress progress) {
            this.progress = progress;
        }

        @Override
        public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        }

        @Override
        public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
            progress.step();
        }

        @Override
        public void startBenchmark(BenchmarkParams benchParams) {
            progress.note(benchParams.getParam("design") + " " + benchParams.getParam("row"));
        }

        @Override
        public void endBenchmark(BenchmarkResult result) {
        }

        @Override
        public void startRun() {
        }

        @Override
        public void endRun(Collection<RunResult> result) {
        }

        @Override
        public void print(String s) {
        }

        @Override
        public void println(String s) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public void verbosePrintln(String s) {
        }

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b) throws IOException {
        }
    }

    /**
     * Builds a {@link BenchRunner}; by default the full settings, all designs, the 13 published
     * rows. {@link #settings} and {@link #quick} replace what {@link #forks}, {@link #outliers} and
     * {@link #remeasure} set before them.
     */
    public static final class Builder {
        private BenchSettings settings = BenchSettings.FULL;
        private List<Design> designs = List.of(Design.values());
        private List<String> rows = FtraceOpsSample.PUBLISHED_MATRIX.stream().map(HostSample::rowId).toList();

        private Builder() {
        }

        public Builder settings(BenchSettings s) {
            this.settings = Objects.requireNonNull(s, "settings");
            return this;
        }

        /** {@link BenchSettings#QUICK}. */
        public Builder quick() {
            return settings(BenchSettings.QUICK);
        }

        /** Forks per benchmark (at least 1), overriding the settings'. */
        public Builder forks(int n) {
            return settings(settings.forks(n));
        }

        /** Which iterations a score is estimated from, overriding the settings'. */
        public Builder outliers(Outliers o) {
            return settings(settings.outliers(o));
        }

        /** When a benchmark gets further forks, overriding the settings' ({@link BenchSettings.Remeasure#NONE}: never). */
        public Builder remeasure(BenchSettings.Remeasure r) {
            return settings(settings.remeasure(r));
        }

        public Builder designs(List<Design> ds) {
            if (ds.isEmpty()) {
                throw new IllegalArgumentException("no designs to run");
            }
            this.designs = List.copyOf(ds);
            return this;
        }

        /**
         * Rows by id, e.g. "R1-I10".
         *
         * @throws IllegalArgumentException for an id that is not R&lt;n&gt;-I&lt;n&gt;
         */
        public Builder rows(List<String> ids) {
            if (ids.isEmpty()) {
                throw new IllegalArgumentException("no rows to run");
            }
            ids.forEach(HostSample::parseRow);
            this.rows = List.copyOf(ids);
            return this;
        }

        public BenchRunner build() {
            return new BenchRunner(this);
        }
    }
}
