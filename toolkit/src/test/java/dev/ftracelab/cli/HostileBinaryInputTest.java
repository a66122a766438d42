package dev.ftracelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.elf.Section;
import dev.ftracelab.elf.Symbol;
import dev.ftracelab.emu.GuestCorpus;
import dev.ftracelab.isa.Arch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, binary inputs: hostile ELF files, special files and options given to disasm, run,
 * reach, census (and the text readers sharing the regular-file check) end with exit status 2 and
 * a located one-line message, in bounded time and memory. Every input is generated here.
 */
class HostileBinaryInputTest {
    @TempDir
    Path tmp;

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    static void assertBadInput(Run r, String expected) {
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("ftrace-lab: "), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    /** strfmt.pfe.elf (riscv64): .text, .rodata, __patchable_function_entries, .sbss, .symtab; 4 PT_LOAD. */
    static byte[] exec() {
        return GuestCorpus.bytes(Arch.RISCV64, "strfmt.pfe");
    }

    static byte[] patch(byte[] base, Consumer<ByteBuffer> edit) {
        byte[] copy = base.clone();
        edit.accept(ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN));
        return copy;
    }

    static long shdr(byte[] data, int index) {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong(40) + 64L * index;
    }

    /** File offset of program header {@code i}. */
    static int phdr(byte[] data, int i) {
        return (int) ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong(32) + 56 * i;
    }

    /** Index of the writable PT_LOAD (holds .sbss). */
    static int dataSegment(byte[] data) {
        var segs = ElfFile.parse(data, "t").segments();
        for (int i = 0; i < segs.size(); i++) {
            if (segs.get(i).isLoad() && (segs.get(i).flags() & 2) != 0) {
                return i;
            }
        }
        throw new AssertionError("no writable PT_LOAD");
    }

    /**
     * {@code base} with {@code extra} more section headers appended (a new table at the end of the
     * file), each filled in by {@code fill(buffer, headerOffset, i)}; {@code payload} is placed
     * before the new table and its file offset passed on as {@code payloadOffset}.
     */
    static byte[] withSections(byte[] base, int extra, byte[] payload, SectionFiller fill) {
        ByteBuffer in = ByteBuffer.wrap(base).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = in.getLong(40);
        int shnum = in.getShort(60) & 0xffff;
        int payloadOffset = (base.length + 7) & ~7;
        int newShoff = (payloadOffset + payload.length + 7) & ~7;
        byte[] out = Arrays.copyOf(base, newShoff + 64 * (shnum + extra));
        System.arraycopy(payload, 0, out, payloadOffset, payload.length);
        System.arraycopy(base, (int) shoff, out, newShoff, 64 * shnum);
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(40, newShoff);
        b.putShort(60, (short) (shnum + extra));
        for (int i = 0; i < extra; i++) {
            fill.fill(b, newShoff + 64 * (shnum + i), i, payloadOffset);
        }
        return out;
    }

    @FunctionalInterface
    interface SectionFiller {
        void fill(ByteBuffer b, int header, int i, int payloadOffset);
    }

    Path write(String name, byte[] data) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, data);
        return p;
    }

    // ---- special files --------------------------------------------------------------------------

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard: opening a FIFO blocks forever
    void aFifoOrAFolderIsRefusedBeforeItIsOpened() throws Exception {
        Path fifo = tmp.resolve("fifo");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor() == 0 && Files.exists(fifo), "mkfifo");
        for (Path bad : new Path[] {fifo, tmp}) {
            String what = bad == fifo ? "not a regular file (a FIFO)" : "not a regular file (a folder)";
            assertBadInput(run("disasm", bad.toString()), bad + ": " + what + ": expected an ELF file");
            assertBadInput(run("run", bad.toString()), what + ": expected an ELF file");
            assertBadInput(run("reach", bad.toString()), what + ": expected an ELF file");
            assertBadInput(run("reach", "--arch", "riscv64", "--distances", bad.toString()), what + ": expected distances");
            assertBadInput(run("published", "--file", bad.toString()), what + ": expected a CSV file");
            assertBadInput(run("profiles", "--show", bad.toString()), what + ": expected a YAML hardware profile");
        }
        Path dev = Path.of("/dev/zero");
        if (Files.exists(dev)) {
            assertBadInput(run("disasm", dev.toString()), "/dev/zero: not a regular file (a character device): expected an ELF file");
        }
    }

    // ---- ELF tables -----------------------------------------------------------------------------

    @Test
    void disasmOfAFunctionWithAnAbsoluteOrCommonSectionIsBadInput() throws IOException {
        byte[] ok = exec();
        ElfFile elf = ElfFile.parse(ok, "t");
        Symbol format = elf.symbol("format").orElseThrow();
        Section symtab = elf.section(".symtab").orElseThrow();
        int shndx = (int) (symtab.offset() + 24L * format.index() + 6);
        Path abs = write("abs.elf", patch(ok, b -> b.putShort(shndx, (short) Symbol.SHN_ABS)));
        assertBadInput(run("disasm", "--symbol", "format", abs.toString()),
                abs + ": function 'format' (symbol " + format.index() + ") has st_shndx 0xfff1 (SHN_ABS): expected a function defined in a section");
        Path common = write("common.elf", patch(ok, b -> b.putShort(shndx, (short) Symbol.SHN_COMMON)));
        assertBadInput(run("disasm", "--symbol", "format", common.toString()), "st_shndx 0xfff2 (SHN_COMMON)");
    }

    @Test
    void anInactivePatchSiteTableIsIgnoredWhateverItsOffset() throws IOException {
        byte[] ok = exec();
        int idx = ElfFile.parse(ok, "t").section("__patchable_function_entries").orElseThrow().index();
        long h = shdr(ok, idx);
        byte[] bad = patch(ok, b -> {
            b.putInt((int) h + 4, Section.SHT_NULL);
            b.putLong((int) h + 24, 0x7fff_fff0L); // past the end of the file
        });
        ElfFile elf = ElfFile.parse(bad, "t");
        assertEquals(0, elf.patchSites().size());
        Run r = run("disasm", write("null-table.elf", bad).toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("<format>:"), r.out());
        assertFalse(r.out().contains("# patch site"), "no table, no sites");
    }

    @Test
    void aSegmentEndingPast2To64IsBadInputWithItsOffset() throws IOException {
        byte[] ok = exec();
        int seg = dataSegment(ok);
        int ph = phdr(ok, seg);
        Path huge = write("memsz.elf", patch(ok, b -> b.putLong(ph + 40, -1L)));
        assertBadInput(run("run", huge.toString()), huge + ":offset 0x" + Integer.toHexString(ph + 40) + ": program header " + seg
                + " at p_vaddr 0x13130 with p_memsz 0xffffffffffffffff: expected it to end below 2^64");
        Path wrap = write("vaddr.elf", patch(ok, b -> {
            b.putLong(ph + 16, 0xffff_ffff_ffff_f000L);
            b.putLong(ph + 40, 0x2000);
        }));
        assertBadInput(run("run", wrap.toString()), "at p_vaddr 0xfffffffffffff000 with p_memsz 0x2000: expected it to end below 2^64");
    }

    // ---- memory ---------------------------------------------------------------------------------

    @Test
    void aTerabyteSegmentIsMappedLazilyAndRuns() throws IOException {
        byte[] ok = exec();
        int ph = phdr(ok, dataSegment(ok));
        Path big = write("tib.elf", patch(ok, b -> b.putLong(ph + 40, 1L << 40)));
        Run r = run("run", "--max-memory", "64M", big.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
    }

    @Test
    void aProgramTouchingMoreThanMaxMemoryIsBadInput() throws IOException {
        Path p = write("strfmt.elf", exec());
        assertBadInput(run("run", "--max-memory", "8K", p.toString()),
                "would pass the limit of 8 KiB touched: expected a program that touches less (run --max-memory raises the limit)");
        assertBadInput(run("run", "--max-memory", "lots", p.toString()), "--max-memory: expected a positive size");
        assertBadInput(run("run", "--max-memory", "0", p.toString()), "--max-memory: expected a positive size");
        assertEquals(0, run("run", "--max-memory", "1M", p.toString()).status());
    }

    @Test
    void aHugeExecutableNobitsSectionListsNothing() throws IOException {
        byte[] ok = exec();
        int textName = ByteBuffer.wrap(ok).order(ByteOrder.LITTLE_ENDIAN).getInt((int) shdr(ok, 1));
        byte[] bad = withSections(ok, 1, new byte[0], (b, h, i, payload) -> {
            b.putInt(h, textName);
            b.putInt(h + 4, Section.SHT_NOBITS);
            b.putLong(h + 8, Section.SHF_ALLOC | Section.SHF_EXECINSTR);
            b.putLong(h + 16, 0x4000_0000L);
            b.putLong(h + 24, payload);
            b.putLong(h + 32, 64L << 20);
        });
        Run r = run("disasm", write("nobits.elf", bad).toString());
        assertEquals(0, r.status(), r.err());
        assertFalse(r.out().contains("40000000:"), "no line for the NOBITS section");
        assertTrue(r.out().contains("<format>:"), "the real text is listed");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard: it took over 120 s when sites were recomputed per section
    void eightThousandExecutableSectionsAreListedInLinearWork() throws IOException {
        byte[] ok = exec();
        int textName = ByteBuffer.wrap(ok).order(ByteOrder.LITTLE_ENDIAN).getInt((int) shdr(ok, 1));
        byte[] nop = {0x13, 0, 0, 0};
        byte[] many = withSections(ok, 8000, nop, (b, h, i, payload) -> {
            b.putInt(h, textName);
            b.putInt(h + 4, Section.SHT_PROGBITS);
            b.putLong(h + 8, Section.SHF_ALLOC | Section.SHF_EXECINSTR);
            b.putLong(h + 16, 0x100_0000L + 4L * i);
            b.putLong(h + 24, payload);
            b.putLong(h + 32, 4);
        });
        Run r = run("disasm", write("many.elf", many).toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(8000, r.out().lines().filter(l -> l.matches(" *1[0-9a-f]{6}:\\t00000013 .*")).count());
        assertTrue(r.out().contains("# patch site"), "the sites of the table are still found");
    }

    // ---- run ------------------------------------------------------------------------------------

    @Test
    void runOutOfBudgetSaysWhichBudgetAndHowToRaiseIt() throws IOException {
        Path p = write("strfmt.elf", exec());
        Run r = run("run", "--max-instructions", "10", p.toString());
        assertEquals(137, r.status());
        assertEquals("ftrace-lab: " + p + ": stopped at the instruction budget (--max-instructions 10) with exit status 137,"
                + " as SIGKILL: raise it with --max-instructions N if the program needs more\n", r.err());
    }

    @Test
    void runRefusesMeaninglessBudgetsAndRepeats() throws IOException {
        Path p = write("strfmt.elf", exec());
        assertBadInput(run("run", "--max-instructions", "0", p.toString()), "--max-instructions: expected a positive instruction budget, got 0");
        assertBadInput(run("run", "--max-instructions", "-1", p.toString()), "--max-instructions: expected a positive instruction budget, got -1");
        assertBadInput(run("run", "--repeat", "-5", p.toString()), "--repeat: expected a positive number of runs, got -5");
        assertBadInput(run("run", "--repeat", "0", p.toString()), "--repeat: expected a positive number of runs, got 0");
    }

    @Test
    void dispatchCallsBeyondTheBudgetAreRefused() {
        assertBadInput(run("dispatch", "--arch", "riscv64", "--calls", "9300000000000"),
                "--calls: expected 1..1,000,000,000 calls, got 9,300,000,000,000");
        assertBadInput(run("dispatch", "--arch", "riscv64", "--calls", "0"), "--calls: expected 1..1,000,000,000 calls, got 0");
    }

    // ---- census ---------------------------------------------------------------------------------

    /** Gzip members of 64 MiB of zeros each, concatenated: 17 of them inflate past 1 GiB from about 1 MB. */
    static byte[] gzipBomb(int members) throws IOException {
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(one, 1 << 16)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                gz.write(zeros);
            }
        }
        byte[] m = one.toByteArray();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < members; i++) {
            all.write(m);
        }
        return all.toByteArray();
    }

    @Test
    void aGzipBombIsSkippedByTheCensusWithTheLimit() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("mods"));
        Files.write(dir.resolve("bomb.ko.gz"), gzipBomb(17));
        Files.write(dir.resolve("strfmt.ko"), exec()); // the census goes on with the rest
        Run r = run("census", "--format", "json", dir.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(MainTest.flat(r.err()).contains("gzip data inflates to more than 1 GiB"), r.err());
        assertTrue(r.out().contains("strfmt"), r.out());
    }

    @Test
    void aGzipBombCsvIsBadInput() throws IOException {
        Path bomb = write("bomb.csv.gz", gzipBomb(9)); // 576 MiB, past the 512 MiB CSV limit
        assertBadInput(run("published", "--file", bomb.toString()), bomb + ": gzip-compressed CSV inflates to more than 512 MiB");
    }

    @Test
    void censusThreadsAreBounded() throws IOException {
        Path p = write("strfmt.ko", exec());
        assertBadInput(run("census", "--threads", "100000", p.toString()),
                "--threads: expected 1..64 (each thread holds a whole file in memory), got 100000");
    }

    @Test
    void aFunctionSizePastItsSectionSkipsOnlyThatFile() throws IOException {
        byte[] ok = exec();
        ElfFile elf = ElfFile.parse(ok, "t");
        Symbol format = elf.symbol("format").orElseThrow();
        long at = elf.section(".symtab").orElseThrow().offset() + 24L * format.index() + 16;
        Path dir = Files.createDirectories(tmp.resolve("mods"));
        Files.write(dir.resolve("huge.ko"), patch(ok, b -> b.putLong((int) at, Long.MAX_VALUE)));
        Files.write(dir.resolve("fine.ko"), ok);
        Run r = run("census", "--format", "csv", dir.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(MainTest.flat(r.err()).contains("offset 0x" + Long.toHexString(at) + ": function format (symbol " + format.index()
                + ") at 0x112f0 has st_size 0x7fffffffffffffff: expected it to end inside .text"), r.err());
        assertTrue(r.out().contains("fine"), r.out());
        // modelledBytes (10th column) is a sum of sizes: never negative
        r.out().lines().filter(l -> l.startsWith("riscv64,")).forEach(l ->
                assertFalse(l.split(",")[9].startsWith("-"), "modelledBytes: " + l));
    }

    @Test
    void reachOfADatasetWithTextEndBeforeItsStartIsBadInput() throws IOException {
        Path src = ReachCommand.committedDatasets().stream().filter(f -> f.toString().contains("riscv64")).findFirst().orElseThrow();
        String base = src.getFileName().toString().replace(".functions.csv.gz", "");
        for (String suffix : new String[] {".functions.csv.gz", ".sections.csv.gz"}) {
            Files.copy(src.resolveSibling(base + suffix), tmp.resolve(base + suffix));
        }
        String image = Files.readString(src.resolveSibling(base + ".image.csv"));
        // swap the _stext and _etext addresses
        String stext = image.lines().filter(l -> l.contains(",_stext,")).findFirst().orElseThrow().replaceFirst(".*,", "");
        String etext = image.lines().filter(l -> l.contains(",_etext,")).findFirst().orElseThrow().replaceFirst(".*,", "");
        Files.writeString(tmp.resolve(base + ".image.csv"), image.replace("_stext," + stext, "_stext," + etext)
                .replace("_etext," + etext, "_etext," + stext));
        assertBadInput(run("reach", tmp.resolve(base + ".functions.csv.gz").toString()),
                base + ".image.csv: _stext " + etext + ", _etext " + stext + ", _end");
    }
}
