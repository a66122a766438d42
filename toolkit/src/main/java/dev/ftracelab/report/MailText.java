package dev.ftracelab.report;

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
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.trim().split("\\s+")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                out.append(line).append('\n');
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
