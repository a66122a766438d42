package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.ftrace.FtraceOpsSample.Point;
import dev.ftracelab.dataset.PublishedMeasurements.Sweep;
import dev.ftracelab.testing.BenchResults;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.Table;

class HostDispatchTablesTest {
    /** A results table as BenchRun makes it: score = 1000 * design + 10 * R + I, CI +-1. */
    static Table results() {
        return BenchResults.of((d, p) -> 1000 * (d + 1) + 10 * p.relevant() + p.irrelevant(), sc -> 1, 1, Point::relevant);
    }

    @Test
    void designsSideBySideOneRowPerPoint() {
        Table wide = HostDispatchTables.sideBySide(results());
        assertEquals(13, wide.rowCount());
        assertEquals(List.of("relevant", "irrelevant", "sweep", "list", "list_ci", "per-callsite-trampoline",
                "per-callsite-trampoline_ci", "call-ops", "call-ops_ci"), wide.columnNames());
        int r = 7; // R1-I10
        assertEquals(1, wide.intColumn("relevant").getInt(r));
        assertEquals(10, wide.intColumn("irrelevant").getInt(r));
        assertEquals(3020.0, wide.doubleColumn("call-ops").getDouble(r));
        assertEquals(1.0, wide.doubleColumn("call-ops_ci").getDouble(r), 1e-9);
    }

    @Test
    void theMailTableFitsAMailWithThreeSections() {
        String mail = HostDispatchTables.mail(results());
        assertTrue(mail.lines().allMatch(l -> l.length() <= MailTable.MAIL_WIDTH), mail);
        assertTrue(mail.contains("list (ns)") && mail.contains("per-site tramp (ns)")
                && mail.contains("list: list processing; per-site tramp: per-callsite trampoline.") && mail.contains("CALL_OPS (ns)"), mail);
        assertTrue(mail.contains("  100 |   0 || 2,000.0 | 1.0 | 3,000.0 |"), mail);
        assertEquals(3, mail.lines().filter(l -> l.matches(" *-+\\+.*")).count(), mail);
    }

    @Test
    void theLongTableFitsAMailOneSectionPerDesign() {
        String mail = HostDispatchTables.LONG_LAYOUT.render(results());
        assertTrue(mail.lines().allMatch(l -> l.length() <= MailTable.MAIL_WIDTH), mail);
        assertTrue(mail.contains("  per-callsite-trampoline | 100 |   0 || 3,000.0 |       0.0 |     100"), mail);
        assertEquals(3, mail.lines().filter(l -> l.matches(" *-+\\+.*")).count(), mail);
    }

    @Test
    void theSummaryCountsIntervalsWithinTheTargetAndNamesTheWidest() {
        Table t = results();
        t.doubleColumn("ci_half_width_pct").set(13 + 8, 7.25); // per-callsite-trampoline R1-I100
        t.doubleColumn("ci_half_width_pct").set(26 + 4, 5.0);  // call-ops R0-I100: exactly the target is within it
        // dropped = R in every row: (1 + 1 + 1 + 1 + 1 + 2 + 10 + 100) x 3 designs
        assertEquals("38 of 39 benchmarks with a 99.9% CI within +-5% (widest +-7.3%: per-callsite-trampoline R1-I100);"
                + " 351 of 3900 iterations dropped as slow", HostDispatchTables.summary(t, 5));
        assertTrue(HostDispatchTables.summary(t, 2.5).startsWith("37 of 39 benchmarks with a 99.9% CI within +-2.5%"));
    }

    @Test
    void theIterationChartShowsEveryIterationEachForksFenceAndBothScores() {
        double[] fork1 = {2, 2, 2.1, 1.9, 4, 4, 2, 2};
        double[] fork2 = {3, 3, 3.1, 2.9, 3, 3};
        XYChart c = HostDispatchTables.iterationChart("one benchmark", new double[][] {fork1, fork2});
        XYSeries it = c.getSeries("iterations");
        assertEquals(14, it.getXData().length);
        assertEquals(14.0, it.getXData()[13]);
        assertEquals(4.0, it.getYData()[4]);
        double[] fence = c.getSeries("slow-outlier fence (median + 3 scaled MADs)").getYData();
        // fork 1: median 2, MAD 0.05 -> fence 2 + 3 x 1.4826 x 0.05; fork 2: median 3, MAD 0 -> fence 3
        assertEquals(2 + 3 * 1.4826 * 0.05, fence[0], 1e-12);
        assertEquals(3.0, fence[13]);
        // kept: 2 2 2.1 1.9 2 2 | 3 3 2.9 3 3 -> 26.9 / 11; every iteration: 38 / 14
        assertTrue(c.getSeries("score, slow outliers dropped (2.45 ns)") != null, c.getSeriesCollection().stream().map(XYSeries::getName).toList().toString());
        assertTrue(c.getSeries("JMH's mean, every iteration (2.71 ns)") != null, c.getSeriesCollection().stream().map(XYSeries::getName).toList().toString());
    }

    @Test
    void thePlotsHaveOneSweepEachWithALinePerDesign() {
        XYChart c = HostDispatchTables.perCallChart("(host)", results(), Sweep.RELEVANT);
        assertEquals(List.of("list processing", "per-callsite trampoline", "CALL_OPS"),
                c.getSeriesCollection().stream().filter(XYSeries::isShowInLegend).map(XYSeries::getName).toList());
        assertTrue(c.getTitle().startsWith(DispatchTables.question(Sweep.RELEVANT)), c.getTitle());
        // each line's 99.9% interval as a shaded polygon: up along ci_high, back along ci_low
        double[] band = c.getSeries("CALL_OPS interval").getYData();
        double[] line = c.getSeries("CALL_OPS").getYData();
        for (int i = 0; i < line.length; i++) {
            assertTrue(band[i] >= line[i] && band[band.length - 1 - i] <= line[i], "the band holds the line");
        }
        double[] x = c.getSeries("CALL_OPS").getXData();
        assertEquals(List.of(1.0, 2.0, 10.0, 100.0), java.util.Arrays.stream(x).boxed().toList());

        // call-ops scores 3000 + 10 R + I: 3010 .. 3110 along 1 + N, flat within 10%
        XYChart irrelevant = HostDispatchTables.perCallChart("(host)", results(), Sweep.IRRELEVANT);
        assertEquals(List.of(1.0, 2.0, 3.0, 11.0, 101.0),
                java.util.Arrays.stream(irrelevant.getSeries("CALL_OPS").getXData()).boxed().toList());
        assertEquals(List.of("CALL_OPS: ~3,000 ns at any number of irrelevant ops"),
                Charts.notes(irrelevant).stream().map(Charts.Note::text).toList());
    }
}
