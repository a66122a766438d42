package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftracelab.cost.ModelledSample;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.ftrace.FtraceOpsSample.Point;
import dev.ftracelab.isa.Arch;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * The answer page on vf2 (one seed, few priced calls: the relations below hold for any seed):
 * what each design's row must show, by hand-checkable relations, and that it fits a mail.
 */
class AnswerTablesTest {
    private static AnswerTables.Answer answer;

    @BeforeAll
    static void compute() {
        AnswerTables.Settings s = AnswerTables.Settings.of(Profile.load("vf2")).seeds(1).pricedCalls(100);
        answer = AnswerTables.compute(s, note -> { });
    }

    private static double ns(String key, int r, int i) {
        return answer.line(key).at(new Point(r, i)).overheadNs();
    }

    private static String route(String key, int r) {
        return AnswerTables.route(answer.line(key).at(new Point(r, 0)).median().dispatch().site(),
                key.startsWith("D"));
    }

    @Test
    void everyRiscvDesignHasARowInOrder() {
        assertEquals(List.of("Lnn", "Lat", "Tnn", "CO", "Dnn", "Dnf", "Dat", "DCO"),
                answer.lines().stream().map(l -> l.design().key()).toList());
        assertTrue(AnswerTables.designs(Arch.RISCV64).stream().filter(AnswerTables.Design::plotted).count() <= 5);
        assertTrue(AnswerTables.designs(Arch.ARM64).stream().filter(AnswerTables.Design::plotted).count() <= 5);
    }

    @Test
    void callOpsAndTrampolinesAreFlatInIrrelevantOpsWhileTheListGrows() {
        assertEquals(ns("CO", 1, 0), ns("CO", 1, 10), 1e-9);
        assertEquals(ns("Tnn", 1, 0), ns("Tnn", 1, 10), 1e-9);
        for (String list : List.of("Lnn", "Lat")) {
            assertTrue(ns(list, 1, 10) > 3 * ns(list, 1, 0), list + ": ten more ops to test on every call");
            assertTrue(ns(list, 10, 0) > ns(list, 2, 0) && ns(list, 2, 0) > ns(list, 1, 0), list);
        }
        // with two ops on the site every design walks the list: within 10% of each other
        for (String key : List.of("Lat", "Tnn", "CO")) {
            assertEquals(ns("Lnn", 2, 0), ns(key, 2, 0), ns("Lnn", 2, 0) * 0.1, key);
        }
        assertTrue(ns("CO", 1, 0) < ns("Lnn", 1, 0) / 2);
    }

    @Test
    void directCallRowsTakeTheRoutesOfTheirSites() {
        assertEquals("site -> trampoline", route("Dnn", 1));
        assertEquals("ftrace_caller -> list -> call_direct_funcs", route("Dnf", 1));
        assertEquals("ftrace_caller -> list -> call_direct_funcs", route("Dat", 1), "a fixed AUIPC never reaches");
        assertEquals("ftrace_caller -> ops->direct_call", route("DCO", 1));
        for (String key : List.of("Dnn", "Dnf", "Dat", "DCO")) {
            assertEquals("ftrace_caller -> list -> call_direct_funcs", route(key, 2), key + " shared");
        }
        // in reach is the cheapest way to any tracer; out of reach it costs what the site's dispatch costs
        assertTrue(ns("Dnn", 1, 0) < ns("CO", 1, 0) && ns("Dnn", 1, 0) < ns("Tnn", 1, 0));
        assertTrue(ns("Dnf", 1, 0) > ns("Lnn", 1, 0), "through the list, then the direct trampoline");
        assertEquals(ns("DCO", 1, 0), ns("DCO", 1, 10), 1e-9, "the literal: flat");
        assertTrue(ns("Dnf", 1, 10) > 3 * ns("Dnf", 1, 0), "the list: grows");
        assertEquals(100.0, answer.line("Dnn").reachPct(), 1e-9);
        assertEquals(0.0, answer.line("DCO").reachPct(), 1e-9);
        assertEquals(null, answer.line("CO").reachPct());
    }

    @Test
    void textGrowthAndVerdictsComeFromTheCensusAndTheSchemes() {
        // README "Results (committed dataset)": +0.29% atomic, +3.25% call-ops against nop-nop as built
        assertEquals(0.0, answer.line("Lnn").textGrowthPct(), 1e-12);
        assertEquals(0.29, answer.line("Lat").textGrowthPct(), 0.005);
        assertEquals(3.25, answer.line("CO").textGrowthPct(), 0.005);
        assertEquals(answer.line("CO").textGrowthPct(), answer.line("DCO").textGrowthPct(), 1e-12);
        assertEquals("UUS", answer.line("Lnn").verdicts(), "v6.8: enable and retarget race");
        for (String key : List.of("Lat", "Tnn", "CO", "Dat", "DCO")) {
            assertEquals("SSS", answer.line(key).verdicts(), key);
        }
        assertTrue(answer.census().contains("riscv64"), answer.census());
    }

    @Test
    void everyFigureLiesInItsInterval() {
        for (AnswerTables.Line l : answer.lines()) {
            for (ModelledSample.Row r : l.rows()) {
                assertTrue(r.overheadLowNs() <= r.overheadNs() && r.overheadNs() <= r.overheadHighNs(),
                        l.design().key() + " " + r.relevant() + "/" + r.irrelevant());
            }
        }
    }

    @Test
    void theMailFitsSeventyTwoColumns() {
        String mail = AnswerTables.mail(answer);
        for (String line : mail.lines().toList()) {
            assertTrue(line.length() <= MailTable.MAIL_WIDTH, line.length() + ": " + line);
        }
        assertTrue(mail.contains("not measured"), mail);
        assertTrue(mail.contains("ftrace-lab check-patch --scheme"), "sources: " + mail);
        // one median line and two interval lines per design
        assertEquals(3 * answer.lines().size(), AnswerTables.table(answer).rowCount());
        assertTrue(mail.contains("  CO  ||"), mail);
    }

    @Test
    void csvAndJsonCarryTheFiguresAndTheirSources() throws Exception {
        Table t = AnswerTables.table(answer);
        JsonNode doc = new ObjectMapper().readTree(TableFormat.JSON.render(t, AnswerTables.LAYOUT, Provenance.capture()));
        JsonNode first = doc.get("rows").get(0);
        assertEquals("Lnn", first.get("key").asText());
        assertEquals("median", first.get("figure").asText());
        assertEquals(ns("Lnn", 1, 0), first.get("r1_i0").asDouble(), 1e-9);
        assertEquals("riscv-nop-nop-stop-machine", first.get("scheme").asText());
        assertTrue(first.get("cost_command").asText().contains("--layout nop-nop --profile vf2"));
        String csv = TableFormat.CSV.render(t, AnswerTables.LAYOUT, Provenance.capture());
        assertTrue(csv.contains("key,figure,label,r1_i0,r1_i10,r2_i0,r10_i0"), csv);
    }

    @Test
    void theDispatchDesignsSideBySideAreThePagesOverheads() {
        List<AnswerTables.Design> dispatch = AnswerTables.designs(Arch.RISCV64).stream()
                .filter(d -> d.sample().direct() == dev.ftracelab.ftrace.DirectCall.NONE).toList();
        AnswerTables.Answer side = AnswerTables.overheads(answer.settings(), dispatch, note -> { });
        assertEquals(List.of("Lnn", "Lat", "Tnn", "CO"), side.lines().stream().map(l -> l.design().key()).toList());
        for (AnswerTables.Line l : side.lines()) {
            for (Point p : AnswerTables.POINTS) {
                // the same sample, seeds and priced calls: the same figures as the page
                assertEquals(ns(l.design().key(), p.relevant(), p.irrelevant()), l.at(p).overheadNs(), 1e-9);
                assertEquals(answer.line(l.design().key()).at(p).overheadHighNs(), l.at(p).overheadHighNs(), 1e-9);
            }
            assertEquals("-", l.verdicts(), "no patch safety in the side-by-side");
        }
        String text = AnswerTables.OVERHEAD_LAYOUT.render(AnswerTables.table(side));
        for (String line : text.lines().toList()) {
            assertTrue(line.length() <= MailTable.MAIL_WIDTH, line.length() + ": " + line);
        }
        assertTrue(text.contains("  Lat ||") && text.contains("   lo ||") && !text.contains("ERD"), text);
    }

    @Test
    void theChartHasAtMostFiveSeriesInItsLegend() {
        var c = AnswerTables.chart(answer);
        long legend = c.getSeriesCollection().stream().filter(s -> s.isShowInLegend()).count();
        assertEquals(5, legend);
        assertTrue(Charts.png(c, Provenance.capture()).length > 0);
    }
}
