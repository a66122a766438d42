package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.cost.ModelledSample;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.ftrace.Dispatch;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.ftrace.FtraceOpsSample.Point;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.ftrace.Strategy;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.testing.BenchResults;
import java.util.List;
import dev.ftracelab.dataset.PublishedMeasurements.Sweep;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.Table;

/** Every rendered output names designs from {@link Dispatch}, never with the retired words. */
class VocabularyTest {
    /** Names the project used before issue 15 settled on one vocabulary, any case. */
    private static final List<String> RETIRED = List.of("per-site tramp ", "private tramp", "ops-trampoline", "c_ops%",
            "list (ns)");

    private static void assertNoRetiredWords(String what, String rendered) {
        for (String w : RETIRED) {
            // "list (ns)" and "per-site tramp (ns)" are the documented abbreviations; their capitalised
            // forms ("List (ns)", "Per-site tramp") are the retired ones
            boolean retired = w.equals("list (ns)") || w.equals("per-site tramp ")
                    ? rendered.contains("List (ns)") || rendered.contains("Per-site tramp")
                    : rendered.toLowerCase(Locale.ROOT).contains(w);
            assertFalse(retired, what + " says '" + w + "':\n" + rendered);
        }
    }

    @Test
    void theBenchMailTableUsesTheAbbreviationsAndExplainsThem() {
        Table results = BenchResults.of((d, p) -> 10 + d, s -> 0.1, 1, p -> 0);
        String mail = HostDispatchTables.mail(results);
        for (Dispatch d : List.of(Dispatch.LIST, Dispatch.PER_CALLSITE_TRAMPOLINE, Dispatch.CALL_OPS)) {
            assertTrue(mail.contains(d.abbreviation() + " (ns)"), d + ":\n" + mail);
        }
        assertTrue(mail.contains(Dispatch.legend(Dispatch.LIST, Dispatch.PER_CALLSITE_TRAMPOLINE)), mail);
        assertNoRetiredWords("bench mail table", mail);
        List<String> series = HostDispatchTables.perCallChart("host", results, Sweep.IRRELEVANT).getSeriesCollection().stream()
                .filter(XYSeries::isShowInLegend).map(XYSeries::getName).toList();
        assertEquals(List.of(Dispatch.LIST.title(), Dispatch.PER_CALLSITE_TRAMPOLINE.title(), Dispatch.CALL_OPS.title()),
                series);
    }

    @Test
    void dispatchTablesJsonAndChartsNameTheDispatchById() {
        List<Point> points = List.of(new Point(0, 0), new Point(1, 0), new Point(2, 0));
        FtraceOpsSample s = FtraceOpsSample.of(Arch.RISCV64, Layout.NOP_NOP).strategy(Strategy.PER_CALLSITE_TRAMPOLINE)
                .calls(20);
        ModelledSample ms = ModelledSample.builder(s, Profile.load("vf2")).pricedCalls(20).seeds(1).build();
        Table priced = DispatchTables.priced(ms, ms.run(points));
        assertEquals(List.of("untraced", "per-callsite-trampoline", "list"), priced.stringColumn("dispatch").asList());
        assertEquals(List.of("untraced", "per-callsite-trampoline", "common-trampoline"),
                priced.stringColumn("route").asList());
        Provenance p = Provenance.capture();
        String json = TableFormat.JSON.render(priced, FtraceOpsTable.MODELLED, p);
        assertTrue(json.contains("\"dispatch\" : \"per-callsite-trampoline\""), json);
        assertNoRetiredWords("json", json);
        assertNoRetiredWords("text", TableFormat.TEXT.render(priced, FtraceOpsTable.MODELLED, p));
        List<String> series = DispatchTables.perCallChart("riscv64", List.of(priced), Sweep.RELEVANT, "per_call_ns", "ns per call")
                .getSeriesCollection().stream().filter(XYSeries::isShowInLegend).map(XYSeries::getName).toList();
        assertTrue(series.stream().allMatch(n -> n.startsWith("riscv64 nop-nop site, per-callsite trampoline")),
                series.toString());
        assertEquals("nop-nop: per-callsite trampoline", DispatchTables.barName(priced));
    }

    @Test
    void theAnswerPageNamesEveryDesignFromTheVocabulary() {
        for (Arch arch : Arch.values()) {
            for (AnswerTables.Design d : AnswerTables.designs(arch)) {
                FtraceOpsSample s = d.sample();
                String expected = s.direct() == dev.ftracelab.ftrace.DirectCall.NONE
                        ? Dispatch.of(s.layout(), s.strategy()).title() : Dispatch.DIRECT.title();
                assertTrue(d.name().startsWith(expected), d.name());
                assertNoRetiredWords("answer design", d.name());
            }
        }
        assertEquals("list processing, nop-nop site", AnswerTables.designs(Arch.RISCV64).get(0).name());
    }
}
