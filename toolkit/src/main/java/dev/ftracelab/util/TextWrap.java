package dev.ftracelab.util;

/**
 * Words wrapped to a width with a hanging indent: the shared core of mail text, usable below the
 * report package (traces, plan listings). {@code report.MailText} is the front door for prose.
 *
 * <pre>{@code
 * TextWrap.wrap("write 0x11b98 <- 97f2ffff (4 bytes, atomic): ...", 72, "  1. ", "     ");
 * }</pre>
 */
public final class TextWrap {
    private TextWrap() {
    }

    /**
     * {@code text} wrapped at blanks so that no line, indent included, is wider than
     * {@code width}: the first line starts with {@code first}, the others with {@code rest}. A
     * word longer than a line stands on its own line (a path or a hex string stays whole, so it
     * can be copied). Every line ends with a newline; blank text gives "".
     */
    public static String wrap(String text, int width, String first, String rest) {
        StringBuilder out = new StringBuilder();
        String indent = first;
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                out.append(line).append('\n');
                indent = rest;
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > indent.length()) {
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
