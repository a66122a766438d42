package dev.ftracelab.report;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Tablesaw tables from the toolkit's result records, so every result can be shown, plotted and
 * exported the same way. One column per record component, typed after it: int, long, double,
 * boolean, and text (via {@code toString}) for everything else.
 *
 * <pre>{@code
 * record Row(String program, long instructions, double mips) {}
 * Table t = Tables.of("runs", List.of(new Row("fib", 1_234_567, 310.5)));
 * }</pre>
 */
public final class Tables {
    private Tables() {
    }

    /**
     * A table named {@code name} with one row per record.
     *
     * @throws IllegalArgumentException if {@code rows} is empty (the columns would be unknown)
     */
    public static <R extends Record> Table of(String name, List<R> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("table '" + name + "': no rows, so no columns");
        }
        return of(name, rows, rows.get(0).getClass());
    }

    /** As {@link #of(String, List)}, with the record type given so an empty list gives empty columns. */
    public static <R extends Record> Table of(String name, List<R> rows, Class<?> type) {
        RecordComponent[] comps = type.getRecordComponents();
        List<Column<?>> cols = new ArrayList<>();
        for (RecordComponent c : comps) {
            Class<?> t = c.getType();
            if (t == int.class || t == Integer.class) {
                cols.add(IntColumn.create(c.getName()));
            } else if (t == long.class || t == Long.class) {
                cols.add(LongColumn.create(c.getName()));
            } else if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
                cols.add(DoubleColumn.create(c.getName()));
            } else if (t == boolean.class || t == Boolean.class) {
                cols.add(BooleanColumn.create(c.getName()));
            } else {
                cols.add(StringColumn.create(c.getName()));
            }
        }
        for (R row : rows) {
            for (int i = 0; i < comps.length; i++) {
                Object v;
                try {
                    v = comps[i].getAccessor().invoke(row);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + comps[i].getName() + " of " + type.getName(), e);
                }
                append(cols.get(i), v);
            }
        }
        Table t = Table.create(name);
        cols.forEach(t::addColumns);
        return t;
    }

    private static void append(Column<?> col, Object v) {
        if (v == null) {
            col.appendMissing();
        } else if (col instanceof IntColumn c) {
            c.append(((Number) v).intValue());
        } else if (col instanceof LongColumn c) {
            c.append(((Number) v).longValue());
        } else if (col instanceof DoubleColumn c) {
            c.append(((Number) v).doubleValue());
        } else if (col instanceof BooleanColumn c) {
            c.append((Boolean) v);
        } else {
            ((StringColumn) col).append(String.valueOf(v));
        }
    }
}
