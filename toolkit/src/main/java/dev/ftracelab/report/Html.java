package dev.ftracelab.report;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** HTML renderings for notebooks: a table with right-aligned, formatted numbers. */
final class Html {
    private Html() {
    }

    static String table(Table table) {
        StringBuilder sb = new StringBuilder("<table class=\"ftrace-lab\">\n");
        sb.append("<caption>").append(escape(table.name())).append("</caption>\n<thead><tr>");
        for (Column<?> c : table.columns()) {
            sb.append("<th>").append(escape(c.name())).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < table.rowCount(); r++) {
            sb.append("<tr>");
            for (Column<?> c : table.columns()) {
                String style = CellFormat.isNumeric(c) ? " style=\"text-align:right\"" : "";
                sb.append("<td").append(style).append('>').append(escape(CellFormat.format(c, r, 2))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>\n").toString();
    }

    static String pre(String text) {
        return "<pre>" + escape(text) + "</pre>";
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
