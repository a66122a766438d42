package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.patch.CheckOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same inputs, same bytes (issue 17), the parts a unit test can show. The CLI's whole report
 * run twice and compared file by file is {@code dev.ftracelab.it.ReportDeterminismIT}: it needs
 * two JVMs (a {@code Map.of} order is fixed within one) and takes minutes.
 */
public class DeterminismTest {
    @TempDir
    Path tmp;

    private static final Instant SOURCE_DATE = Instant.ofEpochSecond(1_767_225_600L); // 2026-01-01

    /** This machine's stamp with a fixed date. */
    static Provenance stamp() {
        Provenance now = Provenance.capture();
        return new Provenance(now.toolkitVersion(), now.gitCommit(), now.gitDirty(), now.jvm(), now.os(), now.cpu(),
                Provenance.Hardware.NONE, java.util.Map.of("command", "report"), SOURCE_DATE);
    }

    /**
     * Regression: the column objects were {@code Map.of}, whose order changes from JVM to JVM.
     * Reading the order of one render catches that only when the JVM's draw is the wrong one
     * (half the time for two keys), so this test checks the cause instead, whatever the draw:
     * every map of the JSON document (table, provenance, hardware, parameters, columns, rows)
     * must have a defined order (insertion or sorted), and the keys come in the declared order.
     */
    @Test
    void jsonColumnObjectsKeepTheirKeyOrder() {
        tech.tablesaw.api.Table t = tech.tablesaw.api.Table.create("t",
                tech.tablesaw.api.StringColumn.create("name", "a"), tech.tablesaw.api.IntColumn.create("n", 1));
        Provenance p = TableFormatTest.P.with("seeds", 3).with("calls", 20).with("table", "t");
        Map<String, Object> doc = TableFormat.jsonDocument(t, p, "A title", "A caption");
        assertEquals(List.of(), unordered("doc", doc), "maps whose order is drawn anew by each JVM");
        assertEquals(List.of("table", "title", "caption", "provenance", "columns", "rows"), List.copyOf(doc.keySet()));
        List<?> columns = (List<?>) doc.get("columns");
        assertEquals(List.of("name", "type"), List.copyOf(((Map<?, ?>) columns.get(0)).keySet()));
        assertEquals(List.of("name", "n"), List.copyOf(((Map<?, ?>) ((List<?>) doc.get("rows")).get(0)).keySet()),
                "row keys in the table's column order");
        assertEquals(List.of("seeds", "calls", "table"), List.copyOf(((Map<?, ?>) ((Map<?, ?>) doc.get("provenance"))
                .get("parameters")).keySet()).subList(TableFormatTest.P.parameters().size(),
                        TableFormatTest.P.parameters().size() + 3), "parameters in the order they were added");
        String json = TableFormat.JSON.render(t, MailTable.plain(), TableFormatTest.P, null, null);
        assertTrue(json.replaceAll("\\s+", "").contains("\"columns\":[{\"name\":\"name\",\"type\":\"string\"},"
                + "{\"name\":\"n\",\"type\":\"integer\"}]"), json);
    }

    /** The same cause, in the other JSON the report writes: provenance.json and patch-safety results. */
    @Test
    void theOtherJsonDocumentsHaveOrderedMapsToo() {
        assertEquals(List.of(), unordered("provenance", stamp().with("a", 1).with("b", 2).toMap()));
        var s = dev.ftracelab.patch.Scheme.RISCV_ATOMIC;
        var sc = dev.ftracelab.patch.Scenario.of(s.arch(), s.layout(), dev.ftracelab.patch.PatchPlan.Op.ENABLE, 2);
        var plan = sc.plan(s);
        var r = dev.ftracelab.patch.Explorer.check(sc, plan, CheckOptions.builder().tasks(1).calls(1).preemptionBound(0).build());
        for (boolean timings : new boolean[] {false, true}) {
            assertEquals(List.of(), unordered("patch-safety", PatchSafetyTables.toMap(plan, r, timings)));
        }
    }

    /**
     * The paths of the maps under {@code node} whose iteration order is not defined by the
     * program: any map of two or more entries but a LinkedHashMap or a SortedMap (Map.of,
     * HashMap, ... iterate in an order that may change from JVM to JVM).
     */
    static List<String> unordered(String path, Object node) {
        List<String> found = new ArrayList<>();
        if (node instanceof Map<?, ?> m) {
            if (m.size() > 1 && !(m instanceof java.util.LinkedHashMap) && !(m instanceof java.util.SortedMap)) {
                found.add(path + " (" + m.getClass().getName() + ")");
            }
            m.forEach((k, v) -> found.addAll(unordered(path + "." + k, v)));
        } else if (node instanceof Iterable<?> it) {
            int i = 0;
            for (Object o : it) {
                found.addAll(unordered(path + "[" + i++ + "]", o));
            }
        }
        return found;
    }

    /** The walk itself: it does find a {@code Map.of} of two keys, wherever it is nested. */
    @Test
    void theWalkFindsAMapOfTwoKeys() {
        Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("columns", List.of(Map.of("name", "a", "type", "string")));
        assertEquals(List.of("doc.columns[0] (" + Map.of("name", "a", "type", "string").getClass().getName() + ")"),
                unordered("doc", doc));
    }

    /** {@code SOURCE_DATE_EPOCH} gives the stamp date; a malformed one is refused, not ignored. */
    @Test
    void theStampDateComesFromSourceDateEpoch() {
        Instant now = Instant.parse("2030-05-06T07:08:09.5Z");
        assertEquals(SOURCE_DATE, Provenance.date("1767225600", now));
        assertEquals(Instant.parse("2030-05-06T07:08:09Z"), Provenance.date(null, now));
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.ftracelab.util.BadInputException.class,
                () -> Provenance.date("2026-01-01", now));
        assertTrue(e.getMessage().startsWith("SOURCE_DATE_EPOCH='2026-01-01': expected whole seconds"), e.getMessage());
    }

    /** Regression: the verdict tables and check-patch output carried wall-clock seconds and states/s. */
    @Test
    void verdictsCarryNoWallClockFiguresAndCheckPatchLeavesThemOutOnRequest() {
        var s = dev.ftracelab.patch.Scheme.RISCV_ATOMIC;
        var sc = dev.ftracelab.patch.Scenario.of(s.arch(), s.layout(), dev.ftracelab.patch.PatchPlan.Op.ENABLE, 2);
        var plan = sc.plan(s);
        var r = dev.ftracelab.patch.Explorer.check(sc, plan, CheckOptions.builder().tasks(1).calls(1).preemptionBound(0).build());
        assertEquals(List.of("plan", "op", "verdict", "states", "transitions", "preemptions", "violation", "options"),
                PatchSafetyTables.verdicts(List.of(r)).columnNames());
        assertEquals(List.of("plan", "op", "states", "seconds", "statesPerSecond"),
                PatchSafetyTables.timings(List.of(r)).columnNames());
        String quiet = PatchSafetyTables.text(plan, r, false);
        assertFalse(quiet.contains("states/s") || quiet.contains(" s ("), quiet);
        assertTrue(PatchSafetyTables.text(plan, r, true).contains("states/s)"));
        assertFalse(PatchSafetyTables.toMap(plan, r, false).containsKey("seconds"));
        assertTrue(PatchSafetyTables.toMap(plan, r, true).containsKey("states_per_second"));
    }

    /** With timings on (no SOURCE_DATE_EPOCH), they go to a file of their own, named as such. */
    @Test
    void timingsGoToAFileOfTheirOwn() {
        List<String> files = new WriteUp(List.of(new PatchSafetySection(CheckOptions.builder().tasks(1).calls(1)
                .preemptionBound(0).build(), true))).bundle(stamp()).fileNames();
        assertTrue(files.containsAll(List.of("patch-safety-timings.txt", "patch-safety-timings.json")), files.toString());
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
