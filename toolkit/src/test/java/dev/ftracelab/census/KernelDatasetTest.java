package dev.ftracelab.census;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KernelDataset}: the census as two gzip-compressed CSV files. */
class KernelDatasetTest {
    @TempDir
    Path tmp;

    private static final List<String> NOTES = List.of("source: a test", "made by: KernelDatasetTest");

    /** Modules with awkward names: commas, quotes, a vmlinux with virtual addresses. */
    static List<ModuleText> modules() {
        ModuleText weird = new ModuleText("kernel/drivers/a,b \"x\".ko", Arch.RISCV64, true,
                List.of(new TextSection(".text", 0, 30, 2), new TextSection(".init.text", 0, 14, 2)),
                List.of(new FunctionEntry("a", ".text", 0, 14, 2, true, 0, 8),
                        new FunctionEntry("b,c", ".text", 14, 10, 2, true, 0, 8),
                        new FunctionEntry("c", ".text", 24, 6, 8, false, 0, 0),
                        new FunctionEntry("init_fn", ".init.text", 0, 14, 2, true, 0, 8)));
        long base = 0xffff800080010000L;
        ModuleText vmlinux = new ModuleText("vmlinux", Arch.ARM64, false, List.of(new TextSection(".text", base, 0x78, 4096)),
                List.of(new FunctionEntry("a", ".text", base + 8, 0x24, 8, true, 8, 8),
                        new FunctionEntry("b", ".text", base + 0x38, 0x28, 8, true, 8, 8),
                        new FunctionEntry("c", ".text", base + 0x60, 0x18, 32, false, 0, 0)));
        ModuleText noFunctions = new ModuleText("empty.ko", Arch.RISCV64, false, List.of(new TextSection(".text", 0, 4, 4)),
                List.of());
        return List.of(weird, vmlinux, noFunctions);
    }

    private static List<String> lines(Path gz) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static void write(Path gz, List<String> lines) throws Exception {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The entries of {@code dir} but the export's write lock, which stays by design. */
    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".lock")).sorted().toList();
        }
    }

    @Test
    void writeThenReadGivesTheModulesBack() throws Exception {
        Path dir = tmp.resolve("kernels");
        KernelDataset.write(modules(), dir, "linux-image-test", "6.12.48-1", NOTES);
        assertEquals(List.of("linux-image-test.functions.csv.gz", "linux-image-test.sections.csv.gz"), names(dir),
                "the two files and no temp files");

        KernelDataset d = KernelDataset.read(dir.resolve("linux-image-test.functions.csv.gz"));
        assertEquals("linux-image-test", d.name());
        assertEquals("6.12.48-1", d.version());
        assertEquals(NOTES, d.notes());
        assertEquals(modules(), d.modules());
        assertEquals(d, KernelDataset.read(dir.resolve("linux-image-test.sections.csv.gz")), "read from either file");

        // The rows as written: a name with a comma quoted, the version on every row.
        List<String> functions = lines(dir.resolve("linux-image-test.functions.csv.gz"));
        assertEquals("# source: a test", functions.get(0));
        assertEquals("package_version,module,name,section,address,size,alignment,patch_site,patch_before,patch_after",
                functions.get(2));
        assertEquals("6.12.48-1,\"kernel/drivers/a,b \"\"x\"\".ko\",\"b,c\",.text,0xe,10,2,1,0,8", functions.get(4));
        assertEquals(2 + 1 + 4 + 3, functions.size());
        List<String> sections = lines(dir.resolve("linux-image-test.sections.csv.gz"));
        assertEquals("package_version,arch,module,rvc,section,address,size,alignment", sections.get(2));
        // a kernel address in hex, not as the negative decimal its top bit would make it
        assertEquals("6.12.48-1,arm64,vmlinux,0,.text,0xffff800080010000,120,4096", sections.get(5));
        assertTrue(functions.stream().anyMatch(l -> l.contains(",vmlinux,a,.text,0xffff800080010008,")), functions.toString());

        // Writing again replaces both files, still without leftovers; growth is the same read back.
        KernelDataset.write(modules().subList(1, 2), dir, "linux-image-test", "6.12.48-2", List.of());
        assertEquals(List.of("linux-image-test.functions.csv.gz", "linux-image-test.sections.csv.gz"), names(dir));
        KernelDataset again = KernelDataset.read(dir.resolve("linux-image-test.functions.csv.gz"));
        assertEquals(List.of(modules().get(1)), again.modules());
        assertEquals("6.12.48-2", again.version());
        assertEquals(List.of(), again.notes());
        assertEquals(new CensusResult(modules(), List.of(), List.of()).totals(), new CensusResult(d.modules(), List.of(), List.of()).totals());
    }

    @Test
    void aBadCellIsReportedWithTheFileAndLine() throws Exception {
        KernelDataset.write(modules(), tmp, "k", "1", NOTES);
        Path functions = tmp.resolve("k.functions.csv.gz");
        List<String> rows = new ArrayList<>(lines(functions));
        // Line 6: two notes, the header, then the third function ("c", size 6).
        assertTrue(rows.get(5).endsWith(",c,.text,0x18,6,8,0,0,0"), rows.get(5));
        rows.set(5, rows.get(5).replace(",0x18,6,8,", ",0x18,six,8,"));
        write(functions, rows);
        BadInputException e = assertThrows(BadInputException.class, () -> KernelDataset.read(functions));
        assertTrue(e.getMessage().startsWith(functions + ":6: "), e.getMessage());
        assertTrue(e.getMessage().contains("'size'") && e.getMessage().contains("'six'"), e.getMessage());
        assertEquals(functions.toString(), e.source().orElseThrow());
        assertEquals("6", e.location().orElseThrow());

        // A negative size, in the sections file this time.
        KernelDataset.write(modules(), tmp, "s", "1", List.of());
        Path sections = tmp.resolve("s.sections.csv.gz");
        List<String> srows = new ArrayList<>(lines(sections));
        srows.set(1, srows.get(1).replace(",30,2", ",-30,2"));
        write(sections, srows);
        BadInputException neg = assertThrows(BadInputException.class, () -> KernelDataset.read(tmp.resolve("s.functions.csv.gz")));
        assertTrue(neg.getMessage().startsWith(sections + ":2: "), neg.getMessage());
    }

    @Test
    void signedDecimalAddressesOfOlderFilesStillRead() throws Exception {
        KernelDataset.write(modules(), tmp, "k", "1", List.of());
        for (String suffix : List.of(".functions.csv.gz", ".sections.csv.gz")) {
            Path f = tmp.resolve("k" + suffix);
            write(f, lines(f).stream().map(l -> {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(",0x([0-9a-f]+),").matcher(l);
                return m.find() ? l.replace(m.group(), "," + Long.parseUnsignedLong(m.group(1), 16) + ",") : l;
            }).toList());
        }
        assertTrue(lines(tmp.resolve("k.sections.csv.gz")).stream().anyMatch(l -> l.contains(",-140735340806144,")));
        assertEquals(modules(), KernelDataset.read(tmp.resolve("k.functions.csv.gz")).modules());
    }

    @Test
    void theCommittedDatasetsPrintAddressesInHex() throws Exception {
        for (Path f : KernelDataset.committed()) {
            List<String> rows = lines(f).stream().filter(l -> l.contains(",vmlinux-")).limit(3).toList();
            assertTrue(!rows.isEmpty() && rows.stream().allMatch(l -> l.matches("[^,]*,[^,]*,[^,]*,[^,]*,0xffff[0-9a-f]+,.*")),
                    f + ": " + rows);
        }
    }

    @Test
    void aFunctionOfAModuleWithoutSectionsIsRefused() throws Exception {
        KernelDataset.write(modules(), tmp, "k", "1", List.of());
        Path sections = tmp.resolve("k.sections.csv.gz");
        write(sections, lines(sections).stream().filter(l -> !l.contains(",vmlinux,")).toList());
        Path functions = tmp.resolve("k.functions.csv.gz");
        BadInputException e = assertThrows(BadInputException.class, () -> KernelDataset.read(functions));
        assertTrue(e.getMessage().startsWith(functions.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("'vmlinux'") && e.getMessage().contains("k.sections.csv.gz"), e.getMessage());
    }

    @Test
    void aBadFunctionOrArchOrFileNameIsRefused() throws Exception {
        KernelDataset.write(modules(), tmp, "k", "1", List.of());
        Path functions = tmp.resolve("k.functions.csv.gz");
        List<String> rows = new ArrayList<>(lines(functions));
        rows.set(2, rows.get(2).replace(",0xe,10,2,1,0,8", ",0xe,10,3,1,0,8")); // alignment 3
        write(functions, rows);
        BadInputException e = assertThrows(BadInputException.class, () -> KernelDataset.read(functions));
        assertTrue(e.getMessage().startsWith(functions + ":3: bad function entry b,c"), e.getMessage());

        KernelDataset.write(modules(), tmp, "a", "1", List.of());
        Path sections = tmp.resolve("a.sections.csv.gz");
        write(sections, lines(sections).stream().map(l -> l.replace(",arm64,", ",mips,")).toList());
        BadInputException arch = assertThrows(BadInputException.class, () -> KernelDataset.read(sections));
        assertTrue(arch.getMessage().startsWith(sections + ":4: "), arch.getMessage());

        BadInputException name = assertThrows(BadInputException.class, () -> KernelDataset.read(tmp.resolve("k.csv.gz")));
        assertTrue(name.getMessage().contains("NAME.functions.csv.gz"), name.getMessage());
        BadInputException missing = assertThrows(BadInputException.class,
                () -> KernelDataset.read(tmp.resolve("none.functions.csv.gz")));
        assertTrue(missing.getMessage().contains("none.sections.csv.gz") && missing.getMessage().contains("no such file"),
                missing.getMessage());
    }

    /** {@code k.functions.csv.gz} with line {@code line} (1-based) edited, read back: the refusal. */
    private BadInputException readWithFunctionLine(int line, String from, String to) throws Exception {
        KernelDataset.write(modules(), tmp, "k", "1", List.of());
        Path functions = tmp.resolve("k.functions.csv.gz");
        List<String> rows = new ArrayList<>(lines(functions));
        assertTrue(rows.get(line - 1).contains(from), rows.get(line - 1));
        rows.set(line - 1, rows.get(line - 1).replace(from, to));
        write(functions, rows);
        return assertThrows(BadInputException.class, () -> KernelDataset.read(functions));
    }

    /**
     * Regression (issue 17): a function size of 2^63-1 passed the reader and made the census
     * sums overflow (a negative modelledBytes). Sizes, alignments and patch areas have a range,
     * and a function must lie in its section; each refusal names the file line and the range.
     */
    @Test
    void hugeSizesAndFunctionsOutsideTheirSectionAreRefusedWithTheLine() throws Exception {
        Path functions = tmp.resolve("k.functions.csv.gz");
        // line 2: function "a" of the .ko, .text at 0 (30 bytes), entry 0, size 14
        assertEquals(functions + ":2: expected a value from 0 to 4294967296 in column 'size', got '9223372036854775807'",
                readWithFunctionLine(2, ",0x0,14,2,", ",0x0,9223372036854775807,2,").getMessage());
        assertEquals(functions + ":2: expected a value >= 0 in column 'size', got '-14'",
                readWithFunctionLine(2, ",0x0,14,2,", ",0x0,-14,2,").getMessage());
        String inside = ": expected it to lie inside .text of module 'kernel/drivers/a,b \"x\".ko' (0x0, 30 bytes)";
        String[][] outside = { // edit, and where the function then lies
            {",0x0,14,2,", ",0x0,31,2,", "at 0x0 (size 31, 0 patch bytes before it)"},
            {",0x0,14,2,1,0,8", ",0x0,14,2,1,8,8", "at 0x0 (size 14, 8 patch bytes before it)"},
            {",0x0,14,2,", ",0x1e,1,2,", "at 0x1e (size 1, 0 patch bytes before it)"}};
        for (String[] o : outside) {
            assertEquals(functions + ":2: function 'a' " + o[2] + inside, readWithFunctionLine(2, o[0], o[1]).getMessage());
        }
        assertEquals(functions + ":2: function 'a' is in section '.text.none' of module 'kernel/drivers/a,b \"x\".ko':"
                        + " expected a row for that section in k.sections.csv.gz",
                readWithFunctionLine(2, ",.text,0x0,14,", ",.text.none,0x0,14,").getMessage());
        assertEquals(functions + ":2: expected a value from 0 to 1 in column 'patch_site', got '2'",
                readWithFunctionLine(2, ",0x0,14,2,1,0,8", ",0x0,14,2,2,0,8").getMessage());
        assertEquals(functions + ":2: expected a value from 0 to 4096 in column 'patch_after', got '2147483647'",
                readWithFunctionLine(2, ",0x0,14,2,1,0,8", ",0x0,14,2,1,0,2147483647").getMessage());
        // a 4 GiB function in a 4 GiB section is still a dataset (the sums stay far from 2^63)
        KernelDataset.write(List.of(new ModuleText("big.ko", Arch.RISCV64, false,
                List.of(new TextSection(".text", 0, KernelDataset.MAX_TEXT_BYTES, 4)),
                List.of(new FunctionEntry("f", ".text", 0, KernelDataset.MAX_TEXT_BYTES, 4, false, 0, 0)))),
                tmp, "big", "1", List.of());
        assertEquals(KernelDataset.MAX_TEXT_BYTES,
                KernelDataset.read(tmp.resolve("big.functions.csv.gz")).modules().get(0).functions().get(0).size());
        // the sections file: a section above the limit
        KernelDataset.write(modules(), tmp, "s", "1", List.of());
        Path sections = tmp.resolve("s.sections.csv.gz");
        List<String> srows = new ArrayList<>(lines(sections));
        srows.set(1, srows.get(1).replace(",30,2", ",4294967297,2"));
        write(sections, srows);
        assertEquals(sections + ":2: expected a value from 0 to 4294967296 in column 'size', got '4294967297'",
                assertThrows(BadInputException.class, () -> KernelDataset.read(sections)).getMessage());
    }

    /**
     * Regression (issue 17): {@code census --export} replaced the dataset file by file, so a
     * failure (or a kill) between the files left new sections beside old functions, which then
     * failed to read. Now the set is replaced as a unit: a failure while writing the functions
     * keeps the whole old dataset, and no temporary file or folder stays behind.
     */
    @Test
    void exportReplacesTheDatasetAsAUnit() throws Exception {
        Path dir = tmp.resolve("kernels");
        List<ModuleText> old = modules();
        KernelDataset.export(old, null, dir, "k", "1", NOTES);
        List<ModuleText> broken = List.of(new ModuleText("new.ko", Arch.RISCV64, false,
                List.of(new TextSection(".text", 0, 4, 4)),
                List.of(new FunctionEntry(null, ".text", 0, 4, 4, true, 0, 8)))); // fails in the functions file
        assertThrows(NullPointerException.class, () -> KernelDataset.export(broken, null, dir, "k", "2", NOTES));
        assertEquals(List.of("k.functions.csv.gz", "k.sections.csv.gz"), names(dir), "no staging or .tmp left");
        KernelDataset d = KernelDataset.read(dir.resolve("k.functions.csv.gz"));
        assertEquals("1", d.version());
        assertEquals(old, d.modules());
    }

    /** An image file of an older export with the same name goes when the new census has none. */
    @Test
    void exportWithoutAnImageDeletesTheOldImageFile() throws Exception {
        Path dir = tmp.resolve("kernels");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("k" + KernelImage.IMAGE_SUFFIX), "# an image of an older export\n");
        Files.writeString(dir.resolve("other" + KernelImage.IMAGE_SUFFIX), "# another dataset's\n");
        KernelDataset.export(modules(), null, dir, "k", "1", NOTES);
        assertEquals(List.of("k.functions.csv.gz", "k.sections.csv.gz", "other.image.csv"), names(dir));
    }

    /**
     * Regression (issue 17): the report's sections tested for {@code NAME.image.csv} in the
     * folder itself, not through {@code AtomicFiles.committed} like the dataset's other files, so
     * during a cut-short swap they missed an image that was staged, or used one being deleted.
     */
    @Test
    void theImageIsSeenThroughACommittedSwapLikeTheOtherFiles() throws Exception {
        Path dir = tmp.resolve("kernels");
        KernelDataset.write(modules(), dir, "k", "1", NOTES);
        Path functions = dir.resolve("k" + KernelDataset.FUNCTIONS_SUFFIX);
        KernelDataset d = KernelDataset.read(functions);
        assertTrue(KernelImage.readIfRecorded(d, functions).isEmpty(), "no image file: none");

        long base = 0xffff800080010000L;
        KernelImage image = new KernelImage(Arch.ARM64, "k", base, base + 0x78, base + 0x1000, base + 0x40, new long[0]);
        Path stage = Files.createDirectories(dir.resolve(".ftrace-lab-staging-5"));
        image.write(stage, "k", "1"); // staged, not yet renamed in
        Files.writeString(stage.resolve("COMMITTED"), "move k.image.csv\n");
        assertEquals(base + 0x40, KernelImage.readIfRecorded(d, functions).orElseThrow().ftraceCaller());

        Files.move(stage.resolve("k.image.csv"), dir.resolve("k.image.csv"));
        Files.writeString(stage.resolve("COMMITTED"), "delete k.image.csv\n"); // the new set has none
        assertTrue(KernelImage.readIfRecorded(d, functions).isEmpty(), "being deleted: none");
    }

    /**
     * A kill after the new dataset was committed but while its files were being renamed in: the
     * reader sees the whole new dataset (not new functions with old sections), and the next
     * export finishes the swap.
     */
    @Test
    void aSwapCutShortReadsAsTheNewDatasetAndIsFinishedNextTime() throws Exception {
        Path dir = tmp.resolve("kernels");
        KernelDataset.write(modules().subList(0, 1), dir, "k", "1", NOTES);
        Path stage = Files.createDirectories(dir.resolve(".ftrace-lab-staging-7"));
        KernelDataset.write(modules(), stage, "k", "2", NOTES);
        Files.writeString(stage.resolve("COMMITTED"), "move k.sections.csv.gz\nmove k.functions.csv.gz\n"
                + "delete k.image.csv\n");
        Files.move(stage.resolve("k.sections.csv.gz"), dir.resolve("k.sections.csv.gz"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING); // the kill came after the first rename

        KernelDataset d = KernelDataset.read(dir.resolve("k.functions.csv.gz"));
        assertEquals("2", d.version());
        assertEquals(modules(), d.modules());

        KernelDataset.export(modules(), null, dir, "other", "9", NOTES);
        assertEquals(List.of("k.functions.csv.gz", "k.sections.csv.gz", "other.functions.csv.gz",
                "other.sections.csv.gz"), names(dir));
        assertEquals(modules(), KernelDataset.read(dir.resolve("k.functions.csv.gz")).modules());
    }
}
