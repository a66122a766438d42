package dev.ftracelab.report;

import dev.ftracelab.util.TextWrap;
import java.util.List;

/**
 * Prose for a mail: words wrapped to a width, each line indented, so a caption under a
 * {@link MailTable} stays inside {@link MailTable#MAIL_WIDTH} columns.
 *
 * <pre>{@code
 * out.print(MailText.wrap("Interval: lowest to highest of 8 heap layouts ...", 72, "  "));
 * }</pre>
 */
public final class MailText {
    private MailText() {
    }

    /**
     * {@code text} wrapped at spaces so that no line, indent included, is wider than
     * {@code width} (a single word longer than that stands on its own line); every line ends
     * with a newline.
     */
    public static String wrap(String text, int width, String indent) {
        return TextWrap.wrap(text, width, indent, indent);
    }

    /**
     * As {@link #wrap(String, int, String)} with a hanging indent: the first line starts with
     * {@code first}, the following ones with {@code rest}, e.g. a {@code key: value} line whose
     * value continues under itself.
     */
    public static String wrap(String text, int width, String first, String rest) {
        return TextWrap.wrap(text, width, first, rest);
    }

    /**
     * Reflows an indented note (e.g. the {@code Sources:} block of a dataset) to {@code width}:
     * a line indented deeper than the entry it follows continues that entry, unless the entry
     * ends with a colon (a heading); each entry is rewrapped under its own first line, its
     * continuation lines keeping their indent. {@code prefix} goes before every line.
     */
    public static String reflow(List<String> lines, int width, String prefix) {
        StringBuilder out = new StringBuilder();
        String first = null;
        String rest = null;
        StringBuilder words = new StringBuilder();
        for (String l : lines) {
            if (l.isBlank()) {
                if (first != null) {
                    out.append(entry(words, width, prefix, first, rest));
                }
                out.append('\n');
                first = null;
                continue;
            }
            String indent = l.substring(0, l.length() - l.stripLeading().length());
            boolean continues = first != null && indent.length() > first.length()
                    && !words.toString().stripTrailing().endsWith(":");
            if (continues) {
                if (rest == null) {
                    rest = indent;
                }
                words.append(' ').append(l.strip());
                continue;
            }
            if (first != null) {
                out.append(entry(words, width, prefix, first, rest));
            }
            first = indent;
            rest = null;
            words = new StringBuilder(l.strip());
        }
        if (first != null) {
            out.append(entry(words, width, prefix, first, rest));
        }
        return out.toString();
    }

    private static String entry(CharSequence words, int width, String prefix, String first, String rest) {
        return wrap(words.toString(), width, prefix + first, prefix + (rest == null ? first + "  " : rest));
    }
}
