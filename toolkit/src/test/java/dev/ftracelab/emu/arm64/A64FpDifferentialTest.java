package dev.ftracelab.emu.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ftracelab.emu.Machine;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.DecodeException;
import dev.ftracelab.isa.arm64.A64CrossTools;
import dev.ftracelab.isa.arm64.A64Decoder;
import dev.ftracelab.isa.arm64.A64Disassembler;
import dev.ftracelab.isa.arm64.A64Insn;
import dev.ftracelab.isa.arm64.A64Op;
import dev.ftracelab.isa.arm64.A64SysReg;
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
 * Random scalar and vector floating-point instructions, from random register contents (NaNs
 * with payloads, infinities, denormals, signed zeros, integers, ordinary values) under a random
 * FPCR (all four rounding modes, DN, FZ, FZ16), run on {@link A64Hart} and on
 * {@code qemu-aarch64}: all 32 V registers, x0-x27, NZCV and FPSR after every block must be
 * identical bit for bit.
 *
 * <p>Our side sets the registers directly and runs only the block (the SIMD loads and stores
 * the qemu harness uses to set and dump registers are another part's), so this covers FP
 * semantics alone.
 */
class A64FpDifferentialTest {
    /** Encoding classes to draw from: (mask, value) as in {@code A64FpDecoder}. */
    private static final int[][] CLASSES = {
        {0x5f200000, 0x1e000000}, {0x5f20fc00, 0x1e200000}, {0x5f207c00, 0x1e204000}, {0x5f203c00, 0x1e202000},
        {0x5f201c00, 0x1e201000}, {0x5f200c00, 0x1e200400}, {0x5f200c00, 0x1e200800}, {0x5f200c00, 0x1e200c00},
        {0x5f000000, 0x1f000000}, {0x9f20c400, 0x0e20c400}, {0xdf20c400, 0x5e20c400}, {0x9f3e0c00, 0x0e200800},
        {0xdf3e0c00, 0x5e200800}, {0xdf3e0c00, 0x5e300800}, {0x9f3e0c00, 0x0e300800}, {0x9f000400, 0x0f000000},
        {0xdf000400, 0x5f000000}, {0x9ff80400, 0x0f000400}, {0x9f800400, 0x0f000400}, {0xdf800400, 0x5f000400},
    };
    private static final int SLOTS = 64 + 28 + 2; // V0-V31 as 64 quads, x0-x27, NZCV, FPSR

    @TempDir
    Path tmp;

    @Test
    void singleInstructionsAgreeWithQemu() throws IOException {
        run(Long.getLong("a64fp.seed", 0xf9), Integer.getInteger("a64fp.count", 1500), 1);
    }

    @Test
    void blocksAgreeWithQemu() throws IOException {
        run(Long.getLong("a64fp.seed", 0xb10c), Integer.getInteger("a64fp.blocks", 80), 24);
    }

    private void run(long seed, int blocks, int size) throws IOException {
        A64CrossTools.require(A64CrossTools.GCC, A64CrossTools.OBJCOPY, A64CrossTools.OBJDUMP, A64CrossTools.QEMU);
        Random random = new Random(seed);
        List<int[]> code = new ArrayList<>();
        List<long[]> inputs = new ArrayList<>();
        StringBuilder s = new StringBuilder("""
                    .text
                    .globl _start
                _start:
                    adrp x30, dump
                    add x30, x30, :lo12:dump
                    mov x28, x30
                    adrp x29, data
                    add x29, x29, :lo12:data
                """);
        StringBuilder data = new StringBuilder("    .data\n    .balign 16\ndata:\n");
        for (int b = 0; b < blocks; b++) {
            long[] in = new long[SLOTS];
            for (int k = 0; k < 64; k++) {
                in[k] = randomQuad(random);
            }
            for (int k = 0; k < 28; k++) {
                in[64 + k] = random.nextInt(4) == 0 ? randomQuad(random) : random.nextLong() >> random.nextInt(64);
            }
            in[92] = (long) random.nextInt(16) << 28;
            in[93] = (long) random.nextInt(4) << 22 | (random.nextInt(4) == 0 ? 1L << 25 : 0)
                    | (random.nextInt(4) == 0 ? 1L << 24 : 0) | (random.nextInt(4) == 0 ? 1L << 19 : 0);
            inputs.add(in);
            for (long q : in) {
                data.append(String.format("    .quad 0x%x%n", q));
            }
            for (int k = 0; k < 32; k += 2) {
                s.append(String.format("    ldp q%d, q%d, [x29], #32%n", k, k + 1));
            }
            for (int k = 0; k < 28; k += 2) {
                s.append(String.format("    ldp x%d, x%d, [x29], #16%n", k, k + 1));
            }
            s.append("    ldr x28, [x29], #8\n    msr nzcv, x28\n    ldr x28, [x29], #8\n    msr fpcr, x28\n");
            s.append("    msr fpsr, xzr\n    mov x28, x30\n");
            int[] block = new int[size];
            for (int k = 0; k < size; k++) {
                block[k] = randomFp(random);
                s.append(String.format("    .inst 0x%08x%n", block[k]));
            }
            code.add(block);
            for (int k = 0; k < 32; k += 2) {
                s.append(String.format("    stp q%d, q%d, [x28], #32%n", k, k + 1));
            }
            for (int k = 0; k < 28; k += 2) {
                s.append(String.format("    stp x%d, x%d, [x28], #16%n", k, k + 1));
            }
            s.append("    mrs x0, nzcv\n    mrs x1, fpsr\n    stp x0, x1, [x28], #16\n    mov x30, x28\n");
        }
        s.append(String.format("""
                    adrp x1, dump
                    add x1, x1, :lo12:dump
                    mov x8, #64
                    mov x0, #1
                    sub x2, x28, x1
                    svc #0
                    mov x8, #93
                    mov x0, #0
                    svc #0
                %s
                    .bss
                    .balign 16
                dump:
                    .skip %d
                """, data, blocks * SLOTS * 8));
        Path src = tmp.resolve("fp.S");
        Files.writeString(src, s);
        Path elf = A64CrossTools.compile(tmp, src, "fp.elf", List.of("-march=armv8.2-a+fp16"));
        A64CrossTools.Result qemu = A64CrossTools.run(tmp, List.of(A64CrossTools.QEMU, elf.toString()));
        assertEquals(0, qemu.exitCode(), qemu.stdout());
        assertEquals(blocks * SLOTS * 8, qemu.rawStdout().length);
        ByteBuffer q = ByteBuffer.wrap(qemu.rawStdout()).order(ByteOrder.LITTLE_ENDIAN);

        StringBuilder failures = new StringBuilder();
        int failed = 0;
        for (int b = 0; b < blocks; b++) {
            long[] ours = runOurs(code.get(b), inputs.get(b));
            for (int slot = 0; slot < SLOTS; slot++) {
                long expected = q.getLong((b * SLOTS + slot) * 8);
                if (expected != ours[slot]) {
                    if (failed++ < 12) {
                        failures.append(String.format("block %d: %s is %x under qemu, %x here (fpcr %x)%n%s", b,
                                slotName(slot), expected, ours[slot], inputs.get(b)[93],
                                listing(code.get(b), inputs.get(b))));
                    }
                    break;
                }
            }
        }
        if (failed > 0) {
            fail(failed + " of " + blocks + " blocks differ\n" + failures);
        }
    }

    private static long[] runOurs(int[] block, long[] in) {
        Machine m = new Machine(Arch.ARM64, 1, A64Hart::new);
        long text = 0x10000;
        m.memory().map(text, 0x1000, Memory.R | Memory.X);
        for (int k = 0; k < block.length; k++) {
            m.memory().writeValue(text + 4L * k, block[k], 4);
        }
        A64Hart h = (A64Hart) m.hart(0);
        for (int k = 0; k < 32; k++) {
            h.setVector(k, in[2 * k], in[2 * k + 1]);
        }
        for (int k = 0; k < 28; k++) {
            h.setReg(k, in[64 + k]);
        }
        h.setFlags((int) (in[92] >>> 28));
        h.setSystemRegister(A64SysReg.FPCR, in[93]);
        h.setSystemRegister(A64SysReg.FPSR, 0);
        h.setPc(text);
        if (Boolean.getBoolean("a64fp.trace") && block.length > 1) {
            for (int w : block) {
                System.err.printf("%08x  v16=%x v17=%x v29=%x v6=%x fpsr=%x%n", w, h.vectorLow(16), h.vectorLow(17),
                        h.vectorLow(29), h.vectorLow(6), h.systemRegister(A64SysReg.FPSR));
                assertNull(h.run(1));
            }
        } else {
            assertNull(h.run(block.length));
        }
        long[] out = new long[SLOTS];
        for (int k = 0; k < 32; k++) {
            out[2 * k] = h.vectorLow(k);
            out[2 * k + 1] = h.vectorHigh(k);
        }
        for (int k = 0; k < 28; k++) {
            out[64 + k] = h.reg(k);
        }
        out[92] = (long) h.flags() << 28;
        out[93] = h.systemRegister(A64SysReg.FPSR);
        return out;
    }

    private static String slotName(int slot) {
        if (slot < 64) {
            return "v" + slot / 2 + (slot % 2 == 0 ? " low" : " high");
        }
        return slot < 92 ? "x" + (slot - 64) : slot == 92 ? "NZCV" : "FPSR";
    }

    /** A random word of an FP encoding class that we decode as FP and that touches no x28-x30. */
    static int randomFp(Random random) {
        while (true) {
            int[] c = CLASSES[random.nextInt(CLASSES.length)];
            int w = c[1] | (random.nextInt() & ~c[0]);
            A64Insn i;
            try {
                i = A64Decoder.decode(0, w);
            } catch (DecodeException e) {
                continue;
            }
            if (!A64Op.isFp(i.op())) {
                continue;
            }
            if ((i.op() == A64Op.FCVT_GEN || i.op() == A64Op.CVTF_GEN)
                    && ((i.rd() >= 28 && i.rd() <= 31) || (i.rn() >= 28 && i.rn() <= 31))) {
                continue;
            }
            return w;
        }
    }

    /** 64 random bits made of two lanes of interesting single values, or one double. */
    static long randomQuad(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> randomDouble(random);
            case 1 -> (randomSingle(random) & 0xffff_ffffL) | (long) randomSingle(random) << 32;
            default -> randomHalf(random) | randomHalf(random) << 16 | (randomSingle(random) & 0xffff_ffffL) << 32;
        };
    }

    static long randomDouble(Random r) {
        long sign = r.nextBoolean() ? Long.MIN_VALUE : 0;
        return sign | switch (r.nextInt(12)) {
            case 0 -> 0x7ff0_0000_0000_0000L | (r.nextLong() & 0x000f_ffff_ffff_ffffL | 1); // NaN
            case 1 -> 0x7ff0_0000_0000_0000L;
            case 2 -> 0;
            case 3 -> r.nextLong() & 0x000f_ffff_ffff_ffffL; // denormal
            case 4 -> Double.doubleToRawLongBits(r.nextInt(2000) - 1000);
            case 5 -> Double.doubleToRawLongBits(1 + r.nextDouble() * 0x1p-40);
            case 6 -> Double.doubleToRawLongBits(Math.scalb(1 + r.nextDouble(), 1000 + r.nextInt(24)));
            case 7 -> Double.doubleToRawLongBits(Math.scalb(1 + r.nextDouble(), -1022 + r.nextInt(60)));
            case 8 -> Double.doubleToRawLongBits(Math.scalb((double) r.nextLong(), -r.nextInt(70)));
            default -> r.nextLong() & Long.MAX_VALUE;
        };
    }

    static int randomSingle(Random r) {
        int sign = r.nextBoolean() ? Integer.MIN_VALUE : 0;
        return sign | switch (r.nextInt(12)) {
            case 0 -> 0x7f80_0000 | (r.nextInt() & 0x7f_ffff | 1);
            case 1 -> 0x7f80_0000;
            case 2 -> 0;
            case 3 -> r.nextInt() & 0x7f_ffff;
            case 4 -> Float.floatToRawIntBits(r.nextInt(2000) - 1000);
            case 5 -> Float.floatToRawIntBits(1 + r.nextFloat() * 0x1p-12f);
            case 6 -> Float.floatToRawIntBits(Math.scalb(1 + r.nextFloat(), 100 + r.nextInt(28)));
            case 7 -> Float.floatToRawIntBits(Math.scalb(1 + r.nextFloat(), -126 + r.nextInt(30)));
            case 8 -> Float.floatToRawIntBits(Math.scalb((float) r.nextLong(), -r.nextInt(70)));
            default -> r.nextInt() & Integer.MAX_VALUE;
        };
    }

    static long randomHalf(Random r) {
        long sign = r.nextBoolean() ? 0x8000 : 0;
        return sign | switch (r.nextInt(6)) {
            case 0 -> 0x7c00 | (r.nextInt(0x3ff) + 1);
            case 1 -> 0x7c00;
            case 2 -> 0;
            case 3 -> r.nextInt(0x400);
            default -> r.nextInt(0x7c00);
        };
    }

    private static String listing(int[] words, long[] in) {
        StringBuilder sb = new StringBuilder();
        for (int w : words) {
            A64Insn i = A64Decoder.decode(0, w);
            sb.append(String.format("  %08x  %s%n", w, A64Disassembler.format(0, i)));
            if (words.length == 1) {
                for (int reg : new int[] {i.rd(), i.rn(), i.rm(), i.ra()}) {
                    if (reg < 32) {
                        sb.append(String.format("    v%d = %016x:%016x  x%d = %x%n", reg, in[2 * reg + 1], in[2 * reg],
                                reg, reg < 28 ? in[64 + reg] : 0));
                    }
                }
                sb.append(String.format("    nzcv %x%n", in[92] >>> 28));
            }
        }
        return sb.toString();
    }
}
