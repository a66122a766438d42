package dev.ftracelab.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Checks shared by every reader of a named input file: the file must be a regular file (a FIFO
 * or a device would block or never end, a folder cannot be read), and a compressed input may
 * inflate to at most a given size (a gzip bomb is refused, not read until memory runs out).
 *
 * <pre>{@code
 * InputFiles.requireRegularFile(path, "an ELF file");
 * byte[] b = InputFiles.readAtMost(new GZIPInputStream(in), InputFiles.MAX_INFLATED, path.toString(), "gzip data");
 * }</pre>
 */
public final class InputFiles {
    /**
     * Most bytes a compressed input may inflate to by default (a debug vmlinux is about 400 MB);
     * {@link InputLimits#inflated} is the limit in force, raised with {@code census --max-inflated}
     * or {@code FTRACE_LAB_MAX_INFLATED}.
     */
    public static final long MAX_INFLATED = 1L << 30;

    private InputFiles() {
    }

    /**
     * Refuses anything but an existing regular file (symbolic links are followed), without
     * opening it: opening a FIFO would block.
     *
     * @param expected what the file should be, for the message, e.g. "an ELF file"
     * @throws BadInputException "no such file" or "not a regular file (a FIFO): expected ..."
     */
    public static void requireRegularFile(Path file, String expected) {
        if (Files.isRegularFile(file)) {
            return;
        }
        if (!Files.exists(file)) {
            throw new BadInputException(file.toString(), null, "no such file: expected " + expected);
        }
        throw new BadInputException(file.toString(), null, "not a regular file (" + kind(file) + "): expected " + expected);
    }

    private static String kind(Path file) {
        if (Files.isDirectory(file)) {
            return "a folder";
        }
        try {
            Object mode = Files.getAttribute(file, "unix:mode");
            if (mode instanceof Integer m) {
                return switch (m & 0170000) {
                    case 0010000 -> "a FIFO";
                    case 0020000 -> "a character device";
                    case 0060000 -> "a block device";
                    case 0140000 -> "a socket";
                    default -> "a special file";
                };
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no unix attributes here: the generic word will do
        }
        return "a special file";
    }

    /**
     * Reads {@code in} to its end, refusing more than {@code max} bytes (so memory stays bounded
     * by the limit, not by what a compressed stream claims to hold).
     *
     * @throws BadInputException naming {@code source} and the limit when the stream is longer
     */
    public static byte[] readAtMost(InputStream in, long max, String source, String what) throws IOException {
        return readAtMost(in, max, source, what, null);
    }

    /**
     * As {@link #readAtMost(InputStream, long, String, String)}; the refusal ends with
     * {@code howToRaise} (e.g. "census --max-inflated raises the limit") when it is not null.
     */
    public static byte[] readAtMost(InputStream in, long max, String source, String what, String howToRaise)
            throws IOException {
        String raise = howToRaise == null ? "" : "; " + howToRaise;
        int cap = (int) Math.min(max, Integer.MAX_VALUE - 16);
        byte[] buf = new byte[(int) Math.min(cap + 1L, 1 << 16)];
        int n = 0;
        while (true) {
            if (n == buf.length) {
                if (n > cap && cap < max) { // a raised limit above what one array holds
                    throw new BadInputException(source, null, what + " is more than " + size(cap)
                            + ": expected at most that, the most one Java array holds" + raise.replace("; ", " (") + (raise.isEmpty() ? "" : ")"));
                }
                if (n > cap) {
                    throw new BadInputException(source, null, what + " inflates to more than " + size(max)
                            + ": expected at most that (a compression bomb, or a file too large to read whole" + raise + ")");
                }
                buf = Arrays.copyOf(buf, (int) Math.min(cap + 1L, Math.max(2L * n, 1)));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return Arrays.copyOf(buf, n);
            }
            n += r;
        }
    }

    /** A byte count as people write limits: "1 GiB", "64 MiB", "512 KiB" or bytes. */
    public static String size(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
