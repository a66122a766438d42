package dev.ftracelab.dataset;

import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.InputFiles;
import dev.ftracelab.util.InputLimits;
import dev.ftracelab.util.Utf8Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Reads a committed dataset: a CSV file (gzip-compressed when its name ends in {@code .gz}) whose leading {@code #} lines are notes (sources,
 * definitions) and whose header must match a fixed schema. Every cell is checked against its
 * column's type; the first bad cell is reported as {@code file:line: what was expected}.
 *
 * <p>Our own reader rather than Tablesaw's: Tablesaw guesses types and reports problems by row
 * index, while a dataset must be rejected with the file line a user can open in an editor.
 *
 * <pre>{@code
 * TypedCsv.Result r = TypedCsv.read(path, "published", List.of(ColumnSpec.string("dataset"), ...));
 * Table t = r.table();
 * }</pre>
 */
public final class TypedCsv {
    private TypedCsv() {
    }

    /**
     * A dataset as read.
     *
     * @param table the rows, one typed Tablesaw column per schema column
     * @param notes the comment lines, without the leading {@code #} and one space
     * @param rowLines the file line of each row (1-based), for messages about a row's values
     */
    public record Result(Table table, List<String> notes, List<Integer> rowLines) {
        public Result {
            notes = List.copyOf(notes);
            rowLines = List.copyOf(rowLines);
        }

        /** The file line of table row {@code row} (0-based). */
        public int line(int row) {
            return rowLines.get(row);
        }
    }

    /** Reads {@code file} as a table named {@code tableName} with exactly the given columns. */
    public static Result read(Path file, String tableName, List<ColumnSpec> schema) {
        return read(file, tableName, schema, InputLimits.DEFAULTS);
    }

    /** As {@link #read(Path, String, List)}, reading at most {@code limits.csvText()} bytes of text. */
    public static Result read(Path file, String tableName, List<ColumnSpec> schema, InputLimits limits) {
        return parse(file, lines(file, limits), tableName, schema);
    }

    /** The lines of {@code file}, or "cannot read: ..." as bad input. */
    private static List<String> lines(Path file, InputLimits limits) {
        try {
            return readLines(file, limits.csvText());
        } catch (IOException e) {
            throw new BadInputException(String.valueOf(file), null, "cannot read: " + reason(e));
        } catch (UncheckedIOException e) {
            throw new BadInputException(String.valueOf(file), null, "cannot read: " + reason(e.getCause()));
        }
    }

    /**
     * Most bytes of CSV text read by default (after decompression): 20 times the largest
     * committed dataset; raised with {@code FTRACE_LAB_MAX_CSV} ({@link InputLimits#csvText}).
     */
    public static final long MAX_BYTES = InputLimits.DEFAULT_CSV_TEXT;

    /**
     * The file's lines; a {@code .gz} file is decompressed first. A file that is not a regular
     * file, or holds more than {@code max} bytes of text, is refused before it is read whole.
     */
    private static List<String> readLines(Path file, long max) throws IOException {
        if (Files.exists(file)) { // a missing file keeps its "cannot read: no such file"
            InputFiles.requireRegularFile(file, "a CSV file");
        }
        boolean gz = file.getFileName().toString().endsWith(".gz");
        if (!gz && Files.size(file) > max) {
            throw new BadInputException(file.toString(), null, Files.size(file) + " bytes: expected a CSV file of at most "
                    + InputFiles.size(max) + " (" + InputLimits.CSV_TEXT_ENV + " or census --max-csv raises the limit)");
        }
        byte[] bytes;
        try (java.io.InputStream raw = Files.newInputStream(file);
                java.io.InputStream in = gz ? new java.util.zip.GZIPInputStream(raw, 1 << 16) : raw) {
            bytes = InputFiles.readAtMost(in, max, file.toString(), gz ? "gzip-compressed CSV" : "CSV file",
                    InputLimits.CSV_TEXT_ENV + " or census --max-csv raises the limit");
        }
        // a byte that is not UTF-8 is named by its offset (in the decompressed text of a .gz)
        return Utf8Text.decode(bytes, file.toString(), gz ? "a gzip-compressed CSV dataset" : "a CSV dataset")
                .lines().toList();
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.charset.MalformedInputException) {
            return "not UTF-8 text";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    static Result parse(Path file, List<String> lines, String tableName, List<ColumnSpec> schema) {
        return parse(file, lines, tableName, schema, false, Set.of(), null);
    }

    /**
     * Reads {@code file} like {@link #read}, but with a header matched by name: columns may come
     * in any order, optional ({@link ColumnSpec#nullable}) columns may be absent (they read as
     * missing) and the {@code ignored} columns (e.g. derived ones a tool wrote) are skipped.
     * Used for datasets whose schema grew optional columns, so older files still load.
     */
    public static Result readFlexible(Path file, String tableName, List<ColumnSpec> schema, Set<String> ignored) {
        return readFlexible(file, tableName, schema, ignored, InputLimits.DEFAULTS);
    }

    /** As {@link #readFlexible(Path, String, List, Set)}, reading at most {@code limits.csvText()} bytes of text. */
    public static Result readFlexible(Path file, String tableName, List<ColumnSpec> schema, Set<String> ignored,
                                      InputLimits limits) {
        return parse(file, lines(file, limits), tableName, schema, true, ignored, null);
    }

    /**
     * Parses lines already read, with the header rules of {@link #readFlexible}. When
     * {@code badRows} is not null a malformed data row is handed to it and skipped (the other rows
     * still load); otherwise the first one is thrown. A bad or missing header always throws.
     *
     * @param file only used in messages ({@code file:line: ...})
     */
    public static Result parseFlexible(Path file, List<String> lines, String tableName, List<ColumnSpec> schema,
            Set<String> ignored, Consumer<BadInputException> badRows) {
        return parse(file, lines, tableName, schema, true, ignored, badRows);
    }

    private static Result parse(Path file, List<String> lines, String tableName, List<ColumnSpec> schema,
            boolean flexible, Set<String> ignored, Consumer<BadInputException> badRows) {
        List<String> notes = new ArrayList<>();
        List<Integer> rowLines = new ArrayList<>();
        List<Column<?>> columns = new ArrayList<>();
        for (ColumnSpec spec : schema) {
            columns.add(newColumn(spec));
        }
        int[] toSchema = null; // for each header cell: its schema column, or -1 when ignored
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            // a byte-order mark (spreadsheets write one) is not part of the first header name
            String line = i == 0 ? Utf8Text.stripBom(lines.get(i)) : lines.get(i);
            if (line.startsWith("#")) {
                if (toSchema != null) {
                    continue; // a comment between rows is allowed but is not a dataset note
                }
                notes.add(line.length() > 1 && line.charAt(1) == ' ' ? line.substring(2) : line.substring(1));
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = splitCsvLine(file, lineNo, line);
            if (toSchema == null) {
                toSchema = flexible ? flexibleHeader(file, lineNo, cells, schema, ignored)
                        : strictHeader(file, lineNo, cells, schema);
                continue;
            }
            try {
                if (cells.size() != toSchema.length) {
                    throw BadInputException.atLine(file, lineNo, "expected " + toSchema.length
                            + " comma-separated fields, got " + cells.size());
                }
                Object[] values = new Object[schema.size()];
                for (int c = 0; c < toSchema.length; c++) {
                    if (toSchema[c] >= 0) {
                        values[toSchema[c]] = value(file, lineNo, schema.get(toSchema[c]), cells.get(c).trim());
                    }
                }
                for (int s = 0; s < schema.size(); s++) {
                    append(columns.get(s), values[s]);
                }
                rowLines.add(lineNo);
            } catch (BadInputException e) {
                if (badRows == null) {
                    throw e;
                }
                badRows.accept(e);
            }
        }
        if (toSchema == null) {
            throw BadInputException.atLine(file, Math.max(1, lines.size()),
                    "expected a header line: " + String.join(",", names(schema)));
        }
        Table table = Table.create(tableName);
        columns.forEach(table::addColumns);
        return new Result(table, notes, rowLines);
    }

    private static int[] strictHeader(Path file, int lineNo, List<String> cells, List<ColumnSpec> schema) {
        List<String> expected = names(schema);
        List<String> got = cells.stream().map(String::trim).toList();
        if (!got.equals(expected)) {
            throw BadInputException.atLine(file, lineNo, "expected header '" + String.join(",", expected)
                    + "', got '" + String.join(",", got) + "'");
        }
        int[] map = new int[expected.size()];
        for (int c = 0; c < map.length; c++) {
            map[c] = c;
        }
        return map;
    }

    private static int[] flexibleHeader(Path file, int lineNo, List<String> cells, List<ColumnSpec> schema,
            Set<String> ignored) {
        List<String> expected = names(schema);
        int[] map = new int[cells.size()];
        boolean[] seen = new boolean[schema.size()];
        for (int c = 0; c < cells.size(); c++) {
            String name = cells.get(c).trim();
            int s = expected.indexOf(name);
            if (s >= 0 && seen[s]) {
                throw BadInputException.atLine(file, lineNo, "column '" + name + "' appears twice in the header");
            }
            if (s < 0 && !ignored.contains(name)) {
                throw BadInputException.atLine(file, lineNo, "expected header '" + String.join(",", expected)
                        + "' (the optional columns may be left out), got '" + String.join(",", cells)
                        + "': unknown column '" + name + "'");
            }
            map[c] = s;
            if (s >= 0) {
                seen[s] = true;
            }
        }
        for (int s = 0; s < schema.size(); s++) {
            if (!seen[s] && !schema.get(s).nullable()) {
                throw BadInputException.atLine(file, lineNo, "expected header '" + String.join(",", expected)
                        + "' (the optional columns may be left out), got '" + String.join(",", cells)
                        + "': no column '" + schema.get(s).name() + "'");
            }
        }
        return map;
    }

    private static List<String> names(List<ColumnSpec> schema) {
        return schema.stream().map(ColumnSpec::name).toList();
    }

    private static Column<?> newColumn(ColumnSpec spec) {
        return switch (spec.type()) {
            case STRING -> StringColumn.create(spec.name());
            case INTEGER -> IntColumn.create(spec.name());
            case LONG, ADDRESS -> LongColumn.create(spec.name());
            case DOUBLE -> DoubleColumn.create(spec.name());
        };
    }

    /** What a numeric cell may look like, per type: ASCII digits, decimal point and exponent only. */
    private static final java.util.Map<ColumnSpec.Type, java.util.regex.Pattern> PLAIN_NUMBER = java.util.Map.of(
            ColumnSpec.Type.INTEGER, java.util.regex.Pattern.compile("[+-]?[0-9]+"),
            ColumnSpec.Type.LONG, java.util.regex.Pattern.compile("[+-]?[0-9]+"),
            ColumnSpec.Type.ADDRESS, java.util.regex.Pattern.compile("0x[0-9a-fA-F]+|-?[0-9]+"),
            ColumnSpec.Type.DOUBLE, java.util.regex.Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?"));

    /** A cell's value (String, Integer, Long or Double), or null for an allowed empty cell. */
    private static Object value(Path file, int lineNo, ColumnSpec spec, String cell) {
        if (cell.isEmpty()) {
            if (!spec.nullable()) {
                throw BadInputException.atLine(file, lineNo, "expected " + spec.type().description()
                        + " in column '" + spec.name() + "', got an empty cell");
            }
            return null;
        }
        try {
            // the JDK parsers also take "0x1p6", "1d", "+0x5" or non-ASCII digits: only plain numbers pass
            if (spec.type() != ColumnSpec.Type.STRING && !PLAIN_NUMBER.get(spec.type()).matcher(cell).matches()) {
                throw new NumberFormatException(cell);
            }
            return switch (spec.type()) {
                case STRING -> cell;
                case INTEGER -> checkRange(file, lineNo, spec, cell, checkSign(spec, Integer.parseInt(cell)));
                case LONG -> checkRange(file, lineNo, spec, cell, checkSign(spec, Long.parseLong(cell)));
                case ADDRESS -> cell.startsWith("0x") ? Long.parseUnsignedLong(cell.substring(2), 16) : Long.parseLong(cell);
                case DOUBLE -> {
                    double v = Double.parseDouble(cell);
                    if (!Double.isFinite(v)) {
                        throw new NumberFormatException();
                    }
                    yield checkSign(spec, v);
                }
            };
        } catch (NumberFormatException e) {
            throw BadInputException.atLine(file, lineNo, "expected " + spec.type().description()
                    + " in column '" + spec.name() + "', got '" + cell + "'");
        } catch (IllegalArgumentException e) {
            throw BadInputException.atLine(file, lineNo, "expected a value >= 0 in column '"
                    + spec.name() + "', got '" + cell + "'");
        }
    }

    private static void append(Column<?> column, Object value) {
        if (value == null) {
            column.appendMissing();
        } else if (column instanceof StringColumn c) {
            c.append((String) value);
        } else if (column instanceof IntColumn c) {
            c.append((Integer) value);
        } else if (column instanceof LongColumn c) {
            c.append((Long) value);
        } else {
            ((DoubleColumn) column).append((Double) value);
        }
    }

    private static <N extends Number> N checkRange(Path file, int lineNo, ColumnSpec spec, String cell, N value) {
        if (value.longValue() > spec.max()) {
            throw BadInputException.atLine(file, lineNo, "expected a value " + (spec.rejectsNegative() ? "from 0 to " : "at most ")
                    + spec.max() + " in column '" + spec.name() + "', got '" + cell + "'");
        }
        return value;
    }

    private static <N extends Number & Comparable<N>> N checkSign(ColumnSpec spec, N value) {
        if (spec.rejectsNegative() && value.doubleValue() < 0) {
            throw new IllegalArgumentException("negative");
        }
        return value;
    }

    /** {@code s} as one RFC 4180 cell: quoted when it holds a comma, a quote or a line break. */
    public static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** Splits one CSV line (RFC 4180 quoting, no embedded newlines). */
    static List<String> splitCsvLine(Path file, int lineNo, String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.length() == 0) {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw BadInputException.atLine(file, lineNo, "expected a closing double quote before the end of the line");
        }
        cells.add(cell.toString());
        return cells;
    }
}
