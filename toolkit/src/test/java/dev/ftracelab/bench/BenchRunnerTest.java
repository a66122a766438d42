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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Param;
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
        assertEquals(List.of("design", "relevant", "irrelevant", "score_ns", "ci_low", "ci_high", "ci_half_width_pct", "sweep"),
                t.columnNames());
        assertEquals(1, t.rowCount());
        assertEquals("call-ops", t.stringColumn("design").get(0));
        assertEquals("relevant", t.stringColumn("sweep").get(0));
        double score = t.doubleColumn("score_ns").getDouble(0);
        assertTrue(score > 0 && t.doubleColumn("ci_low").getDouble(0) <= score && score <= t.doubleColumn("ci_high").getDouble(0));
        assertEquals(BenchSettings.QUICK.iterations(), run.results().get(0).getPrimaryResult().getSampleCount());

        Path json = tmp.resolve("out/host.json");
        run.writeJson(json);
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals("dev.ftracelab.bench.HostDispatch.tracedCall", doc.get(0).get("benchmark").asText());
        assertEquals("R1-I0", doc.get(0).get("params").get("row").asText());
        assertEquals("ns/op", doc.get(0).get("primaryMetric").get("scoreUnit").asText());
        assertEquals(1, doc.get(0).get("forks").asInt());
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
