package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.dataset.PublishedMeasurements.Sweep;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.ftrace.FtraceOpsSample.Point;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class HostDispatchTablesTest {
    /** A results table as BenchRun makes it: score = 1000 * design + 10 * R + I, CI +-1. */
    static Table results() {
        StringColumn design = StringColumn.create("design");
        IntColumn relevant = IntColumn.create("relevant");
        IntColumn irrelevant = IntColumn.create("irrelevant");
        DoubleColumn score = DoubleColumn.create("score_ns");
        DoubleColumn low = DoubleColumn.create("ci_low");
        DoubleColumn high = DoubleColumn.create("ci_high");
        DoubleColumn pct = DoubleColumn.create("ci_half_width_pct");
        StringColumn sweep = StringColumn.create("sweep");
        List<String> designs = List.of("list", "per-callsite-trampoline", "call-ops");
        for (int d = 0; d < designs.size(); d++) {
            for (Point p : FtraceOpsSample.PUBLISHED_MATRIX) {
                double s = 1000 * (d + 1) + 10 * p.relevant() + p.irrelevant();
                design.append(designs.get(d));
                relevant.append(p.relevant());
                irrelevant.append(p.irrelevant());
                score.append(s);
                low.append(s - 1);
                high.append(s + 1);
                pct.append(100 / s);
                sweep.append(Sweep.of(p.relevant(), p.irrelevant()).name().toLowerCase(Locale.ROOT));
            }
        }
        return Table.create("host", design, relevant, irrelevant, score, low, high, pct, sweep);
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
        assertTrue(mail.contains("List (ns)") && mail.contains("CALL_OPS (ns)"), mail);
        assertTrue(mail.contains("  100 |   0 || 2,000.0 | 1.0 | 3,000.0 |"), mail);
        assertEquals(3, mail.lines().filter(l -> l.matches(" *-+\\+.*")).count(), mail);
    }

    @Test
    void theLongTableFitsAMailOneSectionPerDesign() {
        String mail = HostDispatchTables.LONG_LAYOUT.render(results());
        assertTrue(mail.lines().allMatch(l -> l.length() <= MailTable.MAIL_WIDTH), mail);
        assertTrue(mail.contains("  per-callsite-trampoline | 100 |   0 ||     3,000.0 |"), mail);
        assertEquals(3, mail.lines().filter(l -> l.matches(" *-+\\+.*")).count(), mail);
    }

    @Test
    void thePlotHasBothSweepsOfEveryDesign() {
        XYChart c = HostDispatchTables.perCallChart("host", results());
        assertEquals(List.of("list: 1 relevant + N irrelevant", "list: N relevant",
                "per-callsite-trampoline: 1 relevant + N irrelevant", "per-callsite-trampoline: N relevant",
                "call-ops: 1 relevant + N irrelevant", "call-ops: N relevant"),
                c.getSeriesCollection().stream().map(XYSeries::getName).toList());
        double[] x = c.getSeries("call-ops: N relevant").getXData();
        assertEquals(List.of(1.0, 2.0, 10.0, 100.0), java.util.Arrays.stream(x).boxed().toList());
    }
}
