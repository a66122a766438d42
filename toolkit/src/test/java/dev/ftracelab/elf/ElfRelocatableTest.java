package dev.ftracelab.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.isa.Arch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ET_REL objects compiled at test time from {@code patchable.c} with the kernel's
 * patchable-entry flags, like the objects a {@code .ko} is linked from: patch sites come from
 * {@code .rela__patchable_function_entries}, checked against readelf.
 */
class ElfRelocatableTest {
    @TempDir
    Path tmp;

    private Path compile(Arch arch, String... flags) throws IOException, InterruptedException {
        String gcc = Binutils.require(Binutils.prefix(arch) + "gcc");
        Path src = tmp.resolve("patchable.c");
        try (InputStream in = getClass().getResourceAsStream("patchable.c")) {
            Files.write(src, in.readAllBytes());
        }
        Path obj = tmp.resolve("patchable-" + arch + ".o");
        List<String> cmd = new ArrayList<>(List.of(gcc, "-O2", "-c", "-o", obj.toString(), src.toString()));
        cmd.addAll(List.of(flags));
        Binutils.run(cmd);
        return obj;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        // riscv64 with RVC: the kernel's 8,4 gives four 2-byte c.nop before the entry.
        "riscv64 | -fpatchable-function-entry=8,4 -falign-functions=8 -march=rv64gc -mabi=lp64d | 8",
        "riscv64 | -fpatchable-function-entry=4,2 -march=rv64gc -mabi=lp64d | 4",
        "riscv64 | -fpatchable-function-entry=4,2 -march=rv64g -mabi=lp64d | 8",
        "arm64 | -fpatchable-function-entry=4,2 -falign-functions=8 | 8",
        "arm64 | -fpatchable-function-entry=2 | 0",
    })
    void patchSitesComeFromRelocations(String archName, String flags, int nopBytesBeforeEntry) throws Exception {
        Arch arch = Arch.parse(archName);
        Path obj = compile(arch, flags.split(" "));
        ElfFile elf = ElfFile.read(obj);
        assertEquals(ElfType.REL, elf.type());
        assertEquals(arch, elf.arch());
        assertEquals(0, elf.entry());
        assertTrue(elf.segments().isEmpty());
        ElfFileTest.assertSectionsMatch(Binutils.sections(arch, obj), elf);
        ElfFileTest.assertSymbolsMatch(Binutils.symbols(arch, obj), elf);

        // Every RELA section, entry by entry, as readelf -r shows it.
        List<Binutils.RelocationRow> expected = Binutils.relocations(arch, obj);
        List<Binutils.RelocationRow> actual = new ArrayList<>();
        for (Section s : elf.sections()) {
            if (s.type() == Section.SHT_RELA) {
                for (Relocation r : elf.relocations(s)) {
                    actual.add(new Binutils.RelocationRow(s.name(), r.offset(),
                            ((long) r.symbolIndex() << 32) | Integer.toUnsignedLong(r.type()), r.addend()));
                }
            }
        }
        assertEquals(expected, actual);

        // The table's bytes are zeros; the sites are symbol + addend of its relocations.
        Section table = elf.section(ElfFile.PATCHABLE_FUNCTION_ENTRIES).orElseThrow();
        for (byte b : elf.contents(table)) {
            assertEquals(0, b);
        }
        List<PatchSite> sites = elf.patchSites();
        List<Binutils.RelocationRow> tableRelocs = expected.stream()
                .filter(r -> r.section().equals(".rela" + ElfFile.PATCHABLE_FUNCTION_ENTRIES)).toList();
        assertEquals(tableRelocs.size(), sites.size());
        for (int i = 0; i < sites.size(); i++) {
            PatchSite p = sites.get(i);
            Symbol sym = elf.symbols().get((int) (tableRelocs.get(i).info() >>> 32));
            assertEquals(tableRelocs.get(i).offset(), p.entryOffset());
            assertEquals(elf.sections().get(sym.sectionIndex()), p.section());
            assertEquals(sym.value() + tableRelocs.get(i).addend(), p.sectionOffset());
            assertTrue(p.section().isExecutable(), p::toString);
        }
        // Each site is the given number of NOP bytes before a function entry of this file.
        Map<String, Long> entries = new java.util.TreeMap<>();
        for (PatchSite p : sites) {
            Symbol f = elf.functionAt(p.section(), p.sectionOffset() + nopBytesBeforeEntry)
                    .orElseThrow(() -> new AssertionError("no function at " + p));
            assertEquals(p.sectionOffset() + nopBytesBeforeEntry, f.value(), f::toString);
            entries.put(f.name(), p.sectionOffset());
        }
        assertEquals(List.of("cold_fn", "helper", "traced_a", "traced_b", "weak_fn"), List.copyOf(entries.keySet()));
        assertEquals(".text.unlikely", sites.stream().filter(p -> p.section().name().equals(".text.unlikely"))
                .map(p -> p.section().name()).findFirst().orElse(""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"riscv64, -march=rv64gc", "arm64, -march=armv8-a"})
    void mcountLocIsReadLikePatchableEntries(String archName, String march) throws Exception {
        Arch arch = Arch.parse(archName);
        Path obj = compile(arch, "-fpatchable-function-entry=4,2", march);
        Path renamed = tmp.resolve("mcount.o");
        // What recordmcount produces: the same 8-byte entries, relocated, in __mcount_loc.
        Binutils.run(List.of(Binutils.require(Binutils.prefix(arch) + "objcopy"), "--rename-section",
                ElfFile.PATCHABLE_FUNCTION_ENTRIES + "=" + ElfFile.MCOUNT_LOC, obj.toString(), renamed.toString()));
        ElfFile before = ElfFile.read(obj);
        ElfFile after = ElfFile.read(renamed);
        assertFalse(after.section(ElfFile.PATCHABLE_FUNCTION_ENTRIES).isPresent());
        assertEquals(before.patchSites().stream().map(p -> p.section().name() + "+" + p.sectionOffset()).toList(),
                after.patchSites().stream().map(p -> p.section().name() + "+" + p.sectionOffset()).toList());
        assertTrue(after.patchSites().stream().allMatch(p -> p.table().equals(ElfFile.MCOUNT_LOC)));
        assertEquals(5, after.patchSites().size());
    }
}
