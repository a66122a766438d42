package dev.ftracelab.census;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.elf.Section;
import dev.ftracelab.elf.Symbol;
import dev.ftracelab.elf.SymbolType;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.testing.GuestObjects;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ModuleText#read} on relocatable objects compiled at test time from {@code census.c} with
 * the kernel's patchable-entry flags for each layout.
 */
class ModuleTextTest {
    @TempDir
    Path tmp;

    static ModuleText compileAndRead(Path dir, Arch arch, String flags) throws Exception {
        Path obj = GuestObjects.compile(arch, dir.resolve(arch + "-" + Math.abs(flags.hashCode()) + ".o"), flags.split(" "));
        return ModuleText.read(ElfFile.read(obj), "census.ko");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        // The kernel's riscv flags before CALL_OPS: four C.NOPs at the entry.
        "riscv64 | -march=rv64gc -mabi=lp64d -mno-relax -fpatchable-function-entry=4 | true | 0 | 8 | nop-nop | 2",
        // Without RVC: two 4-byte NOPs at the entry, functions 4-byte aligned.
        "riscv64 | -march=rv64g -mabi=lp64d -mno-relax -fpatchable-function-entry=2 | false | 0 | 8 | nop-nop | 4",
        // riscv CALL_OPS: four C.NOPs for the literal before the entry, four at it.
        "riscv64 | -march=rv64gc -mabi=lp64d -mno-relax -fpatchable-function-entry=8,4 -falign-functions=8 | true | 8 | 8 | call-ops | 8",
        "arm64 | -fpatchable-function-entry=4,2 -falign-functions=8 | false | 8 | 8 | call-ops | 8",
        "arm64 | -fpatchable-function-entry=2 | false | 0 | 8 | pre-call-ops | 4",
    })
    void readsFunctionsPatchAreasAndTheBuiltLayout(String archName, String flags, boolean rvc, int before, int after,
            String layout, int minAlignment) throws Exception {
        Arch arch = Arch.parse(archName);
        ModuleText m = compileAndRead(tmp, arch, flags);
        assertEquals("census.ko", m.module());
        assertEquals(arch, m.arch());
        assertEquals(rvc, m.rvc());

        // Every function once, the notrace one without a patch area.
        assertEquals(GuestObjects.FUNCTIONS.size(), m.functions().size(), m::toString);
        assertEquals(new TreeSet<>(GuestObjects.FUNCTIONS),
                m.functions().stream().map(FunctionEntry::name).collect(Collectors.toCollection(TreeSet::new)));
        assertEquals(GuestObjects.FUNCTIONS.size() - GuestObjects.NOTRACE.size(),
                m.functions().stream().filter(FunctionEntry::traceable).count(), m::toString);
        for (FunctionEntry f : m.functions()) {
            if (GuestObjects.NOTRACE.contains(f.name())) {
                assertFalse(f.traceable(), f::toString);
                assertEquals(0, f.patchBefore(), f::toString);
                assertEquals(0, f.patchAfter(), f::toString);
            } else {
                assertTrue(f.traceable(), f::toString);
                assertEquals(before, f.patchBefore(), f::toString);
                assertEquals(after, f.patchAfter(), f::toString);
            }
            assertTrue(f.alignment() >= minAlignment, f::toString);
            assertEquals(f.name().equals("init_fn") ? ".init.text" : ".text", f.section(), f::toString);
        }
        if (minAlignment == 8) { // -falign-functions=8 in 8-aligned sections: exactly 8 at least once
            assertEquals(8, m.functions().stream().mapToLong(FunctionEntry::alignment).min().orElseThrow());
        }

        // Entries and sizes are the symbols'.
        ElfFile elf = ElfFile.read(tmp.resolve(arch + "-" + Math.abs(flags.hashCode()) + ".o"));
        Map<String, Symbol> syms = elf.symbols().stream().filter(s -> s.type() == SymbolType.FUNC)
                .collect(Collectors.toMap(Symbol::name, Function.identity()));
        for (FunctionEntry f : m.functions()) {
            assertEquals(syms.get(f.name()).value(), f.address(), f::toString);
            assertEquals(syms.get(f.name()).size(), f.size(), f::toString);
            assertEquals(f.address() - f.patchBefore(), f.start());
            assertEquals(f.address() + f.size(), f.end());
        }

        // Text: every executable section, nothing else.
        long executable = elf.sections().stream().filter(s -> (s.flags() & Section.SHF_EXECINSTR) != 0)
                .mapToLong(Section::size).sum();
        assertEquals(executable, m.textBytes());
        assertEquals(Set.of(".text", ".init.text"), m.sections().stream().map(TextSection::name).collect(Collectors.toSet()));

        TextLayout built = m.builtLayout();
        assertEquals(Layout.parse(layout), built.layout());
        assertEquals(TextLayout.of(arch, Layout.parse(layout), rvc), built);
    }

    @Test
    void aModuleWithoutPatchSitesIsTracedByNothingAndToldByItsAlignment() throws Exception {
        ModuleText plain = compileAndRead(tmp, Arch.ARM64, "-falign-functions=4");
        assertEquals(5, plain.functions().size());
        assertTrue(plain.functions().stream().noneMatch(FunctionEntry::traceable));
        assertTrue(plain.functions().stream().allMatch(f -> f.patchBefore() == 0 && f.patchAfter() == 0));
        long least = plain.functions().stream().mapToLong(FunctionEntry::alignment).min().orElseThrow();
        assertEquals(least >= 8 ? Layout.CALL_OPS : Layout.PRE_CALL_OPS, plain.builtLayout().layout(), plain::toString);
        ModuleText aligned = compileAndRead(tmp, Arch.ARM64, "-falign-functions=8");
        assertTrue(aligned.functions().stream().noneMatch(FunctionEntry::traceable));
        assertEquals(Layout.CALL_OPS, aligned.builtLayout().layout(), "every function 8-byte aligned: a CALL_OPS build");
    }

    private static FunctionEntry f(long address, long alignment, boolean traceable, int before) {
        return new FunctionEntry("f" + address, ".text", address, 4, alignment, traceable, before, traceable ? 8 : 0);
    }

    private static ModuleText arm64(FunctionEntry... fs) {
        return new ModuleText("m.ko", Arch.ARM64, false, List.of(new TextSection(".text", 0, 0x1000, 16)), List.of(fs));
    }

    @Test
    void theBuiltLayoutIsToldByTheMedianLiteralSlotOrTheLeastAlignment() {
        // Traceable functions: the median of their bytes before the entry; untraceable ones do not count.
        assertEquals(Layout.CALL_OPS, arm64(f(0x10, 16, true, 0), f(0x20, 16, true, 8), f(0x38, 8, true, 8),
                f(0x44, 4, false, 0)).builtLayout().layout());
        assertEquals(Layout.PRE_CALL_OPS, arm64(f(0x10, 16, true, 0), f(0x20, 16, true, 0), f(0x38, 8, true, 8),
                f(0x40, 64, false, 0), f(0x48, 8, false, 0)).builtLayout().layout());
        // No patch sites: 8-byte alignment everywhere means -falign-functions=8.
        assertEquals(Layout.CALL_OPS, arm64(f(0x10, 16, false, 0), f(0x28, 8, false, 0)).builtLayout().layout());
        assertEquals(Layout.PRE_CALL_OPS, arm64(f(0x10, 16, false, 0), f(0x24, 4, false, 0)).builtLayout().layout());
        assertEquals(Layout.PRE_CALL_OPS, arm64(f(0x10, 16, false, 0)).builtLayout().layout(), "one function tells nothing");
    }

    @Test
    void nopBytesAreCountedPerArch() {
        byte[] rv = {0x01, 0x00, 0x01, 0x00, 0x13, 0x00, 0x00, 0x00, 0x01, 0x00, (byte) 0x82, (byte) 0x80};
        assertEquals(10, ModuleText.nopBytesAt(Arch.RISCV64, rv, 0, rv.length), "c.nop, c.nop, nop, c.nop");
        assertEquals(6, ModuleText.nopBytesAt(Arch.RISCV64, rv, 4, rv.length - 4));
        assertEquals(4, ModuleText.nopBytesAt(Arch.RISCV64, rv, 0, 4), "not past the function's end");
        byte[] a64 = {0x1f, 0x20, 0x03, (byte) 0xd5, 0x1f, 0x20, 0x03, (byte) 0xd5, (byte) 0xc0, 0x03, 0x5f, (byte) 0xd6};
        assertEquals(8, ModuleText.nopBytesAt(Arch.ARM64, a64, 0, a64.length));
        assertEquals(0, ModuleText.nopBytesAt(Arch.ARM64, rv, 0, rv.length), "a C.NOP is no arm64 NOP");
    }

    @Test
    void alignmentIsTheLowestSetBitCappedBySectionAlignment() {
        assertEquals(8, ModuleText.alignmentOf(0x38, 8));
        assertEquals(8, ModuleText.alignmentOf(0x60, 8), "0x60 is 32-aligned, but the section only 8");
        assertEquals(2, ModuleText.alignmentOf(0x22, 16));
        assertEquals(16, ModuleText.alignmentOf(0, 16), "offset 0 is as aligned as its section");
        assertEquals(4, ModuleText.alignmentOf(0, 6), "a cap that is no power of two rounds down");
    }

    @Test
    void textBytesSumsSectionsAndBuiltLayoutNeedsNoFunctions() {
        ModuleText m = new ModuleText("m", Arch.RISCV64, true,
                List.of(new TextSection(".text", 0, 100, 2), new TextSection(".init.text", 0, 28, 4)), List.of());
        assertEquals(128, m.textBytes());
        assertEquals(TextLayout.of(Arch.RISCV64, Layout.NOP_NOP, true), m.builtLayout());
    }
}
