package dev.ftracelab.emu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.util.BadInputException;

import org.junit.jupiter.api.Test;

class MemoryTest {
    @Test
    void untouchedPagesReadZeroAndEachWrittenPageIsItsOwn() {
        Memory m = new Memory();
        m.map(0x10000, 4 * Memory.PAGE_SIZE, Memory.R | Memory.W);
        assertEquals(0, m.load64(0x10000));
        assertEquals(0, m.load64(0x13ff8));
        m.store64(0x11008, 0x1122334455667788L);
        assertEquals(0x1122334455667788L, m.load64(0x11008));
        assertEquals(0, m.load64(0x10008), "another page still reads zero");
        assertEquals(0, m.load64(0x12008), "another page still reads zero");
        m.write(0x12000, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3, 0}, m.read(0x12000, 4));
        assertEquals(0, m.load8(0x13000), "the privileged write made only its own page");
    }

    @Test
    void aFaultingStoreLeavesNothingBehind() {
        Memory m = new Memory();
        m.map(0x10000, Memory.PAGE_SIZE, Memory.R | Memory.W);
        m.map(0x11000, Memory.PAGE_SIZE, Memory.R);
        assertThrows(MemoryFault.class, () -> m.store64(0x10ffc, -1L));
        assertEquals(0, m.load32(0x10ffc));
    }

    @Test
    void aTerabyteIsMappedWithoutAPageObjectUntilTouched() {
        Memory m = new Memory();
        m.map(0x1000_0000L, 1L << 40, Memory.R | Memory.W);
        assertEquals((1L << 40) / Memory.PAGE_SIZE, m.mappedPages());
        assertEquals(0, m.touchedPages());
        assertTrue(m.isMapped(0x1000_0000L + (1L << 40) - 1));
        assertFalse(m.isMapped(0x1000_0000L + (1L << 40)));
        m.store64(0x1000_0000L + (1L << 39), 7);
        assertEquals(7, m.load64(0x1000_0000L + (1L << 39)));
        assertEquals(1, m.touchedPages());
    }

    @Test
    void remappingOrProtectingPartOfARangeChangesOnlyThatPart() {
        Memory m = new Memory();
        m.map(0x10000, 16 * Memory.PAGE_SIZE, Memory.R | Memory.W);
        m.store8(0x10000, 1); // touched before, untouched pages after: both follow the new permissions
        m.protect(0x10000, 2 * Memory.PAGE_SIZE, Memory.R);
        m.map(0x1f000, Memory.PAGE_SIZE, Memory.R | Memory.X);
        assertEquals(Memory.R, m.permissions(0x10000));
        assertEquals(Memory.R, m.permissions(0x11000));
        assertEquals(Memory.R | Memory.W, m.permissions(0x12000));
        assertEquals(Memory.R | Memory.X, m.permissions(0x1f000));
        assertThrows(MemoryFault.class, () -> m.store8(0x11000, 1));
        m.store8(0x12000, 1);
        assertThrows(IllegalArgumentException.class, () -> m.protect(0x1f000, 2 * Memory.PAGE_SIZE, Memory.R),
                "0x20000 is not mapped");
        assertThrows(IllegalArgumentException.class, () -> m.map(-Memory.PAGE_SIZE, 2 * Memory.PAGE_SIZE, Memory.R),
                "wraps past 2^64");
    }

    @Test
    void touchingMoreThanTheLimitIsBadInput() {
        Memory m = new Memory();
        m.maxTouched(4 * Memory.PAGE_SIZE);
        m.map(0x10000, 1L << 30, Memory.R | Memory.W);
        for (int i = 0; i < 4; i++) {
            m.load8(0x10000 + (long) i * Memory.PAGE_SIZE);
        }
        BadInputException e = assertThrows(BadInputException.class, () -> m.store8(0x14000, 1));
        assertEquals("guest memory: touching page 0x14000 would pass the limit of 16 KiB touched: expected a program"
                + " that touches less (run --max-memory raises the limit)", e.getMessage());
        m.store8(0x13000, 1); // pages already touched stay usable
    }
}
