package dev.ftracelab.ftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DispatchTest {
    @Test
    void theOneVocabulary() {
        assertEquals(List.of("untraced", "list", "call-ops", "per-callsite-trampoline", "direct"),
                Arrays.stream(Dispatch.values()).map(Dispatch::id).toList());
        assertEquals(List.of("untraced", "list processing", "CALL_OPS", "per-callsite trampoline", "direct call"),
                Arrays.stream(Dispatch.values()).map(Dispatch::title).toList());
        assertEquals(List.of("untraced", "list", "CALL_OPS", "per-site tramp", "direct"),
                Arrays.stream(Dispatch.values()).map(Dispatch::abbreviation).toList());
    }

    @Test
    void layoutAndStrategyGiveOneOpsItsDispatch() {
        for (Layout l : List.of(Layout.NOP_NOP, Layout.ATOMIC, Layout.PRE_CALL_OPS)) {
            assertEquals(Dispatch.LIST, Dispatch.of(l, Strategy.COMMON), l.id());
        }
        assertEquals(Dispatch.CALL_OPS, Dispatch.of(Layout.CALL_OPS, Strategy.COMMON));
        for (Layout l : Layout.values()) {
            assertEquals(Dispatch.PER_CALLSITE_TRAMPOLINE, Dispatch.of(l, Strategy.PER_CALLSITE_TRAMPOLINE), l.id());
        }
    }

    @Test
    void theLegendExplainsOnlyAbbreviationsThatDiffer() {
        assertEquals("list: list processing; per-site tramp: per-callsite trampoline.",
                Dispatch.legend(Dispatch.LIST, Dispatch.PER_CALLSITE_TRAMPOLINE, Dispatch.CALL_OPS));
        assertEquals("", Dispatch.legend(Dispatch.CALL_OPS));
    }

    @Test
    void theOldNameIsRefusedWithTheNewOne() {
        assertEquals(Dispatch.PER_CALLSITE_TRAMPOLINE, Dispatch.parse("per-callsite-trampoline"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dispatch.parse("ops-trampoline"));
        assertTrue(e.getMessage().endsWith("(did you mean per-callsite-trampoline?)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Strategy.parse("ops-trampoline"));
        assertTrue(e.getMessage().endsWith("(did you mean per-callsite-trampoline?)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Strategy.parse("private"));
        assertTrue(e.getMessage().endsWith("expected one of common, per-callsite-trampoline"), e.getMessage());
    }
}
