package dev.ftracelab.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ftracelab.emu.GuestCorpus;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken inputs are rejected with the offset of the bad field and what was expected. */
class ElfMalformedTest {
    static final String SRC = "t.elf";

    /** A committed executable with a symbol table and a patch-site table. */
    static byte[] exec() {
        return GuestCorpus.bytes(Arch.RISCV64, "strfmt.pfe");
    }

    /** A relocatable object (the fuzz seed compiled from patchable.c with -fpatchable-function-entry=8,4). */
    static byte[] rel() throws IOException {
        try (InputStream in = ElfMalformedTest.class.getResourceAsStream("ElfFuzzTestInputs/parse/rel-riscv64-pfe.o")) {
            return in.readAllBytes();
        }
    }

    static byte[] patch(byte[] base, Consumer<ByteBuffer> edit) {
        byte[] copy = base.clone();
        edit.accept(ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN));
        return copy;
    }

    static void assertRejected(byte[] data, String location, String reason) {
        BadInputException e = assertThrows(BadInputException.class, () -> {
            ElfFile elf = ElfFile.parse(data, SRC);
            elf.patchSites();
        });
        assertEquals(SRC + ":" + location + ": " + reason, e.getMessage());
    }

    static Section section(byte[] data, String name) {
        return ElfFile.parse(data, SRC).section(name).orElseThrow();
    }

    static long shdr(byte[] data, Section s) {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong(40) + 64L * s.index();
    }

    @Test
    void identification() {
        byte[] ok = exec();
        assertRejected(new byte[0], "offset 0x0", "truncated: file is 0 bytes, expected ELF magic 7f 45 4c 46");
        assertRejected(Arrays.copyOf(ok, 3), "offset 0x3", "truncated: file is 3 bytes, expected ELF magic 7f 45 4c 46");
        assertRejected(new byte[] {'M', 'Z', 0, 0, 0}, "offset 0x0", "expected ELF magic 7f 45 4c 46, got 4d 5a 00 00");
        assertRejected(Arrays.copyOf(ok, 10), "offset 0xa", "truncated: file is 10 bytes, expected a 16-byte e_ident");
        assertRejected(patch(ok, b -> b.put(4, (byte) 1)), "offset 0x4", "expected ELFCLASS64 (2), got 1");
        assertRejected(patch(ok, b -> b.put(5, (byte) 2)), "offset 0x5", "expected ELFDATA2LSB (1, little-endian), got 2 (big-endian)");
        assertRejected(patch(ok, b -> b.put(6, (byte) 0)), "offset 0x6", "expected EI_VERSION EV_CURRENT (1), got 0");
        assertRejected(Arrays.copyOf(ok, 40), "offset 0x28", "truncated: file is 40 bytes, expected a 64-byte ELF64 header");
    }

    @Test
    void headerFields() {
        byte[] ok = exec();
        assertRejected(patch(ok, b -> b.putShort(16, (short) 4)), "offset 0x10",
                "expected e_type ET_REL (1), ET_EXEC (2) or ET_DYN (3), got 4 (ET_CORE)");
        assertRejected(patch(ok, b -> b.putShort(18, (short) 62)), "offset 0x12",
                "unsupported e_machine 62 (EM_X86_64): expected EM_RISCV (243) or EM_AARCH64 (183)");
        assertRejected(patch(ok, b -> b.putShort(52, (short) 52)), "offset 0x34", "expected e_ehsize (64), got 52");
        assertRejected(patch(ok, b -> b.putShort(58, (short) 40)), "offset 0x3a", "expected e_shentsize 64, got 40");
        assertRejected(patch(ok, b -> b.putShort(54, (short) 32)), "offset 0x36", "expected e_phentsize 56, got 32");
    }

    @Test
    void tablesOutOfBounds() {
        byte[] ok = exec();
        int len = ok.length;
        assertRejected(patch(ok, b -> b.putLong(40, len - 10)), "offset 0x28", "section header table at 0x"
                + Integer.toHexString(len - 10) + " (1 entry of 64 bytes) extends past the end of the file (0x"
                + Integer.toHexString(len) + " bytes)");
        assertRejected(patch(ok, b -> b.putLong(40, 0xffffffffffffff00L)), "offset 0x28", "section header table at "
                + "0xffffffffffffff00 (1 entry of 64 bytes) extends past the end of the file (0x" + Integer.toHexString(len) + " bytes)");
        long shoff = ByteBuffer.wrap(ok).order(ByteOrder.LITTLE_ENDIAN).getLong(40);
        assertRejected(patch(ok, b -> b.putShort(60, (short) 0x7fff)), "offset 0x28", "section header table at 0x"
                + Long.toHexString(shoff) + " (32767 entries of 64 bytes) extends past the end of the file (0x" + Integer.toHexString(len) + " bytes)");
        assertRejected(patch(ok, b -> b.putLong(32, 0x7fffffffffffffffL)), "offset 0x20", "program header table at "
                + "0x7fffffffffffffff (" + ElfFile.parse(ok, SRC).segments().size() + " entries of 56 bytes) extends past the end of the file (0x"
                + Integer.toHexString(len) + " bytes)");
        assertRejected(patch(ok, b -> b.putShort(62, (short) 200)), "offset 0x3e",
                "e_shstrndx 200 is out of range: expected below e_shnum (" + ElfFile.parse(ok, SRC).sections().size() + ")");
        // Truncating the file cuts off the section header table at its end.
        assertRejected(Arrays.copyOf(ok, len / 2), "offset 0x28", "section header table at 0x" + Long.toHexString(shoff)
                + " (1 entry of 64 bytes) extends past the end of the file (0x" + Integer.toHexString(len / 2) + " bytes)");
    }

    @Test
    void sectionAndSegmentSizes() {
        byte[] ok = exec();
        Section text = section(ok, ".text");
        long h = shdr(ok, text);
        assertRejected(patch(ok, b -> b.putLong((int) h + 32, 0x7fffffffffffffffL)), "offset 0x" + Long.toHexString(h + 24),
                "section 1 (.text) at file offset 0x" + Long.toHexString(text.offset())
                        + " with size 0x7fffffffffffffff extends past the end of the file (0x" + Integer.toHexString(ok.length) + " bytes)");
        assertRejected(patch(ok, b -> b.putLong((int) h + 24, -8)), "offset 0x" + Long.toHexString(h + 24),
                "section 1 (.text) at file offset 0xfffffffffffffff8 with size 0x" + Long.toHexString(text.size())
                        + " extends past the end of the file (0x" + Integer.toHexString(ok.length) + " bytes)");
        assertRejected(patch(ok, b -> b.putInt((int) h, 0x7ffffff0)), "offset 0x" + Long.toHexString(h),
                "sh_name of section 1 is 0x7ffffff0: expected an offset below the size of the section name string table (section "
                        + (ElfFile.parse(ok, SRC).sections().size() - 1) + ") (0x" + Long.toHexString(section(ok, ".shstrtab").size()) + ")");
        long ph = ByteBuffer.wrap(ok).order(ByteOrder.LITTLE_ENDIAN).getLong(32);
        assertRejected(patch(ok, b -> b.putLong((int) ph + 32, 0xfffffffffffff000L)), "offset 0x" + Long.toHexString(ph + 8),
                "program header 0 at file offset 0x" + Long.toHexString(ElfFile.parse(ok, SRC).segments().get(0).offset())
                        + " with p_filesz 0xfffffffffffff000 extends past the end of the file (0x" + Integer.toHexString(ok.length) + " bytes)");
        Segment load = ElfFile.parse(ok, SRC).segments().stream().filter(Segment::isLoad).findFirst().orElseThrow();
        int i = ElfFile.parse(ok, SRC).segments().indexOf(load);
        long lh = ph + 56L * i;
        assertRejected(patch(ok, b -> b.putLong((int) lh + 40, 0)), "offset 0x" + Long.toHexString(lh + 40),
                "program header " + i + ": expected p_memsz (0x0) >= p_filesz (0x" + Long.toHexString(load.fileSize()) + ")");
    }

    /** GNU ld gives a .bss-only segment the offset its contents would have: past the end of the file. */
    @Test
    void emptySegmentsAndSectionsMaySitPastTheEnd() {
        byte[] ok = exec();
        long ph = ByteBuffer.wrap(ok).order(ByteOrder.LITTLE_ENDIAN).getLong(32);
        byte[] bssOnly = patch(ok, b -> {
            b.putLong((int) ph + 8, ok.length + 0x1000L); // p_offset
            b.putLong((int) ph + 32, 0);                // p_filesz
        });
        ElfFile elf = ElfFile.parse(bssOnly, SRC);
        assertEquals(ok.length + 0x1000L, elf.segments().get(0).offset());
        assertEquals(0, elf.segmentBytes(elf.segments().get(0)).length);
        Section text = section(ok, ".text");
        long h = shdr(ok, text);
        byte[] empty = patch(ok, b -> {
            b.putLong((int) h + 24, ok.length + 0x1000L); // sh_offset
            b.putLong((int) h + 32, 0);                   // sh_size
        });
        assertEquals(0, section(empty, ".text").size());
        ElfFile withEmpty = ElfFile.parse(empty, SRC);
        assertEquals(0, withEmpty.contents(withEmpty.section(".text").orElseThrow()).length);
    }

    @Test
    void symbolTable() {
        byte[] ok = exec();
        Section symtab = section(ok, ".symtab");
        Section strtab = section(ok, ".strtab");
        long h = shdr(ok, symtab);
        assertRejected(patch(ok, b -> b.putLong((int) h + 56, 16)), "offset 0x" + Long.toHexString(h + 56),
                "symbol table " + symtab.index() + " (.symtab): expected sh_entsize 24, got 16");
        assertRejected(patch(ok, b -> b.putLong((int) h + 32, symtab.size() - 1)), "offset 0x" + Long.toHexString(h + 32),
                "symbol table " + symtab.index() + " (.symtab) has size 0x" + Long.toHexString(symtab.size() - 1)
                        + ": expected a multiple of 24 bytes in the file");
        assertRejected(patch(ok, b -> b.putInt((int) h + 40, 0)), "offset 0x" + Long.toHexString(h + 40),
                "section " + symtab.index() + " (.symtab): sh_link 0 should name its string table, expected a section index in 1.."
                        + (ElfFile.parse(ok, SRC).sections().size() - 1));
        assertRejected(patch(ok, b -> b.putInt((int) h + 40, 1)), "offset 0x" + Long.toHexString(h + 40),
                "section " + symtab.index() + " (.symtab): expected sh_link to name a string table (type 3), got section 1 of type 1");
        // Symbol 1's section index beyond the section table; symbol 2's name beyond the string table.
        long sym1 = symtab.offset() + 24;
        assertRejected(patch(ok, b -> b.putShort((int) sym1 + 6, (short) 0x1234)), "offset 0x" + Long.toHexString(sym1 + 6),
                "symbol 1 has section index 4660: expected below e_shnum (" + ElfFile.parse(ok, SRC).sections().size()
                        + ") or a reserved index (ABS, COMMON)");
        long sym2 = symtab.offset() + 48;
        assertRejected(patch(ok, b -> b.putInt((int) sym2, 0x10000)), "offset 0x" + Long.toHexString(sym2),
                "st_name of symbol 2 is 0x10000: expected an offset below the size of the string table .strtab (0x"
                        + Long.toHexString(strtab.size()) + ")");
        // The last string loses its terminating NUL.
        long last = strtab.offset() + strtab.size() - 1;
        Symbol lastNamed = ElfFile.parse(ok, SRC).symbols().stream()
                .filter(s -> !s.name().isEmpty() && ok[(int) (strtab.offset() + strtab.size() - 2 - s.name().length() + 1) - 1] == 0
                        && new String(ok, (int) (last - s.name().length()), s.name().length()).equals(s.name()))
                .findFirst().orElseThrow();
        assertRejected(patch(ok, b -> b.put((int) last, (byte) 'x')), "offset 0x" + Long.toHexString(last - lastNamed.name().length()),
                "st_name of symbol " + lastNamed.index() + ": expected a NUL-terminated string inside the string table .strtab");
    }

    @Test
    void patchSitesInExecutables() {
        byte[] ok = exec();
        Section table = section(ok, ElfFile.PATCHABLE_FUNCTION_ENTRIES);
        long h = shdr(ok, table);
        assertRejected(patch(ok, b -> b.putLong((int) table.offset() + 8, 0x1234)), "offset 0x" + Long.toHexString(table.offset() + 8),
                "__patchable_function_entries entry 0x1234: expected an address inside an allocated section");
        assertRejected(patch(ok, b -> b.putLong((int) h + 32, table.size() - 4)), "offset 0x" + Long.toHexString(h + 32),
                "section " + table.index() + " (__patchable_function_entries) has size 0x" + Long.toHexString(table.size() - 4)
                        + ": expected a multiple of 8 (64-bit entries)");
        // Zeroed entries (discarded weak functions in vmlinux) are skipped.
        int sites = ElfFile.parse(ok, SRC).patchSites().size();
        assertEquals(sites - 1, ElfFile.parse(patch(ok, b -> b.putLong((int) table.offset(), 0)), SRC).patchSites().size());
    }

    @Test
    void patchSitesInRelocatableObjects() throws IOException {
        byte[] ok = rel();
        Section rela = section(ok, ".rela" + ElfFile.PATCHABLE_FUNCTION_ENTRIES);
        Section symtab = section(ok, ".symtab");
        ElfFile elf = ElfFile.parse(ok, SRC);
        assertEquals(5, elf.patchSites().size());
        long r0 = rela.offset();
        String name = rela.name();
        assertRejected(patch(ok, b -> b.putInt((int) r0 + 8, 3)), "offset 0x" + Long.toHexString(r0 + 8),
                "relocation 0 in " + name + ": expected R_RISCV_64 (2) for a 64-bit patch-site entry, got type 3");
        assertRejected(patch(ok, b -> b.putInt((int) r0 + 12, 100000)), "offset 0x" + Long.toHexString(r0 + 8),
                "relocation 0 in " + name + " refers to symbol 100000: expected below " + symtab.size() / 24
                        + " (the size of its symbol table)");
        assertRejected(patch(ok, b -> b.putLong((int) r0, 0x1000)), "offset 0x" + Long.toHexString(r0),
                "relocation 0 in " + name + " at r_offset 0x1000: expected an 8-byte-aligned entry inside __patchable_function_entries (0x28 bytes)");
        Symbol target = elf.symbols().get((int) (ByteBuffer.wrap(ok).order(ByteOrder.LITTLE_ENDIAN).getLong((int) r0 + 8) >>> 32));
        Section text = elf.sections().get(target.sectionIndex());
        assertRejected(patch(ok, b -> b.putLong((int) r0 + 16, 0x100000)), "offset 0x" + Long.toHexString(r0 + 16),
                "relocation 0 in " + name + " points to offset 0x" + Long.toHexString(target.value() + 0x100000) + " of section "
                        + text.name() + ": expected below its size 0x" + Long.toHexString(text.size()));
        // Undefined symbol (symbol 0) as the target.
        assertRejected(patch(ok, b -> b.putInt((int) r0 + 12, 0)), "offset 0x" + Long.toHexString(r0 + 8),
                "relocation 0 in " + name + " refers to symbol 0: expected a symbol defined in a section");
    }

    @Test
    void readNamesTheFile(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("broken.ko");
        Files.write(f, patch(exec(), b -> b.put(4, (byte) 1)));
        BadInputException e = assertThrows(BadInputException.class, () -> ElfFile.read(f));
        assertEquals(f + ":offset 0x4: expected ELFCLASS64 (2), got 1", e.getMessage());
        BadInputException missing = assertThrows(BadInputException.class, () -> ElfFile.read(tmp.resolve("missing.ko")));
        assertEquals(tmp.resolve("missing.ko").toString(), missing.source().orElseThrow());
    }

    @Test
    void nobitsContentsAreZerosButCapped() {
        ElfFile elf = ElfFile.parse(exec(), SRC);
        Section sbss = elf.sections().stream().filter(Section::isNobits).findFirst().orElseThrow();
        byte[] zeros = elf.contents(sbss);
        assertEquals(sbss.size(), zeros.length);
        for (byte b : zeros) {
            assertEquals(0, b);
        }
        byte[] big = patch(exec(), b -> b.putLong((int) shdr(exec(), sbss) + 32, 1L << 40));
        ElfFile bigElf = ElfFile.parse(big, SRC);
        BadInputException e = assertThrows(BadInputException.class, () -> bigElf.contents(bigElf.sections().get(sbss.index())));
        assertEquals(SRC + ":offset 0x" + Long.toHexString(shdr(exec(), sbss) + 32) + ": NOBITS section " + sbss.index() + " ("
                + sbss.name() + ") has size 0x10000000000: expected at most 64 MiB to materialise as zeros", e.getMessage());
    }
}
