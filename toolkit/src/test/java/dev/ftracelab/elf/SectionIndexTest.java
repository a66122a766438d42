package dev.ftracelab.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ftracelab.emu.GuestCorpus;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Patch sites find their section through an index: right answers with thousands of sections. */
class SectionIndexTest {
    static final long EXEC = Section.SHF_ALLOC | Section.SHF_EXECINSTR;

    static Section s(int index, long flags, long address, long size) {
        return new Section(index, "s" + index, Section.SHT_PROGBITS, flags, address, 0, size, 4, 0, 0, 0);
    }

    @Test
    void executableFirstThenTheFirstAllocatedInTableOrder() {
        List<Section> all = List.of(
                new Section(0, "", Section.SHT_NULL, 0, 0, 0, 0, 0, 0, 0, 0),
                s(1, Section.SHF_ALLOC, 0x1000, 0x100),      // data over [0x1000, 0x1100)
                s(2, EXEC, 0x1080, 0x100),                   // text over [0x1080, 0x1180)
                s(3, Section.SHF_ALLOC, 0x1000, 0x400),      // a later data section over both
                s(4, 0, 0x5000, 0x100),                      // not allocated: never an answer
                s(5, EXEC, 0xffff_ffff_ffff_fff0L, 0x20));   // wraps past 2^64: [..fff0, 2^64) and [0, 0x10)
        SectionIndex index = new SectionIndex(all);
        assertSame(all.get(1), index.containing(0x1000));
        assertSame(all.get(1), index.containing(0x107f));
        assertSame(all.get(2), index.containing(0x1080), "executable wins over the data section");
        assertSame(all.get(2), index.containing(0x117f));
        assertSame(all.get(3), index.containing(0x1180));
        assertSame(all.get(3), index.containing(0x13ff));
        assertNull(index.containing(0x1400));
        assertNull(index.containing(0x5000));
        assertSame(all.get(5), index.containing(0xffff_ffff_ffff_fff0L));
        assertSame(all.get(5), index.containing(-1L));
        assertSame(all.get(5), index.containing(0xf));
        assertNull(index.containing(0x10));
        assertNull(index.containing(0xfff));
    }

    /**
     * strfmt.pfe with 5,000 more one-word executable sections and a second patch table whose
     * entries point into them in reverse order (so no "last section found" guess helps): each
     * site is found in its own section, and one entry outside every section is refused.
     */
    @Test
    void thousandsOfSectionsEachSiteInItsOwnSection() {
        int n = 5000;
        byte[] base = GuestCorpus.bytes(Arch.RISCV64, "strfmt.pfe");
        ElfFile plain = ElfFile.parse(base, "t.elf");
        Section text = plain.section(".text").orElseThrow();
        Section table = plain.section(ElfFile.PATCHABLE_FUNCTION_ENTRIES).orElseThrow();
        int sitesBefore = plain.patchSites().size();
        ByteBuffer in = ByteBuffer.wrap(base).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = in.getLong(40);
        int shnum = in.getShort(60) & 0xffff;
        int textName = in.getInt((int) shoff + 64 * text.index());
        int tableName = in.getInt((int) shoff + 64 * table.index());

        // payload: one nop per new section, then the new table of n entries
        int payload = (base.length + 7) & ~7;
        int entries = payload + 4 * n;
        int newShoff = (entries + 8 * n + 7) & ~7;
        byte[] out = Arrays.copyOf(base, newShoff + 64 * (shnum + n + 1));
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        System.arraycopy(base, (int) shoff, out, newShoff, 64 * shnum);
        b.putLong(40, newShoff);
        b.putShort(60, (short) (shnum + n + 1));
        long at = 0x100_0000L;
        for (int i = 0; i < n; i++) {
            b.putInt(payload + 4 * i, 0x13);
            int h = newShoff + 64 * (shnum + i);
            b.putInt(h, textName);
            b.putInt(h + 4, Section.SHT_PROGBITS);
            b.putLong(h + 8, EXEC);
            b.putLong(h + 16, at + 0x10L * i); // gaps between sections: misses in between
            b.putLong(h + 24, payload + 4L * i);
            b.putLong(h + 32, 4);
            b.putLong(entries + 8 * i, at + 0x10L * (n - 1 - i));
        }
        int h = newShoff + 64 * (shnum + n);
        b.putInt(h, tableName);
        b.putInt(h + 4, Section.SHT_PROGBITS);
        b.putLong(h + 24, entries);
        b.putLong(h + 32, 8L * n);
        b.putLong(h + 48, 8);

        ElfFile elf = ElfFile.parse(out, "t.elf");
        List<PatchSite> sites = elf.patchSites();
        assertEquals(sitesBefore + n, sites.size());
        List<PatchSite> added = new ArrayList<>(sites.subList(sitesBefore, sites.size()));
        for (int i = 0; i < n; i++) {
            PatchSite p = added.get(i);
            int expected = shnum + (n - 1 - i);
            assertEquals(expected, p.section().index(), "entry " + i);
            assertEquals(at + 0x10L * (n - 1 - i), p.address());
            assertEquals(0, p.sectionOffset());
        }

        // an entry in a gap between two new sections names its offset in the table
        b.putLong(entries + 8 * 7, at + 0x10L * 3 + 4);
        BadInputException e = assertThrows(BadInputException.class, () -> ElfFile.parse(out, "t.elf").patchSites());
        assertEquals("t.elf:offset 0x" + Long.toHexString(entries + 8L * 7) + ": " + ElfFile.PATCHABLE_FUNCTION_ENTRIES
                + " entry 0x" + Long.toHexString(at + 0x34) + ": expected an address inside an allocated section", e.getMessage());
    }
}
