package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.cost.ModelledSample;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.ftrace.FtraceOpsSample.Point;
import dev.ftracelab.patch.Scheme;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The answer page on arm64 (m1; one seed, few priced calls: the relations hold for any seed):
 * the arm64 designs in order, their intervals, routes, text growth and verdicts, in 72 columns.
 */
class AnswerTablesArm64Test {
    private static AnswerTables.Answer answer;
    private static String mail;

    @BeforeAll
    static void compute() {
        AnswerTables.Settings s = AnswerTables.Settings.of(Profile.load("m1")).seeds(1).pricedCalls(100);
        answer = AnswerTables.compute(s, note -> { });
        mail = AnswerTables.mail(answer);
    }

    private static double ns(String key, int r, int i) {
        return answer.line(key).at(new Point(r, i)).overheadNs();
    }

    private static String route(String key, int r) {
        return AnswerTables.route(answer.line(key).at(new Point(r, 0)).median().dispatch().site(), true);
    }

    @Test
    void everyArm64DesignHasARowInOrder() {
        assertEquals(List.of("Lpc", "Tpc", "CO", "Dpc", "Dpf", "DCO", "DCf"),
                answer.lines().stream().map(l -> l.design().key()).toList());
        // names as a kernel developer says them (the exact wording is the design vocabulary's)
        assertTrue(answer.line("Lpc").design().name().contains("list processing"));
        assertTrue(answer.line("Tpc").design().name().contains("per-callsite trampoline"));
        assertTrue(answer.line("CO").design().name().contains("CALL_OPS"));
        for (String key : List.of("Dpc", "Dpf", "DCO", "DCf")) {
            assertTrue(answer.line(key).design().name().contains("direct call"), key);
        }
        // the mail's legend names each design with the flags that reproduce it
        for (String s : List.of("Lpc " + answer.line("Lpc").design().name() + "; FLAGS: --layout pre-call-ops;",
                "--layout pre-call-ops --strategy per-callsite-trampoline;", "--layout call-ops;",
                "--layout pre-call-ops --direct near;", "--layout pre-call-ops --direct far;",
                "--layout call-ops --direct near;", "--layout call-ops --direct far;")) {
            assertTrue(flat(mail).contains(s), s + " in\n" + mail);
        }
    }

    @Test
    void everyFigureHasAnIntervalAroundIt() {
        for (AnswerTables.Line l : answer.lines()) {
            for (ModelledSample.Row r : l.rows()) {
                String where = l.design().key() + " " + r.relevant() + "/" + r.irrelevant();
                assertTrue(r.overheadLowNs() <= r.overheadNs() && r.overheadNs() <= r.overheadHighNs(), where);
                assertTrue(r.overheadHighNs() > r.overheadLowNs(), where + ": the model's error widens it");
            }
        }
        // three table rows per design: the median, lo and hi
        assertEquals(3 * answer.lines().size(), AnswerTables.table(answer).rowCount());
        assertTrue(mail.contains("  Lpc ||") && mail.contains("   lo ||") && mail.contains("   hi ||"), mail);
    }

    @Test
    void callOpsIsFlatWhileTheListGrows() {
        assertEquals(ns("CO", 1, 0), ns("CO", 1, 10), 1e-9);
        assertEquals(ns("Tpc", 1, 0), ns("Tpc", 1, 10), 1e-9);
        assertTrue(ns("Lpc", 1, 10) > 3 * ns("Lpc", 1, 0), "ten more ops to test on every call");
        assertTrue(ns("CO", 1, 0) < ns("Lpc", 1, 0) / 2);
    }

    @Test
    void directCallsTakeTheRoutesOfTheirSites() {
        assertEquals("site -> trampoline", route("Dpc", 1));
        assertEquals("ftrace_caller -> list -> call_direct_funcs", route("Dpf", 1));
        assertEquals("site -> trampoline", route("DCO", 1));
        assertEquals("ftrace_caller -> ops->direct_call", route("DCf", 1));
        for (String key : List.of("Dpc", "Dpf", "DCO", "DCf")) {
            assertEquals("ftrace_caller -> list -> call_direct_funcs", route(key, 2), key + " shared");
        }
        // BL reaches the module area from every kernel callsite of the committed arm64 census
        assertEquals(100.0, answer.line("Dpc").reachPct(), 1e-9);
        assertEquals(null, answer.line("Lpc").reachPct());
    }

    @Test
    void textGrowthAndVerdictsComeFromTheCensusAndTheSchemes() {
        // README "Results (committed dataset)": arm64 call-ops as built is 1,775,284 B over
        // pre-call-ops in 97,131,870 B: 1,775,284 / 95,356,586 = +1.86%
        assertEquals(0.0, answer.line("Lpc").textGrowthPct(), 1e-12);
        assertEquals(1.86, answer.line("CO").textGrowthPct(), 0.005);
        assertEquals(answer.line("CO").textGrowthPct(), answer.line("DCf").textGrowthPct(), 1e-12);
        for (String key : List.of("Lpc", "Tpc", "Dpc", "Dpf")) {
            assertEquals(Scheme.ARM64_PRE_CALL_OPS, answer.line(key).design().scheme(), key);
        }
        for (AnswerTables.Line l : answer.lines()) {
            assertEquals("SSS", l.verdicts(), l.design().key() + ": explored, every op SAFE");
            assertEquals(3, l.safety().size());
        }
        String flat = flat(mail);
        assertTrue(flat.contains("scheme: arm64-pre-call-ops") && flat.contains("scheme: arm64-call-ops"), mail);
        assertTrue(answer.census().contains("arm64"), answer.census());
    }

    @Test
    void theMailFitsSeventyTwoColumnsAndSaysItIsModelled() {
        for (String line : mail.lines().toList()) {
            assertTrue(line.length() <= MailTable.MAIL_WIDTH, line.length() + ": " + line);
        }
        assertTrue(mail.startsWith("Modelled on m1: "), mail);
        assertTrue(mail.contains("not measured"), mail);
        assertTrue(flat(mail).contains("BL ±128 MiB"), mail);
        assertTrue(flat(mail).contains("ftrace-lab answer --profile m1"), mail);
    }

    /** Text with its line breaks and indents folded, so wrapped phrases can be found. */
    private static String flat(String s) {
        return s.replaceAll("\\s+", " ");
    }
}
