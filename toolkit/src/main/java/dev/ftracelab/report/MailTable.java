package dev.ftracelab.report;

import dev.ftracelab.util.TextWrap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A plain-text table layout for mailing-list posts: fixed-width, at most 72 columns, numbers
 * right-aligned with thousands separators, {@code |} between columns and {@code ||} between the
 * key columns and the measured ones, {@code =} under the header and {@code -} rules between row
 * sections — the style of the arm64 CALL_OPS commit message.
 *
 * <p>A layout is immutable and reusable: build it once, render many tables with it.
 *
 * <pre>{@code
 * MailTable layout = MailTable.builder()
 *         .group("Number of tracers", 2).group("Total time", 1).group("Per-call average time (ns)", 2)
 *         .column("relevant", "Relevant").column("irrelevant", "Irrelevant")
 *         .column("total_ns", "(ns)", Align.CENTER)
 *         .column("per_call_ns", "Total").minWidth("per_call_ns", 12).column("overhead_ns", "Overhead")
 *         .keyColumns(2).sectionsBy("sweep")
 *         .build();
 * String text = layout.render(table);
 * }</pre>
 */
public final class MailTable {
    /** The widest line a mail reader is assumed to show unwrapped. */
    public static final int MAIL_WIDTH = 72;

    /** Horizontal alignment of a header label. */
    public enum Align { LEFT, CENTER, RIGHT }

    /**
     * One shown column: source column name, header label and formatting. A range column
     * ({@code rangeTo} not null) shows {@code low-high} from two numeric columns: {@code name}
     * and {@code rangeTo}.
     */
    public record ColumnLayout(String name, String label, Align headerAlign, int decimals, int minWidth,
            String rangeTo) {
        public ColumnLayout {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(headerAlign, "headerAlign");
        }
    }

    /** A header spanning {@code span} consecutive columns. */
    public record Group(String label, int span) {
    }

    private final List<ColumnLayout> columns;
    private final List<Group> groups;
    private final int keyColumns;
    private final String sectionColumn;
    private final int indent;
    private final int maxWidth;
    private final String wrapColumn;
    private final Map<String, String> details;
    private final String headingColumn;
    private final String headingLabel;
    private final String legend;

    private MailTable(Builder b) {
        this.columns = List.copyOf(b.columns.values());
        this.groups = List.copyOf(b.groups);
        this.keyColumns = b.keyColumns;
        this.sectionColumn = b.sectionColumn;
        this.indent = b.indent;
        this.maxWidth = b.maxWidth;
        this.wrapColumn = b.wrapColumn;
        this.details = new LinkedHashMap<>(b.details);
        this.headingColumn = b.headingColumn;
        this.headingLabel = b.headingLabel;
        this.legend = b.legend;
    }

    /** A layout showing every column of whatever table it renders, under its own name. */
    public static MailTable plain() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Renders {@code table}. Lines have no trailing blanks and end with a newline.
     *
     * @throws IllegalArgumentException if a laid-out column is missing from the table, or the
     *                                  table would be wider than the layout's maximum width
     */
    public String render(Table table) {
        List<ColumnLayout> shown = columns.isEmpty() ? defaultColumns(table) : columns;
        int n = shown.size();
        List<Column<?>> cols = new ArrayList<>(n);
        List<Column<?>> rangeEnds = new ArrayList<>(n);
        for (ColumnLayout c : shown) {
            for (String name : c.rangeTo() == null ? List.of(c.name()) : List.of(c.name(), c.rangeTo())) {
                if (!table.containsColumn(name)) {
                    throw new IllegalArgumentException("table '" + table.name() + "' has no column '" + name
                            + "'; it has " + table.columnNames());
                }
            }
            cols.add(table.column(c.name()));
            rangeEnds.add(c.rangeTo() == null ? null : table.column(c.rangeTo()));
        }
        List<Group> gs = groups.isEmpty() ? List.of() : checkedGroups(n);
        List<String> extra = new ArrayList<>(details.keySet());
        if (headingColumn != null) {
            extra.add(headingColumn);
        }
        for (String name : extra) {
            if (!table.containsColumn(name)) {
                throw new IllegalArgumentException("table '" + table.name() + "' has no column '" + name
                        + "'; it has " + table.columnNames());
            }
        }
        int wrapped = -1;
        for (int c = 0; c < n; c++) {
            if (shown.get(c).name().equals(wrapColumn)) {
                wrapped = c;
            }
        }

        String[][] cells = new String[table.rowCount()][n];
        int[] content = new int[n];
        for (int c = 0; c < n; c++) {
            content[c] = Math.max(shown.get(c).label().length(), shown.get(c).minWidth());
            for (int r = 0; r < table.rowCount(); r++) {
                cells[r][c] = CellFormat.format(cols.get(c), r, shown.get(c).decimals());
                if (rangeEnds.get(c) != null && !cols.get(c).isMissing(r)) {
                    cells[r][c] = rangeEnd(cols.get(c), r) + "-" + rangeEnd(rangeEnds.get(c), r);
                }
                content[c] = Math.max(content[c], cells[r][c].length());
            }
        }
        // The wrapped column gives up what the line is too wide by, down to its label (or 8).
        if (wrapped >= 0) {
            int over = indent + spanWidth(content, 0, n - 1) - maxWidth;
            int floor = Math.max(shown.get(wrapped).label().length(), Math.min(8, content[wrapped]));
            if (over > 0) {
                content[wrapped] = Math.max(floor, content[wrapped] - over);
            }
        }
        // A group label wider than its columns widens the group's last column.
        int first = 0;
        for (Group g : gs) {
            int last = first + g.span() - 1;
            int need = pad(first) + g.label().length() + (last == n - 1 ? 0 : 1);
            int have = spanWidth(content, first, last);
            if (need > have) {
                content[last] += need - have;
            }
            first = last + 1;
        }

        StringBuilder out = new StringBuilder();
        if (!gs.isEmpty()) {
            StringBuilder line = new StringBuilder(" ".repeat(indent));
            int start = 0;
            for (Group g : gs) {
                int end = start + g.span() - 1;
                if (start > 0) {
                    line.append(separator(start - 1, false));
                }
                line.append(" ".repeat(pad(start)));
                line.append(padRight(g.label(), spanWidth(content, start, end) - pad(start)));
                start = end + 1;
            }
            emit(out, line);
        }
        StringBuilder header = new StringBuilder(" ".repeat(indent));
        for (int c = 0; c < n; c++) {
            if (c > 0) {
                header.append(separator(c - 1, false));
            }
            ColumnLayout cl = shown.get(c);
            header.append(" ".repeat(pad(c))).append(align(cl.label(), content[c], cl.headerAlign())).append(' ');
        }
        emit(out, header);
        emit(out, rule(content, '='));

        Column<?> section = sectionColumn == null ? null : table.column(sectionColumn);
        Column<?> heading = headingColumn == null ? null : table.column(headingColumn);
        String pad = " ".repeat(indent);
        for (int r = 0; r < table.rowCount(); r++) {
            if (heading != null && (r == 0 || !Objects.equals(heading.get(r), heading.get(r - 1)))) {
                String label = headingLabel.isEmpty() ? "" : headingLabel + ": ";
                out.append(TextWrap.wrap(CellFormat.format(heading, r, 2), maxWidth, pad + label, pad + "  "));
            }
            List<String> pieces = wrapped < 0 ? List.of() : wrapCell(cells[r][wrapped], content[wrapped]);
            int lines = Math.max(1, pieces.size());
            for (int i = 0; i < lines; i++) {
                StringBuilder line = new StringBuilder(pad);
                for (int c = 0; c < n; c++) {
                    if (c > 0) {
                        line.append(separator(c - 1, false));
                    }
                    String cell = c == wrapped ? (i < pieces.size() ? pieces.get(i) : "") : i == 0 ? cells[r][c] : "";
                    boolean numeric = c != wrapped
                            && (CellFormat.isNumeric(cols.get(c)) || cells[r][c].equals(CellFormat.MISSING));
                    line.append(" ".repeat(pad(c)))
                            .append(align(cell, content[c], numeric ? Align.RIGHT : Align.LEFT)).append(' ');
                }
                emit(out, line);
            }
            for (Map.Entry<String, String> d : details.entrySet()) {
                Column<?> col = table.column(d.getKey());
                String value = col.isMissing(r) ? "" : CellFormat.format(col, r, 2);
                if (!value.isBlank()) {
                    String label = d.getValue().isEmpty() ? "" : d.getValue() + ": ";
                    out.append(TextWrap.wrap(value, maxWidth, pad + "    " + label,
                            pad + "    " + " ".repeat(label.length())));
                }
            }
            boolean lastOfSection = section != null
                    && (r + 1 == table.rowCount() || !Objects.equals(section.get(r), section.get(r + 1)));
            if (lastOfSection) {
                emit(out, rule(content, '-'));
            }
        }
        int widest = out.toString().lines().mapToInt(String::length).max().orElse(0);
        if (widest > maxWidth) {
            throw new TooWideException("table '" + table.name() + "' is " + widest
                    + " characters wide; a mail table may be at most " + maxWidth
                    + ": show fewer columns or shorter labels");
        }
        if (!legend.isEmpty()) {
            out.append(MailText.wrap(legend, maxWidth, " ".repeat(indent)));
        }
        return out.toString();
    }

    /**
     * A table wider than the mail allows: a layout bug with our own figures, but with a user's
     * dataset (a huge value in every column) the command says so instead (exit 2).
     */
    public static final class TooWideException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TooWideException(String message) {
            super(message);
        }
    }

    /** An end of a range: one decimal below 10, none above, so small and large ranges both read. */
    private static String rangeEnd(Column<?> column, int row) {
        if (column.isMissing(row)) {
            return CellFormat.MISSING;
        }
        double v = ((Number) column.get(row)).doubleValue();
        return CellFormat.decimal(v, Math.abs(v) < 10 ? 1 : 0);
    }

    /**
     * A cell's text in pieces of at most {@code width}: broken at a blank (dropped), else after
     * a {@code /}, {@code -}, {@code _} or {@code ,}, else wherever the width ends; a leading
     * indent is kept on every piece.
     */
    static List<String> wrapCell(String text, int width) {
        // a leading indent (a step nested in another) stays on every piece
        String lead = text.substring(0, text.length() - text.stripLeading().length());
        if (lead.length() > width / 2) {
            lead = "";
        }
        List<String> out = new ArrayList<>();
        for (String piece : wrapBody(text.strip(), width - lead.length())) {
            out.add(lead + piece);
        }
        return out;
    }

    private static List<String> wrapBody(String text, int width) {
        List<String> out = new ArrayList<>();
        String rest = text;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            if (cut > 0) {
                out.add(rest.substring(0, cut).stripTrailing());
                rest = rest.substring(cut + 1).stripLeading();
                continue;
            }
            int at = -1;
            for (char ch : new char[] {'/', '-', '_', ','}) {
                at = Math.max(at, rest.lastIndexOf(ch, width - 1));
            }
            int end = at > 0 ? at + 1 : width;
            out.add(rest.substring(0, end));
            rest = rest.substring(end);
        }
        out.add(rest);
        return out;
    }

    private List<Group> checkedGroups(int n) {
        int total = groups.stream().mapToInt(Group::span).sum();
        if (total != n) {
            throw new IllegalArgumentException("header groups span " + total + " columns but the layout shows " + n);
        }
        return groups;
    }

    private static List<ColumnLayout> defaultColumns(Table table) {
        List<ColumnLayout> cs = new ArrayList<>();
        for (String name : table.columnNames()) {
            cs.add(new ColumnLayout(name, name, Align.LEFT, 2, 0, null));
        }
        return cs;
    }

    /** Left padding of a column: the first one starts right after the indent. */
    private static int pad(int column) {
        return column == 0 ? 0 : 1;
    }

    /** Width of a column's cell: padding, content and one trailing blank (none after the last). */
    private int segment(int[] content, int c) {
        return pad(c) + content[c] + (c == content.length - 1 ? 0 : 1);
    }

    private int spanWidth(int[] content, int from, int to) {
        int w = 0;
        for (int c = from; c <= to; c++) {
            w += segment(content, c);
            if (c < to) {
                w += separator(c, false).length();
            }
        }
        return w;
    }

    /** The separator after column {@code c}: doubled after the key columns. */
    private String separator(int c, boolean rule) {
        boolean dbl = keyColumns > 0 && c == keyColumns - 1;
        String s = rule ? "+" : "|";
        return dbl ? s + s : s;
    }

    private StringBuilder rule(int[] content, char ch) {
        StringBuilder line = new StringBuilder(" ".repeat(indent));
        for (int c = 0; c < content.length; c++) {
            if (c > 0) {
                line.append(separator(c - 1, true));
            }
            line.append(String.valueOf(ch).repeat(segment(content, c)));
        }
        return line;
    }

    private static void emit(StringBuilder out, CharSequence line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        out.append(line, 0, end).append('\n');
    }

    private static String padRight(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String align(String s, int width, Align a) {
        int space = width - s.length();
        if (space <= 0) {
            return s;
        }
        return switch (a) {
            case LEFT -> s + " ".repeat(space);
            case RIGHT -> " ".repeat(space) + s;
            case CENTER -> " ".repeat(space / 2) + s + " ".repeat(space - space / 2);
        };
    }

    /** Builds a {@link MailTable}; columns appear in the order they are added. */
    public static final class Builder {
        private final Map<String, ColumnLayout> columns = new LinkedHashMap<>();
        private final List<Group> groups = new ArrayList<>();
        private int keyColumns;
        private String sectionColumn;
        private int indent = 2;
        private int maxWidth = MAIL_WIDTH;
        private String wrapColumn;
        private final Map<String, String> details = new LinkedHashMap<>();
        private String headingColumn;
        private String headingLabel;
        private String legend = "";

        private Builder() {
        }

        /** Shows column {@code name} under {@code label}, left-aligned header, 2 decimals. */
        public Builder column(String name, String label) {
            return column(name, label, Align.LEFT);
        }

        /** Shows column {@code name} under {@code label} with the given header alignment. */
        public Builder column(String name, String label, Align headerAlign) {
            columns.put(name, new ColumnLayout(name, label, headerAlign, 2, 0, null));
            return this;
        }

        /**
         * Shows the range {@code low-high} of two numeric columns under {@code label}, e.g. a
         * modelled figure's interval: {@code 62-190}, {@code 1.9-2.6} (one decimal below 10, none
         * above); missing when {@code low} is.
         */
        public Builder range(String low, String high, String label) {
            columns.put(low, new ColumnLayout(low, label, Align.LEFT, 2, 0, high));
            return this;
        }

        /** Decimal places for a floating-point column (default 2). */
        public Builder decimals(String name, int decimals) {
            ColumnLayout c = existing(name);
            columns.put(name, new ColumnLayout(name, c.label(), c.headerAlign(), decimals, c.minWidth(), c.rangeTo()));
            return this;
        }

        /** Minimum content width of a column, in characters. */
        public Builder minWidth(String name, int width) {
            ColumnLayout c = existing(name);
            columns.put(name, new ColumnLayout(name, c.label(), c.headerAlign(), c.decimals(), width, c.rangeTo()));
            return this;
        }

        /** A header line above the column labels; groups must cover every shown column, in order. */
        public Builder group(String label, int span) {
            if (span < 1) {
                throw new IllegalArgumentException("a header group spans at least one column");
            }
            groups.add(new Group(label, span));
            return this;
        }

        /** The first {@code n} columns identify a row; they are set off by {@code ||}. */
        public Builder keyColumns(int n) {
            this.keyColumns = n;
            return this;
        }

        /** Draws a {@code -} rule after every run of rows with the same value in {@code column}. */
        public Builder sectionsBy(String column) {
            this.sectionColumn = column;
            return this;
        }

        /** Spaces before every line (default 2, as in a commit message). */
        public Builder indent(int spaces) {
            this.indent = spaces;
            return this;
        }

        /** Widest allowed line (default {@value #MAIL_WIDTH}). */
        public Builder maxWidth(int width) {
            this.maxWidth = width;
            return this;
        }

        /**
         * Lets shown column {@code name} wrap: when the table would be wider than the maximum,
         * this column narrows (to its label at least) and its long cells continue on the lines
         * below, the other cells left blank there. One column per layout.
         */
        public Builder wrap(String name) {
            existing(name);
            this.wrapColumn = name;
            return this;
        }

        /**
         * Shows column {@code name} (not a table column) on a line of its own under each row
         * where it is not empty, as {@code label: value} wrapped to the maximum width: for text
         * too long for a cell, e.g. a trace step's registers or a violation.
         */
        public Builder detail(String name, String label) {
            details.put(name, label);
            return this;
        }

        /**
         * Shows column {@code name} (not a table column) as a {@code label: value} line above
         * the first row and above every row where it changes: a setting the rows below share,
         * e.g. the options a group of plans was checked with.
         */
        public Builder heading(String name, String label) {
            this.headingColumn = name;
            this.headingLabel = label;
            return this;
        }

        /**
         * A line under the table, wrapped to the width, for the abbreviations its headers use
         * (e.g. {@link dev.ftracelab.ftrace.Dispatch#legend}); empty for none.
         */
        public Builder legend(String text) {
            this.legend = text;
            return this;
        }

        public MailTable build() {
            return new MailTable(this);
        }

        private ColumnLayout existing(String name) {
            ColumnLayout c = columns.get(name);
            if (c == null) {
                throw new IllegalArgumentException("add column '" + name + "' before styling it");
            }
            return c;
        }
    }
}
