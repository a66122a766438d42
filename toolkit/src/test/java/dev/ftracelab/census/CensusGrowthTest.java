package dev.ftracelab.census;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.isa.Arch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ModuleGrowth} and {@link CensusResult#totals} on modules whose growth is worked out by hand. */
class CensusGrowthTest {
    /** riscv (RVC) built nop-nop: a [0,14) b [14,24) traced, c [24,30) not. call-ops: 54, atomic: 34. */
    static ModuleText rv(String name) {
        return new ModuleText(name, Arch.RISCV64, true, List.of(new TextSection(".text", 0, 30, 2)),
                List.of(new FunctionEntry("a", ".text", 0, 14, 2, true, 0, 8),
                        new FunctionEntry("b", ".text", 14, 10, 2, true, 0, 8),
                        new FunctionEntry("c", ".text", 24, 6, 8, false, 0, 0)));
    }

    /** riscv built call-ops: a [0,24) entry 8, b untraced [24,30). nop-nop: a [0,16) b [16,22); atomic: b at 16 too. */
    static ModuleText rvCallOps(String name) {
        return new ModuleText(name, Arch.RISCV64, true, List.of(new TextSection(".text", 0, 30, 8)),
                List.of(new FunctionEntry("a", ".text", 8, 16, 8, true, 8, 8),
                        new FunctionEntry("b", ".text", 24, 6, 8, false, 0, 0)));
    }

    /** arm64 built call-ops: a [0,0x2c) b [0x30,0x60) traced, c [0x60,0x78) not. pre-call-ops: 0x68. */
    static ModuleText arm64(String name) {
        return new ModuleText(name, Arch.ARM64, false, List.of(new TextSection(".text", 0, 0x78, 8)),
                List.of(new FunctionEntry("a", ".text", 8, 0x24, 8, true, 8, 8),
                        new FunctionEntry("b", ".text", 0x38, 0x28, 8, true, 8, 8),
                        new FunctionEntry("c", ".text", 0x60, 0x18, 8, false, 0, 0)));
    }

    @Test
    void growthIsAgainstTheTextAsBuilt() {
        ModuleGrowth g = ModuleGrowth.of(rv("a.ko"));
        assertEquals("a.ko", g.module());
        assertEquals(Arch.RISCV64, g.arch());
        assertEquals(Layout.NOP_NOP, g.built());
        assertEquals(1, g.modules());
        assertEquals(3, g.functions());
        assertEquals(2, g.traceable());
        assertEquals(30, g.textBytes());
        assertEquals(16, g.patchBytes());
        assertEquals(List.of(Layout.NOP_NOP, Layout.ATOMIC, Layout.CALL_OPS), List.copyOf(g.textBytesUnder().keySet()));
        assertEquals(Map.of(Layout.NOP_NOP, 30L, Layout.ATOMIC, 34L, Layout.CALL_OPS, 54L), g.textBytesUnder());
        assertEquals(54, g.bytesUnder(Layout.CALL_OPS));
        assertEquals(24, g.growth(Layout.CALL_OPS));
        assertEquals(80.0, g.growthPercent(Layout.CALL_OPS), 1e-9);
        assertEquals(4, g.growth(Layout.ATOMIC));
        assertEquals(100.0 * 4 / 30, g.growthPercent(Layout.ATOMIC), 1e-9);
        assertEquals(0, g.growth(Layout.NOP_NOP));
        assertEquals(0.0, g.growthPercent(Layout.NOP_NOP));
        assertThrows(IllegalArgumentException.class, () -> g.bytesUnder(Layout.PRE_CALL_OPS));
    }

    @Test
    void aCallOpsBuildShrinksUnderTheOlderLayouts() {
        ModuleGrowth g = ModuleGrowth.of(rvCallOps("c.ko"));
        assertEquals(Layout.CALL_OPS, g.built());
        assertEquals(16, g.patchBytes(), "the traceable function's literal slot and NOPs");
        assertEquals(0, g.growth(Layout.CALL_OPS));
        assertEquals(-8, g.growth(Layout.NOP_NOP));
        assertEquals(-8, g.growth(Layout.ATOMIC));
        assertEquals(-100.0 * 8 / 30, g.growthPercent(Layout.NOP_NOP), 1e-9);
        ModuleGrowth a = ModuleGrowth.of(arm64("x.ko"));
        assertEquals(Layout.CALL_OPS, a.built());
        assertEquals(-16, a.growth(Layout.PRE_CALL_OPS));
        assertEquals(32, a.patchBytes());
    }

    @Test
    void emptyTextHasNoPercentage() {
        ModuleText empty = new ModuleText("e.ko", Arch.ARM64, false, List.of(), List.of());
        ModuleGrowth g = ModuleGrowth.of(empty);
        assertEquals(0, g.textBytes());
        assertEquals(0.0, g.growthPercent(Layout.CALL_OPS));
    }

    @Test
    void plusSumsEveryCountAndKeepsTheBuiltLayoutOnlyIfShared() {
        ModuleGrowth a = ModuleGrowth.of(rv("a.ko"));
        ModuleGrowth b = ModuleGrowth.of(rv("b.ko"));
        ModuleGrowth c = ModuleGrowth.of(rvCallOps("c.ko"));
        ModuleGrowth ab = a.plus(b, "ab");
        assertEquals(new ModuleGrowth("ab", Arch.RISCV64, Layout.NOP_NOP, 2, 6, 4, 60, 32,
                Map.of(Layout.NOP_NOP, 60L, Layout.ATOMIC, 68L, Layout.CALL_OPS, 108L)), ab);
        assertEquals(48, ab.growth(Layout.CALL_OPS));
        ModuleGrowth abc = ab.plus(c, "abc");
        assertNull(abc.built(), "modules built differently");
        assertEquals(3, abc.modules());
        assertEquals(90, abc.textBytes());
        assertEquals(48, abc.patchBytes());
        assertEquals(60 + 22, abc.bytesUnder(Layout.NOP_NOP));
        assertEquals(108 + 30, abc.bytesUnder(Layout.CALL_OPS));
        assertEquals(48, abc.growth(Layout.CALL_OPS));
        assertEquals(List.of(Layout.NOP_NOP, Layout.ATOMIC, Layout.CALL_OPS), List.copyOf(abc.textBytesUnder().keySet()));
        assertEquals("a.ko", a.module(), "plus makes a new row");
        assertEquals("renamed", abc.named("renamed").module());
        assertEquals(abc.textBytesUnder(), abc.named("renamed").textBytesUnder());
        ModuleGrowth arm = ModuleGrowth.of(arm64("x.ko"));
        assertThrows(IllegalArgumentException.class, () -> a.plus(arm, "mixed"));
    }

    @Test
    void aModuleWithoutTraceableFunctionsDoesNotDecideTheTotalsLayout() {
        // like crc7.ko in Debian's arm64 6.12: no patch area, so its own layout reads as pre-call-ops
        ModuleText plain = new ModuleText("crc7.ko", Arch.ARM64, false, List.of(new TextSection(".text", 0, 0x18, 8)),
                List.of(new FunctionEntry("c", ".text", 0, 0x18, 8, false, 0, 0)));
        ModuleGrowth none = ModuleGrowth.of(plain);
        assertEquals(0, none.traceable());
        ModuleGrowth callOps = ModuleGrowth.of(arm64("x.ko"));
        assertEquals(Layout.CALL_OPS, callOps.plus(none, "total").built());
        assertEquals(Layout.CALL_OPS, none.plus(callOps, "total").built());
        assertEquals(none.built(), none.plus(none, "total").built());
        assertEquals(0, callOps.plus(none, "total").growth(Layout.CALL_OPS), "as built");
    }

    @Test
    void totalsArePerArchRiscvFirst() {
        CensusResult r = new CensusResult(List.of(arm64("x.ko"), rv("a.ko"), rvCallOps("c.ko"), arm64("y.ko")),
                List.of(new Skipped("bad.ko", "truncated")), List.of());
        assertEquals(List.of("x.ko", "a.ko", "c.ko", "y.ko"), r.growth().stream().map(ModuleGrowth::module).toList());
        List<ModuleGrowth> totals = r.totals();
        assertEquals(2, totals.size());
        ModuleGrowth rvTotal = totals.get(0);
        assertEquals("total", rvTotal.module());
        assertEquals(Arch.RISCV64, rvTotal.arch());
        assertEquals(2, rvTotal.modules());
        assertNull(rvTotal.built());
        assertEquals(5, rvTotal.functions());
        assertEquals(3, rvTotal.traceable());
        assertEquals(60, rvTotal.textBytes());
        assertEquals(Map.of(Layout.NOP_NOP, 52L, Layout.ATOMIC, 56L, Layout.CALL_OPS, 84L), rvTotal.textBytesUnder());
        assertEquals(24, rvTotal.growth(Layout.CALL_OPS));
        assertEquals(40.0, rvTotal.growthPercent(Layout.CALL_OPS), 1e-9);
        ModuleGrowth armTotal = totals.get(1);
        assertEquals(Arch.ARM64, armTotal.arch());
        assertEquals(Layout.CALL_OPS, armTotal.built());
        assertEquals(2, armTotal.modules());
        assertEquals(2 * 0x78, armTotal.textBytes());
        assertEquals(-32, armTotal.growth(Layout.PRE_CALL_OPS));
        assertEquals(List.of(), CensusResult.totals(List.of()));
        assertEquals(1, CensusResult.totals(List.of(ModuleGrowth.of(rv("only.ko")))).get(0).modules());
        assertEquals("total", CensusResult.totals(List.of(ModuleGrowth.of(rv("only.ko")))).get(0).module());
    }
}
