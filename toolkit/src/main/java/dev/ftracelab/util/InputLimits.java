package dev.ftracelab.util;

import java.util.Locale;
import java.util.Map;

/**
 * How much a reader takes in before it refuses an input as too large: a compressed file's
 * inflated size and a CSV dataset's text. The defaults are far above any real input (a debug
 * vmlinux is about 400 MB); a user with a larger file raises them with the environment
 * ({@link #fromEnvironment}, read once by the CLI and passed down) or a command's option.
 *
 * <pre>{@code
 * InputLimits limits = InputLimits.fromEnvironment(System.getenv()).withInflated(InputLimits.size("--max-inflated", "2G"));
 * Census.builder().path(dir).limits(limits).build().run();
 * }</pre>
 *
 * @param inflated most bytes a compressed input may inflate to (census {@code .ko.gz}/{@code .ko.xz}, an uncompressed module too)
 * @param csvText  most bytes of CSV text read from a dataset (after decompression)
 */
public record InputLimits(long inflated, long csvText) {
    /** Default {@link #inflated}: 1 GiB. */
    public static final long DEFAULT_INFLATED = InputFiles.MAX_INFLATED;
    /** Default {@link #csvText}: 512 MiB, 20 times the largest committed dataset. */
    public static final long DEFAULT_CSV_TEXT = 512L << 20;
    /** The defaults. */
    public static final InputLimits DEFAULTS = new InputLimits(DEFAULT_INFLATED, DEFAULT_CSV_TEXT);
    /** Environment variable raising {@link #inflated}, e.g. {@code 2G}. */
    public static final String INFLATED_ENV = "FTRACE_LAB_MAX_INFLATED";
    /** Environment variable raising {@link #csvText}, e.g. {@code 1G}. */
    public static final String CSV_TEXT_ENV = "FTRACE_LAB_MAX_CSV";
    /** Above this a byte[] cannot hold the input: Java arrays end just below 2 GiB. */
    public static final long MAX_READABLE = Integer.MAX_VALUE - 16;

    public InputLimits {
        if (inflated < 1 || csvText < 1) {
            throw new IllegalArgumentException("limits must be positive: " + inflated + ", " + csvText);
        }
    }

    /** The same limits, with {@link #inflated} replaced. */
    public InputLimits withInflated(long bytes) {
        return new InputLimits(bytes, csvText);
    }

    /** The same limits, with {@link #csvText} replaced. */
    public InputLimits withCsvText(long bytes) {
        return new InputLimits(inflated, bytes);
    }

    /**
     * The defaults, raised (or lowered) by {@value #INFLATED_ENV} and {@value #CSV_TEXT_ENV} when
     * {@code env} has them.
     *
     * @throws BadInputException naming the variable when its value is not a size
     */
    public static InputLimits fromEnvironment(Map<String, String> env) {
        InputLimits l = DEFAULTS;
        if (env.get(INFLATED_ENV) != null) {
            l = l.withInflated(size(INFLATED_ENV, env.get(INFLATED_ENV)));
        }
        if (env.get(CSV_TEXT_ENV) != null) {
            l = l.withCsvText(size(CSV_TEXT_ENV, env.get(CSV_TEXT_ENV)));
        }
        return l;
    }

    /**
     * A size as users write it: {@code 4G}, {@code 512M}, {@code 64k} or bytes.
     *
     * @param what the option or variable, for the message
     * @throws BadInputException "WHAT: expected a positive size ..." for anything else
     */
    public static long size(String what, String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        int shift = t.endsWith("K") ? 10 : t.endsWith("M") ? 20 : t.endsWith("G") ? 30 : t.endsWith("T") ? 40 : 0;
        String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
        try {
            if (!digits.matches("[0-9]+")) {
                throw new NumberFormatException();
            }
            long v = Long.parseLong(digits);
            if (v < 1 || v > Long.MAX_VALUE >> shift) {
                throw new NumberFormatException();
            }
            return v << shift;
        } catch (NumberFormatException e) {
            throw new BadInputException(what + ": expected a positive size in bytes, or with a K, M, G or T suffix"
                    + " (e.g. 4G), got '" + text + "'");
        }
    }
}
