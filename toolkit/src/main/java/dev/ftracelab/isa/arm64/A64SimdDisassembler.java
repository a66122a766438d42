package dev.ftracelab.isa.arm64;

/**
 * Prints the SIMD&FP loads, stores, moves, integer vector ops and crypto ops as objdump does;
 * {@link A64Disassembler#format} delegates here for {@link A64Op#isSimd} and
 * {@link A64Op#isCrypto} ops.
 */
final class A64SimdDisassembler {
    private A64SimdDisassembler() {
    }

    static String format(long pc, A64Insn i) {
        throw new IllegalStateException("no format for op " + i.op());
    }
}
