package dev.ftracelab.isa.arm64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ftracelab.isa.BranchOutOfReachException;
import org.junit.jupiter.api.Test;

/** Every encoder method round-trips through the decoder; reach limits are exact. */
class A64EncoderTest {
    private static final long PC = 0x4000_0000L;
    private static final long MIB = 1L << 20;

    private static A64Insn dec(int word) {
        return A64Decoder.decode(PC, word);
    }

    private static String text(int word) {
        return A64Disassembler.format(PC, dec(word));
    }

    @Test
    void branchesRoundTrip() {
        for (long target : new long[] {PC, PC + 4, PC - 4, PC + 128 * MIB - 4, PC - 128 * MIB}) {
            A64Insn b = dec(A64Encoder.b(PC, target));
            assertEquals(A64Op.B, b.op());
            assertEquals(target, b.target(PC));
            A64Insn bl = dec(A64Encoder.bl(PC, target));
            assertEquals(A64Op.BL, bl.op());
            assertEquals(target, bl.target(PC));
        }
        A64Insn bne = dec(A64Encoder.bCond(1, PC, PC - MIB));
        assertEquals(A64Op.B_COND, bne.op());
        assertEquals(1, bne.a());
        assertEquals(PC - MIB, bne.target(PC));
        A64Insn cbnz = dec(A64Encoder.cbz(false, true, 7, PC, PC + MIB - 4));
        assertEquals(A64Op.CBNZ, cbnz.op());
        assertEquals(7, cbnz.rn());
        assertEquals(false, cbnz.sf());
        assertEquals(PC + MIB - 4, cbnz.target(PC));
        A64Insn tbz = dec(A64Encoder.tbz(false, 3, 63, PC, PC - 32 * 1024));
        assertEquals(A64Op.TBZ, tbz.op());
        assertEquals(63, tbz.a());
        assertEquals(3, tbz.rn());
        assertEquals(PC - 32 * 1024, tbz.target(PC));
        A64Insn lit = dec(A64Encoder.ldrLiteral(16, PC, PC + 8));
        assertEquals(A64Op.LDR_LIT, lit.op());
        assertEquals(16, lit.rd());
        assertEquals(A64Op.MK_U64, lit.a());
        assertEquals(PC + 8, lit.pcRelativeAddress(PC));
        assertEquals(-1, lit.target(PC), "a literal is data, not a branch target");
    }

    @Test
    void reachLimitsAreExact() {
        assertThrows(BranchOutOfReachException.class, () -> A64Encoder.b(PC, PC + 128 * MIB));
        assertThrows(BranchOutOfReachException.class, () -> A64Encoder.bl(PC, PC - 128 * MIB - 4));
        assertThrows(BranchOutOfReachException.class, () -> A64Encoder.ldrLiteral(0, PC, PC + MIB));
        assertThrows(BranchOutOfReachException.class, () -> A64Encoder.ldrLiteral(0, PC, PC - MIB - 4));
        assertThrows(BranchOutOfReachException.class, () -> A64Encoder.bCond(0, PC, PC + MIB));
        assertThrows(BranchOutOfReachException.class, () -> A64Encoder.cbz(true, false, 0, PC, PC - MIB - 4));
        assertThrows(BranchOutOfReachException.class, () -> A64Encoder.tbz(true, 0, 1, PC, PC + 32 * 1024));
        assertThrows(BranchOutOfReachException.class, () -> A64Encoder.adrp(0, PC, PC + (4L << 30)));
        BranchOutOfReachException e = assertThrows(BranchOutOfReachException.class,
                () -> A64Encoder.bl(0x1000, 0x1000 + 256 * MIB));
        assertEquals(0x1000, e.from());
        assertEquals(0x1000 + 256 * MIB, e.to());
        assertThrows(IllegalArgumentException.class, () -> A64Encoder.b(PC, PC + 2), "misaligned target");
    }

    @Test
    void registerAndSystemFormsRoundTrip() {
        assertEquals("nop", text(A64Encoder.nop()));
        assertEquals("bti\tc", text(A64Encoder.btiC()));
        assertEquals("br\tx16", text(A64Encoder.br(16)));
        assertEquals("blr\tx9", text(A64Encoder.blr(9)));
        assertEquals("ret", text(A64Encoder.ret()));
        assertEquals("ret\tx2", text(A64Encoder.ret(2)));
        assertEquals("brk\t#0x800", text(A64Encoder.brk(0x800)));
        assertEquals("svc\t#0x0", text(A64Encoder.svc(0)));
        assertEquals("isb", text(A64Encoder.isb()));
        assertEquals("dsb\tish", text(A64Encoder.dsbIsh()));
        assertEquals("ic\tivau, x3", text(A64Encoder.icIvau(3)));
        assertEquals("ic\tiallu", text(A64Encoder.icIallu()));
        A64Insn mov = dec(A64Encoder.movReg(true, 9, 30));
        assertEquals(A64Op.ORR, mov.op());
        assertEquals(9, mov.rd());
        assertEquals(30, mov.rm());
        assertEquals(A64Insn.ZR, mov.rn());
        assertEquals("mov\tx9, x30", text(A64Encoder.movReg(true, 9, 30)));
        assertEquals("mov\tw1, w2", text(A64Encoder.movReg(false, 1, 2)));
        assertEquals("mov\tx29, sp", text(A64Encoder.movSp(29, 31)));
    }

    @Test
    void trampolineBuildingBlocksRoundTrip() {
        A64Insn stp = dec(A64Encoder.stp(29, 30, 31, -16, A64Encoder.PRE));
        assertEquals(A64Op.STP, stp.op());
        assertEquals(A64Op.PAIR_PRE, stp.b());
        assertEquals(-16, stp.imm());
        assertEquals(29, stp.rd());
        assertEquals(30, stp.rm());
        assertEquals(A64Insn.SP, stp.rn());
        assertEquals("ldp\tx29, x30, [sp], #16", text(A64Encoder.ldp(29, 30, 31, 16, A64Encoder.POST)));
        assertEquals("stp\tx0, x1, [sp, #504]", text(A64Encoder.stp(0, 1, 31, 504, A64Encoder.OFFSET)));
        assertEquals("ldp\tx2, x3, [x4, #-512]!", text(A64Encoder.ldp(2, 3, 4, -512, A64Encoder.PRE)));
        assertThrows(IllegalArgumentException.class, () -> A64Encoder.stp(0, 1, 31, 512, A64Encoder.PRE));
        assertThrows(IllegalArgumentException.class, () -> A64Encoder.stp(0, 1, 31, 4, A64Encoder.PRE));

        A64Insn add = dec(A64Encoder.addImm(true, 31, 31, 0x20));
        assertEquals(A64Op.ADD_IMM, add.op());
        assertEquals(0x20, add.imm());
        assertEquals("add\tsp, sp, #0x20", text(A64Encoder.addImm(true, 31, 31, 0x20)));
        assertEquals("sub\tsp, sp, #0x1, lsl #12", text(A64Encoder.subImm(true, 31, 31, 0x1000)));
        assertEquals("sub\tw0, w1, #0xfff", text(A64Encoder.subImm(false, 0, 1, 0xfff)));
        assertThrows(IllegalArgumentException.class, () -> A64Encoder.addImm(true, 0, 0, 0x1001));

        A64Insn ldr = dec(A64Encoder.ldr(16, 17, 0x7ff8));
        assertEquals(A64Op.LDR_IMM, ldr.op());
        assertEquals(0x7ff8, ldr.imm());
        assertEquals(A64Op.MK_U64, ldr.a());
        assertEquals("str\tx30, [sp, #8]", text(A64Encoder.str(30, 31, 8)));
        assertThrows(IllegalArgumentException.class, () -> A64Encoder.ldr(0, 1, 4));

        A64Insn movz = dec(A64Encoder.movz(5, 0xbeef, 32));
        assertEquals(A64Op.MOVZ, movz.op());
        assertEquals(0xbeefL << 32, movz.imm());
        A64Insn movk = dec(A64Encoder.movk(5, 0x1234, 48));
        assertEquals(A64Op.MOVK, movk.op());
        assertEquals(3, movk.a());
        assertEquals(0x1234L << 48, movk.imm());
        assertEquals("movk\tx5, #0x1234, lsl #48", text(A64Encoder.movk(5, 0x1234, 48)));

        long target = 0x4123_4567L;
        int[] pair = A64Encoder.adrpAdd(2, PC, target);
        A64Insn adrp = dec(pair[0]);
        A64Insn lo = dec(pair[1]);
        assertEquals(A64Op.ADRP, adrp.op());
        assertEquals(target & ~0xfffL, adrp.pcRelativeAddress(PC));
        assertEquals(target & 0xfff, lo.imm());
        assertArrayEquals(new int[] {2, 2}, new int[] {lo.rd(), lo.rn()});
    }
}
