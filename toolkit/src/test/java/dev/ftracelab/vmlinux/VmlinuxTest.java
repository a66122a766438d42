package dev.ftracelab.vmlinux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.emu.Machine;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.Resources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VmlinuxTest {
    @TempDir
    Path tmp;

    static Vmlinux debian612(Arch arch) {
        return CachedKernels.get(arch == Arch.RISCV64 ? CachedKernels.RISCV_612 : CachedKernels.ARM64_612);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void anImageWithoutBtfIsRefusedByName(Arch arch) throws Exception {
        Path kimage = tmp.resolve("kimage.elf");
        Files.write(kimage, Resources.read("/dev/ftracelab/kernel/" + arch.id() + "/kimage.elf"));
        BadInputException e = assertThrows(BadInputException.class, () -> Vmlinux.open(kimage));
        assertTrue(e.getMessage().startsWith(kimage.toString()) && e.getMessage().contains("no .BTF section"),
                e.getMessage());
    }

    @Test
    void aFolderOrAMissingFileIsRefusedBeforeReading() {
        assertTrue(assertThrows(BadInputException.class, () -> Vmlinux.open(tmp)).getMessage().contains("not a regular file"));
        assertTrue(assertThrows(BadInputException.class, () -> Vmlinux.open(tmp.resolve("none"))).getMessage()
                .contains("no such file"));
    }

    private static byte[] mini(String name) {
        return Resources.read("/dev/ftracelab/vmlinux/VmlinuxFuzzTestInputs/open/" + name);
    }

    /** The miniature image of mini-vmlinux.c: symbols, a banner and GCC's BTF, no real ftrace code. */
    @Test
    void aMiniatureImageIsReadNamedAndLaidOutFromItsBtf() {
        Vmlinux v = Vmlinux.of(mini("mini-riscv64.elf"), "mini");
        assertEquals(Arch.RISCV64, v.arch());
        assertEquals("0.0.1-mini", v.release());
        assertEquals(40, v.buildId().length());
        assertEquals(8, v.btf().offset("ftrace_ops", "next"));
        assertEquals(2, v.btf().enumValue("FTRACE_OPS_FL_DYNAMIC").orElseThrow());
    }

    /**
     * A relocatable image linked with --no-apply-dynamic-relocs (as arm64 kernels are): the pointer
     * holds 0 in the file and its target once loaded; an unknown relocation type is refused with
     * its offset in the file.
     */
    @Test
    void relativeRelocationsAreAppliedAndAnUnknownTypeIsRefusedWithItsOffset() {
        byte[] pie = mini("mini-pie-aarch64.elf");
        Vmlinux v = Vmlinux.of(pie, "mini-pie");
        Machine m = Machine.create(Arch.ARM64, 1);
        v.load(m.memory());
        long list = v.symbol("ftrace_ops_list");
        assertEquals(v.symbol("ftrace_list_end"), m.memory().load64(list));
        dev.ftracelab.elf.Section rela = v.elf().section(".rela.dyn").orElseThrow();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(pie).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        dev.ftracelab.elf.Segment data = v.elf().segments().stream().filter(dev.ftracelab.elf.Segment::isLoad)
                .filter(s -> list >= s.vaddr() && list < s.vaddr() + s.fileSize()).findFirst().orElseThrow();
        assertEquals(0, b.getLong((int) (list - data.vaddr() + data.offset())), "not applied in the file");
        b.putInt((int) rela.offset() + 8, 1031); // R_AARCH64_TLS_DTPREL64: nothing a kernel's boot applies
        BadInputException e = assertThrows(BadInputException.class, () -> Vmlinux.of(pie, "mini-pie"));
        assertTrue(e.getMessage().contains("mini-pie:offset 0x" + Long.toHexString(rela.offset()))
                && e.getMessage().contains("unsupported dynamic relocation type 1031"), e.getMessage());
    }

    @Test
    void anImageWithoutASymbolTableIsRefusedByName() {
        byte[] image = Resources.read("/dev/ftracelab/kernel/arm64/kimage.elf");
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(image).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long shoff = b.getLong(0x28);
        int shentsize = b.getShort(0x3a) & 0xffff;
        int shnum = b.getShort(0x3c) & 0xffff;
        for (int i = 0; i < shnum; i++) {
            int type = (int) (shoff + (long) i * shentsize + 4);
            if (b.getInt(type) == dev.ftracelab.elf.Section.SHT_SYMTAB) {
                b.putInt(type, dev.ftracelab.elf.Section.SHT_NULL); // as if stripped
            }
        }
        BadInputException e = assertThrows(BadInputException.class, () -> Vmlinux.of(image, "stripped-vmlinux"));
        assertTrue(e.getMessage().startsWith("stripped-vmlinux") && e.getMessage().contains("no symbol table"),
                e.getMessage());
    }

    @Test
    void aModuleObjectIsRefusedForItsMissingSymbolsOrBtf() {
        byte[] o = Resources.read("/dev/ftracelab/kernel/riscv64/sample-module.o");
        BadInputException e = assertThrows(BadInputException.class, () -> Vmlinux.of(o, "sample-module.o"));
        assertTrue(e.getMessage().contains("sample-module.o") && e.getMessage().contains(".BTF"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void debianImagesNameThemselvesAndLoadAtTheirLinkAddresses(Arch arch) {
        Vmlinux v = debian612(arch);
        assertEquals(arch, v.arch());
        assertEquals("6.12.117+deb13-" + arch.id(), v.release());
        assertTrue(v.version().startsWith("Linux version 6.12.117+deb13-" + arch.id() + " "), v.version());
        assertEquals(40, v.buildId().length(), v.buildId());
        assertEquals(64, v.sha256().length());
        Machine m = Machine.create(arch, 1);
        v.load(m.memory());
        // arm64 is relocatable and linked with --no-apply-dynamic-relocs: this word is 0 in the file
        // and holds the list function only once the image's RELATIVE relocations are applied
        long func = m.memory().load64(v.has("ftrace_list_ops") ? v.symbol("ftrace_list_ops") : v.symbol("ftrace_list_end"));
        assertEquals(v.has("ftrace_list_ops") ? v.symbol("ftrace_ops_list_func") : v.symbol("ftrace_stub"), func);
        assertTrue(v.where(v.symbol("ftrace_caller") + 4).equals("ftrace_caller+0x4"), v.where(v.symbol("ftrace_caller") + 4));
    }

    @Test
    void theCacheResolvesPackageNamesAndSaysWhatItHas() throws Exception {
        KernelCache c = KernelCache.of(Map.of("XDG_CACHE_HOME", tmp.toString()));
        assertEquals(tmp.resolve("ftrace-lab/kernels"), c.dir());
        BadInputException e = assertThrows(BadInputException.class, () -> c.resolve("linux-image-9.9-riscv64"));
        assertTrue(e.getMessage().contains("empty: run datasets/fetch-kernels.sh"), e.getMessage());
        Path boot = c.dir().resolve("linux-image-9.9-riscv64/usr/lib/debug/boot");
        Files.createDirectories(boot);
        Files.write(boot.resolve("vmlinux-9.9-riscv64"), new byte[] {1});
        assertEquals(boot.resolve("vmlinux-9.9-riscv64"), c.resolve("linux-image-9.9-riscv64"));
        assertEquals(java.util.List.of("linux-image-9.9-riscv64"), c.packages());
        e = assertThrows(BadInputException.class, () -> c.resolve("linux-image-1.0-arm64"));
        assertTrue(e.getMessage().contains("expected one of linux-image-9.9-riscv64"), e.getMessage());
        assertEquals(Path.of("./some/vmlinux"), c.resolve("./some/vmlinux"), "a path is taken as it is");
    }
}
