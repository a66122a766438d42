package dev.ftracelab.census;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.testing.GuestObjects;
import dev.ftracelab.testing.HostTools;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** {@link Census} over a folder of good, compressed, broken and unrelated files. */
class CensusTest {
    @TempDir
    Path tmp;

    static final String RV_FLAGS = "-march=rv64gc -mabi=lp64d -mno-relax -fpatchable-function-entry=4";

    private Path compileRv() throws Exception {
        return GuestObjects.compile(Arch.RISCV64, tmp.resolve("rv.o"), RV_FLAGS.split(" "));
    }

    static void xz(byte[] bytes, Path to) throws Exception {
        try (OutputStream out = new XZOutputStream(Files.newOutputStream(to), new LZMA2Options())) {
            out.write(bytes);
        }
    }

    static void gz(byte[] bytes, Path to) throws Exception {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to))) {
            out.write(bytes);
        }
    }

    /** An x86-64 object from the host's gcc, or null if there is none (or it makes something else). */
    private Path x86Object() throws Exception {
        if (!HostTools.present("gcc")) {
            return null;
        }
        Path src = tmp.resolve("x86.c");
        Files.writeString(src, "int f(int x) { return x + 1; }\n");
        Path obj = tmp.resolve("x86.o");
        Process p = new ProcessBuilder("gcc", "-c", "-o", obj.toString(), src.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0 || !Files.exists(obj)) {
            return null;
        }
        byte[] b = Files.readAllBytes(obj);
        return b.length > 20 && (b[18] & 0xff | (b[19] & 0xff) << 8) == 62 ? obj : null;
    }

    @Test
    void readsGoodAndCompressedModulesAndSkipsTheRestWithAReason() throws Exception {
        byte[] good = Files.readAllBytes(compileRv());
        Path root = Files.createDirectories(tmp.resolve("modules"));
        Files.createDirectories(root.resolve("kernel/net"));
        Files.write(root.resolve("good.ko"), good);
        xz(good, root.resolve("kernel/net/good.ko.xz"));
        gz(good, root.resolve("kernel/good.ko.gz"));
        Files.write(root.resolve("bad.ko"), Arrays.copyOf(good, 40)); // the ELF header cut short
        Files.writeString(root.resolve("x.ko"), "this is not an object\n");
        Files.write(root.resolve("y.ko.xz"), Arrays.copyOf(good, 200)); // not xz data
        Files.write(root.resolve("z.ko.zst"), new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0, 0, 0});
        Path x86 = x86Object();
        if (x86 != null) {
            Files.copy(x86, root.resolve("x86.ko"));
        }
        // Not modules: ignored.
        Files.write(root.resolve("good.o"), good);
        Files.writeString(root.resolve("modules.dep"), "kernel/net/good.ko.xz:\n");
        Files.write(root.resolve("vmlinux.map"), good);
        Files.writeString(root.resolve("README"), "hello\n");

        CensusResult r = Census.builder().path(root).threads(2).build().run();

        // In the order found (sorted paths), named below the folder, the compression suffix dropped.
        assertEquals(List.of("good.ko", "kernel/good.ko", "kernel/net/good.ko"), r.modules().stream().map(ModuleText::module).toList());
        ModuleText direct = ModuleText.read(ElfFile.parse(good, "good.ko"), "good.ko");
        for (ModuleText m : r.modules()) {
            assertEquals(direct.functions(), m.functions(), m.module());
            assertEquals(direct.sections(), m.sections(), m.module());
            assertEquals(Arch.RISCV64, m.arch());
            assertTrue(m.rvc());
        }
        assertEquals(5, direct.functions().size());

        Map<String, String> skipped = new LinkedHashMap<>();
        r.skipped().forEach(s -> skipped.put(s.file(), s.reason()));
        List<String> expected = x86 == null ? List.of("bad.ko", "x.ko", "y.ko.xz", "z.ko.zst")
                : List.of("bad.ko", "x.ko", "x86.ko", "y.ko.xz", "z.ko.zst");
        assertEquals(expected.stream().map(f -> root.resolve(f).toString()).toList(), List.copyOf(skipped.keySet()), r::toString);
        String bad = skipped.get(root.resolve("bad.ko").toString());
        assertEquals("offset 0x28: truncated: file is 40 bytes, expected a 64-byte ELF64 header", bad);
        assertTrue(skipped.get(root.resolve("x.ko").toString()).startsWith("offset 0x0: expected ELF magic 7f 45 4c 46"), skipped::toString);
        assertTrue(skipped.get(root.resolve("y.ko.xz").toString()).startsWith("cannot read: "), skipped::toString);
        assertTrue(skipped.get(root.resolve("z.ko.zst").toString()).contains("zstd"), skipped::toString);
        if (x86 != null) {
            assertTrue(skipped.get(root.resolve("x86.ko").toString()).startsWith("offset 0x12: unsupported e_machine 62"),
                    skipped::toString);
        }
        for (Skipped s : r.skipped()) {
            assertFalse(s.reason().startsWith(s.file()), "the reason does not repeat the path: " + s);
            assertEquals("skipped " + s.file() + ": " + s.reason(), s.toString());
        }
    }

    @Test
    void filesGivenDirectlyAreNamedByTheirFileName() throws Exception {
        byte[] good = Files.readAllBytes(compileRv());
        Path dir = Files.createDirectories(tmp.resolve("d"));
        Path ko = dir.resolve("af_key.ko.xz");
        xz(good, ko);
        Path plain = dir.resolve("vmlinux-6.12");
        Files.write(plain, good);
        Path missing = tmp.resolve("no/such.ko");
        CensusResult r = Census.builder().paths(List.of(ko, missing, plain)).build().run();
        assertEquals(List.of("af_key.ko", "vmlinux-6.12"), r.modules().stream().map(ModuleText::module).toList());
        assertEquals(List.of(new Skipped(missing.toString(), "no such file or folder")), r.skipped());
    }

    @Test
    void aFolderWithNothingReadableRunsToTheEnd() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "x");
        CensusResult r = Census.builder().path(empty).build().run();
        assertEquals(List.of(), r.modules());
        assertEquals(List.of(), r.skipped());
        assertEquals(List.of(), r.totals());
        Path bad = tmp.resolve("bad.ko");
        Files.write(bad, "\u007fELF".getBytes(StandardCharsets.ISO_8859_1));
        CensusResult one = Census.builder().path(bad).threads(1).build().run();
        assertEquals(List.of(), one.modules());
        assertEquals(1, one.skipped().size());
        assertEquals(bad.toString(), one.skipped().get(0).file());
        assertTrue(one.skipped().get(0).reason().contains("truncated"), one.skipped()::toString);
    }

    @Test
    void theBuilderRefusesNoPathsAndNoThreads() {
        assertThrows(IllegalArgumentException.class, () -> Census.builder().build());
        assertThrows(IllegalArgumentException.class, () -> Census.builder().threads(0));
    }

    @Test
    void kernelObjectsAreTheirNamesMinusTheCompression() {
        for (String yes : List.of("a.ko", "A.KO", "a.ko.xz", "a.ko.gz", "a.ko.zst", "vmlinux", "vmlinux-6.12.48")) {
            assertTrue(Census.isKernelObject(yes), yes);
        }
        for (String no : List.of("a.o", "a.ko.bz2", "a.ko.xz.sig", "vmlinux.map", "System.map", "modules.dep", "kallsyms")) {
            assertFalse(Census.isKernelObject(no), no);
        }
        assertEquals("kernel/net/af_key.ko", Census.moduleName("kernel/net/af_key.ko.xz"));
        assertEquals("a.ko", Census.moduleName("a.ko.gz"));
        assertEquals("a.ko", Census.moduleName("a.ko.zst"));
        assertEquals("a.ko", Census.moduleName("a.ko"));
    }
}
