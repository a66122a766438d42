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
            return decimal(((Number) v).doubleValue(), decimals);
        }
        return String.valueOf(v);
    }

    /** Widest plain decimal a cell shows ("9,999,999,999.99"); beyond, scientific notation. */
    static final int WIDEST_PLAIN = 16;

    /**
     * {@code v} with {@code decimals} places, or in scientific notation ({@code 1.0E300}) when the
     * plain form would be wider than {@link #WIDEST_PLAIN}: a valid but huge value in a user's
     * dataset must not make a mail table hundreds of columns wide.
     */
    static String decimal(double v, int decimals) {
        String plain = decimalFormat(decimals).format(v);
        if (plain.length() <= WIDEST_PLAIN) {
            return plain;
        }
        return new DecimalFormat("0.0##E0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v);
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
