package dev.ftracelab.util;

/**
 * A 64-bit mixing step for fingerprints of machine states (the patch-safety explorer hashes
 * registers, memory ranges and fetched lines with it; not cryptographic, good avalanche), and
 * SHA-256 of input files for provenance notes (which exact file a dataset was read from).
 *
 * <pre>{@code
 * long h = Hash.mix(Hash.mix(seed, pc), sp);
 * String id = Hash.sha256(Path.of("vf2-dmesg.log"));   // 64 lower-case hex digits
 * }</pre>
 */
public final class Hash {
    private Hash() {
    }

    /** SHA-256 of {@code bytes}, as 64 lower-case hex digits. */
    public static String sha256(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(digest().digest(bytes));
    }

    /**
     * SHA-256 of a file's contents, read in blocks (any size), as 64 lower-case hex digits.
     *
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static String sha256(java.nio.file.Path file) {
        java.security.MessageDigest md = digest();
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    private static java.security.MessageDigest digest() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e); // every Java SE has it
        }
    }

    /** Mixes {@code v} into {@code h}. */
    public static long mix(long h, long v) {
        h ^= v * 0x9E3779B97F4A7C15L;
        h = Long.rotateLeft(h, 31) * 0xC2B2AE3D27D4EB4FL;
        return h ^ (h >>> 29);
    }
}
