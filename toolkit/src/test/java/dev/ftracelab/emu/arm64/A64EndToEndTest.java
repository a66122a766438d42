package dev.ftracelab.emu.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ftracelab.emu.Machine;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.emu.Trap;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.arm64.A64CrossTools;
import dev.ftracelab.isa.arm64.A64Insn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A freestanding C program (sorting, 64/128-bit arithmetic, division, bit tricks, atomics,
 * linked lists; write and exit by {@code svc}) runs on {@link A64Hart} with the same output and
 * exit status as under {@code qemu-aarch64}. The loader here is deliberately minimal: a flat
 * {@code objcopy -O binary} image at its link address.
 */
class A64EndToEndTest {
    private static final Pattern SECTION = Pattern.compile("^\\s*\\d+\\s+\\S+\\s+[0-9a-f]+\\s+([0-9a-f]+)\\s", Pattern.MULTILINE);
    private static final Pattern ENTRY = Pattern.compile("start address 0x([0-9a-f]+)");
    private static final long STACK_TOP = 0x7fff_0000L;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"", "-march=armv8.1-a", "-mbranch-protection=standard -fpatchable-function-entry=4,2"})
    void sameOutputAndExitStatusAsQemu(String flags) throws IOException {
        A64CrossTools.require(A64CrossTools.GCC, A64CrossTools.OBJCOPY, A64CrossTools.OBJDUMP, A64CrossTools.QEMU);
        Path src = A64CrossTools.resource("prog.c", tmp);
        List<String> extra = flags.isEmpty() ? List.of() : List.of(flags.split(" "));
        Path elf = A64CrossTools.compile(tmp, src, "prog.elf", extra);
        A64CrossTools.check(tmp, List.of(A64CrossTools.OBJCOPY, "-O", "binary", elf.toString(), "prog.bin"));
        String headers = A64CrossTools.check(tmp, List.of(A64CrossTools.OBJDUMP, "-f", "-h", elf.toString()));
        Matcher sec = SECTION.matcher(headers);
        if (!sec.find()) {
            fail("no sections in\n" + headers);
        }
        long base = Long.parseUnsignedLong(sec.group(1), 16); // objcopy's image starts at the first section
        Matcher entry = ENTRY.matcher(headers);
        if (!entry.find()) {
            fail("no entry in\n" + headers);
        }
        byte[] image = Files.readAllBytes(tmp.resolve("prog.bin"));

        Machine m = new Machine(Arch.ARM64, 1, A64Hart::new);
        m.memory().map(base, image.length + 0x10000L, Memory.R | Memory.W | Memory.X); // + room for .bss
        m.memory().write(base, image);
        m.memory().map(STACK_TOP - 0x10000, 0x10000, Memory.R | Memory.W);
        A64Hart h = (A64Hart) m.hart(0);
        h.setPc(Long.parseUnsignedLong(entry.group(1), 16));
        h.setReg(A64Insn.SP, STACK_TOP);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = runToExit(m, h, out);

        A64CrossTools.Result qemu = A64CrossTools.run(tmp, List.of(A64CrossTools.QEMU, elf.toString()));
        assertEquals(qemu.stdout(), out.toString(StandardCharsets.UTF_8));
        assertEquals(qemu.exitCode(), status);
    }

    /** Runs until exit(2), serving write(2) to {@code out}; returns the exit status. */
    private static int runToExit(Machine m, A64Hart h, ByteArrayOutputStream out) {
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
                return (int) h.reg(0) & 0xff;
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
        return -1;
    }
}
