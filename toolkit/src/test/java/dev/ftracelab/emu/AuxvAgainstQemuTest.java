package dev.ftracelab.emu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.arm64.A64CrossTools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The initial stack's auxiliary vector as qemu-user lays it out: a freestanding program
 * (auxv.c, compiled at test time for each arch) prints every auxv entry and what the pointer
 * entries point at, under qemu and under {@link LinuxUser}. The keys come in qemu's order; the
 * values that do not depend on where the stack is or who runs it are equal (AT_PHDR, AT_PHENT,
 * AT_PHNUM, AT_PAGESZ, AT_BASE, AT_FLAGS, AT_ENTRY, AT_CLKTCK, AT_SECURE, and AT_HWCAP on
 * RISC-V); the strings AT_EXECFN and AT_PLATFORM point at are equal; the 16 AT_RANDOM bytes are
 * the fixed ones. On AArch64 AT_HWCAP is what the emulator implements, a subset of what qemu's
 * {@code max} cpu reports.
 */
class AuxvAgainstQemuTest {
    /** Keys whose values must be equal: not stack addresses, not the host's user ids. */
    private static final Set<Long> SAME = Set.of(3L, 4L, 5L, 6L, 7L, 8L, 9L, 17L, 23L);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Arch.class)
    void auxvMatchesQemuUser(Arch arch) throws IOException {
        boolean arm = arch == Arch.ARM64;
        String gcc = arm ? A64CrossTools.GCC : "riscv64-linux-gnu-gcc";
        String qemu = arm ? A64CrossTools.QEMU : "qemu-riscv64";
        A64CrossTools.require(gcc, qemu);
        try (InputStream in = AuxvAgainstQemuTest.class.getResourceAsStream("auxv.c")) {
            Files.write(tmp.resolve("auxv.c"), in.readAllBytes());
        }
        List<String> cc = new ArrayList<>(List.of(gcc, "-O2", "-ffreestanding", "-nostdlib", "-static",
                "-fno-stack-protector", "-I", Path.of("src/guest/include").toAbsolutePath().toString()));
        cc.addAll(arm ? List.of("-mgeneral-regs-only") : List.of("-march=rv64imac", "-mabi=lp64"));
        cc.addAll(List.of("auxv.c", "-o", "auxv.elf"));
        A64CrossTools.check(tmp, cc);

        String expected = A64CrossTools.check(tmp, List.of(qemu, "./auxv.elf"));
        Machine m = LinuxUser.load(ElfFile.read(tmp.resolve("auxv.elf")), 1, List.of("./auxv.elf"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LinuxUser.Result r = LinuxUser.run(m, out, out, 1_000_000);
        String actual = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, r.exitStatus(), actual);

        Map<Long, Long> q = auxv(expected);
        Map<Long, Long> e = auxv(actual);
        assertEquals(List.copyOf(q.keySet()), List.copyOf(e.keySet()), "keys in qemu's order\n" + expected + actual);
        for (long k : SAME) {
            assertEquals(q.get(k), e.get(k), "AT " + k);
        }
        long hwcap = e.get(16L);
        assertEquals(LinuxUser.hwcap(arch), hwcap);
        assertEquals(0, hwcap & ~q.get(16L), "claims no feature qemu lacks");
        if (!arm) {
            assertEquals(q.get(16L), hwcap, "rv64 IMAFDC as qemu");
        }
        assertEquals(tail(expected), tail(actual));
        assertTrue(actual.contains("execfn=./auxv.elf") && actual.contains("entry_is_start=1")
                && actual.contains("phdr_after_ehdr=1") && actual.contains("random_above_sp=1"), actual);
        byte[] random = new byte[16];
        for (int i = 0; i < 16; i++) {
            random[i] = (byte) m.memory().load8(e.get(25L) + i);
        }
        assertArrayEquals(LinuxUser.AT_RANDOM_BYTES, random);
    }

    /** key -> value, in the order printed. */
    private static Map<Long, Long> auxv(String out) {
        Map<Long, Long> m = new LinkedHashMap<>();
        String[] lines = out.split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].startsWith("key=")) {
                m.put(Long.parseLong(lines[i].substring(4)), Long.parseUnsignedLong(lines[i + 1].substring(6), 16));
            }
        }
        return m;
    }

    /** The lines after the auxv dump. */
    private static String tail(String out) {
        return out.substring(out.indexOf("entry_is_start"));
    }
}
