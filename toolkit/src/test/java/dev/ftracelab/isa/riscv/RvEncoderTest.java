package dev.ftracelab.isa.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ftracelab.isa.BranchOutOfReachException;
import org.junit.jupiter.api.Test;

class RvEncoderTest {
    private static RvInsn d(int word) {
        return RvDecoder.decode(0x10000, word);
    }

    private static void fields(RvInsn i, RvOp op, int rd, int rs1, int rs2, long imm) {
        assertEquals(op, i.op());
        assertEquals(rd, i.rd(), "rd");
        assertEquals(rs1, i.rs1(), "rs1");
        assertEquals(rs2, i.rs2(), "rs2");
        assertEquals(imm, i.imm(), "imm");
    }

    @Test
    void everyEncoderMethodRoundTripsThroughTheDecoder() {
        fields(d(RvEncoder.nop()), RvOp.ADDI, 0, 0, 0, 0);
        fields(d(RvEncoder.cNop()), RvOp.C_NOP, 0, 0, 0, 0);
        fields(d(RvEncoder.ebreak()), RvOp.EBREAK, 0, 0, 0, 0);
        fields(d(RvEncoder.cEbreak()), RvOp.C_EBREAK, 0, 0, 0, 0);
        fields(d(RvEncoder.addi(10, 11, -2048)), RvOp.ADDI, 10, 11, 0, -2048);
        fields(d(RvEncoder.addiw(10, 11, 2047)), RvOp.ADDIW, 10, 11, 0, 2047);
        fields(d(RvEncoder.mv(5, 1)), RvOp.ADDI, 5, 1, 0, 0);
        fields(d(RvEncoder.add(3, 4, 31)), RvOp.ADD, 3, 4, 31, 0);
        fields(d(RvEncoder.ld(1, 2, -8)), RvOp.LD, 1, 2, 0, -8);
        fields(d(RvEncoder.sd(1, 2, -1000)), RvOp.SD, 0, 2, 1, -1000);
        fields(d(RvEncoder.lui(6, 0xfffff)), RvOp.LUI, 6, 0, 0, -4096);
        fields(d(RvEncoder.lui(6, 0x12345)), RvOp.LUI, 6, 0, 0, 0x12345000);
        fields(d(RvEncoder.auipc(5, 0x80000)), RvOp.AUIPC, 5, 0, 0, Integer.MIN_VALUE);
        fields(d(RvEncoder.jalr(1, 5, 100)), RvOp.JALR, 1, 5, 0, 100);
        fields(d(RvEncoder.jr(6)), RvOp.JALR, 0, 6, 0, 0);
        fields(d(RvEncoder.ret()), RvOp.JALR, 0, 1, 0, 0);
        fields(d(RvEncoder.jalrFrom(5, 5, 0x1000, 0x1000 - 2048)), RvOp.JALR, 5, 5, 0, -2048);
        assertEquals("ret", RvDisassembler.format(0, d(RvEncoder.ret())));
        assertEquals("nop", RvDisassembler.format(0, d(RvEncoder.cNop())));
    }

    @Test
    void jalReachesOneMebibyteEitherWay() {
        long from = 0x4000_0000L;
        for (long off : new long[] {0, 2, -2, (1 << 20) - 2, -(1 << 20), 0x7ff00, -0x12346}) {
            RvInsn i = RvDecoder.decode(from, RvEncoder.jal(1, from, from + off));
            fields(i, RvOp.JAL, 1, 0, 0, off);
            assertEquals(from + off, i.target(from));
        }
        BranchOutOfReachException e = assertThrows(BranchOutOfReachException.class,
                () -> RvEncoder.jal(0, from, from + (1 << 20)));
        assertEquals(from + (1 << 20), e.to());
        assertThrows(BranchOutOfReachException.class, () -> RvEncoder.jal(0, from, from - (1 << 20) - 2));
        assertThrows(IllegalArgumentException.class, () -> RvEncoder.jal(0, from, from + 1));
    }

    @Test
    void cJReachesTwoKibibytes() {
        for (long off : new long[] {0, 2, -2, 2046, -2048, 0x2aa, -0x556}) {
            RvInsn i = RvDecoder.decode(0x1000, RvEncoder.cJ(0x1000, 0x1000 + off));
            fields(i, RvOp.C_J, 0, 0, 0, off);
        }
        assertThrows(BranchOutOfReachException.class, () -> RvEncoder.cJ(0x1000, 0x1000 + 2048));
        assertThrows(BranchOutOfReachException.class, () -> RvEncoder.cJ(0x1000, 0x1000 - 2050));
    }

    @Test
    void auipcJalrReachesAllSigned32BitOffsetsButTheTopTwoKibibytes() {
        long from = 0x1_0000_0000L;
        long top = (1L << 31) - (1 << 11);
        for (long off : new long[] {0, 2, -2, 2046, 2048, -2048, -2050, 0x7ff, top - 2, Integer.MIN_VALUE,
                Integer.MIN_VALUE + 0x800, 0x12345678, -0x12345678}) {
            long to = from + (off & ~1L);
            int[] pair = RvEncoder.auipcJalr(5, 5, from, to);
            RvInsn auipc = RvDecoder.decode(from, pair[0]);
            RvInsn jalr = RvDecoder.decode(from + 4, pair[1]);
            assertEquals(RvOp.AUIPC, auipc.op());
            assertEquals(RvOp.JALR, jalr.op());
            assertEquals(5, jalr.rs1());
            assertEquals(to, from + auipc.imm() + jalr.imm(), () -> "offset " + off);
        }
        assertThrows(BranchOutOfReachException.class, () -> RvEncoder.auipcJalr(5, 5, from, from + top));
        assertThrows(BranchOutOfReachException.class, () -> RvEncoder.auipcJalr(5, 5, from, from + (1L << 31) - 2));
        assertThrows(BranchOutOfReachException.class,
                () -> RvEncoder.auipcJalr(5, 5, from, from + Integer.MIN_VALUE - 2));
        assertThrows(BranchOutOfReachException.class, () -> RvEncoder.jalrFrom(1, 5, 0x1000, 0x1000 + 2048));
    }

    @Test
    void liBuildsAnySigned32BitValue() {
        for (long v : new long[] {0, 1, -1, 2047, -2048, 2048, -2049, 0x7ffff800, 0x7fffffff, Integer.MIN_VALUE,
                0x12345678, -0x12345678, 0x1000, 0xfffff800L - 0x1_0000_0000L}) {
            int[] seq = RvEncoder.li(10, v);
            long value = 0;
            for (int w : seq) {
                RvInsn i = RvDecoder.decode(0, w);
                assertEquals(10, i.rd());
                value = switch (i.op()) {
                    case LUI -> i.imm();
                    case ADDI -> i.imm();          // from x0
                    case ADDIW -> (int) (value + i.imm());
                    default -> throw new AssertionError(i.op());
                };
            }
            assertEquals(v, value, () -> "li " + v);
        }
        assertThrows(IllegalArgumentException.class, () -> RvEncoder.li(10, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> RvEncoder.addi(1, 1, 2048));
        assertThrows(IllegalArgumentException.class, () -> RvEncoder.add(32, 1, 1));
    }
}
