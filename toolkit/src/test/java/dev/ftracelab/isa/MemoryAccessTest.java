package dev.ftracelab.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.isa.MemoryAccess.Order;
import dev.ftracelab.isa.arm64.A64Decoder;
import dev.ftracelab.isa.riscv.RvDecoder;
import org.junit.jupiter.api.Test;

/** {@link Instruction#memoryAccess()} on real encodings of both ISAs (from objdump of the guest). */
class MemoryAccessTest {
    private static final int R = MemoryAccess.R;
    private static final int W = MemoryAccess.W;

    private static MemoryAccess a64(int word) {
        return A64Decoder.decode(0, word).memoryAccess();
    }

    private static MemoryAccess rv(int word) {
        return RvDecoder.decode(0, word).memoryAccess();
    }

    @Test
    void arm64LoadsAndStoresWithTheirSizes() {
        assertEquals(MemoryAccess.load(8), a64(0xf9400020)); // ldr x0, [x1]
        assertEquals(MemoryAccess.load(4), a64(0xb9400020)); // ldr w0, [x1]
        assertEquals(MemoryAccess.load(1), a64(0x39400020)); // ldrb w0, [x1]
        assertEquals(MemoryAccess.store(8), a64(0xf9000020)); // str x0, [x1]
        assertEquals(MemoryAccess.load(16), a64(0xa9400be1)); // ldp x1, x2, [sp]
        assertEquals(MemoryAccess.store(16), a64(0xa9bf7bfd)); // stp x29, x30, [sp, #-16]!
        assertEquals(MemoryAccess.load(8), a64(0x29400be1)); // ldp w1, w2, [sp]
        assertSame(MemoryAccess.NONE, a64(0x91000420)); // add x0, x1, #1
    }

    /** Structure loads and stores move their whole size, also when it is not a power of two. */
    @Test
    void arm64StructureAccessesWithTheirWholeSize() {
        assertEquals(MemoryAccess.load(48), a64(0x4c404020)); // ld3 {v0.16b-v2.16b}, [x1]
        assertEquals(MemoryAccess.load(64), a64(0x4c400820)); // ld4 {v0.4s-v3.4s}, [x1]
        assertEquals(MemoryAccess.load(24), a64(0x0c404020)); // ld3 {v0.8b-v2.8b}, [x1]
        assertEquals(MemoryAccess.store(12), a64(0x0d00b020)); // st3 {v0.s-v2.s}[1], [x1]
        assertEquals(MemoryAccess.load(16), a64(0x4c407020)); // ld1 {v0.16b}, [x1]
        assertEquals(MemoryAccess.load(16), a64(0x3dc00020)); // ldr q0, [x1]
        assertSame(MemoryAccess.load(48), MemoryAccess.load(48), "interned");
    }

    @Test
    void arm64AcquireReleaseAndAtomics() {
        assertEquals(MemoryAccess.of(8, false, true, Order.RELEASE), a64(0xc89ffc20)); // stlr x0, [x1]
        assertEquals(MemoryAccess.of(4, false, true, Order.RELEASE), a64(0x889ffc20)); // stlr w0, [x1]
        assertEquals(MemoryAccess.of(8, true, false, Order.ACQUIRE), a64(0xc8dffc20)); // ldar x0, [x1]
        assertEquals(MemoryAccess.of(8, true, false, Order.ACQUIRE_PC), a64(0xf8bfc020)); // ldapr x0, [x1]
        assertEquals(MemoryAccess.of(8, true, false, Order.ACQUIRE), a64(0xc85ffc20)); // ldaxr x0, [x1]
        assertEquals(MemoryAccess.of(8, false, true, Order.RELEASE), a64(0xc802fc20)); // stlxr w2, x0, [x1]
        assertEquals(MemoryAccess.of(4, true, true, Order.ACQUIRE_RELEASE), a64(0xb8e20020)); // ldaddal w2, w0, [x1]
        assertEquals(MemoryAccess.of(4, true, true, Order.PLAIN), a64(0xb8220020)); // ldadd w2, w0, [x1]
    }

    @Test
    void arm64Barriers() {
        MemoryAccess ish = a64(0xd5033bbf); // dmb ish
        assertTrue(ish.orders(W, R) && ish.orders(R, W) && ish.orders(R, R) && ish.orders(W, W));
        MemoryAccess st = a64(0xd5033abf); // dmb ishst
        assertTrue(st.orders(W, W));
        assertFalse(st.orders(W, R) || st.orders(R, R) || st.orders(R, W));
        MemoryAccess ld = a64(0xd50339bf); // dmb ishld
        assertTrue(ld.orders(R, R) && ld.orders(R, W));
        assertFalse(ld.orders(W, W) || ld.orders(W, R));
        assertTrue(a64(0xd5033b9f).orders(W, R)); // dsb ish
        assertFalse(a64(0xd5033fdf).isFence()); // isb
    }

    @Test
    void riscvLoadsStoresAndCompressedForms() {
        assertEquals(MemoryAccess.load(8), rv(0x00053503)); // ld a0, 0(a0)
        assertEquals(MemoryAccess.store(8), rv(0x00113423)); // sd ra, 8(sp)
        assertEquals(MemoryAccess.store(1), rv(0x00a58023)); // sb a0, 0(a1)
        assertEquals(MemoryAccess.load(4), rv(0x0005e503)); // lwu a0, 0(a1)
        assertEquals(MemoryAccess.store(8), rv(0xe406)); // c.sdsp ra, 8(sp)
        assertEquals(MemoryAccess.load(8), rv(0x60a2)); // c.ldsp ra, 8(sp)
    }

    @Test
    void riscvAtomicsCarryAqRl() {
        assertEquals(MemoryAccess.of(8, true, false, Order.ACQUIRE), rv(0x1405b52f)); // lr.d.aq a0, (a1)
        assertEquals(MemoryAccess.of(8, false, true, Order.RELEASE), rv(0x1ac5b52f)); // sc.d.rl a0, a2, (a1)
        assertEquals(MemoryAccess.of(4, true, true, Order.ACQUIRE_RELEASE), rv(0x06c5a52f)); // amoadd.w.aqrl
    }

    @Test
    void riscvFences() {
        MemoryAccess rwW = rv(0x0310000f); // fence rw,w
        assertTrue(rwW.orders(R, W) && rwW.orders(W, W));
        assertFalse(rwW.orders(W, R) || rwW.orders(R, R));
        MemoryAccess full = rv(0x0ff0000f); // fence (iorw,iorw)
        assertTrue(full.orders(W, R));
        MemoryAccess tso = rv(0x8330000f); // fence.tso
        assertTrue(tso.orders(R, R) && tso.orders(R, W) && tso.orders(W, W));
        assertFalse(tso.orders(W, R));
        assertFalse(rv(0x0100000f).isFence()); // pause (fence w,0)
        assertSame(MemoryAccess.fence(R | W, W), rwW);
    }

    @Test
    void badSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> MemoryAccess.of(0, true, false, Order.PLAIN));
        assertThrows(IllegalArgumentException.class, () -> MemoryAccess.of(65, true, false, Order.PLAIN));
        assertThrows(IllegalArgumentException.class, () -> MemoryAccess.of(8, false, false, Order.PLAIN));
    }
}
