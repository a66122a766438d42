package dev.ftracelab.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.ftrace.Dispatch;
import dev.ftracelab.util.BadInputException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leave-one-out band: which published rows it comes from, and the factors, by hand. */
class ModelErrorsTest {
    @TempDir
    java.nio.file.Path tmp;

    /** m1-before: list rows at ratios 2 and 4; m1-after: list at 3, CALL_OPS at 0.8 and 1.1. */
    private static final ModelErrors ERRORS = new ModelErrors(List.of(
            row("m1-before", "pre-call-ops", "list", 1, 0, 20, 10),
            row("m1-before", "pre-call-ops", "list", 1, 10, 80, 20),
            row("m1-after", "call-ops", "list", 2, 0, 60, 20),
            row("m1-after", "call-ops", "call-ops", 1, 0, 1.6, 2),
            row("m1-after", "call-ops", "call-ops", 1, 10, 2.2, 2)));

    private static ModelErrors.Row row(String dataset, String layout, String path, int r, int i, double pub, double mod) {
        return new ModelErrors.Row(dataset, "m1", layout, path, r, i, pub, mod, mod * 0.9, mod * 1.1);
    }

    @Test
    void anotherProfileGetsEveryRowOfTheSameDesign() {
        ModelErrors.Band list = ERRORS.band("vf2", "nop-nop", Dispatch.LIST, 1, 10);
        assertEquals(1.0, list.lowRatio(), 1e-12, "the band spans the model's own figure");
        assertEquals(4.0, list.highRatio(), 1e-12, "80 / 20");
        assertEquals(3, list.rows());
        assertEquals("other hardware", list.method());
        assertEquals("m1-before+m1-after", list.datasets());
        assertEquals(20.0, list.low(20), 1e-12);
        assertEquals(80.0, list.high(20), 1e-12);
        ModelErrors.Band callOps = ERRORS.band("vf2", "call-ops", Dispatch.CALL_OPS, 1, 0);
        assertEquals(0.8, callOps.lowRatio(), 1e-12);
        assertEquals(1.1, callOps.highRatio(), 1e-12);
    }

    @Test
    void theOwnDatasetIsLeftOut() {
        ModelErrors.Band before = ERRORS.band("m1", "pre-call-ops", Dispatch.LIST, 1, 10);
        assertEquals("leave-one-dataset-out", before.method());
        assertEquals("m1-after", before.datasets());
        assertEquals(3.0, before.highRatio(), 1e-12, "only m1-after's list row (60 / 20)");
        ModelErrors.Band after = ERRORS.band("m1", "call-ops", Dispatch.LIST, 2, 0);
        assertEquals("m1-before", after.datasets());
        assertEquals(4.0, after.highRatio(), 1e-12);
    }

    @Test
    void withoutAnotherDatasetTheOtherRowsOfTheSameOneAreUsed() {
        ModelErrors.Band b = ERRORS.band("m1", "call-ops", Dispatch.CALL_OPS, 1, 0);
        assertEquals("leave-one-row-out", b.method());
        assertEquals(1, b.rows(), "the row itself is left out");
        assertEquals(1.0, b.lowRatio(), 1e-12);
        assertEquals(1.1, b.highRatio(), 1e-12, "only the I=10 row: 2.2 / 2");
    }

    @Test
    void trampolinesTakeTheCallOpsRowsAndUntracedCallsHaveNoBand() {
        ModelErrors.Band t = ERRORS.band("vf2", "nop-nop", Dispatch.PER_CALLSITE_TRAMPOLINE, 1, 0);
        assertEquals("call-ops", t.dispatch());
        assertEquals(0.8, t.lowRatio(), 1e-12);
        assertEquals(ModelErrors.Band.NONE, ERRORS.band("vf2", "nop-nop", Dispatch.UNTRACED, 0, 0));
        ModelErrors.Band none = new ModelErrors(List.of()).band("vf2", "nop-nop", Dispatch.LIST, 1, 0);
        assertEquals(0, none.rows());
        assertEquals("no band", none.basis());
    }

    @Test
    void coverageChecksEachPublishedRowAgainstItsOwnLeaveOneOutInterval() {
        // m1-before 1/10: published 80, seeds 18..22, band from m1-after's list (x1..x3): 18..66 -> outside
        assertFalse(ERRORS.covers(ERRORS.rows().get(1)));
        // m1-before 1/0: published 20, seeds 9..11, band x1..x3: 9..33 -> inside
        assertTrue(ERRORS.covers(ERRORS.rows().get(0)));
        // m1-after CALL_OPS 1/0: published 1.6, seeds 1.8..2.2, band from the I=10 row (x1..x1.1) -> outside
        assertFalse(ERRORS.covers(ERRORS.rows().get(3)));
        // m1-after 2/0 (18..88) and CALL_OPS 1/10 (x0.8..x1: 1.44..2.2) are inside
        assertEquals(3, ERRORS.covered());
    }

    @Test
    void writtenRowsReadBackExactlyAndABadCellNamesItsLine() throws Exception {
        java.nio.file.Path f = tmp.resolve("errors.csv");
        ERRORS.write(f, List.of("a note"));
        assertEquals(ERRORS, ModelErrors.read(f));
        assertTrue(Files.readString(f).startsWith("# a note\n"));
        Files.writeString(f, Files.readString(f).replace("m1-after,m1,call-ops,list,2,0,60.0", "m1-after,m1,call-ops,list,two,0,60.0"));
        BadInputException e = assertThrows(BadInputException.class, () -> ModelErrors.read(f));
        assertTrue(e.getMessage().contains("errors.csv:5:"), e.getMessage());
    }
}
