package dev.ftracelab.report;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.columns.Column;

/**
 * How a table cell reads in human formats (mail text, Markdown, HTML): integers with thousands
 * separators, decimals with a fixed number of places, missing values as "-". Always in the ROOT
 * locale, so a report is byte-identical wherever it is produced.
 */
final class CellFormat {
    static final String MISSING = "-";

    private CellFormat() {
    }

    static boolean isNumeric(Column<?> column) {
        ColumnType t = column.type();
        return t == ColumnType.INTEGER || t == ColumnType.LONG || t == ColumnType.SHORT
                || t == ColumnType.DOUBLE || t == ColumnType.FLOAT;
    }

    static boolean isIntegral(Column<?> column) {
        ColumnType t = column.type();
        return t == ColumnType.INTEGER || t == ColumnType.LONG || t == ColumnType.SHORT;
    }

    /** Formats row {@code row} of {@code column}; {@code decimals} applies to floating columns. */
    static String format(Column<?> column, int row, int decimals) {
        if (column.isMissing(row)) {
            return MISSING;
        }
        Object v = column.get(row);
        if (isIntegral(column)) {
            return integerFormat().format(((Number) v).longValue());
        }
        if (isNumeric(column)) {
            return decimalFormat(decimals).format(((Number) v).doubleValue());
        }
        return String.valueOf(v);
    }

    private static DecimalFormat integerFormat() {
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    static DecimalFormat decimalFormat(int decimals) {
        String pattern = decimals <= 0 ? "#,##0" : "#,##0." + "0".repeat(decimals);
        DecimalFormat f = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(java.math.RoundingMode.HALF_EVEN);
        return f;
    }
}
