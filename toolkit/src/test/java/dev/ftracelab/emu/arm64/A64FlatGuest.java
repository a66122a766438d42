package dev.ftracelab.emu.arm64;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ftracelab.emu.Machine;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.emu.Trap;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.arm64.A64CrossTools;
import dev.ftracelab.isa.arm64.A64Insn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-only minimal loader and syscall shim: a static ELF flattened with {@code objcopy -O
 * binary}, mapped RWX at its link address, run until {@code exit} with {@code write} captured.
 * (The real ELF loader and Linux syscall layer live elsewhere.)
 */
final class A64FlatGuest {
    private static final Pattern SECTION = Pattern.compile("^\\s*\\d+\\s+\\S+\\s+[0-9a-f]+\\s+([0-9a-f]+)\\s",
            Pattern.MULTILINE);
    private static final Pattern ENTRY = Pattern.compile("start address 0x([0-9a-f]+)");
    private static final long STACK_TOP = 0x7fff_0000L;

    /** What a guest printed and its exit status. */
    record Outcome(byte[] stdout, int status) {
    }

    private A64FlatGuest() {
    }

    static Outcome run(Path dir, Path elf) {
        A64CrossTools.check(dir, List.of(A64CrossTools.OBJCOPY, "-O", "binary", elf.toString(), "flat.bin"));
        String headers = A64CrossTools.check(dir, List.of(A64CrossTools.OBJDUMP, "-f", "-h", elf.toString()));
        Matcher sec = SECTION.matcher(headers);
        Matcher entry = ENTRY.matcher(headers);
        if (!sec.find() || !entry.find()) {
            fail("cannot find sections or entry in\n" + headers);
        }
        long base = Long.parseUnsignedLong(sec.group(1), 16); // objcopy's image starts at the first section
        byte[] image;
        try {
            image = Files.readAllBytes(dir.resolve("flat.bin"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Machine m = new Machine(Arch.ARM64, 1, A64Hart::new);
        m.memory().map(base, image.length + 0x40000L, Memory.R | Memory.W | Memory.X); // + room for .bss
        m.memory().write(base, image);
        m.memory().map(STACK_TOP - 0x10000, 0x10000, Memory.R | Memory.W);
        A64Hart h = (A64Hart) m.hart(0);
        h.setPc(Long.parseUnsignedLong(entry.group(1), 16));
        h.setReg(A64Insn.SP, STACK_TOP);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int slices = 0; slices < 1000; slices++) {
            Trap t = h.run(1_000_000);
            if (t == null) {
                continue;
            }
            if (!(t instanceof Trap.EnvironmentCall)) {
                fail(t.describe());
            }
            long nr = h.reg(8);
            if (nr == 93) {
                return new Outcome(out.toByteArray(), (int) h.reg(0) & 0xff);
            }
            if (nr != 64) {
                fail("unexpected syscall " + nr);
            }
            int len = (int) h.reg(2);
            out.writeBytes(m.memory().read(h.reg(1), len));
            h.setReg(0, len);
            h.setPc(h.pc() + 4); // the syscall layer's job: step over the svc
        }
        fail("no exit within the budget");
        return null;
    }
}
