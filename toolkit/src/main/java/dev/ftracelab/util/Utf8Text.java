package dev.ftracelab.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Strict UTF-8 text files (plans, distances, CSV datasets): a byte that is not UTF-8 is refused
 * with the file, its offset and line, rather than the JDK's bare "Input length = 1". A leading
 * byte-order mark, which some editors write, is dropped.
 *
 * <pre>{@code
 * String text = Utf8Text.read(Path.of("plan.yaml"), "a YAML plan");
 * // plan.yaml:offset 0x1f: byte 0xe9 (line 3) is not UTF-8: expected UTF-8 text (a YAML plan); ...
 * }</pre>
 */
public final class Utf8Text {
    /** U+FEFF, the byte-order mark, as decoded. */
    public static final char BOM = '\uFEFF';

    /** Most bytes of a text input (a plan, profile or distances file): far above any real one. */
    public static final long MAX_BYTES = 64L << 20;

    private Utf8Text() {
    }

    /**
     * The text of {@code file}; {@code what} names the expected content in messages.
     *
     * @throws BadInputException if the file cannot be read or is not UTF-8
     */
    public static String read(Path file, String what) {
        byte[] data;
        try {
            if (Files.exists(file)) { // a missing file keeps its "no such file"
                InputFiles.requireRegularFile(file, what);
            }
            try (java.io.InputStream in = Files.newInputStream(file)) {
                data = InputFiles.readAtMost(in, MAX_BYTES, file.toString(), what);
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(file.toString(), null, "no such file: expected " + what);
        } catch (IOException e) {
            throw new BadInputException(file.toString(), null, "cannot read " + what + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        return decode(data, file.toString(), what);
    }

    /**
     * {@code data} decoded as strict UTF-8, without a leading byte-order mark.
     *
     * @param source names the input in messages
     * @throws BadInputException at the offset of the first byte that is not UTF-8
     */
    public static String decode(byte[] data, String source, String what) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data);
        CharBuffer out = CharBuffer.allocate(data.length);
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) {
            r = d.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (data[i] == '\n') {
                    line++;
                }
            }
            throw new BadInputException(source, "offset 0x" + Integer.toHexString(at), String.format(java.util.Locale.ROOT,
                    "byte 0x%02x (line %d) is not UTF-8: expected UTF-8 text (%s); convert it, e.g. iconv -f latin1 -t utf-8",
                    data[at] & 0xff, line, what));
        }
        out.flip();
        String s = out.toString();
        return stripBom(s);
    }

    /** {@code s} without a leading byte-order mark. */
    public static String stripBom(String s) {
        return !s.isEmpty() && s.charAt(0) == BOM ? s.substring(1) : s;
    }
}
