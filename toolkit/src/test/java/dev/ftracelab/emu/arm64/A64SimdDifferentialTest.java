package dev.ftracelab.emu.arm64;

import dev.ftracelab.isa.InsnClass;
import dev.ftracelab.isa.arm64.A64Insn;
import dev.ftracelab.isa.arm64.A64Op;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random Advanced SIMD integer instructions (every class {@link A64Op#isSimd} decodes outside
 * memory: moves, permutes, three same/different, misc, across lanes, shifts, by element) run
 * from random V and X register values on {@link A64Hart} (interpreted and compiled) and on
 * {@code qemu-aarch64}; after every block V0-V31, X0-X26 and FPSR (the saturation flag QC) are
 * dumped ({@link A64QemuHarness}), and the dumps must be identical. A second test does the same
 * for SIMD&FP loads and stores of every addressing mode.
 */
class A64SimdDifferentialTest {
    private static final int BLOCKS = 60;
    /** Programs per test, each with its own random blocks. */
    private static final int ROUNDS = 4;
    private static final int BLOCK_SIZE = 40;
    /** Dumped per block: 32 Q registers, x0-x26, FPSR. */
    private static final A64QemuHarness.Dump DUMP = new A64QemuHarness.Dump(true, 27, false, true);
    /** x27 is left alone; x28-x30 are the harness's. */
    private static final long RESERVED = 0xfL << 27;

    @TempDir
    Path tmp;

    @Test
    void randomIntegerSimdAgreesWithQemu() {
        Random random = new Random(0x5eed);
        for (int round = 0; round < ROUNDS; round++) {
            List<List<Integer>> blocks = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            for (int b = 0; b < BLOCKS; b++) {
                List<Integer> block = new ArrayList<>();
                while (block.size() < BLOCK_SIZE) {
                    int w = randomSimd(random);
                    if (w != 0) {
                        block.add(w);
                    }
                }
                blocks.add(block);
                bodies.add(A64QemuHarness.inst(block));
            }
            compare(random, blocks, bodies, "simd" + round);
        }
    }

    @Test
    void randomSimdLoadsAndStoresAgreeWithQemu() {
        Random random = new Random(0x10ad5);
        for (int round = 0; round < ROUNDS; round++) {
            List<List<Integer>> blocks = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            for (int b = 0; b < BLOCKS; b++) {
                StringBuilder s = new StringBuilder();
                blocks.add(A64QemuHarness.aimedAccesses(random, 20, A64SimdDifferentialTest::memoryAccess, (i, r) -> {
                    // aim the base at the middle of the buffer, and keep a register index small
                    String aim = String.format("    adrp x%1$d, buf%n    add x%1$d, x%1$d, :lo12:buf%n"
                            + "    add x%1$d, x%1$d, #2048%n", i.rn());
                    if (i.rm() < 27 && i.rm() != i.rn()) {
                        aim += String.format("    movz x%d, #%d%n", i.rm(), r.nextInt(64));
                    }
                    return aim;
                }, s));
                bodies.add(s.toString());
            }
            compare(random, blocks, bodies, "simdmem" + round);
        }
    }

    /** Draws each block's registers (after all its instructions were drawn) and compares with qemu. */
    private void compare(Random random, List<List<Integer>> blocks, List<String> bodies, String name) {
        A64QemuHarness h = new A64QemuHarness(DUMP).bss("buf:\n    .skip 8192\n");
        for (int b = 0; b < blocks.size(); b++) {
            long[] v = new long[64];
            for (int k = 0; k < 64; k++) {
                v[k] = interesting(random);
            }
            long[] x = new long[27];
            for (int r = 0; r < 27; r++) {
                x[r] = interesting(random);
            }
            h.block(new A64QemuHarness.State(v, x, 0, 0), bodies.get(b), A64QemuHarness.listing(blocks.get(b)));
        }
        h.assertAgreesWithQemu(tmp, name, "-march=armv8-a");
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
        A64Insn i = A64QemuHarness.decodeOrNull(w);
        if (i == null) {
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
        A64Insn i = A64QemuHarness.decodeOrNull(w);
        if (i == null) {
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
}
