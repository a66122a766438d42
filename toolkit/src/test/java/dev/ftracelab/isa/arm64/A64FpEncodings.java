package dev.ftracelab.isa.arm64;

import java.util.Random;

/**
 * The FP encoding classes of {@code A64FpDecoder} as (mask, value) pairs, for tests that draw
 * random FP words: the objdump agreement test and the qemu differential test.
 */
public final class A64FpEncodings {
    private static final int[][] CLASSES = {
        {0x5f200000, 0x1e000000}, {0x5f20fc00, 0x1e200000}, {0x5f207c00, 0x1e204000}, {0x5f203c00, 0x1e202000},
        {0x5f201c00, 0x1e201000}, {0x5f200c00, 0x1e200400}, {0x5f200c00, 0x1e200800}, {0x5f200c00, 0x1e200c00},
        {0x5f000000, 0x1f000000}, {0x9f20c400, 0x0e20c400}, {0xdf20c400, 0x5e20c400}, {0x9f3e0c00, 0x0e200800},
        {0xdf3e0c00, 0x5e200800}, {0xdf3e0c00, 0x5e300800}, {0x9f3e0c00, 0x0e300800}, {0x9f000400, 0x0f000000},
        {0xdf000400, 0x5f000000}, {0x9ff80400, 0x0f000400}, {0x9f800400, 0x0f000400}, {0xdf800400, 0x5f000400},
    };

    private A64FpEncodings() {
    }

    /** A random word of a random FP encoding class (which may still be unallocated). */
    public static int randomWord(Random random) {
        int[] c = CLASSES[random.nextInt(CLASSES.length)];
        return c[1] | (random.nextInt() & ~c[0]);
    }
}
