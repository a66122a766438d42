package dev.ftracelab.isa;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.isa.arm64.A64Encoder;
import dev.ftracelab.isa.riscv.RvEncoder;
import org.junit.jupiter.api.Test;

/** {@link BranchReach}: each reach's boundaries, and the encoders that check against them. */
class BranchReachTest {
    private static final long MIB = 1L << 20;
    /** A base far from zero, so offsets are not addresses. */
    private static final long PC = 0x4000_0000_0000L;

    @Test
    void jalReachesMinusOneMebibyteUpToOneMebibyteExclusive() {
        assertEquals(-MIB, BranchReach.JAL.min());
        assertEquals(MIB - 2, BranchReach.JAL.max());
        assertTrue(BranchReach.JAL.reaches(-MIB));
        assertFalse(BranchReach.JAL.reaches(-MIB - 2));
        assertFalse(BranchReach.JAL.reaches(-MIB - 1));
        assertTrue(BranchReach.JAL.reaches(MIB - 2));
        assertFalse(BranchReach.JAL.reaches(MIB));
        assertFalse(BranchReach.JAL.reaches(MIB - 1));
        assertTrue(BranchReach.JAL.reaches(0));
    }

    @Test
    void blReaches128MebibytesBackAndNotQuiteForward() {
        assertTrue(BranchReach.BL.reaches(-128 * MIB));
        assertFalse(BranchReach.BL.reaches(-128 * MIB - 4));
        assertTrue(BranchReach.BL.reaches(128 * MIB - 4));
        assertFalse(BranchReach.BL.reaches(128 * MIB));
        assertTrue(BranchReach.BL.reaches(64 * MIB));
    }

    @Test
    void auipcJalrReachesEverySigned32BitOffsetButTheTop2KiB() {
        long top = (1L << 31) - (1L << 11);
        assertTrue(BranchReach.AUIPC_JALR.reaches(-(1L << 31)));
        assertFalse(BranchReach.AUIPC_JALR.reaches(-(1L << 31) - 2));
        assertTrue(BranchReach.AUIPC_JALR.reaches(top - 2));
        assertTrue(BranchReach.AUIPC_JALR.reaches(top - 1));
        assertFalse(BranchReach.AUIPC_JALR.reaches(top));
        assertFalse(BranchReach.AUIPC_JALR.reaches((1L << 31) - 2));
        assertFalse(BranchReach.AUIPC_JALR.reaches(1L << 31));
    }

    @Test
    void jalrWithAFixedAuipcReaches2KiBOfItsBase() {
        assertTrue(BranchReach.JALR_FIXED_AUIPC.reaches(-2048));
        assertTrue(BranchReach.JALR_FIXED_AUIPC.reaches(2047));
        assertFalse(BranchReach.JALR_FIXED_AUIPC.reaches(2048));
        assertFalse(BranchReach.JALR_FIXED_AUIPC.reaches(-2049));
    }

    @Test
    void namesAndDescriptions() {
        assertEquals("jal", BranchReach.JAL.id());
        assertEquals("bl", BranchReach.BL.id());
        assertEquals("auipc+jalr", BranchReach.AUIPC_JALR.id());
        assertEquals("jalr (fixed auipc)", BranchReach.JALR_FIXED_AUIPC.id());
        assertEquals("±128 MiB", BranchReach.BL.described());
        assertEquals("bl (±128 MiB)", BranchReach.BL.toString());
        assertEquals("jal (±1 MiB)", BranchReach.JAL.toString());
    }

    @Test
    void checkThrowsNamingTheInstructionBothAddressesAndTheReach() {
        assertDoesNotThrow(() -> BranchReach.BL.check("bl", 0x1000, 0x1000 + 128 * MIB - 4));
        BranchOutOfReachException e = assertThrows(BranchOutOfReachException.class,
                () -> BranchReach.BL.check("bl", 0x1000, 0x1000 + 128 * MIB));
        assertEquals(0x1000, e.from());
        assertEquals(0x1000 + 128 * MIB, e.to());
        assertEquals("bl at 0x1000 cannot reach 0x8001000: offset +134217728 is outside ±128 MiB", e.getMessage());
    }

    /** The JAL's immediate, decoded by hand: imm[20|10:1|11|19:12]. */
    private static long jalOffset(int w) {
        long imm = (w >>> 31 & 1) << 20 | (w >>> 21 & 0x3ff) << 1 | (w >>> 20 & 1) << 11 | (w >>> 12 & 0xff) << 12;
        return imm << 43 >> 43;
    }

    @Test
    void rvJalThrowsExactlyOutsideItsReach() {
        assertEquals(-MIB, jalOffset(RvEncoder.jal(1, PC, PC - MIB)));
        assertEquals(MIB - 2, jalOffset(RvEncoder.jal(1, PC, PC + MIB - 2)));
        assertThrows(BranchOutOfReachException.class, () -> RvEncoder.jal(1, PC, PC + MIB));
        assertThrows(BranchOutOfReachException.class, () -> RvEncoder.jal(1, PC, PC - MIB - 2));
    }

    /** Where an auipc+jalr pair at {@code pc} lands: pc + sext(hi20 << 12) + sext(lo12). */
    private static long auipcJalrTarget(long pc, int[] pair) {
        long hi = (long) (pair[0] & 0xfffff000); // sign-extended, as RV64 does
        long lo = pair[1] >> 20;
        return pc + hi + lo;
    }

    @Test
    void rvAuipcJalrThrowsExactlyOutsideItsReach() {
        long top = (1L << 31) - (1L << 11);
        for (long off : new long[] {-(1L << 31), -(1L << 31) + 2048, -2048, 0, 2046, 2048, top - 2, 0x7fff_f000L - 2050}) {
            assertEquals(PC + off, auipcJalrTarget(PC, RvEncoder.auipcJalr(5, 5, PC, PC + off)), "offset " + off);
        }
        assertThrows(BranchOutOfReachException.class, () -> RvEncoder.auipcJalr(5, 5, PC, PC + top));
        assertThrows(BranchOutOfReachException.class, () -> RvEncoder.auipcJalr(5, 5, PC, PC + (1L << 31) - 2));
        assertThrows(BranchOutOfReachException.class, () -> RvEncoder.auipcJalr(5, 5, PC, PC - (1L << 31) - 2));
        assertThrows(BranchOutOfReachException.class, () -> RvEncoder.auipcJalr(5, 5, PC, PC + (1L << 32)));
    }

    @Test
    void rvJalrFromThrowsExactlyOutsideTwoKibibytesOfItsBase() {
        assertEquals(-2048, RvEncoder.jalrFrom(1, 5, PC, PC - 2048) >> 20);
        assertEquals(2047, RvEncoder.jalrFrom(1, 5, PC, PC + 2047) >> 20);
        assertThrows(BranchOutOfReachException.class, () -> RvEncoder.jalrFrom(1, 5, PC, PC + 2048));
        assertThrows(BranchOutOfReachException.class, () -> RvEncoder.jalrFrom(1, 5, PC, PC - 2049));
    }

    @Test
    void a64BlThrowsExactlyOutsideItsReach() {
        int back = A64Encoder.bl(PC, PC - 128 * MIB);
        assertEquals(-128 * MIB, (long) (back << 6 >> 6) * 4);
        int fwd = A64Encoder.bl(PC, PC + 128 * MIB - 4);
        assertEquals(128 * MIB - 4, (long) (fwd << 6 >> 6) * 4);
        assertEquals(0x94000000, back & 0xfc000000);
        assertThrows(BranchOutOfReachException.class, () -> A64Encoder.bl(PC, PC + 128 * MIB));
        assertThrows(BranchOutOfReachException.class, () -> A64Encoder.bl(PC, PC - 128 * MIB - 4));
    }

    @Test
    void theEncodersAgreeWithReachesAtEveryBoundary() {
        for (long off = -MIB - 8; off <= -MIB + 8; off += 2) {
            long o = off;
            assertEquals(BranchReach.JAL.reaches(o), succeeds(() -> RvEncoder.jal(0, PC, PC + o)), "jal " + o);
        }
        for (long off = MIB - 8; off <= MIB + 8; off += 2) {
            long o = off;
            assertEquals(BranchReach.JAL.reaches(o), succeeds(() -> RvEncoder.jal(0, PC, PC + o)), "jal " + o);
        }
        for (long off : new long[] {-(1L << 31) - 4, -(1L << 31) - 2, -(1L << 31), (1L << 31) - 2050, (1L << 31) - 2048,
                (1L << 31) - 2046}) {
            assertEquals(BranchReach.AUIPC_JALR.reaches(off), succeeds(() -> RvEncoder.auipcJalr(0, 5, PC, PC + off)),
                    "auipc+jalr " + off);
        }
        for (long off = -2052; off <= -2044; off++) {
            long o = off;
            assertEquals(BranchReach.JALR_FIXED_AUIPC.reaches(o), succeeds(() -> RvEncoder.jalrFrom(0, 5, PC, PC + o)));
        }
        for (long off = 2044; off <= 2052; off++) {
            long o = off;
            assertEquals(BranchReach.JALR_FIXED_AUIPC.reaches(o), succeeds(() -> RvEncoder.jalrFrom(0, 5, PC, PC + o)));
        }
        for (long off : new long[] {-128 * MIB - 8, -128 * MIB - 4, -128 * MIB, 128 * MIB - 8, 128 * MIB - 4, 128 * MIB}) {
            assertEquals(BranchReach.BL.reaches(off), succeeds(() -> A64Encoder.bl(PC, PC + off)), "bl " + off);
        }
    }

    private static boolean succeeds(Runnable r) {
        try {
            r.run();
            return true;
        } catch (BranchOutOfReachException e) {
            return false;
        }
    }
}
