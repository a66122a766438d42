package dev.ftracelab.isa.arm64;

/**
 * Prints scalar and vector floating-point ops as objdump does; {@link A64Disassembler#format}
 * delegates here for {@link A64Op#isFp} ops.
 */
final class A64FpDisassembler {
    private A64FpDisassembler() {
    }

    static String format(long pc, A64Insn i) {
        throw new IllegalStateException("no format for op " + i.op());
    }
}
