package dev.ftracelab.isa.arm64;

import dev.ftracelab.isa.arm64.A64Decoder.Row;
import java.util.List;

/**
 * Decoder rows for the Advanced SIMD and FP register file: loads and stores of B/H/S/D/Q
 * registers, moves between registers, integer vector operations and the crypto extensions.
 * {@link A64Decoder} consults these rows after its own for the same op0 groups; a handler
 * returns null for an encoding it does not cover, and the next matching row is tried.
 */
final class A64SimdDecoder {
    private A64SimdDecoder() {
    }

    /** Rows of the load/store groups (op0 = x1x0) whose V bit (26) is set. */
    static List<Row> loadsAndStores() {
        return List.of();
    }

    /** Rows of the data-processing SIMD&FP groups (op0 = x111) for integer vector work and moves. */
    static List<Row> dataProcessing() {
        return List.of();
    }
}
