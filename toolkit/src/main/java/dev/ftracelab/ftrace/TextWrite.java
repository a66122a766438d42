package dev.ftracelab.ftrace;

import java.util.HexFormat;

/**
 * One store to kernel text or to an ops literal: {@code bytes} at {@code address}, with what it
 * means. A patch is a list of these in order; the patch-safety explorer replays them one by one.
 *
 * @param what a short description, e.g. {@code "tracee_relevant+4: jalr t0, -1234(t0)"}
 */
public record TextWrite(long address, byte[] bytes, String what) {
    public TextWrite {
        bytes = bytes.clone();
    }

    /** A little-endian 32-bit instruction word. */
    public static TextWrite word(long address, int word, String what) {
        return new TextWrite(address, le(word, 4), what);
    }

    /** A little-endian 64-bit value (an ops literal, a pointer). */
    public static TextWrite quad(long address, long value, String what) {
        return new TextWrite(address, le(value, 8), what);
    }

    private static byte[] le(long v, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return String.format("0x%x: %s (%s)", address, HexFormat.of().formatHex(bytes), what);
    }
}
