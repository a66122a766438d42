package dev.ftracelab.util;

/**
 * A 64-bit mixing step for fingerprints of machine states (the patch-safety explorer hashes
 * registers, memory ranges and fetched lines with it). Not cryptographic; good avalanche.
 *
 * <pre>{@code
 * long h = Hash.mix(Hash.mix(seed, pc), sp);
 * }</pre>
 */
public final class Hash {
    private Hash() {
    }

    /** Mixes {@code v} into {@code h}. */
    public static long mix(long h, long v) {
        h ^= v * 0x9E3779B97F4A7C15L;
        h = Long.rotateLeft(h, 31) * 0xC2B2AE3D27D4EB4FL;
        return h ^ (h >>> 29);
    }
}
