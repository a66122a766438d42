package dev.ftracelab.importer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads ftrace_ops-sample result tables out of text: the mail layout the project prints
 * ({@code |} between columns, {@code ||} after the key columns, {@code =} and {@code -} rules),
 * box tables ({@code +----+} rules, {@code |} on both sides), Markdown tables, and any of these as
 * a mail client leaves them: quoted with {@code >} (any depth), rows wrapped onto the next line,
 * tabs for spaces, thousands separators, {@code -} for a missing value.
 *
 * <p>Columns are told apart by their header: each label is read together with the group label
 * above it ("Total" under "Per-call average time" is the per-call time, "(ns)" under "Total time"
 * the total), so the project's layout and the LKML box tables both work; labels equal to a
 * dataset column name ({@code per_call_ns}) are taken as that column. A line above a table of the
 * form {@code name: arch, platform, variant} (as {@code published} prints) names its dataset.
 *
 * <p>A table does not carry the call count unless a label says ("100000 calls"); otherwise the
 * importer's default (the sample's 100000) is used. Per-call figures are kept as printed: the
 * table is what was posted, and its rounding is part of it.
 */
final class TableReader {
    /** The roles a column can have: dataset column names, or a derived one that is skipped. */
    private static final List<String> NAMED = List.of("dataset", "arch", "platform", "variant", "relevant", "irrelevant",
            "calls", "total_ns", "per_call_ns", "overhead_ns", "runs", "per_call_min_ns", "per_call_max_ns", "kernel",
            "sweep");
    private static final Pattern QUOTE = Pattern.compile("^\\s*(?:>\\s?)+");
    private static final Pattern RULE = Pattern.compile("^[\\s|+:]*[-=]{3,}[\\s|+:=-]*$");
    private static final Pattern FRAGMENT = Pattern.compile("^[\\s\\d.,'_|\u2009\u202f-]*\\d[\\s\\d.,'_|\u2009\u202f-]*$|^\\s*\\|?\\s*-\\s*\\|?\\s*$");
    private static final Pattern HEADING = Pattern.compile(
            "^([\\w.+-]+): (arm64|aarch64|riscv64|riscv32|x86_64|x86|unknown), ([^,]+), ([^,]+?)(?:, kernel (\\S+))?$");
    private static final Pattern CALLS_LABEL = Pattern.compile("([\\d,'_]+)\\s*calls");
    private static final Pattern THOUSANDS = Pattern.compile("^-?\\d{1,3}(?:([,'_ \u2009\u202f])\\d{3})(?:\\1\\d{3})*(?:\\.\\d+)?$");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("^-?\\d+,(?:\\d{1,2}|\\d{4,})$");

    private final String source;
    private final int defaultCalls;
    private final List<Diagnostic> diagnostics;

    private TableReader(String source, int defaultCalls, List<Diagnostic> diagnostics) {
        this.source = source;
        this.defaultCalls = defaultCalls;
        this.diagnostics = diagnostics;
    }

    /** Every table's rows, in order; what cannot be read goes to {@code diagnostics}. */
    static List<Row> read(TextInput in, int defaultCalls, List<Diagnostic> diagnostics) {
        return new TableReader(in.name(), defaultCalls, diagnostics).readAll(in.lines());
    }

    /** A line with its quoting removed and tabs expanded, and where it came from. */
    private record Line(int no, String text) {
        boolean blank() {
            return text.isBlank();
        }

        boolean rule() {
            return RULE.matcher(text).matches();
        }

        boolean bars() {
            return text.indexOf('|') >= 0;
        }
    }

    private List<Row> readAll(List<String> raw) {
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            lines.add(new Line(i + 1, expandTabs(QUOTE.matcher(raw.get(i)).replaceFirst(""))));
        }
        List<Row> rows = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            if (!lines.get(i).bars() && !(lines.get(i).rule() && i + 1 < lines.size() && lines.get(i + 1).bars())) {
                i++;
                continue;
            }
            int start = i;
            boolean figures = false;
            List<Line> block = new ArrayList<>();
            while (i < lines.size() && !lines.get(i).blank()) {
                Line l = lines.get(i);
                Line prev = block.isEmpty() ? null : block.get(block.size() - 1);
                String lead = l.text().strip();
                boolean box = !block.isEmpty() && (block.get(0).text().strip().startsWith("+")
                        || block.get(0).text().strip().startsWith("|"));
                if (box && prev != null && !prev.rule() && (lead.equals("|")
                        || !lead.startsWith("|") && !lead.startsWith("+"))) {
                    // every line of a box table starts with a bar or a corner: this is the tail of the one above
                    block.set(block.size() - 1, new Line(prev.no(), prev.text() + " " + lead));
                } else if (!figures && prev != null && !prev.rule() && !box && lead.startsWith("|")
                        && !figures(l.text())) {
                    // a header wrapped just before a bar (the mail layout has no bar at the start)
                    block.set(block.size() - 1, new Line(prev.no(), prev.text() + " " + l.text().strip()));
                } else if (l.bars() || l.rule() || FRAGMENT.matcher(l.text()).matches()) {
                    block.add(l);
                } else if (!figures && prev != null && prev.bars() && !prev.rule()) {
                    // a header line wrapped by a mail client: its tail belongs to the line above
                    block.set(block.size() - 1, new Line(prev.no(), prev.text() + " " + l.text().strip()));
                } else {
                    break;
                }
                figures |= figures(l.text()) && !l.rule();
                i++;
            }
            rows.addAll(table(block, heading(lines, start)));
        }
        return rows;
    }

    /** The {@code name: arch, platform, variant} line(s) just above a table, or null. */
    private static Matcher heading(List<Line> lines, int tableStart) {
        int j = tableStart - 1;
        while (j >= 0 && lines.get(j).blank()) {
            j--;
        }
        if (j < 0 || lines.get(j).bars()) {
            return null;
        }
        StringBuilder text = new StringBuilder(lines.get(j).text().strip());
        // the heading may be wrapped: continuation lines are indented
        while (j > 0 && Character.isWhitespace(lines.get(j).text().charAt(0)) && !lines.get(j - 1).blank()
                && !lines.get(j - 1).bars()) {
            j--;
            text.insert(0, lines.get(j).text().strip() + " ");
        }
        Matcher m = HEADING.matcher(text.toString());
        return m.matches() ? m : null;
    }

    private List<Row> table(List<Line> block, Matcher heading) {
        // header: the lines before the first row of figures
        int body = 0;
        while (body < block.size() && (block.get(body).rule() || !figures(block.get(body).text()))) {
            body++;
        }
        List<Line> header = block.subList(0, body).stream().filter(l -> !l.rule()).toList();
        if (body == block.size()) {
            if (block.stream().noneMatch(Line::rule)) {
                return List.of(); // a line of prose with a bar in it, not a table
            }
            diagnostics.add(Diagnostic.error(source, block.get(0).no(), "a table with no rows of figures:"
                    + " expected rows such as '1 | 0 || 1,431,875 | 14.32 | 13.37' under the header"));
            return List.of();
        }
        Columns columns = columns(header, block.get(body));
        if (columns == null) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        for (int i = body; i < block.size(); i++) {
            Line l = block.get(i);
            if (l.rule() || l.blank()) {
                continue;
            }
            String text = l.text();
            // a row wrapped by a mail client: join the fragments that follow it
            while (cells(text).size() < columns.roles.size() && i + 1 < block.size() && !block.get(i + 1).rule()
                    && FRAGMENT.matcher(block.get(i + 1).text()).matches()
                    && cells(text + " " + block.get(i + 1).text()).size() <= columns.roles.size()) {
                text = text + " " + block.get(i + 1).text();
                i++;
            }
            Row r = row(l.no(), cells(text), columns, heading);
            if (r != null) {
                rows.add(r);
            }
        }
        return rows;
    }

    /** What each column holds, and the call count a label gave. */
    private record Columns(List<String> roles, Integer calls, String labels) {
    }

    private Columns columns(List<Line> header, Line firstRow) {
        int n = cells(firstRow.text()).size();
        if (header.isEmpty()) {
            List<String> roles = defaultRoles(n);
            if (roles == null) {
                diagnostics.add(Diagnostic.error(source, firstRow.no(), "a table without a header and with " + n
                        + " columns: expected a header naming the columns (Relevant, Irrelevant, Total, Overhead, ...)"));
                return null;
            }
            diagnostics.add(Diagnostic.note(source, firstRow.no(), "a table without a header: its columns read as "
                    + String.join(", ", roles)));
            return new Columns(roles, null, String.join(", ", roles));
        }
        // the label line is the header line with the most cells; the lines above it are groups
        Line labelLine = header.get(0);
        for (Line h : header) {
            if (cells(h.text()).size() >= cells(labelLine.text()).size()) {
                labelLine = h;
            }
        }
        List<Span> labels = spans(labelLine.text());
        List<List<Span>> groups = new ArrayList<>();
        for (Line h : header) {
            if (h != labelLine) {
                groups.add(spans(h.text()));
            }
        }
        List<String> roles = new ArrayList<>();
        Integer calls = null;
        for (Span label : labels) {
            StringBuilder context = new StringBuilder();
            for (List<Span> g : groups) {
                for (Span s : g) {
                    if (s.start() <= label.mid() && label.mid() < s.end()) {
                        context.append(s.text()).append(' ');
                    }
                }
            }
            Matcher cm = CALLS_LABEL.matcher(label.text());
            if (cm.find()) {
                Number c = number(cm.group(1).replaceAll("[,'_]", ""));
                calls = c == null ? null : c.intValue();
            }
            roles.add(role(label.text(), context.toString()));
        }
        String shown = String.join(" | ", labels.stream().map(Span::text).toList());
        if (!valid(roles)) {
            List<String> fallback = defaultRoles(roles.size());
            if (fallback == null || !agrees(roles, fallback)) {
                diagnostics.add(Diagnostic.error(source, labelLine.no(), "cannot tell the columns of the header '"
                        + shown + "': expected columns Relevant, Irrelevant, a per-call time and optionally"
                        + " Total time and Overhead (or the dataset column names)"));
                return null;
            }
            roles = fallback;
        }
        return new Columns(roles, calls, String.join(", ", roles));
    }

    /** The usual columns by count: key columns, then total, per call and overhead. */
    private static List<String> defaultRoles(int n) {
        return switch (n) {
            case 5 -> List.of("relevant", "irrelevant", "total_ns", "per_call_ns", "overhead_ns");
            case 4 -> List.of("relevant", "irrelevant", "per_call_ns", "overhead_ns");
            case 3 -> List.of("relevant", "irrelevant", "per_call_ns");
            default -> null;
        };
    }

    private static boolean valid(List<String> roles) {
        if (roles.contains(null) || !roles.contains("relevant") || !roles.contains("irrelevant")
                || !(roles.contains("per_call_ns") || roles.contains("total_ns"))) {
            return false;
        }
        return roles.stream().distinct().count() == roles.size();
    }

    /** Whether the roles read from labels do not contradict the usual order (unknown ones aside). */
    private static boolean agrees(List<String> roles, List<String> fallback) {
        for (int i = 0; i < roles.size(); i++) {
            String r = roles.get(i);
            if (r != null && !r.equals(fallback.get(i)) && !(r.equals("total_ns") && fallback.get(i).equals("per_call_ns"))) {
                return false;
            }
        }
        return true;
    }

    /** What a column holds, from its label and the group label(s) above it; null when unclear. */
    static String role(String label, String group) {
        String l = label.toLowerCase(Locale.ROOT).strip();
        String g = group.toLowerCase(Locale.ROOT);
        if (NAMED.contains(l)) {
            return l;
        }
        boolean perCallGroup = g.contains("per-call") || g.contains("per call") || g.contains("average");
        if (l.contains("irrelevant") || l.equals("i") || l.equals("irr")) {
            return "irrelevant";
        }
        if (l.contains("relevant") || l.equals("r") || l.equals("rel")) {
            return "relevant";
        }
        if (l.contains("overhead")) {
            return "overhead_ns";
        }
        if (l.matches(".*\\d.*calls.*")) {
            return "total_ns";
        }
        if (l.equals("calls") || l.equals("n") || l.startsWith("nr") && l.contains("call")) {
            return "calls";
        }
        if (l.contains("per-call") || l.contains("per call") || l.contains("/ call") || l.contains("/call")) {
            return "per_call_ns";
        }
        if (l.contains("total") || l.matches("\\(?ns\\)?|time.*")) {
            if (perCallGroup) {
                return "per_call_ns";
            }
            return l.contains("total") || g.contains("total") ? "total_ns" : null;
        }
        return null;
    }

    private Row row(int lineNo, List<String> cells, Columns columns, Matcher heading) {
        if (cells.size() != columns.roles.size()) {
            diagnostics.add(Diagnostic.error(source, lineNo, "expected " + columns.roles.size() + " columns ("
                    + columns.labels + "), got " + cells.size() + ": '" + String.join(" | ", cells) + "'"));
            return null;
        }
        Map<String, String> v = new LinkedHashMap<>();
        for (int c = 0; c < cells.size(); c++) {
            v.put(columns.roles.get(c), cells.get(c).strip());
        }
        try {
            int relevant = count(v.get("relevant"), "relevant");
            int irrelevant = count(v.get("irrelevant"), "irrelevant");
            Integer callsCell = v.containsKey("calls") ? count(v.get("calls"), "calls") : null;
            int calls = callsCell != null ? callsCell : columns.calls != null ? columns.calls : defaultCalls;
            Long total = optionalLong(v.get("total_ns"), "total_ns");
            Double perCall = optionalTime(v.get("per_call_ns"), "per_call_ns");
            if (perCall == null) {
                if (total == null || calls == 0) {
                    throw new IllegalArgumentException("a per-call time (or a total time) in the row, got neither");
                }
                perCall = (double) total / calls;
            }
            Double overhead = optionalDouble(v.get("overhead_ns"), "overhead_ns");
            Integer runs = v.containsKey("runs") ? optionalInt(v.get("runs"), "runs") : null;
            String dataset = text(v.get("dataset"), heading, 1);
            String arch = text(v.get("arch"), heading, 2);
            String platform = text(v.get("platform"), heading, 3);
            String variant = text(v.get("variant"), heading, 4);
            String kernel = text(v.get("kernel"), heading, 5);
            return new Row(dataset, arch, platform, variant, "", relevant, irrelevant, calls, total, perCall, overhead,
                    runs, optionalTime(v.get("per_call_min_ns"), "per_call_min_ns"),
                    optionalTime(v.get("per_call_max_ns"), "per_call_max_ns"), kernel, source, lineNo);
        } catch (IllegalArgumentException e) {
            diagnostics.add(Diagnostic.error(source, lineNo, "expected " + e.getMessage()));
            return null;
        }
    }

    private static String text(String cell, Matcher heading, int group) {
        if (cell != null && !missing(cell)) {
            return cell;
        }
        return heading == null ? null : heading.group(group);
    }

    private static int count(String cell, String column) {
        Number n = missing(cell) ? null : number(cell);
        if (n == null || n.doubleValue() < 0 || n.doubleValue() != Math.rint(n.doubleValue())
                || n.doubleValue() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a count in column '" + column + "', got '" + cell + "'");
        }
        return n.intValue();
    }

    private static Integer optionalInt(String cell, String column) {
        return cell == null || missing(cell) ? null : count(cell, column);
    }

    private static Long optionalLong(String cell, String column) {
        if (cell == null || missing(cell)) {
            return null;
        }
        Number n = number(cell);
        if (n == null || n.doubleValue() < 0 || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("a whole number of ns in column '" + column + "', got '" + cell + "'");
        }
        return n.longValue();
    }

    private static Double optionalDouble(String cell, String column) {
        if (cell == null || missing(cell)) {
            return null;
        }
        Number n = number(cell);
        if (n == null) {
            throw new IllegalArgumentException("a number in column '" + column + "', got '" + cell + "'");
        }
        return n.doubleValue();
    }

    /**
     * A time, never negative (the dataset's schema refuses one, so an imported table would not
     * read back; ImporterFuzzTest found '-10'). An overhead may be negative: it is a difference.
     */
    private static Double optionalTime(String cell, String column) {
        Double t = optionalDouble(cell, column);
        if (t != null && !(t >= 0)) {
            throw new IllegalArgumentException("a time of at least 0 ns in column '" + column + "', got '" + cell + "'");
        }
        return t;
    }

    static boolean missing(String cell) {
        String c = cell.strip();
        return c.isEmpty() || c.equals("-") || c.equals("\u2013") || c.equals("\u2014") || c.equalsIgnoreCase("n/a");
    }

    /**
     * A number as printed: thousands separated by {@code ,} {@code '} {@code _} or a (thin) space,
     * a decimal comma when the digits after it are not a group of three, an {@code ns} suffix.
     * Null when it is not a number.
     */
    static Number number(String cell) {
        String c = cell.strip();
        if (c.endsWith("ns")) {
            c = c.substring(0, c.length() - 2).strip();
        }
        if (THOUSANDS.matcher(c).matches()) {
            c = c.replaceAll("[,'_ \u2009\u202f]", "");
        } else if (DECIMAL_COMMA.matcher(c).matches()) {
            c = c.replace(',', '.');
        }
        if (!c.matches("-?\\d+(\\.\\d+)?")) {
            return null;
        }
        return new BigDecimal(c);
    }

    /** Whether a line is a row of figures: at least two cells that are numbers or "-". */
    private static boolean figures(String text) {
        if (text.indexOf('|') < 0) {
            return false;
        }
        int n = 0;
        for (String c : cells(text)) {
            if (!c.isBlank() && (missing(c) || number(c) != null)) {
                n++;
            }
        }
        return n >= 2;
    }

    /** A header cell's text and where it sits on its line. */
    private record Span(String text, int start, int end) {
        int mid() {
            return (start + end) / 2;
        }
    }

    private static List<Span> spans(String line) {
        List<Span> out = new ArrayList<>();
        Matcher m = Pattern.compile("[^|]+").matcher(line);
        List<int[]> parts = new ArrayList<>();
        while (m.find()) {
            parts.add(new int[] {m.start(), m.end()});
        }
        // a box row's outer bars leave blank cells at the ends; the project's layout has none
        for (int[] p : parts) {
            String t = line.substring(p[0], p[1]);
            if (!t.isBlank() || (p[0] > 0 && p[1] < line.length())) {
                out.add(new Span(t.strip(), p[0], p[1]));
            }
        }
        return out;
    }

    /** A row's cells: split at {@code |} and {@code ||}; a box row's outer bars are dropped. */
    static List<String> cells(String line) {
        String s = line.strip();
        if (s.startsWith("|")) {
            s = s.substring(1);
        }
        if (s.endsWith("|")) {
            s = s.substring(0, s.length() - 1);
        }
        List<String> out = new ArrayList<>();
        for (String c : s.split("\\|\\|?", -1)) {
            out.add(c.strip());
        }
        return out;
    }

    private static String expandTabs(String s) {
        if (s.indexOf('\t') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\t') {
                do {
                    b.append(' ');
                } while (b.length() % 8 != 0);
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
