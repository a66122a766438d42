package dev.ftracelab.util;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Input the toolkit cannot use: a malformed dataset row, profile, plan or ELF file.
 *
 * <p>The message always says where (file, and line or byte offset when known) and what was
 * expected, so a user can fix the input without reading code. The CLI turns this exception into
 * a one-line error on stderr and exit status 2.
 *
 * <pre>{@code
 * throw BadInputException.atLine(path, 12, "expected an integer in column 'relevant', got 'x'");
 * // -> datasets/published/ftrace-ops.csv:12: expected an integer in column 'relevant', got 'x'
 * }</pre>
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String location;
    private final String reason;

    /** A problem located in {@code source} at {@code location} (e.g. a line number or "offset 0x40"). */
    public BadInputException(String source, String location, String reason) {
        super(format(source, location, reason));
        this.source = source;
        this.location = location;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** A problem with a whole input, or with a value given on the command line. */
    public BadInputException(String reason) {
        this(null, null, reason);
    }

    /** A problem at a 1-based line of a text file. */
    public static BadInputException atLine(Path file, long line, String reason) {
        return new BadInputException(String.valueOf(file), Long.toString(line), reason);
    }

    /** A problem at a byte offset of a binary file (printed in hex, like objdump and readelf). */
    public static BadInputException atOffset(Path file, long offset, String reason) {
        return new BadInputException(String.valueOf(file), "offset 0x" + Long.toHexString(offset), reason);
    }

    /** The file or other source the problem is in, if known. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** Line number or offset within the source, if known. */
    public Optional<String> location() {
        return Optional.ofNullable(location);
    }

    /** What was wrong and what was expected, without the location prefix. */
    public String reason() {
        return reason;
    }

    private static String format(String source, String location, String reason) {
        if (source == null) {
            return reason;
        }
        return location == null ? source + ": " + reason : source + ":" + location + ": " + reason;
    }
}
