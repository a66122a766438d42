package dev.ftracelab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftracelab.bench.host.Design;
import dev.ftracelab.bench.host.HostSample;
import dev.ftracelab.ftrace.FtraceOpsSample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import tech.tablesaw.api.Table;

class BenchRunnerTest {
    @TempDir
    Path tmp;

    @Test
    void theBenchmarkParametersAreTheDesignsAndThePublishedMatrix() throws Exception {
        Param rows = HostDispatch.class.getField("row").getAnnotation(Param.class);
        assertEquals(FtraceOpsSample.PUBLISHED_MATRIX.stream().map(HostSample::rowId).toList(), List.of(rows.value()));
        Param designs = HostDispatch.class.getField("design").getAnnotation(Param.class);
        assertEquals(Arrays.stream(Design.values()).map(Design::id).toList(), List.of(designs.value()));
    }

    @Test
    void runsARealForkEvenWhenTheClassPathNamesOnlyAKernelJar() throws Exception {
        String saved = System.getProperty("java.class.path");
        // what IJava's JVM reports: only the kernel's jar
        System.setProperty("java.class.path", tmp.resolve("ijava-1.3.0.jar").toString());
        BenchRun run;
        try {
            run = BenchRunner.builder().quick().designs(List.of(Design.CALL_OPS)).rows(List.of("R1-I0")).build().run();
            assertEquals(tmp.resolve("ijava-1.3.0.jar").toString(), System.getProperty("java.class.path"), "restored");
        } finally {
            System.setProperty("java.class.path", saved);
        }
        Table t = run.table();
        assertEquals(List.of("design", "relevant", "irrelevant", "score_ns", "ci_low", "ci_high", "ci_half_width_pct", "forks",
                "iterations", "dropped", "jmh_score_ns", "jmh_ci_half_width_pct", "sweep"), t.columnNames());
        assertEquals(1, t.rowCount());
        assertEquals("call-ops", t.stringColumn("design").get(0));
        assertEquals("relevant", t.stringColumn("sweep").get(0));
        double score = t.doubleColumn("score_ns").getDouble(0);
        assertTrue(score > 0 && t.doubleColumn("ci_low").getDouble(0) <= score && score <= t.doubleColumn("ci_high").getDouble(0));
        assertEquals(BenchSettings.QUICK.iterations(), run.results().get(0).getPrimaryResult().getSampleCount());
        assertEquals(BenchSettings.QUICK.iterations(), t.intColumn("iterations").getInt(0));
        assertEquals(1, t.intColumn("forks").getInt(0));
        assertEquals(0, run.extraForks());
        // keeping every iteration gives JMH's own score and interval
        Result<?> jmh = run.results().get(0).getPrimaryResult();
        ScoreEstimate kept = ScoreEstimate.of(run.results().get(0), Outliers.KEEP);
        assertEquals(jmh.getScore(), kept.score(), 1e-9 * jmh.getScore());
        assertEquals(jmh.getScoreConfidence()[0], kept.ciLow(), 1e-9 * jmh.getScore());
        assertEquals(jmh.getScoreConfidence()[1], kept.ciHigh(), 1e-9 * jmh.getScore());
        assertEquals(jmh.getScore(), t.doubleColumn("jmh_score_ns").getDouble(0), 1e-9 * jmh.getScore());
        assertEquals(jmh.getScore(), run.table(Outliers.KEEP).doubleColumn("score_ns").getDouble(0), 1e-9 * jmh.getScore());
        if (t.intColumn("dropped").getInt(0) == 0) {
            assertEquals(jmh.getScore(), t.doubleColumn("score_ns").getDouble(0), 1e-9 * jmh.getScore());
        }

        Path json = tmp.resolve("out/host.json");
        run.writeJson(json);
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals("dev.ftracelab.bench.HostDispatch.tracedCall", doc.get(0).get("benchmark").asText());
        assertEquals("R1-I0", doc.get(0).get("params").get("row").asText());
        assertEquals("ns/op", doc.get(0).get("primaryMetric").get("scoreUnit").asText());
        assertEquals(1, doc.get(0).get("forks").asInt());
    }

    @Test
    void aWideIntervalIsReMeasuredInAFurtherForkAndTheForksArePooled() throws Exception {
        // a target no interval meets: the benchmark gets forks until the limit (2)
        BenchSettings.Remeasure rule = new BenchSettings.Remeasure(1e-6, 2, Duration.ofMinutes(5));
        BenchRun run = BenchRunner.builder().quick().remeasure(rule).designs(List.of(Design.LIST)).rows(List.of("R0-I0"))
                .build().run();
        assertEquals(1, run.extraForks());
        RunResult r = run.results().get(0);
        assertEquals(2, r.getBenchmarkResults().size());
        assertEquals(2, r.getParams().getForks());
        assertEquals(2 * BenchSettings.QUICK.iterations(), r.getPrimaryResult().getSampleCount());
        Table t = run.table();
        assertEquals(2, t.intColumn("forks").getInt(0));
        assertEquals(2 * BenchSettings.QUICK.iterations(), t.intColumn("iterations").getInt(0));

        Path json = tmp.resolve("pooled.json");
        run.writeJson(json);
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, doc.get(0).get("forks").asInt());
        assertEquals(2, doc.get(0).get("primaryMetric").get("rawData").size(), "one array of iterations per fork");
        assertEquals("R0-I0", doc.get(0).get("params").get("row").asText());
        assertEquals("list", doc.get(0).get("params").get("design").asText());
    }

    @Test
    void noFurtherForkOnceTheBudgetIsSpent() {
        BenchSettings.Remeasure rule = new BenchSettings.Remeasure(1e-6, 4, Duration.ofMillis(1));
        BenchRun run = BenchRunner.builder().quick().remeasure(rule).designs(List.of(Design.CALL_OPS)).rows(List.of("R0-I0"))
                .build().run();
        assertEquals(0, run.extraForks());
    }

    @Test
    void theFullSweepDropsSlowOutliersAndReMeasuresWithinThreeMinutes() {
        assertEquals(Outliers.DROP_SLOW, BenchSettings.FULL.outliers());
        BenchSettings.Remeasure rule = BenchSettings.FULL.remeasure();
        assertTrue(rule.enabled());
        assertEquals(BenchSettings.TARGET_CI_PCT, rule.targetCiPct());
        assertTrue(rule.budget().compareTo(Duration.ofMinutes(3)) < 0, rule.budget().toString());
        assertEquals("further forks (up to 4) while a CI is wider than +-5% and the run within 170 s", rule.describe());
        assertTrue(!BenchSettings.QUICK.remeasure().enabled());
        assertEquals("none", BenchSettings.Remeasure.NONE.describe());
        assertTrue(!rule.targetCiPct(0).enabled());
        assertThrows(IllegalArgumentException.class, () -> new BenchSettings.Remeasure(-1, 4, Duration.ZERO));
        assertEquals(Outliers.KEEP, BenchRunner.builder().outliers(Outliers.KEEP).build().settings().outliers());
    }

    @Test
    void forksAreReal() {
        assertThrows(IllegalArgumentException.class, () -> BenchRunner.builder().forks(0));
        assertEquals(2, BenchRunner.builder().forks(2).build().settings().forks());
        assertThrows(IllegalArgumentException.class, () -> BenchRunner.builder().rows(List.of("R1")));
    }

    @Test
    void theForkClassPathNamesWhereTheBenchmarksAndJmhComeFrom() throws Exception {
        String cp = BenchRunner.forkClasspath();
        String toolkit = Path.of(HostDispatch.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        assertTrue(cp.startsWith(toolkit), cp);
        assertTrue(cp.contains("jmh-core"), cp);
    }
}
