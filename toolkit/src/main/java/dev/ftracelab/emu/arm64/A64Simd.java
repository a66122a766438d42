package dev.ftracelab.emu.arm64;

import dev.ftracelab.emu.Memory;
import dev.ftracelab.isa.arm64.A64Insn;

/**
 * Semantics of the Advanced SIMD and FP loads, stores, moves and integer vector ops
 * ({@link dev.ftracelab.isa.arm64.A64Op#isSimd}), on the hart's {@code v} registers. The
 * interpreter and compiled blocks both call {@link #execute}, so they cannot disagree.
 */
final class A64Simd {
    private A64Simd() {
    }

    /**
     * Executes {@code i} at {@code pc} on hart {@code h}; returns the effective address of a
     * memory access (for the retire listener), or -1.
     */
    static long execute(A64Hart h, A64Insn i, long pc, Memory mem) {
        throw new IllegalStateException("no semantics for " + i.mnemonic());
    }
}
