package dev.ftracelab.census;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.isa.Arch;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextLayoutTest {
    @Test
    void eachLayoutsPatchBytesAndAlignment() {
        assertEquals(new TextLayout(Arch.RISCV64, Layout.NOP_NOP, 0, 8, 2, 1), TextLayout.of(Arch.RISCV64, Layout.NOP_NOP, true));
        assertEquals(new TextLayout(Arch.RISCV64, Layout.NOP_NOP, 0, 8, 4, 3), TextLayout.of(Arch.RISCV64, Layout.NOP_NOP, false));
        assertEquals(new TextLayout(Arch.RISCV64, Layout.ATOMIC, 0, 8, 4, 3), TextLayout.of(Arch.RISCV64, Layout.ATOMIC, true));
        assertEquals(new TextLayout(Arch.RISCV64, Layout.ATOMIC, 0, 8, 4, 3), TextLayout.of(Arch.RISCV64, Layout.ATOMIC, false));
        assertEquals(new TextLayout(Arch.RISCV64, Layout.CALL_OPS, 8, 8, 8, 7), TextLayout.of(Arch.RISCV64, Layout.CALL_OPS, true));
        assertEquals(new TextLayout(Arch.RISCV64, Layout.CALL_OPS, 8, 8, 8, 7), TextLayout.of(Arch.RISCV64, Layout.CALL_OPS, false));
        assertEquals(new TextLayout(Arch.ARM64, Layout.PRE_CALL_OPS, 0, 8, 16, 11), TextLayout.of(Arch.ARM64, Layout.PRE_CALL_OPS, false));
        assertEquals(new TextLayout(Arch.ARM64, Layout.CALL_OPS, 8, 8, 8, 7), TextLayout.of(Arch.ARM64, Layout.CALL_OPS, false));
        assertEquals(16, TextLayout.of(Arch.ARM64, Layout.CALL_OPS, false).patchBytes());
        assertEquals(8, TextLayout.of(Arch.RISCV64, Layout.NOP_NOP, true).patchBytes());
        assertEquals("call-ops", TextLayout.of(Arch.ARM64, Layout.CALL_OPS, false).toString());
    }

    @Test
    void allListsTheArchsLayoutsOldestFirst() {
        assertEquals(List.of(Layout.NOP_NOP, Layout.ATOMIC, Layout.CALL_OPS),
                TextLayout.all(Arch.RISCV64, true).stream().map(TextLayout::layout).toList());
        assertEquals(List.of(2, 4, 8), TextLayout.all(Arch.RISCV64, true).stream().map(TextLayout::alignment).toList());
        assertEquals(List.of(4, 4, 8), TextLayout.all(Arch.RISCV64, false).stream().map(TextLayout::alignment).toList());
        assertEquals(List.of(Layout.PRE_CALL_OPS, Layout.CALL_OPS),
                TextLayout.all(Arch.ARM64, false).stream().map(TextLayout::layout).toList());
    }

    @Test
    void aLayoutOfAnotherArchIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TextLayout.of(Arch.ARM64, Layout.ATOMIC, false));
        assertThrows(IllegalArgumentException.class, () -> TextLayout.of(Arch.ARM64, Layout.NOP_NOP, false));
        assertThrows(IllegalArgumentException.class, () -> TextLayout.of(Arch.RISCV64, Layout.PRE_CALL_OPS, true));
    }

    @Test
    void detectTellsTheLayoutByTheLiteralSlotOrTheAlignment() {
        // Median patch bytes before the entry: 8 is the CALL_OPS literal.
        assertEquals(TextLayout.of(Arch.RISCV64, Layout.CALL_OPS, true), TextLayout.detect(Arch.RISCV64, true, 8, 2, 100));
        assertEquals(TextLayout.of(Arch.ARM64, Layout.CALL_OPS, false), TextLayout.detect(Arch.ARM64, false, 8, 4, 100));
        assertEquals(TextLayout.of(Arch.RISCV64, Layout.NOP_NOP, true), TextLayout.detect(Arch.RISCV64, true, 0, 2, 100));
        assertEquals(TextLayout.of(Arch.RISCV64, Layout.NOP_NOP, false), TextLayout.detect(Arch.RISCV64, false, 4, 4, 100),
                "without RVC every entry is 4-aligned anyway: nothing to tell atomic by");
        assertEquals(TextLayout.of(Arch.ARM64, Layout.PRE_CALL_OPS, false), TextLayout.detect(Arch.ARM64, false, 0, 16, 100));
        // riscv64 v6.16 without CALL_OPS: every entry 4-aligned despite RVC, over enough functions.
        assertEquals(TextLayout.of(Arch.RISCV64, Layout.ATOMIC, true), TextLayout.detect(Arch.RISCV64, true, 0, 4, 8));
        assertEquals(TextLayout.of(Arch.RISCV64, Layout.NOP_NOP, true), TextLayout.detect(Arch.RISCV64, true, 0, 4, 7),
                "seven 4-aligned entries can be chance");
        // No patch sites: the build's alignment tells, over two functions or more.
        assertEquals(TextLayout.of(Arch.ARM64, Layout.CALL_OPS, false), TextLayout.detect(Arch.ARM64, false, -1, 8, 2));
        assertEquals(TextLayout.of(Arch.ARM64, Layout.PRE_CALL_OPS, false), TextLayout.detect(Arch.ARM64, false, -1, 8, 1));
        assertEquals(TextLayout.of(Arch.ARM64, Layout.PRE_CALL_OPS, false), TextLayout.detect(Arch.ARM64, false, -1, 4, 50));
        assertEquals(TextLayout.of(Arch.RISCV64, Layout.NOP_NOP, true), TextLayout.detect(Arch.RISCV64, true, -1, 2, 50));
        assertEquals(TextLayout.of(Arch.RISCV64, Layout.CALL_OPS, true), TextLayout.detect(Arch.RISCV64, true, -1, 16, 2));
    }

    @Test
    void placeAlignsEveryStartWhenThereIsNoMaxSkip() {
        TextLayout callOps = TextLayout.of(Arch.RISCV64, Layout.CALL_OPS, true);
        assertEquals(0, callOps.place(0));
        assertEquals(8, callOps.place(1));
        assertEquals(8, callOps.place(2));
        assertEquals(8, callOps.place(8));
        assertEquals(16, callOps.place(10));
        TextLayout rvc = TextLayout.of(Arch.RISCV64, Layout.NOP_NOP, true);
        assertEquals(0x22, rvc.place(0x22));
        assertEquals(0x24, rvc.place(0x23));
        TextLayout atomic = TextLayout.of(Arch.RISCV64, Layout.ATOMIC, true);
        assertEquals(0x24, atomic.place(0x22));
        assertEquals(0x24, atomic.place(0x24));
    }

    @Test
    void preCallOpsAlignsTo16OnlyWithinElevenBytesOfPadding() {
        TextLayout pre = TextLayout.of(Arch.ARM64, Layout.PRE_CALL_OPS, false);
        assertEquals(0x40, pre.place(0x40), "already aligned");
        assertEquals(0x40, pre.place(0x3c), "4 bytes of padding");
        assertEquals(0x40, pre.place(0x38), "8 bytes");
        assertEquals(0x40, pre.place(0x35), "11 bytes: still aligned");
        assertEquals(0x34, pre.place(0x34), "12 bytes is too many: the next instruction");
        assertEquals(0x34, pre.place(0x31), "15 bytes: up to 4 only");
        assertEquals(0x24, pre.place(0x24));
        assertEquals(0x50, pre.place(0x48));
        // A riscv layout with a max skip falls back to 2-byte instructions.
        TextLayout rv = new TextLayout(Arch.RISCV64, Layout.CALL_OPS, 8, 8, 8, 3);
        assertEquals(8, rv.place(5));
        assertEquals(2, rv.place(1));
        assertEquals(2, rv.place(2));
    }

    @Test
    void aBadAlignmentOrMaxSkipIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TextLayout(Arch.RISCV64, Layout.NOP_NOP, 0, 8, 3));
        assertThrows(IllegalArgumentException.class, () -> new TextLayout(Arch.RISCV64, Layout.NOP_NOP, 0, 8, 0));
        assertThrows(IllegalArgumentException.class, () -> new TextLayout(Arch.RISCV64, Layout.NOP_NOP, 0, 8, -8));
        assertThrows(IllegalArgumentException.class, () -> new TextLayout(Arch.ARM64, Layout.PRE_CALL_OPS, 0, 8, 16, 16));
        assertThrows(IllegalArgumentException.class, () -> new TextLayout(Arch.ARM64, Layout.PRE_CALL_OPS, 0, 8, 16, -1));
        assertEquals(0, new TextLayout(Arch.ARM64, Layout.PRE_CALL_OPS, 0, 8, 1).maxSkip());
    }
}
