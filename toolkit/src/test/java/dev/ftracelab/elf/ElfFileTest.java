package dev.ftracelab.elf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.emu.GuestCorpus;
import dev.ftracelab.isa.Arch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The reader on the committed guest corpus, checked against binutils' readelf. */
class ElfFileTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> corpus() {
        List<Arguments> out = new ArrayList<>();
        for (Arch arch : Arch.values()) {
            for (String name : GuestCorpus.names(arch)) {
                out.add(Arguments.of(arch, name));
                out.add(Arguments.of(arch, name + ".pfe"));
            }
        }
        return out.stream();
    }

    @Test
    void corpusIndexListsThePrograms() {
        for (Arch arch : Arch.values()) {
            List<String> names = GuestCorpus.names(arch);
            assertTrue(names.size() >= 10, names::toString);
            assertTrue(names.containsAll(List.of("arith", "bench", "hash", "switch", "atomics")), names::toString);
        }
        assertTrue(GuestCorpus.names(Arch.ARM64).contains("atomics-lse"));
        var e = assertThrows(dev.ftracelab.util.BadInputException.class, () -> GuestCorpus.bytes(Arch.RISCV64, "nope"));
        assertTrue(e.getMessage().contains("expected one of arith"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("corpus")
    void corpusProgramsParse(Arch arch, String name) {
        ElfFile elf = GuestCorpus.load(arch, name);
        assertEquals(arch, elf.arch());
        assertEquals(ElfType.EXEC, elf.type());
        assertEquals(elf.symbol("_start").orElseThrow().value(), elf.entry());
        Symbol main = elf.symbol("main").orElseThrow();
        assertEquals(SymbolType.FUNC, main.type());
        assertEquals(SymbolBinding.GLOBAL, main.binding());
        assertEquals(main, elf.functionAt(main.value() + main.size() - 1).orElseThrow());
        assertFalse(elf.functionAt(0).isPresent());

        Section text = elf.section(".text").orElseThrow();
        assertTrue(text.isExecutable() && text.isAllocated());
        Segment load = elf.segments().stream().filter(s -> s.isLoad() && (s.flags() & Segment.PF_X) != 0).findFirst().orElseThrow();
        byte[] seg = elf.segmentBytes(load);
        assertEquals(load.fileSize(), seg.length);
        // .text as seen through its section and through the executable segment that maps it.
        int at = (int) (text.address() - load.vaddr());
        assertArrayEquals(elf.contents(text), Arrays.copyOfRange(seg, at, at + (int) text.size()));

        boolean pfe = name.endsWith(".pfe");
        assertEquals(pfe, elf.section(ElfFile.PATCHABLE_FUNCTION_ENTRIES).isPresent());
        if (!pfe) {
            assertEquals(List.of(), elf.patchSites());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("corpus")
    void sectionsAndSymbolsMatchReadelf(Arch arch, String name) throws Exception {
        Path file = tmp.resolve(name + ".elf");
        Files.write(file, GuestCorpus.bytes(arch, name));
        ElfFile elf = ElfFile.read(file);
        assertSectionsMatch(Binutils.sections(arch, file), elf);
        assertSymbolsMatch(Binutils.symbols(arch, file), elf);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("corpus")
    void patchSitesMatchReadelfAndPrecedeTheirFunction(Arch arch, String name) throws Exception {
        if (!name.endsWith(".pfe")) {
            return;
        }
        Path file = tmp.resolve(name + ".elf");
        Files.write(file, GuestCorpus.bytes(arch, name));
        ElfFile elf = ElfFile.read(file);
        ByteBuffer dump = ByteBuffer.wrap(Binutils.hexDump(arch, file, ElfFile.PATCHABLE_FUNCTION_ENTRIES))
                .order(ByteOrder.LITTLE_ENDIAN);
        List<Long> expected = new ArrayList<>();
        while (dump.remaining() >= 8) {
            expected.add(dump.getLong());
        }
        List<PatchSite> sites = elf.patchSites();
        assertEquals(expected, sites.stream().map(PatchSite::address).toList());
        // Both builds put two 4-byte (arm64) or four 2-byte (riscv64 with RVC) NOPs before the entry.
        for (PatchSite p : sites) {
            assertEquals(".text", p.section().name());
            assertEquals(p.address() - p.section().address(), p.sectionOffset());
            Symbol f = elf.functionAt(p.address() + 8).orElseThrow(() -> new AssertionError("no function after " + p));
            assertEquals(p.address() + 8, f.value(), f::toString);
        }
        long functions = elf.symbols().stream().filter(s -> s.type() == SymbolType.FUNC && !s.name().equals("_start")).count();
        assertEquals(functions, sites.size());
    }

    static void assertSectionsMatch(List<Binutils.SectionRow> rows, ElfFile elf) {
        assertEquals(rows.size(), elf.sections().size());
        for (Binutils.SectionRow r : rows) {
            Section s = elf.sections().get(r.index());
            String where = r.toString();
            assertEquals(r.name(), s.name(), where);
            assertEquals(r.address(), s.address(), where);
            assertEquals(r.offset(), s.offset(), where);
            assertEquals(r.size(), s.size(), where);
            assertEquals(r.entrySize(), s.entrySize(), where);
            assertEquals(r.link(), s.link(), where);
            assertEquals(r.info(), s.info(), where);
            assertEquals(r.alignment(), s.alignment(), where);
            assertEquals(r.flags().contains("X"), s.isExecutable(), where);
            assertEquals(r.flags().contains("A"), s.isAllocated(), where);
            assertEquals(r.flags().contains("W"), (s.flags() & Section.SHF_WRITE) != 0, where);
            String type = switch (s.type()) {
                case Section.SHT_NULL -> "NULL";
                case Section.SHT_PROGBITS -> "PROGBITS";
                case Section.SHT_SYMTAB -> "SYMTAB";
                case Section.SHT_STRTAB -> "STRTAB";
                case Section.SHT_RELA -> "RELA";
                case Section.SHT_NOBITS -> "NOBITS";
                default -> r.type();
            };
            assertEquals(r.type(), type, where);
        }
    }

    static void assertSymbolsMatch(List<Binutils.SymbolRow> rows, ElfFile elf) {
        assertEquals(rows.size(), elf.symbols().size());
        for (Binutils.SymbolRow r : rows) {
            Symbol s = elf.symbols().get(r.index());
            String where = r.toString();
            assertEquals(r.index(), s.index(), where);
            // readelf shows an unnamed SECTION symbol under its section's name.
            String name = s.type() == SymbolType.SECTION && s.name().isEmpty() && s.isInSection()
                    ? elf.sections().get(s.sectionIndex()).name() : s.name();
            assertEquals(r.name(), name, where);
            assertEquals(r.value(), s.value(), where);
            assertEquals(r.size(), s.size(), where);
            String type = List.of("NOTYPE", "OBJECT", "FUNC", "SECTION", "FILE").contains(r.type()) ? r.type() : "OTHER";
            assertEquals(type, s.type().name(), where);
            String bind = List.of("LOCAL", "GLOBAL", "WEAK").contains(r.binding()) ? r.binding() : "OTHER";
            assertEquals(bind, s.binding().name(), where);
            int ndx = switch (r.ndx()) {
                case "UND" -> Symbol.SHN_UNDEF;
                case "ABS" -> Symbol.SHN_ABS;
                case "COM" -> Symbol.SHN_COMMON;
                default -> Integer.parseInt(r.ndx());
            };
            assertEquals(ndx, s.sectionIndex(), where);
        }
    }
}
