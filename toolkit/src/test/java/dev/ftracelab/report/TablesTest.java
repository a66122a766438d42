package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class TablesTest {
    enum Kind { FAST, SLOW }

    record Row(String name, int n, long big, double x, boolean ok, Kind kind) {
    }

    @Test
    void oneTypedColumnPerComponent() {
        Table t = Tables.of("rows", List.of(new Row("a", 1, 10_000_000_000L, 0.5, true, Kind.FAST),
                new Row(null, 2, 3, 1.5, false, Kind.SLOW)));
        assertEquals(List.of("name", "n", "big", "x", "ok", "kind"), t.columnNames());
        assertEquals(List.of(ColumnType.STRING, ColumnType.INTEGER, ColumnType.LONG, ColumnType.DOUBLE,
                ColumnType.BOOLEAN, ColumnType.STRING), t.columns().stream().map(c -> c.type()).toList());
        assertEquals(10_000_000_000L, t.longColumn("big").get(0));
        assertEquals("SLOW", t.stringColumn("kind").get(1));
        assertTrue(t.stringColumn("name").isMissing(1));
    }

    @Test
    void emptyListNeedsTheType() {
        assertThrows(IllegalArgumentException.class, () -> Tables.of("none", List.<Row>of()));
        assertEquals(6, Tables.of("none", List.<Row>of(), Row.class).columnCount());
    }
}
