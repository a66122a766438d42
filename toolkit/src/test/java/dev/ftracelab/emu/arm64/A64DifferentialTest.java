package dev.ftracelab.emu.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ftracelab.isa.DecodeException;
import dev.ftracelab.isa.InsnClass;
import dev.ftracelab.isa.arm64.A64CrossTools;
import dev.ftracelab.isa.arm64.A64Decoder;
import dev.ftracelab.isa.arm64.A64Disassembler;
import dev.ftracelab.isa.arm64.A64Insn;
import dev.ftracelab.isa.arm64.A64Op;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random data-processing instructions (immediate and register groups: arithmetic with flags,
 * logic, bitfields, conditional select/compare, multiply, divide, ...) run from random register
 * and flag values on {@link A64Hart} and on {@code qemu-aarch64}; after every block all
 * registers and NZCV are dumped, and the dumps must be identical.
 */
class A64DifferentialTest {
    private static final int BLOCKS = 40;
    private static final int BLOCK_SIZE = 50;
    /** x28 is the dump cursor, x29 holds NZCV while dumping, x30 the buffer start. */
    private static final long RESERVED = 0xfL << 28;

    @TempDir
    Path tmp;

    @Test
    void randomDataProcessingAgreesWithQemu() throws IOException {
        A64CrossTools.require(A64CrossTools.GCC, A64CrossTools.OBJCOPY, A64CrossTools.OBJDUMP, A64CrossTools.QEMU);
        Random random = new Random(0xa64);
        List<List<Integer>> blocks = new ArrayList<>();
        StringBuilder s = new StringBuilder("""
                    .text
                    .globl _start
                _start:
                    adrp x30, buf
                    add x30, x30, :lo12:buf
                    mov x28, x30
                """);
        for (int b = 0; b < BLOCKS; b++) {
            for (int r = 0; r < 28; r++) {
                long v = random.nextLong();
                for (int hw = 0; hw < 4; hw++) {
                    s.append(String.format("    %s x%d, #0x%x, lsl #%d%n", hw == 0 ? "movz" : "movk", r,
                            (v >>> (16 * hw)) & 0xffff, 16 * hw));
                }
            }
            s.append(String.format("    movz x29, #0x%x, lsl #16%n    msr nzcv, x29%n", random.nextInt(16) << 12));
            List<Integer> block = new ArrayList<>();
            while (block.size() < BLOCK_SIZE) {
                int w = randomDataProcessing(random);
                if (w != 0) {
                    block.add(w);
                    s.append(String.format("    .inst 0x%08x%n", w));
                }
            }
            blocks.add(block);
            s.append("    mrs x29, nzcv\n");
            for (int r = 0; r < 28; r += 2) {
                s.append(String.format("    stp x%d, x%d, [x28], #16%n", r, r + 1));
            }
            s.append("    stp x29, xzr, [x28], #16\n");
        }
        s.append("""
                    mov x8, #64
                    mov x0, #1
                    mov x1, x30
                    sub x2, x28, x30
                    svc #0
                    mov x8, #93
                    mov x0, #0
                    svc #0
                    .bss
                    .balign 16
                buf:
                    .skip 65536
                """);
        Path src = tmp.resolve("random.S");
        Files.writeString(src, s);
        Path elf = A64CrossTools.compile(tmp, src, "random.elf", List.of());

        byte[] ours = A64FlatGuest.run(tmp, elf).stdout();
        A64CrossTools.Result qemu = A64CrossTools.run(tmp, List.of(A64CrossTools.QEMU, elf.toString()));
        assertEquals(0, qemu.exitCode());
        assertEquals(BLOCKS * 30 * 8, qemu.rawStdout().length);
        assertEquals(qemu.rawStdout().length, ours.length);

        ByteBuffer q = ByteBuffer.wrap(qemu.rawStdout()).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer o = ByteBuffer.wrap(ours).order(ByteOrder.LITTLE_ENDIAN);
        for (int b = 0; b < BLOCKS; b++) {
            for (int slot = 0; slot < 29; slot++) {
                long expected = q.getLong((b * 30 + slot) * 8);
                long actual = o.getLong((b * 30 + slot) * 8);
                if (expected != actual) {
                    fail(String.format("block %d: %s is %x under qemu, %x here; block:%n%s", b,
                            slot == 28 ? "NZCV" : "x" + slot, expected, actual, listing(blocks.get(b))));
                }
            }
        }
    }

    /** A random word from the data-processing groups that touches only x0-x27 and the flags, or 0. */
    private static int randomDataProcessing(Random random) {
        int w = random.nextInt();
        int op0 = (w >>> 25) & 0xf;
        if ((op0 & 0b1110) != 0b1000 && (op0 & 0b0111) != 0b0101) {
            return 0;
        }
        A64Insn i;
        try {
            i = A64Decoder.decode(0, w);
        } catch (DecodeException e) {
            return 0;
        }
        boolean dataProcessing = i.insnClass() == InsnClass.ALU || i.insnClass() == InsnClass.MUL_DIV;
        boolean touchesReserved = ((i.readMask() | i.writeMask()) & RESERVED) != 0;
        return dataProcessing && !touchesReserved && i.op() != A64Op.ADR && i.op() != A64Op.ADRP ? w : 0;
    }

    private static String listing(List<Integer> words) {
        StringBuilder sb = new StringBuilder();
        for (int w : words) {
            sb.append(String.format("  %08x  %s%n", w, A64Disassembler.format(0, A64Decoder.decode(0, w))));
        }
        return sb.toString();
    }
}
