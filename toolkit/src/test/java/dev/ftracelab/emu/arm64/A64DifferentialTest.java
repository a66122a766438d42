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
 * Random data-processing instructions (immediate and register groups: arithmetic with flags,
 * logic, bitfields, conditional select/compare, multiply, divide, ...) run from random register
 * and flag values on {@link A64Hart} (interpreted and compiled) and on {@code qemu-aarch64};
 * after every block all registers and NZCV are dumped ({@link A64QemuHarness}), and the dumps
 * must be identical.
 */
class A64DifferentialTest {
    private static final int BLOCKS = 40;
    private static final int BLOCK_SIZE = 50;
    /** x28-x30 are the harness's (dump and data cursors, scratch); 31 is SP or XZR. */
    private static final long RESERVED = 0xfL << 28;

    @TempDir
    Path tmp;

    @Test
    void randomDataProcessingAgreesWithQemu() {
        Random random = new Random(0xa64);
        A64QemuHarness h = new A64QemuHarness(new A64QemuHarness.Dump(false, 28, true, false));
        for (int b = 0; b < BLOCKS; b++) {
            long[] x = new long[28];
            for (int r = 0; r < 28; r++) {
                x[r] = random.nextLong();
            }
            long nzcv = (long) random.nextInt(16) << 28;
            List<Integer> block = new ArrayList<>();
            while (block.size() < BLOCK_SIZE) {
                int w = randomDataProcessing(random);
                if (w != 0) {
                    block.add(w);
                }
            }
            h.block(new A64QemuHarness.State(null, x, nzcv, 0), A64QemuHarness.inst(block),
                    A64QemuHarness.listing(block));
        }
        h.assertAgreesWithQemu(tmp, "random");
    }

    /**
     * Random loads, stores, pairs, load-exclusives, acquire/release and LSE atomics in every
     * addressing mode, each with its base register pointed into a buffer (and a small index in a
     * register offset); registers after every block and the final buffer must match qemu's.
     */
    @Test
    void randomLoadsAndStoresAgreeWithQemu() {
        Random random = new Random(0x10ad);
        int blocks = 30;
        // x27 points 4 KiB into a buffer of pseudo-random words, and the buffer is written at the end
        A64QemuHarness h = new A64QemuHarness(new A64QemuHarness.Dump(false, 27, true, false)).prologue("""
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
                """.replace("BUFSIZE", Integer.toString(BUF_SIZE))).epilogue("""
                    mov x8, #64
                    mov x0, #1
                    adrp x1, buf
                    add x1, x1, :lo12:buf
                    mov x2, #BUFSIZE
                    svc #0
                """.replace("BUFSIZE", Integer.toString(BUF_SIZE)), BUF_SIZE)
                .bss("buf:\n    .skip " + BUF_SIZE + "\n");
        for (int b = 0; b < blocks; b++) {
            long[] x = new long[27];
            for (int r = 0; r < 27; r++) {
                x[r] = random.nextInt(0x10000) | (long) random.nextInt(0x10000) << 48;
            }
            long nzcv = (long) random.nextInt(16) << 28;
            StringBuilder s = new StringBuilder();
            List<Integer> block = A64QemuHarness.aimedAccesses(random, 30, A64DifferentialTest::memoryAccess, (i, r) -> {
                String aim = String.format("    mov x%d, x27%n", i.rn());
                if ((i.op() == A64Op.LDR_REG || i.op() == A64Op.STR_REG) && i.rm() != A64Insn.ZR) {
                    aim += String.format("    movz x%d, #%d%n", i.rm(), r.nextInt(256));
                }
                return aim;
            }, s);
            h.block(new A64QemuHarness.State(null, x, nzcv, 0), s.toString(), A64QemuHarness.listing(block));
        }
        h.assertAgreesWithQemu(tmp, "memory", "-march=armv8.1-a");
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
        A64Insn i = A64QemuHarness.decodeOrNull(w);
        if (i == null) {
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
        A64Insn i = A64QemuHarness.decodeOrNull(w);
        if (i == null) {
            return 0;
        }
        boolean dataProcessing = i.insnClass() == InsnClass.ALU || i.insnClass() == InsnClass.MUL_DIV;
        boolean touchesReserved = ((i.readMask() | i.writeMask()) & RESERVED) != 0;
        return dataProcessing && !touchesReserved && i.op() != A64Op.ADR && i.op() != A64Op.ADRP ? w : 0;
    }
}
