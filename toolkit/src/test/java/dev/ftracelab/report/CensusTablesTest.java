package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.census.CensusResult;
import dev.ftracelab.census.DirectReach;
import dev.ftracelab.census.FunctionEntry;
import dev.ftracelab.census.ModuleGrowth;
import dev.ftracelab.census.ModuleText;
import dev.ftracelab.census.TextSection;
import dev.ftracelab.isa.Arch;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class CensusTablesTest {
    /** Three traceable 10-byte riscv functions, 2-byte aligned, back to back: 30 bytes as built. */
    private static ModuleText riscv(String name) {
        return new ModuleText(name, Arch.RISCV64, true, List.of(new TextSection(".text", 0, 30, 2)), List.of(
                new FunctionEntry("a", ".text", 0, 10, 2, true, 0, 8), new FunctionEntry("b", ".text", 10, 10, 2, true, 0, 8),
                new FunctionEntry("c", ".text", 20, 10, 4, true, 0, 8)));
    }

    @Test
    void growthHasOneRowPerLayoutAndMarksTheBuiltOne() {
        Table t = CensusTables.growth(List.of(ModuleGrowth.of(riscv("m.ko"))));
        assertEquals(List.of("nop-nop", "atomic", "call-ops"), t.stringColumn("layout").asList());
        assertEquals(List.of(true, false, false), t.booleanColumn("built").asList());
        // call-ops: each function 8-aligned and 8 bytes of literal before it: 0+8+10 -> 24+8+10 -> 48+8+10 = 66.
        assertEquals(66, t.longColumn("modelledBytes").get(2));
        assertEquals(36, t.longColumn("growthBytes").get(2));
        assertEquals(120.0, t.doubleColumn("growthPercent").get(2), 1e-9);
        assertFalse(CensusTables.GROWTH_LAYOUT.render(t).isEmpty());
    }

    @Test
    void costAndTopRankByWhatCallOpsAdds() {
        ModuleGrowth small = ModuleGrowth.of(riscv("small.ko"));
        ModuleGrowth twice = small.plus(small, "twice.ko");
        assertEquals(List.of("twice.ko", "small.ko"), CensusTables.top(List.of(small, twice), 5).stream().map(ModuleGrowth::module).toList());
        assertEquals(1, CensusTables.top(List.of(small, twice), 1).size());
        Table cost = CensusTables.callOpsCost(CensusResult.totals(List.of(small, twice)));
        assertEquals("nop-nop", cost.stringColumn("baseline").get(0));
        assertEquals(3 * 36, cost.longColumn("callOpsBytes").get(0));
        assertTrue(CensusTables.COST_LAYOUT.render(cost).contains("total"));
    }

    @Test
    void costRowsListEachKernelImageOnce() {
        // Regression: notebook 06 added the images and then the top modules, which ranked vmlinux again.
        ModuleGrowth small = ModuleGrowth.of(riscv("kernel/small.ko"));
        ModuleGrowth image = ModuleGrowth.of(riscv("usr/lib/debug/boot/vmlinux-6.12"));
        ModuleGrowth big = image.plus(image, "kernel/big.ko");
        List<ModuleGrowth> rows = List.of(small, image, big);
        List<ModuleGrowth> totals = CensusResult.totals(rows);
        List<String> names = CensusTables.costRows(totals, rows, 5).stream().map(ModuleGrowth::module).toList();
        assertEquals(List.of(totals.get(0).module(), "usr/lib/debug/boot/vmlinux-6.12", "kernel/big.ko", "kernel/small.ko"), names);
        assertEquals(List.of("vmlinux", "big"), CensusTables.callOpsCost(CensusTables.costRows(List.of(), rows, 1))
                .stringColumn("name").asList());
    }

    @Test
    void alignmentsShareAddUpPerArch() {
        Table t = CensusTables.alignments(List.of(riscv("m.ko")));
        assertEquals(List.of(2L, 4L), t.longColumn("alignment").asList());
        assertEquals(100.0, t.doubleColumn("percent").sum(), 1e-9);
    }

    @Test
    void reachLeavesInstructionsTheArchLacksMissing() {
        Table t = CensusTables.reach(List.of(DirectReach.measured(Arch.ARM64, "d", new long[] {4, 1L << 30})));
        assertTrue(t.doubleColumn("jal").isMissing(0));
        assertEquals(50.0, t.doubleColumn("bl").get(0), 1e-9);
        assertTrue(CensusTables.REACH_LAYOUT.render(t).contains("measured"));
    }

    @Test
    void chartsHaveASeriesPerArchOrLayout() {
        assertEquals(1, CensusTables.sizeChart(List.of(riscv("m.ko"))).getSeriesCollection().size());
        // nop-nop is the layout riscv64 is built with: no growth, no (empty) legend entry
        var growth = CensusTables.growthChart(List.of(ModuleGrowth.of(riscv("m.ko"))));
        assertEquals(2, growth.getSeriesCollection().size());
        assertTrue(growth.getSeries("nop-nop") == null);
        // each drawn bar carries its value, signed
        List<Charts.Note> notes = Charts.notes(growth);
        assertEquals(2, notes.size());
        assertTrue(notes.stream().allMatch(n -> n.text().matches("[+-]\\d+\\.\\d\\d%")), notes.toString());
        ChartsTest.debugPng("growth", growth);
        // a total over modules built differently has no layout as built
        ModuleGrowth g = ModuleGrowth.of(riscv("m.ko"));
        ModuleGrowth mixed = new ModuleGrowth("all", g.arch(), null, 2, g.functions(), g.traceable(), g.textBytes(),
                g.patchBytes(), g.textBytesUnder());
        assertTrue(CensusTables.growthChart(List.of(mixed)).getXAxisTitle().contains("riscv64 mixed"));
    }
}
