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

    /**
     * Random loads, stores, pairs, load-exclusives, acquire/release and LSE atomics in every
     * addressing mode, each with its base register pointed into a buffer (and a small index in a
     * register offset); registers after every block and the final buffer must match qemu's.
     */
    @Test
    void randomLoadsAndStoresAgreeWithQemu() throws IOException {
        A64CrossTools.require(A64CrossTools.GCC, A64CrossTools.OBJCOPY, A64CrossTools.OBJDUMP, A64CrossTools.QEMU);
        Random random = new Random(0x10ad);
        int blocks = 30;
        StringBuilder s = new StringBuilder("""
                    .text
                    .globl _start
                _start:
                    adrp x30, dump
                    add x30, x30, :lo12:dump
                    mov x28, x30
                    adrp x27, buf
                    add x27, x27, :lo12:buf
                    mov x1, x27
                    mov x2, #(BUFSIZE / 8)
                    movz x0, #0x1234
                    movz x3, #0x4c95, lsl #48
                    movk x3, #0x7f2d, lsl #32
                    movk x3, #0xf42d, lsl #16
                    movk x3, #0x4f2d
                1:  madd x0, x0, x3, x3
                    str x0, [x1], #8
                    subs x2, x2, #1
                    b.ne 1b
                    add x27, x27, #4096
                """.replace("BUFSIZE", Integer.toString(BUF_SIZE)));
        List<List<Integer>> all = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            for (int r = 0; r < 27; r++) {
                s.append(String.format("    movz x%d, #0x%x%n    movk x%d, #0x%x, lsl #48%n", r,
                        random.nextInt(0x10000), r, random.nextInt(0x10000)));
            }
            s.append(String.format("    movz x29, #0x%x, lsl #16%n    msr nzcv, x29%n", random.nextInt(16) << 12));
            List<Integer> block = new ArrayList<>();
            while (block.size() < 30) {
                int w = random.nextInt();
                A64Insn i = memoryAccess(w);
                if (i == null) {
                    continue;
                }
                block.add(w);
                s.append(String.format("    mov x%d, x27%n", i.rn()));
                if ((i.op() == A64Op.LDR_REG || i.op() == A64Op.STR_REG) && i.rm() != A64Insn.ZR) {
                    s.append(String.format("    movz x%d, #%d%n", i.rm(), random.nextInt(256)));
                }
                s.append(String.format("    .inst 0x%08x%n", w));
            }
            all.add(block);
            s.append("    mrs x29, nzcv\n");
            for (int r = 0; r < 26; r += 2) {
                s.append(String.format("    stp x%d, x%d, [x28], #16%n", r, r + 1));
            }
            s.append("    stp x26, x29, [x28], #16\n");
        }
        s.append("""
                    mov x8, #64
                    mov x0, #1
                    mov x1, x30
                    sub x2, x28, x30
                    svc #0
                    mov x8, #64
                    mov x0, #1
                    adrp x1, buf
                    add x1, x1, :lo12:buf
                    mov x2, #BUFSIZE
                    svc #0
                    mov x8, #93
                    mov x0, #0
                    svc #0
                    .bss
                    .balign 4096
                buf:
                    .skip BUFSIZE
                dump:
                    .skip 8192
                """.replace("BUFSIZE", Integer.toString(BUF_SIZE)));
        Path src = tmp.resolve("memory.S");
        Files.writeString(src, s);
        Path elf = A64CrossTools.compile(tmp, src, "memory.elf", List.of("-march=armv8.1-a"));

        byte[] ours = A64FlatGuest.run(tmp, elf).stdout();
        A64CrossTools.Result qemu = A64CrossTools.run(tmp, List.of(A64CrossTools.QEMU, elf.toString()));
        assertEquals(0, qemu.exitCode(), qemu.stdout());
        byte[] expected = qemu.rawStdout();
        assertEquals(blocks * 28 * 8 + BUF_SIZE, expected.length);
        assertEquals(expected.length, ours.length);
        for (int k = 0; k < expected.length; k++) {
            if (expected[k] != ours[k]) {
                int dumpBytes = blocks * 28 * 8;
                String where = k < dumpBytes
                        ? String.format("block %d, %s%n%s", k / 224, k % 224 / 8 == 27 ? "NZCV" : "x" + k % 224 / 8,
                                listing(all.get(k / 224)))
                        : String.format("buffer byte 0x%x", k - dumpBytes - 4096);
                fail(String.format("first difference at output byte %d: %s", k, where));
            }
        }
    }

    private static final int BUF_SIZE = 96 * 1024; // 0x18000: one MOV (bitmask) immediate

    /**
     * The decoded word if it is a load/store the memory test can aim at its buffer: base not SP,
     * no reserved register, no literal (its address is not ours to choose), nothing unpredictable
     * (writeback into a transfer register, a pair into one register, unmatched store-exclusives);
     * otherwise null.
     */
    static A64Insn memoryAccess(int w) {
        if (((w >>> 25) & 0b0101) != 0b0100) {
            return null;
        }
        A64Insn i;
        try {
            i = A64Decoder.decode(0, w);
        } catch (DecodeException e) {
            return null;
        }
        if (A64Op.isSimd(i.op())) {
            return null; // SIMD&FP registers: A64SimdDifferentialTest aims those
        }
        InsnClass c = i.insnClass();
        if ((c != InsnClass.LOAD && c != InsnClass.STORE && c != InsnClass.ATOMIC) || i.op() == A64Op.LDR_LIT) {
            return null;
        }
        if (i.op() == A64Op.STXR) {
            return null; // random pairings (other size or address than the LDXR) are constrained unpredictable
        }
        if (i.rn() >= 27 || ((i.readMask() | i.writeMask()) & (RESERVED | 1L << 27)) != 0) {
            return null; // the base must be a register we can aim (not SP), and x27-x30 are the harness's
        }
        if (i.rd() == i.rn() || i.rm() == i.rn() || i.ra() == i.rn()) {
            return null; // writeback into a transfer register is unpredictable; an index setup would clobber the base
        }
        return i.op() == A64Op.LDP && i.rd() == i.rm() ? null : i;
    }

    /** A random word from the data-processing groups that touches only x0-x27 and the flags, or 0. */
    static int randomDataProcessing(Random random) {
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
