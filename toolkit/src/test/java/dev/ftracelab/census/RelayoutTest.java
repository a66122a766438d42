package dev.ftracelab.census;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.isa.Arch;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Relayout}: identity under the built layout, and growth computed by hand. */
class RelayoutTest {
    @TempDir
    Path tmp;

    private static final TextLayout RV_NOP_NOP = TextLayout.of(Arch.RISCV64, Layout.NOP_NOP, true);
    private static final TextLayout RV_ATOMIC = TextLayout.of(Arch.RISCV64, Layout.ATOMIC, true);
    private static final TextLayout RV_CALL_OPS = TextLayout.of(Arch.RISCV64, Layout.CALL_OPS, true);
    private static final TextLayout A64_PRE = TextLayout.of(Arch.ARM64, Layout.PRE_CALL_OPS, false);
    private static final TextLayout A64_CALL_OPS = TextLayout.of(Arch.ARM64, Layout.CALL_OPS, false);

    /** A traceable riscv function with four C.NOPs at its entry (the nop-nop build). */
    private static FunctionEntry traced(String name, long address, long size) {
        return new FunctionEntry(name, ".text", address, size, 2, true, 0, 8);
    }

    private static FunctionEntry untraced(String name, long address, long size) {
        return new FunctionEntry(name, ".text", address, size, 2, false, 0, 0);
    }

    private static ModuleText rv(long sectionSize, FunctionEntry... fs) {
        return new ModuleText("m.ko", Arch.RISCV64, true, List.of(new TextSection(".text", 0, sectionSize, 2)), List.of(fs));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "riscv64 | -march=rv64gc -mabi=lp64d -mno-relax -fpatchable-function-entry=4",
        "riscv64 | -march=rv64g -mabi=lp64d -mno-relax -fpatchable-function-entry=2",
        "riscv64 | -march=rv64gc -mabi=lp64d -mno-relax -fpatchable-function-entry=8,4 -falign-functions=8",
        "arm64 | -fpatchable-function-entry=4,2 -falign-functions=8",
        "arm64 | -fpatchable-function-entry=2",
    })
    void theBuiltLayoutGivesBackTheCompiledSize(String arch, String flags) throws Exception {
        ModuleText m = ModuleTextTest.compileAndRead(tmp, Arch.parse(arch), flags);
        assertEquals(m.textBytes(), Relayout.textBytes(m, m.builtLayout(), m.builtLayout()));
        ModuleGrowth g = ModuleGrowth.of(m);
        assertEquals(0, g.growth(g.built()));
    }

    /**
     * The model against the compiler: the text modelled under another layout is what the same
     * source compiled with that layout's flags measures.
     */
    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "arm64 | -fpatchable-function-entry=2 | -fpatchable-function-entry=4,2 -falign-functions=8 | call-ops",
        "arm64 | -fpatchable-function-entry=4,2 -falign-functions=8 | -fpatchable-function-entry=2 | pre-call-ops",
        "riscv64 | -march=rv64gc -mabi=lp64d -mno-relax -fpatchable-function-entry=4"
                + " | -march=rv64gc -mabi=lp64d -mno-relax -fpatchable-function-entry=8,4 -falign-functions=8 | call-ops",
        "riscv64 | -march=rv64gc -mabi=lp64d -mno-relax -fpatchable-function-entry=8,4 -falign-functions=8"
                + " | -march=rv64gc -mabi=lp64d -mno-relax -fpatchable-function-entry=4 | nop-nop",
        "riscv64 | -march=rv64gc -mabi=lp64d -mno-relax -fpatchable-function-entry=4"
                + " | -march=rv64gc -mabi=lp64d -mno-relax -fpatchable-function-entry=4 -falign-functions=4 | atomic",
    })
    void relayingOutMatchesCompilingWithTheOtherLayoutsFlags(String archName, String builtFlags, String targetFlags,
            String target) throws Exception {
        Arch arch = Arch.parse(archName);
        ModuleText built = ModuleTextTest.compileAndRead(tmp, arch, builtFlags);
        ModuleText other = ModuleTextTest.compileAndRead(tmp, arch, targetFlags);
        TextLayout l = TextLayout.of(arch, Layout.parse(target), built.rvc());
        if (!target.equals("atomic")) { // detect tells CALL_OPS from the arch's older layout only
            assertEquals(Layout.parse(target), other.builtLayout().layout());
        }
        // Where the last function ends, section by section.
        ModuleText b = trimmed(built);
        ModuleText o = trimmed(other);
        for (TextSection s : o.sections()) {
            TextSection bs = b.sections().stream().filter(x -> x.name().equals(s.name())).findFirst().orElseThrow();
            List<FunctionEntry> fs = b.functions().stream().filter(f -> f.section().equals(s.name())).toList();
            assertEquals(s.size(), Relayout.sectionBytes(bs, fs, built.builtLayout(), l), s.name());
        }
        assertEquals(o.textBytes(), Relayout.textBytes(b, built.builtLayout(), l));
        if (arch == Arch.ARM64) {
            // GAS for arm64 pads nothing after a section's last function: the whole text matches.
            assertEquals(other.textBytes(), Relayout.textBytes(built, built.builtLayout(), l));
        }
        // riscv GCC emits the next function's alignment before switching sections, so a section can
        // end in padding after its last function, which the model keeps as it was built (here at
        // most 7 bytes per section).
        assertTrue(Math.abs(other.textBytes() - Relayout.textBytes(built, built.builtLayout(), l))
                <= other.sections().stream().mapToLong(s -> Math.max(8, s.alignment()) - 1).sum());
    }

    @Test
    void anAtomicBuildRelaidOutUnderNopNopMatchesTheNopNopBuild() throws Exception {
        String rvc = "-march=rv64gc -mabi=lp64d -mno-relax -fpatchable-function-entry=4";
        ModuleText atomic = ModuleTextTest.compileAndRead(tmp, Arch.RISCV64, rvc + " -falign-functions=4");
        ModuleText nopNop = ModuleTextTest.compileAndRead(tmp, Arch.RISCV64, rvc);
        assertEquals(atomic.textBytes(), Relayout.textBytes(atomic, RV_ATOMIC, RV_ATOMIC));
        assertEquals(trimmed(nopNop).textBytes(), Relayout.textBytes(trimmed(atomic), RV_ATOMIC, RV_NOP_NOP));
        assertTrue(trimmed(nopNop).textBytes() < trimmed(atomic).textBytes(), "4-byte alignment costs padding");
    }

    /** {@code m} with each section cut after its last function. */
    private static ModuleText trimmed(ModuleText m) {
        List<TextSection> sections = m.sections().stream().map(s -> new TextSection(s.name(), s.address(),
                m.functions().stream().filter(f -> f.section().equals(s.name())).mapToLong(FunctionEntry::end).max()
                        .orElse(s.address() + s.size()) - s.address(), s.alignment())).toList();
        return new ModuleText(m.module(), m.arch(), m.rvc(), sections, m.functions());
    }

    @Test
    void syntheticModulesComeBackUnderTheirBuiltLayout() {
        ModuleText m = rv(38, traced("a", 0, 14), traced("b", 14, 10), untraced("c", 32, 6));
        assertEquals(38, Relayout.textBytes(m, RV_NOP_NOP, RV_NOP_NOP));
        ModuleText a64 = arm64CallOps();
        assertEquals(a64.textBytes(), Relayout.textBytes(a64, A64_CALL_OPS, A64_CALL_OPS));
        assertEquals(A64_CALL_OPS, a64.builtLayout());
        assertEquals(RV_NOP_NOP, m.builtLayout());
    }

    @Test
    void callOpsAddsALiteralPerTraceableFunctionAndPadsTo8() {
        // a [0,14) b [14,24) c [24,30): 2-byte aligned, as built with RVC.
        ModuleText m = rv(30, traced("a", 0, 14), traced("b", 14, 10), untraced("c", 24, 6));
        // call-ops: a = literal 8 + 14 -> [0,22); b padded to 24, 8 + 10 -> [24,42); c (no literal) padded to 48 -> [48,54).
        assertEquals(54, Relayout.textBytes(m, RV_NOP_NOP, RV_CALL_OPS));
        // atomic: 4-byte alignment, same 8 patch bytes: a [0,14), b [16,26), c [28,34).
        assertEquals(34, Relayout.textBytes(m, RV_NOP_NOP, RV_ATOMIC));
        ModuleGrowth g = ModuleGrowth.of(m);
        assertEquals(Layout.NOP_NOP, g.built());
        assertEquals(0, g.growth(Layout.NOP_NOP));
        assertEquals(4, g.growth(Layout.ATOMIC));
        assertEquals(24, g.growth(Layout.CALL_OPS));
        // The functions in any order give the same.
        assertEquals(54, Relayout.sectionBytes(m.sections().get(0),
                List.of(m.functions().get(2), m.functions().get(0), m.functions().get(1)), RV_NOP_NOP, RV_CALL_OPS));
    }

    @Test
    void untraceableFunctionsArePaddedButGetNoLiteral() {
        // [0,6) [6,16) [16,22): call-ops pads each to 8: [0,6) [8,18) [24,30).
        ModuleText m = rv(22, untraced("a", 0, 6), untraced("b", 6, 10), untraced("c", 16, 6));
        assertEquals(30, Relayout.textBytes(m, RV_NOP_NOP, RV_CALL_OPS));
        // Already 8-aligned: nothing to add.
        ModuleText aligned = rv(30, untraced("a", 0, 8), untraced("b", 8, 16), untraced("c", 24, 6));
        assertEquals(30, Relayout.textBytes(aligned, RV_NOP_NOP, RV_CALL_OPS));
    }

    @Test
    void bytesBetweenFunctionsThatAreNotPaddingAreKept() {
        // 8 bytes of unnamed code between b [14,24) and c [32,38), then 4 bytes after c.
        ModuleText m = rv(42, traced("a", 0, 14), traced("b", 14, 10), untraced("c", 32, 6));
        assertEquals(42, Relayout.textBytes(m, RV_NOP_NOP, RV_NOP_NOP));
        // call-ops: a [0,22), b [24,42), the 8 bytes and c's padding to 8 -> c [56,62), then the 4 bytes: 66.
        assertEquals(66, Relayout.textBytes(m, RV_NOP_NOP, RV_CALL_OPS));
        // A section without functions keeps its size.
        ModuleText two = new ModuleText("m.ko", Arch.RISCV64, true,
                List.of(new TextSection(".text", 0, 42, 2), new TextSection(".text.asm", 0, 100, 2)), m.functions());
        assertEquals(166, Relayout.textBytes(two, RV_NOP_NOP, RV_CALL_OPS));
    }

    @Test
    void aFunctionNestedInAnotherIsCountedOnce() {
        ModuleText m = rv(30, traced("a", 0, 14), untraced("a_inner", 10, 4), traced("b", 14, 10), untraced("c", 24, 6));
        assertEquals(30, Relayout.textBytes(m, RV_NOP_NOP, RV_NOP_NOP));
        assertEquals(54, Relayout.textBytes(m, RV_NOP_NOP, RV_CALL_OPS));
    }

    @Test
    void functionsAreMeasuredFromTheSectionsAddressInAVmlinux() {
        long base = 0xffffffff80002000L;
        ModuleText m = new ModuleText("vmlinux", Arch.RISCV64, true, List.of(new TextSection(".text", base, 30, 4096)),
                List.of(new FunctionEntry("a", ".text", base, 14, 4096, true, 0, 8),
                        new FunctionEntry("b", ".text", base + 14, 10, 2, true, 0, 8),
                        new FunctionEntry("c", ".text", base + 24, 6, 8, false, 0, 0)));
        assertEquals(30, Relayout.textBytes(m, RV_NOP_NOP, RV_NOP_NOP));
        assertEquals(54, Relayout.textBytes(m, RV_NOP_NOP, RV_CALL_OPS));
    }

    /** arm64 built with CALL_OPS: a [0,0x2c) entry 8, b [0x30,0x60) entry 0x38, c untraced [0x60,0x78). */
    private static ModuleText arm64CallOps() {
        return new ModuleText("a.ko", Arch.ARM64, false, List.of(new TextSection(".text", 0, 0x78, 8)),
                List.of(new FunctionEntry("a", ".text", 8, 0x24, 8, true, 8, 8),
                        new FunctionEntry("b", ".text", 0x38, 0x28, 8, true, 8, 8),
                        new FunctionEntry("c", ".text", 0x60, 0x18, 8, false, 0, 0)));
    }

    @Test
    void preCallOpsDropsTheLiteralAndAlignsTo16OnlyWithin11Bytes() {
        ModuleText m = arm64CallOps();
        // pre-call-ops: a [0,0x24); 0x24 -> 0x30 would skip 12 > 11: b [0x24,0x4c);
        // 0x4c -> 0x50 skips 4: c [0x50,0x68).
        assertEquals(0x68, Relayout.textBytes(m, A64_CALL_OPS, A64_PRE));
        ModuleGrowth g = ModuleGrowth.of(m);
        assertEquals(-16, g.growth(Layout.PRE_CALL_OPS));
        assertEquals(0, g.growth(Layout.CALL_OPS));
    }

    @Test
    void patchAreaBeyondTheBuiltLayoutsIsKept() {
        // a has 12 NOP bytes at its entry where the build's layout has 8: it keeps the 4 extra.
        ModuleText m = rv(30, new FunctionEntry("a", ".text", 0, 14, 2, true, 0, 12), traced("b", 14, 10),
                untraced("c", 24, 6));
        // atomic: a [0,14) (2 bytes of body, 8 patch bytes and the 4 extra), b [16,26), c [28,34).
        assertEquals(34, Relayout.textBytes(m, RV_NOP_NOP, RV_ATOMIC));
    }
}
