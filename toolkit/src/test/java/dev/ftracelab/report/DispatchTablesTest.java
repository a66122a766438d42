package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.dataset.PublishedMeasurements.Sweep;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.ftrace.Strategy;
import dev.ftracelab.isa.Arch;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.Table;

class DispatchTablesTest {
    private static final List<FtraceOpsSample.Point> POINTS = List.of(new FtraceOpsSample.Point(0, 0),
            new FtraceOpsSample.Point(1, 0), new FtraceOpsSample.Point(1, 10), new FtraceOpsSample.Point(2, 0));

    private static Table run(Layout layout, Strategy strategy) {
        FtraceOpsSample s = FtraceOpsSample.of(Arch.ARM64, layout).strategy(strategy).calls(50);
        return DispatchTables.sample(s, s.run(POINTS));
    }

    @Test
    void sampleTableHasTheColumnsTheJsonPromisesAndTheSweeps() {
        Table t = run(Layout.CALL_OPS, Strategy.COMMON);
        assertEquals(List.of("arch", "layout", "strategy", "relevant", "irrelevant", "sweep", "calls", "total_instructions",
                "instructions_per_call", "overhead_instructions"), t.columnNames().subList(0, 10));
        assertEquals(List.of("untraced", "relevant", "irrelevant", "relevant"), t.stringColumn("sweep").asList());
        assertTrue(t.doubleColumn("overhead_instructions").isMissing(0), "no overhead for the untraced row");
        assertEquals(t.doubleColumn("instructions_per_call").getDouble(1) - t.doubleColumn("instructions_per_call").getDouble(0),
                t.doubleColumn("overhead_instructions").getDouble(1), 1e-9);
        assertEquals("relevant0", t.stringColumn("literal").get(1));
        assertEquals("ftrace_list_ops", t.stringColumn("literal").get(3));
        assertEquals("arm64 call-ops", DispatchTables.designName(t));
        assertEquals("arm64 pre-call-ops per-callsite-trampoline",
                DispatchTables.designName(run(Layout.PRE_CALL_OPS, Strategy.PER_CALLSITE_TRAMPOLINE)));
        // charts name the dispatch as a kernel developer does
        assertEquals("arm64 call-ops site, CALL_OPS (list when R>1)", DispatchTables.chartName(t));
        assertEquals("pre-call-ops: list processing", DispatchTables.barName(run(Layout.PRE_CALL_OPS, Strategy.COMMON)));
        assertEquals("pre-call-ops: per-callsite trampoline",
                DispatchTables.barName(run(Layout.PRE_CALL_OPS, Strategy.PER_CALLSITE_TRAMPOLINE)));
    }

    @Test
    void mailLayoutFitsAMailAndGroupsBySweep() {
        String mail = DispatchTables.mail(run(Layout.PRE_CALL_OPS, Strategy.COMMON));
        assertTrue(mail.lines().allMatch(l -> l.length() <= MailTable.MAIL_WIDTH), mail);
        assertTrue(mail.contains("Per-call instructions"), mail);
        // the points go untraced, relevant, irrelevant, relevant: four runs of one sweep, four rules
        assertEquals(4, mail.lines().filter(l -> l.startsWith("  ---------+")).count(), mail);
    }

    @Test
    void perCallChartsAskOneQuestionEachAndLabelTheFlatCallOpsLine() {
        List<FtraceOpsSample.Point> sweeps = List.of(new FtraceOpsSample.Point(0, 0), new FtraceOpsSample.Point(1, 0),
                new FtraceOpsSample.Point(1, 2), new FtraceOpsSample.Point(1, 10), new FtraceOpsSample.Point(2, 0),
                new FtraceOpsSample.Point(10, 0));
        List<Table> designs = new java.util.ArrayList<>();
        for (Object[] d : new Object[][] {{Layout.PRE_CALL_OPS, Strategy.COMMON}, {Layout.CALL_OPS, Strategy.COMMON},
                {Layout.PRE_CALL_OPS, Strategy.PER_CALLSITE_TRAMPOLINE}}) {
            FtraceOpsSample s = FtraceOpsSample.of(Arch.ARM64, (Layout) d[0]).strategy((Strategy) d[1]).calls(20);
            designs.add(DispatchTables.sample(s, s.run(sweeps)));
        }
        XYChart irrelevant = DispatchTables.perCallChart("(arm64)", designs, Sweep.IRRELEVANT);
        assertTrue(irrelevant.getTitle().startsWith("What do irrelevant ops cost a traced call?"), irrelevant.getTitle());
        assertTrue(irrelevant.getSeriesCollection().size() <= 3, "a line per design, at most");
        // the irrelevant sweep starts at R=1 I=0 (x = 1) and runs 1 + N
        XYSeries list = irrelevant.getSeries("arm64 pre-call-ops site, list processing");
        assertArrayEquals(new double[] {1, 3, 11}, list.getXData());
        double callOps = designs.get(1).doubleColumn("instructions_per_call").getDouble(1);
        String expected = "CALL_OPS: ~" + DispatchTables.twoDigits(callOps) + " instructions at any number of irrelevant ops";
        assertEquals(List.of(expected), Charts.notes(irrelevant).stream().map(Charts.Note::text).toList());
        assertEquals(callOps, Charts.notes(irrelevant).get(0).y(), callOps * 0.1);

        XYChart relevant = DispatchTables.perCallChart("(arm64)", designs, Sweep.RELEVANT);
        assertTrue(relevant.getTitle().startsWith("What do N relevant ops cost a traced call?"), relevant.getTitle());
        // CALL_OPS and the trampoline walk the list for R>1: no flat line, the lines meet the list's
        assertEquals(List.of("from 2 relevant ops every design walks the list:\nthe lines coincide"),
                Charts.notes(relevant).stream().map(Charts.Note::text).toList());
        ChartsTest.debugPng("relevant", relevant);
        assertTrue(relevant.getSeriesCollection().size() <= 3);
    }

    @Test
    void aFlatNoteNeedsAFlatLine() {
        double[] x = {1, 2, 11, 101};
        assertEquals("CALL_OPS: ~2.8 ns at any number of irrelevant ops",
                DispatchTables.flatNote(x, new double[] {2.81, 2.79, 2.8, 2.77}, "ns").orElseThrow().text());
        assertEquals(Math.sqrt(101), DispatchTables.flatNote(x, new double[] {3, 3, 3, 3}, "ns").orElseThrow().x(), 1e-9);
        assertTrue(DispatchTables.flatNote(x, new double[] {2.8, 2.8, 3.5, 2.8}, "ns").isEmpty(), "25% off is not flat");
        assertTrue(DispatchTables.flatNote(new double[] {1, 2}, new double[] {3, 3}, "ns").isEmpty(), "two points");
        assertEquals("4,300", DispatchTables.twoDigits(4321));
        assertEquals("56", DispatchTables.twoDigits(56.4));
    }

    @Test
    void mixChartHasAtMostFiveGroupsThatStackToTheTotal() {
        List<Table> designs = List.of(run(Layout.PRE_CALL_OPS, Strategy.COMMON), run(Layout.CALL_OPS, Strategy.COMMON));
        CategoryChart mix = DispatchTables.mixChart("t", designs, 1, 10);
        assertTrue(mix.getSeriesCollection().size() <= 5);
        assertTrue(mix.getSeries("loads + stores") != null);
        assertTrue(mix.getSeries("calls, jumps, returns") != null);
        for (int d = 0; d < designs.size(); d++) {
            double stacked = 0;
            for (var s : mix.getSeriesCollection()) {
                stacked += s.getYData()[d];
            }
            Table t = designs.get(d);
            double total = t.where(t.intColumn("relevant").isEqualTo(1).and(t.intColumn("irrelevant").isEqualTo(10)))
                    .doubleColumn("instructions_per_call").getDouble(0);
            assertEquals(total, stacked, 1e-9, "the groups of design " + d + " stack to its instructions per call");
        }
        assertThrows(IllegalArgumentException.class, () -> DispatchTables.mixChart("t", designs, 7, 7));
    }
}
