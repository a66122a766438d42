package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.patch.CheckOptions;
import dev.ftracelab.patch.CheckResult;
import dev.ftracelab.patch.Explorer;
import dev.ftracelab.patch.PatchPlan.Op;
import dev.ftracelab.patch.Preemption;
import dev.ftracelab.patch.Scheme;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;

class PatchSafetyTablesTest {
    @Test
    void statesChartMarksTheUnsafeBarsAndNamesTheV68Race() {
        CheckOptions full = CheckOptions.builder().build();
        List<CheckResult> results = new ArrayList<>();
        for (Scheme s : List.of(Scheme.RISCV_NOP_NOP_STOP_MACHINE, Scheme.RISCV_ATOMIC)) {
            for (Op op : Op.values()) {
                results.add(Explorer.check(s, op, full));
            }
        }
        CategoryChart c = PatchSafetyTables.statesChart("t", results);
        assertEquals(3, c.getSeriesCollection().size(), "a bar per op");
        List<Charts.Note> notes = Charts.notes(c);
        assertEquals(List.of("UNSAFE", "v6.8: task preempted\nbetween AUIPC and JALR"),
                notes.stream().map(Charts.Note::text).toList());
        // UNSAFE stands over enable and retarget (bars 0 and 1 of 3 in the first group), at their height
        assertEquals(0.5 - 0.15, notes.get(0).x(), 1e-9);
        assertEquals(results.get(0).states(), notes.get(0).y(), 1e-9);
        // the race note stands over the first group's tallest bar (disable, proved SAFE)
        assertEquals(0.5, notes.get(1).x(), 1e-9);
        assertEquals(results.get(2).states(), notes.get(1).y(), 1e-9);
        assertTrue(PatchSafetyTables.resumedMidSequence(results.get(0)), "the task resumed at the site's +4");
        ChartsTest.debugPng("states", c);

        // without preemption the same plans are SAFE: nothing to mark
        CheckOptions none = full.toBuilder().preemption(Preemption.NONE).build();
        CheckResult safe = Explorer.check(Scheme.RISCV_NOP_NOP_STOP_MACHINE, Op.ENABLE, none);
        assertFalse(PatchSafetyTables.resumedMidSequence(safe));
        assertEquals(List.of(), Charts.notes(PatchSafetyTables.statesChart("t", List.of(safe))));
    }
}
