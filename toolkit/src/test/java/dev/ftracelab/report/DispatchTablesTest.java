package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.ftrace.Strategy;
import dev.ftracelab.isa.Arch;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
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
    void chartsHaveASeriesPerSweepAndABarPerClass() {
        List<Table> designs = List.of(run(Layout.PRE_CALL_OPS, Strategy.COMMON), run(Layout.CALL_OPS, Strategy.COMMON));
        XYChart line = DispatchTables.perCallChart("t", designs);
        assertEquals(4, line.getSeriesCollection().size());
        CategoryChart mix = DispatchTables.mixChart("t", designs, 1, 10);
        assertTrue(mix.getSeries("indirect call") != null);
        assertTrue(mix.getSeries("alu and other") != null);
        assertThrows(IllegalArgumentException.class, () -> DispatchTables.mixChart("t", designs, 7, 7));
    }
}
