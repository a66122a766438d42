package dev.ftracelab.emu.arm64;

import dev.ftracelab.isa.arm64.A64Decoder;
import dev.ftracelab.isa.arm64.A64FpEncodings;
import dev.ftracelab.isa.arm64.A64Insn;
import dev.ftracelab.isa.arm64.A64Op;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random scalar and vector floating-point instructions, from random register contents (NaNs
 * with payloads, infinities, denormals, signed zeros, integers, ordinary values) under a random
 * FPCR (all four rounding modes, DN, FZ, FZ16), run on {@link A64Hart} (interpreted, and with
 * every block compiled) and on {@code qemu-aarch64}: all 32 V registers, x0-x27, NZCV and FPSR
 * after every block must be identical bit for bit ({@link A64QemuHarness}).
 */
class A64FpDifferentialTest {
    /** Dumped per block: V0-V31, x0-x27, NZCV, FPSR. */
    private static final A64QemuHarness.Dump DUMP = new A64QemuHarness.Dump(true, 28, true, true);

    @TempDir
    Path tmp;

    @Test
    void singleInstructionsAgreeWithQemu() {
        run("fp1", Long.getLong("a64fp.seed", 0xf9), Integer.getInteger("a64fp.count", 1500), 1);
    }

    @Test
    void blocksAgreeWithQemu() {
        run("fpblocks", Long.getLong("a64fp.seed", 0xb10c), Integer.getInteger("a64fp.blocks", 80), 24);
    }

    private void run(String name, long seed, int blocks, int size) {
        Random random = new Random(seed);
        A64QemuHarness h = new A64QemuHarness(DUMP);
        for (int b = 0; b < blocks; b++) {
            long[] v = new long[64];
            for (int k = 0; k < 64; k++) {
                v[k] = randomQuad(random);
            }
            long[] x = new long[28];
            for (int k = 0; k < 28; k++) {
                x[k] = random.nextInt(4) == 0 ? randomQuad(random) : random.nextLong() >> random.nextInt(64);
            }
            long nzcv = (long) random.nextInt(16) << 28;
            long fpcr = (long) random.nextInt(4) << 22 | (random.nextInt(4) == 0 ? 1L << 25 : 0)
                    | (random.nextInt(4) == 0 ? 1L << 24 : 0) | (random.nextInt(4) == 0 ? 1L << 19 : 0);
            List<Integer> block = new ArrayList<>();
            for (int k = 0; k < size; k++) {
                block.add(randomFp(random));
            }
            A64QemuHarness.State start = new A64QemuHarness.State(v, x, nzcv, fpcr);
            h.block(start, A64QemuHarness.inst(block), listing(block, start));
        }
        h.assertAgreesWithQemu(tmp, name, "-march=armv8.2-a+fp16");
    }

    /** A random word of an FP encoding class that we decode as FP and that touches no x28-x30. */
    static int randomFp(Random random) {
        while (true) {
            int w = A64FpEncodings.randomWord(random);
            A64Insn i = A64QemuHarness.decodeOrNull(w);
            if (i == null) {
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

    /** The block, its FPCR, and for a single instruction the values of the registers it names. */
    private static String listing(List<Integer> words, A64QemuHarness.State in) {
        StringBuilder sb = new StringBuilder(String.format("  fpcr %x%n", in.fpcr()));
        sb.append(A64QemuHarness.listing(words));
        if (words.size() == 1) {
            A64Insn i = A64Decoder.decode(0, words.get(0));
            for (int reg : new int[] {i.rd(), i.rn(), i.rm(), i.ra()}) {
                if (reg < 32) {
                    sb.append(String.format("    v%d = %016x:%016x  x%d = %x%n", reg, in.v()[2 * reg + 1], in.v()[2 * reg],
                            reg, reg < 28 ? in.x()[reg] : 0));
                }
            }
            sb.append(String.format("    nzcv %x%n", in.nzcv() >>> 28));
        }
        return sb.toString();
    }
}
