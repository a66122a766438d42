package dev.ftracelab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ftracelab.dataset.TypedCsv;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The file formats a result table is exported in, each carrying the provenance stamp in the way
 * the format allows: mail text (stamp below the table), CSV ({@code #} lines above the header),
 * JSON (a {@code provenance} object) and Markdown (a stamp paragraph).
 *
 * <pre>{@code
 * String csv = TableFormat.CSV.render(table, MailTable.plain(), Provenance.capture());
 * TableFormat f = TableFormat.parse("md");   // MARKDOWN
 * }</pre>
 */
public enum TableFormat {
    /** Fixed-width text for a mail, in the given {@link MailTable} layout. */
    TEXT("txt"),
    /** RFC 4180 CSV with raw numbers; missing values are empty cells. */
    CSV("csv"),
    /** {@code {"table", "provenance", "columns", "rows"}}, rows as objects keyed by column. */
    JSON("json"),
    /** A GitHub-flavoured Markdown table with formatted numbers. */
    MARKDOWN("md");

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String extension;

    TableFormat(String extension) {
        this.extension = extension;
    }

    /** File name extension, without the dot. */
    public String extension() {
        return extension;
    }

    /**
     * Parses a format name as typed on the command line: {@code text|txt, csv, json, md|markdown}.
     *
     * @throws IllegalArgumentException naming the accepted formats
     */
    public static TableFormat parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "text", "txt" -> TEXT;
            case "csv" -> CSV;
            case "json" -> JSON;
            case "md", "markdown" -> MARKDOWN;
            default -> throw new IllegalArgumentException(
                    "unknown format '" + name + "': expected text, csv, json or md");
        };
    }

    /** Renders {@code table}; {@code layout} applies to {@link #TEXT} only. */
    public String render(Table table, MailTable layout, Provenance provenance) {
        return render(table, layout, provenance, null, null);
    }

    /**
     * Renders {@code table} with a title line above it (e.g. "riscv64 atomic, modelled on vf2:
     * ... - not measured") and a caption below (e.g. what the interval is); either may be null.
     * Text wraps both to 72 columns; CSV gives them {@code # title:} and {@code # caption:}
     * lines, JSON {@code title} and {@code caption} keys, Markdown a bold line and a paragraph.
     */
    public String render(Table table, MailTable layout, Provenance provenance, String title, String caption) {
        return switch (this) {
            case TEXT -> text(table, layout, provenance, title, caption);
            case CSV -> csv(table, provenance, title, caption);
            case JSON -> json(table, provenance, title, caption);
            case MARKDOWN -> markdown(table, provenance, title, caption);
        };
    }

    private static String text(Table table, MailTable layout, Provenance p, String title, String caption) {
        StringBuilder sb = new StringBuilder();
        if (title != null) {
            sb.append(MailText.wrap(title, MailTable.MAIL_WIDTH, "")).append('\n');
        }
        sb.append(layout.render(table));
        sb.append('\n');
        if (caption != null) {
            sb.append(MailText.wrap(caption, MailTable.MAIL_WIDTH, "  ")).append('\n');
        }
        for (String line : p.lines()) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }

    private static String csv(Table table, Provenance p, String title, String caption) {
        StringBuilder sb = new StringBuilder();
        if (title != null) {
            sb.append("# title: ").append(title).append('\n');
        }
        if (caption != null) {
            sb.append("# caption: ").append(caption).append('\n');
        }
        for (String line : p.fieldLines()) {
            sb.append("# ").append(line).append('\n');
        }
        List<String> names = table.columnNames();
        sb.append(String.join(",", names.stream().map(TableFormat::csvQuote).toList())).append('\n');
        for (int r = 0; r < table.rowCount(); r++) {
            for (int c = 0; c < table.columnCount(); c++) {
                if (c > 0) {
                    sb.append(',');
                }
                Object v = raw(table.column(c), r);
                sb.append(v == null ? "" : csvQuote(rawText(v)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String json(Table table, Provenance p, String title, String caption) {
        try {
            return JSON_MAPPER.writeValueAsString(jsonDocument(table, p, title, caption)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode table '" + table.name() + "' as JSON", e);
        }
    }

    /** The JSON document before encoding: every map in it keeps the order it was filled in. */
    static Map<String, Object> jsonDocument(Table table, Provenance p, String title, String caption) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("table", table.name());
        if (title != null) {
            doc.put("title", title);
        }
        if (caption != null) {
            doc.put("caption", caption);
        }
        doc.put("provenance", p.toMap());
        List<Map<String, String>> columns = new ArrayList<>();
        for (Column<?> c : table.columns()) {
            Map<String, String> column = new LinkedHashMap<>(); // not Map.of: its order changes between runs
            column.put("name", c.name());
            column.put("type", c.type().name().toLowerCase(Locale.ROOT));
            columns.add(column);
        }
        doc.put("columns", columns);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Column<?> c : table.columns()) {
                row.put(c.name(), raw(c, r));
            }
            rows.add(row);
        }
        doc.put("rows", rows);
        return doc;
    }

    private static String markdown(Table table, Provenance p, String title, String caption) {
        StringBuilder sb = new StringBuilder();
        if (title != null) {
            sb.append("**").append(title).append("**\n\n");
        }
        sb.append('|');
        for (Column<?> c : table.columns()) {
            sb.append(' ').append(mdEscape(c.name())).append(" |");
        }
        sb.append("\n|");
        for (Column<?> c : table.columns()) {
            sb.append(CellFormat.isNumeric(c) ? " ---: |" : " --- |");
        }
        sb.append('\n');
        for (int r = 0; r < table.rowCount(); r++) {
            sb.append('|');
            for (Column<?> c : table.columns()) {
                sb.append(' ').append(mdEscape(CellFormat.format(c, r, 2))).append(" |");
            }
            sb.append('\n');
        }
        if (caption != null) {
            sb.append('\n').append(caption).append('\n');
        }
        sb.append("\n<sub>").append(mdEscape(p.oneLine())).append("</sub>\n");
        return sb.toString();
    }

    /** A cell as a JSON/CSV value: Long, Double, Boolean or String; null when missing. */
    static Object raw(Column<?> column, int row) {
        if (column.isMissing(row)) {
            return null;
        }
        Object v = column.get(row);
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v;
        }
        return String.valueOf(v);
    }

    private static String rawText(Object v) {
        if (v instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }

    private static String csvQuote(String s) {
        return TypedCsv.quote(s);
    }

    private static String mdEscape(String s) {
        return s.replace("|", "\\|");
    }
}
