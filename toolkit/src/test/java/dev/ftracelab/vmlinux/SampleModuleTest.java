package dev.ftracelab.vmlinux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.elf.Section;
import dev.ftracelab.emu.Hart;
import dev.ftracelab.emu.Machine;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.emu.Trap;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.Resources;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The sample module, relocated where a module goes, runs as the guest image's copy does. */
class SampleModuleTest {
    private static final long STACK = 0x5000_0000L;

    /** A low address, and one 64 MiB below each arch's kernel image, where the toolkit loads it. */
    private static final List<Long> BASES = List.of(0x7000_0000L, 0xffff_ffff_7c00_0000L, 0xffff_8000_7c00_0000L);

    @ParameterizedTest
    @EnumSource(Arch.class)
    void theLoopSumsItsTraceeWhereverTheModuleIsLoaded(Arch arch) {
        for (long base : BASES) {
            Machine m = Machine.create(arch, 1);
            SampleModule mod = SampleModule.load(arch, m.memory(), base);
            long loop = mod.symbol("loop_tracee_relevant").orElseThrow();
            assertTrue(mod.contains(loop), "0x" + Long.toHexString(loop));
            // the sum of 3x + 1 for x below 1000, as tracee.c's main checks
            assertEquals(1000L * 999 / 2 * 3 + 1000, call(m, mod, loop, 1000, 0), arch + " at 0x" + Long.toHexString(base));
            assertEquals(10L * 9 / 2 - 70, call(m, mod, mod.symbol("loop_tracee_leaf").orElseThrow(), 10, 0));
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void theCountingTracerCountsInTheWordBeforeTheOps(Arch arch) {
        Machine m = Machine.create(arch, 1);
        SampleModule mod = SampleModule.load(arch, m.memory(), 0x7000_0000L);
        long ops = 0x6000_0100L;
        m.memory().map(0x6000_0000L, Memory.PAGE_SIZE, Memory.R | Memory.W);
        m.memory().writeValue(ops + SampleModule.COUNT_FROM_OPS, 41, 4);
        call(m, mod, mod.symbol("ops_func_count").orElseThrow(), 0, ops);
        assertEquals(42, m.memory().load32(ops + SampleModule.COUNT_FROM_OPS));
        assertEquals(0, m.memory().load64(ops), "the ops itself is not written");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void everyTracedFunctionHasItsPatchAreaOfNopsAtItsEntry(Arch arch) {
        Machine m = Machine.create(arch, 1);
        SampleModule mod = SampleModule.load(arch, m.memory(), 0x7000_0000L);
        assertEquals(List.of("tracee_relevant", "loop_tracee_relevant", "tracee_irrelevant", "loop_tracee_irrelevant",
                "tracee_leaf", "loop_tracee_leaf", "tracee_nested", "loop_tracee_nested", "ops_func_count",
                "ops_func_nop", "ops_func_calls_traced"), List.copyOf(mod.patchSites().keySet()));
        mod.patchSites().forEach((f, entry) -> {
            assertEquals(mod.symbol(f).orElseThrow(), entry, f);
            assertEquals(0, entry % 8, f + " is 8-byte aligned, as the literal before it must be");
            for (long a = entry - 8; a < entry + 8; a += 4) {
                int w = m.memory().load32(a);
                assertTrue(arch == Arch.ARM64 ? w == 0xd503201f : w == 0x00010001, f + " +" + (a - entry) + ": "
                        + Integer.toHexString(w));
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aRelocationTheLoaderDoesNotKnowIsRefusedWithItsPlace(Arch arch) {
        String path = "/dev/ftracelab/kernel/" + arch.id() + "/sample-module.o";
        byte[] bytes = Resources.read(path);
        ElfFile o = ElfFile.parse(bytes, path);
        Section rela = o.section(".rela.text").orElseThrow();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long offset = b.getLong((int) rela.offset());
        b.putInt((int) rela.offset() + 8, 99); // the first entry's type
        ElfFile bad = ElfFile.parse(bytes, "bad.o");
        BadInputException e = assertThrows(BadInputException.class,
                () -> SampleModule.load(bad, Machine.create(arch, 1).memory(), 0x7000_0000L));
        assertTrue(e.getMessage().contains("bad.o") && e.getMessage().contains(".rela.text entry at 0x"
                + Long.toHexString(offset)) && e.getMessage().contains("unsupported relocation type 99"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aModuleGoesAtAPageBoundary(Arch arch) {
        assertThrows(IllegalArgumentException.class, () -> SampleModule.load(arch, Machine.create(arch, 1).memory(), 0x7000_0010L));
    }

    /** Calls {@code fn(a0, a2)} (a1 = 0) until it returns to the module's breakpoint; its result. */
    private static long call(Machine m, SampleModule mod, long fn, long a0, long a2) {
        Arch arch = m.arch();
        Hart h = m.hart(0);
        if (!m.memory().isMapped(STACK)) {
            m.memory().map(STACK, 64 << 10, Memory.R | Memory.W);
        }
        h.setReg(arch.stackPointer(), STACK + (64 << 10) - 64);
        h.setReg(arch.argument(0), a0);
        h.setReg(arch.argument(1), 0);
        h.setReg(arch.argument(2), a2);
        h.setReg(arch.linkRegister(), mod.returnAddress());
        h.setPc(fn);
        Trap t = h.run(10_000_000);
        assertTrue(t instanceof Trap.Breakpoint && t.pc() == mod.returnAddress(), String.valueOf(t));
        return h.reg(arch.argument(0));
    }
}
