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
 * Random Advanced SIMD integer instructions (every class {@link A64Op#isSimd} decodes outside
 * memory: moves, permutes, three same/different, misc, across lanes, shifts, by element) run
 * from random V and X register values on {@link A64Hart} and on {@code qemu-aarch64}; after
 * every block V0-V31, X0-X26 and FPSR (the saturation flag QC) are dumped, and the dumps must be
 * identical. A second test does the same for SIMD&FP loads and stores of every addressing mode.
 */
class A64SimdDifferentialTest {
    private static final int BLOCKS = 60;
    /** Programs per test, each with its own random blocks. */
    private static final int ROUNDS = 4;
    private static final int BLOCK_SIZE = 40;
    /** Bytes dumped per block: 32 Q registers, x0-x26, FPSR. */
    private static final int DUMP = 32 * 16 + 28 * 8;
    /** x27 is the data cursor, x28 the dump cursor, x29 scratch, x30 the dump start. */
    private static final long RESERVED = 0xfL << 27;

    @TempDir
    Path tmp;

    @Test
    void randomIntegerSimdAgreesWithQemu() throws IOException {
        Random random = new Random(0x5eed);
        for (int round = 0; round < ROUNDS; round++) {
            integerRound(random);
        }
    }

    private void integerRound(Random random) throws IOException {
        List<List<Integer>> blocks = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int b = 0; b < BLOCKS; b++) {
            List<Integer> block = new ArrayList<>();
            StringBuilder s = new StringBuilder();
            while (block.size() < BLOCK_SIZE) {
                int w = randomSimd(random);
                if (w != 0) {
                    block.add(w);
                    s.append(String.format("    .inst 0x%08x%n", w));
                }
            }
            blocks.add(block);
            bodies.add(s.toString());
        }
        compare(random, blocks, bodies);
    }

    @Test
    void randomSimdLoadsAndStoresAgreeWithQemu() throws IOException {
        Random random = new Random(0x10ad5);
        for (int round = 0; round < ROUNDS; round++) {
            memoryRound(random);
        }
    }

    private void memoryRound(Random random) throws IOException {
        List<List<Integer>> blocks = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int b = 0; b < BLOCKS; b++) {
            List<Integer> block = new ArrayList<>();
            StringBuilder s = new StringBuilder();
            while (block.size() < 20) {
                int w = random.nextInt();
                A64Insn i = memoryAccess(w);
                if (i == null) {
                    continue;
                }
                block.add(w);
                // aim the base at the middle of the buffer, and keep a register index small
                s.append(String.format("    adrp x%1$d, buf%n    add x%1$d, x%1$d, :lo12:buf%n    add x%1$d, x%1$d, #2048%n",
                        i.rn()));
                if (i.rm() < 27 && i.rm() != i.rn()) {
                    s.append(String.format("    movz x%d, #%d%n", i.rm(), random.nextInt(64)));
                }
                s.append(String.format("    .inst 0x%08x%n", w));
            }
            blocks.add(block);
            bodies.add(s.toString());
        }
        compare(random, blocks, bodies);
    }

    /** Builds the program, runs it on both, compares the dumps block by block. */
    private void compare(Random random, List<List<Integer>> blocks, List<String> bodies) throws IOException {
        A64CrossTools.require(A64CrossTools.GCC, A64CrossTools.QEMU);
        StringBuilder s = new StringBuilder("""
                    .text
                    .globl _start
                _start:
                    adrp x30, dump
                    add x30, x30, :lo12:dump
                    mov x28, x30
                    adrp x27, data
                    add x27, x27, :lo12:data
                """);
        StringBuilder data = new StringBuilder("    .data\n    .balign 16\ndata:\n");
        for (int b = 0; b < blocks.size(); b++) {
            for (int r = 0; r < 32; r += 2) {
                s.append(String.format("    ldp q%d, q%d, [x27], #32%n", r, r + 1));
            }
            for (int k = 0; k < 32 * 2; k++) {
                data.append(String.format("    .quad 0x%016x%n", interesting(random)));
            }
            for (int r = 0; r < 27; r++) {
                s.append(String.format("    ldr x%d, [x27], #8%n", r));
                data.append(String.format("    .quad 0x%016x%n", interesting(random)));
            }
            s.append("    msr fpsr, xzr\n").append(bodies.get(b));
            for (int r = 0; r < 32; r += 2) {
                s.append(String.format("    stp q%d, q%d, [x28], #32%n", r, r + 1));
            }
            for (int r = 0; r < 26; r += 2) {
                s.append(String.format("    stp x%d, x%d, [x28], #16%n", r, r + 1));
            }
            s.append("    mrs x29, fpsr\n    stp x26, x29, [x28], #16\n");
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
                """).append(data).append("""
                    .bss
                    .balign 4096
                buf:
                    .skip 8192
                dump:
                    .skip DUMPSIZE
                """.replace("DUMPSIZE", Integer.toString(blocks.size() * DUMP)));
        Path src = tmp.resolve("simd.S");
        Files.writeString(src, s);
        Path elf = A64CrossTools.compile(tmp, src, "simd.elf", List.of("-march=armv8-a"));

        byte[] ours = A64FlatGuest.run(tmp, elf).stdout();
        A64CrossTools.Result qemu = A64CrossTools.run(tmp, List.of(A64CrossTools.QEMU, elf.toString()));
        assertEquals(0, qemu.exitCode(), qemu.stdout());
        assertEquals(blocks.size() * DUMP, qemu.rawStdout().length);
        assertEquals(qemu.rawStdout().length, ours.length);
        ByteBuffer q = ByteBuffer.wrap(qemu.rawStdout()).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer o = ByteBuffer.wrap(ours).order(ByteOrder.LITTLE_ENDIAN);
        for (int b = 0; b < blocks.size(); b++) {
            for (int slot = 0; slot < DUMP / 8; slot++) {
                long expected = q.getLong(b * DUMP + slot * 8);
                long actual = o.getLong(b * DUMP + slot * 8);
                if (expected != actual) {
                    String what = slot < 64 ? "v" + slot / 2 + (slot % 2 == 0 ? " low" : " high")
                            : slot == DUMP / 8 - 1 ? "FPSR" : "x" + (slot - 64);
                    fail(String.format("block %d: %s is %x under qemu, %x here; block:%n%s", b, what, expected,
                            actual, listing(blocks.get(b))));
                }
            }
        }
    }

    /** Random 64-bit values with a bias to lane boundaries: 0, all ones, sign bits, small numbers. */
    private static long interesting(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> -1L;
            case 2 -> 0x8000_8000_8000_8000L ^ (random.nextLong() & 0x0101_0101_0101_0101L);
            case 3 -> random.nextLong() & 0x0707_0707_0707_0707L;
            case 4 -> 0x7f7f_7fff_7fff_ffffL ^ (random.nextLong() & 0x8080_0000_8000_0001L);
            default -> random.nextLong();
        };
    }

    /** A random word from the SIMD data-processing groups that we execute, touching only x0-x26; or 0. */
    static int randomSimd(Random random) {
        int w = random.nextInt();
        if (((w >>> 25) & 0b0111) != 0b0111) {
            return 0;
        }
        A64Insn i;
        try {
            i = A64Decoder.decode(0, w);
        } catch (DecodeException e) {
            return 0;
        }
        boolean ours = A64Op.isSimd(i.op()) && i.insnClass() == InsnClass.ALU;
        boolean touchesReserved = ((i.readMask() | i.writeMask()) & RESERVED) != 0;
        return ours && !touchesReserved ? w : 0;
    }

    /**
     * A SIMD&FP load or store the test can aim at its buffer: base x0-x26, an index register
     * distinct from it, no literal; otherwise null.
     */
    static A64Insn memoryAccess(int w) {
        if (((w >>> 25) & 0b0101) != 0b0100 || (w >>> 26 & 1) == 0) {
            return null;
        }
        A64Insn i;
        try {
            i = A64Decoder.decode(0, w);
        } catch (DecodeException e) {
            return null;
        }
        if (!A64Op.isSimd(i.op()) || (i.op() == A64Op.V_LOAD || i.op() == A64Op.V_STORE) && i.b() == A64Op.V_LITERAL) {
            return null;
        }
        if (i.rn() >= 27 || ((i.readMask() | i.writeMask()) & RESERVED) != 0 || i.rm() == i.rn()) {
            return null;
        }
        // keep register-offset and unsigned offsets within the buffer: small immediates only
        return Math.abs(i.imm()) <= 1024 ? i : null;
    }

    private static String listing(List<Integer> words) {
        StringBuilder sb = new StringBuilder();
        for (int w : words) {
            sb.append(String.format("  %08x  %s%n", w, A64Disassembler.format(0, A64Decoder.decode(0, w))));
        }
        return sb.toString();
    }
}
