package dev.ftracelab.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ftracelab.board.BoardRows.Row;
import dev.ftracelab.util.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoardRowsTest {
    @Test
    void aListParsesInOrderOnceEach() {
        assertEquals(List.of(new Row(1, 10), new Row(2, 0)), BoardRows.parse(" r1-i10 , R2-I0,R1-I10"));
    }

    @Test
    void baselinesComeFirstForEveryIUsed() {
        assertEquals(List.of(new Row(0, 0), new Row(0, 10), new Row(0, 3), new Row(1, 10), new Row(2, 0), new Row(5, 3)),
                BoardRows.withBaselines(BoardRows.parse("R1-I10,R2-I0,R0-I3,R5-I3")));
    }

    @Test
    void publishedIsEveryPublishedPairWithTheMissingBaseline() {
        List<Row> rows = BoardRows.withBaselines(BoardRows.parse("published"));
        assertEquals("[R0-I0, R0-I1, R0-I2, R0-I10, R0-I100, R0-I200, R1-I1, R1-I2, R1-I10, R1-I100, R1-I0, R2-I0,"
                + " R10-I0, R100-I0, R1-I200]", rows.toString());
    }

    @Test
    void badRowsAreRefused() {
        assertEquals("--rows: 'R1' is not a row: expected R<relevant>-I<irrelevant>, e.g. R1-I10 (or 'published')",
                assertThrows(BadInputException.class, () -> BoardRows.parse("R1-I0,R1")).getMessage());
        assertEquals("--rows: 'R1-I10001': at most 10000 ops of each kind, got 10001",
                assertThrows(BadInputException.class, () -> BoardRows.parse("R1-I10001")).getMessage());
        assertThrows(BadInputException.class, () -> BoardRows.parse("R-1-I0"));
        assertThrows(BadInputException.class, () -> BoardRows.parse("R1-I0,"));
        assertThrows(BadInputException.class, () -> BoardRows.parse(" "));
        assertThrows(BadInputException.class, () -> new Row(-1, 0));
    }
}
