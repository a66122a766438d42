package dev.ftracelab.emu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
