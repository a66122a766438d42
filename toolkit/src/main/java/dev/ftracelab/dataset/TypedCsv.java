package dev.ftracelab.dataset;

import dev.ftracelab.util.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
     */
    public record Result(Table table, List<String> notes) {
        public Result {
            notes = List.copyOf(notes);
        }
    }

    /** Reads {@code file} as a table named {@code tableName} with exactly the given columns. */
    public static Result read(Path file, String tableName, List<ColumnSpec> schema) {
        List<String> lines;
        try {
            lines = readLines(file);
        } catch (IOException e) {
            throw new BadInputException(String.valueOf(file), null, "cannot read: " + reason(e));
        } catch (UncheckedIOException e) {
            throw new BadInputException(String.valueOf(file), null, "cannot read: " + reason(e.getCause()));
        }
        return parse(file, lines, tableName, schema);
    }

    /** The file's lines; a {@code .gz} file is decompressed first. */
    private static List<String> readLines(Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".gz")) {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
                new java.util.zip.GZIPInputStream(Files.newInputStream(file), 1 << 16),
                StandardCharsets.UTF_8.newDecoder()))) {
            return r.lines().toList();
        }
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
        List<String> notes = new ArrayList<>();
        List<Column<?>> columns = new ArrayList<>();
        for (ColumnSpec spec : schema) {
            columns.add(newColumn(spec));
        }
        boolean headerSeen = false;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i);
            if (line.startsWith("#")) {
                if (headerSeen) {
                    continue; // a comment between rows is allowed but is not a dataset note
                }
                notes.add(line.length() > 1 && line.charAt(1) == ' ' ? line.substring(2) : line.substring(1));
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = splitCsvLine(file, lineNo, line);
            if (!headerSeen) {
                checkHeader(file, lineNo, cells, schema);
                headerSeen = true;
                continue;
            }
            if (cells.size() != schema.size()) {
                throw BadInputException.atLine(file, lineNo, "expected " + schema.size()
                        + " comma-separated fields, got " + cells.size());
            }
            for (int c = 0; c < schema.size(); c++) {
                append(file, lineNo, schema.get(c), columns.get(c), cells.get(c).trim());
            }
        }
        if (!headerSeen) {
            throw BadInputException.atLine(file, Math.max(1, lines.size()),
                    "expected a header line: " + String.join(",", names(schema)));
        }
        Table table = Table.create(tableName);
        columns.forEach(table::addColumns);
        return new Result(table, notes);
    }

    private static void checkHeader(Path file, int lineNo, List<String> cells, List<ColumnSpec> schema) {
        List<String> expected = names(schema);
        List<String> got = cells.stream().map(String::trim).toList();
        if (!got.equals(expected)) {
            throw BadInputException.atLine(file, lineNo, "expected header '" + String.join(",", expected)
                    + "', got '" + String.join(",", got) + "'");
        }
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

    private static void append(Path file, int lineNo, ColumnSpec spec, Column<?> column, String cell) {
        if (cell.isEmpty()) {
            if (!spec.nullable()) {
                throw BadInputException.atLine(file, lineNo, "expected " + spec.type().description()
                        + " in column '" + spec.name() + "', got an empty cell");
            }
            column.appendMissing();
            return;
        }
        try {
            switch (spec.type()) {
                case STRING -> ((StringColumn) column).append(cell);
                case INTEGER -> ((IntColumn) column).append(checkSign(spec, Integer.parseInt(cell)));
                case LONG -> ((LongColumn) column).append(checkSign(spec, Long.parseLong(cell)));
                case ADDRESS -> ((LongColumn) column).append(cell.startsWith("0x")
                        ? Long.parseUnsignedLong(cell.substring(2), 16) : Long.parseLong(cell));
                case DOUBLE -> {
                    double v = Double.parseDouble(cell);
                    if (!Double.isFinite(v)) {
                        throw new NumberFormatException();
                    }
                    ((DoubleColumn) column).append(checkSign(spec, v));
                }
            }
        } catch (NumberFormatException e) {
            throw BadInputException.atLine(file, lineNo, "expected " + spec.type().description()
                    + " in column '" + spec.name() + "', got '" + cell + "'");
        } catch (IllegalArgumentException e) {
            throw BadInputException.atLine(file, lineNo, "expected a value >= 0 in column '"
                    + spec.name() + "', got '" + cell + "'");
        }
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
