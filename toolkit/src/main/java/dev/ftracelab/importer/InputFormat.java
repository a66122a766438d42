package dev.ftracelab.importer;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What an input holds, detected from its text: the kernel log of the ftrace_ops sample module,
 * a results table (the mail layout, a box table, Markdown, mangled by mail or not), or a CSV
 * file in the published dataset's schema.
 */
public enum InputFormat {
    /** Kernel log lines ({@code dmesg}, {@code journalctl -k}, a serial console) of the sample module. */
    LOG("sample log"),
    /** A results table as posted in a commit message or a mail. */
    TABLE("table"),
    /** CSV in the published schema ({@code published --format csv}, {@code import --save}). */
    CSV("csv");

    private static final Pattern LOG_LINE = Pattern.compile(
            "(^|[\\s:\\]])registering:\\s*$|\\bAttempted\\s+[\\d,]+\\s+calls\\s+to\\b");
    private static final Pattern CSV_HEADER = Pattern.compile("^\\s*\"?dataset\"?\\s*,.*\\brelevant\\b.*");

    private final String label;

    InputFormat(String label) {
        this.label = label;
    }

    /** How the format reads in notes and messages, e.g. "sample log". */
    public String label() {
        return label;
    }

    /**
     * Detects the format of {@code lines}: a CSV header ({@code dataset,...,relevant,...}) as the
     * first line that is not a {@code #} note; else any line of the sample's output makes it a log;
     * else a line with {@code |} makes it a table. Null when none fits.
     */
    static InputFormat detect(List<String> lines) {
        for (String l : lines) {
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            if (CSV_HEADER.matcher(l).matches() && l.indexOf('|') < 0) {
                return CSV;
            }
            break;
        }
        for (String l : lines) {
            if (LOG_LINE.matcher(l).find()) {
                return LOG;
            }
        }
        for (String l : lines) {
            if (l.indexOf('|') >= 0) {
                return TABLE;
            }
        }
        return null;
    }
}
