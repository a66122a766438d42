package dev.ftracelab.isa.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.DecodeException;
import dev.ftracelab.isa.InsnClass;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RvDecoderTest {
    @Test
    void everyOpHasAPatternThatDecodesToIt() {
        Random rnd = new Random(1);
        for (RvOp op : RvOp.values()) {
            List<int[]> patterns = RvDecoder.patterns(op);
            assertEquals(1, patterns.size(), op + " has exactly one table entry");
            int mask = patterns.get(0)[0];
            int match = patterns.get(0)[1];
            int width = op.compressed() ? 0xffff : -1;
            boolean seen = false;
            for (int n = 0; n < 2000 && !seen; n++) {
                int w = (match | (rnd.nextInt() & ~mask)) & width;
                try {
                    RvInsn i = RvDecoder.decode(0x1000, w);
                    seen = i.op() == op;
                } catch (DecodeException e) {
                    // a reserved operand combination of this pattern; try another
                }
            }
            assertTrue(seen, op + " never decoded from its own pattern");
        }
    }

    @Test
    void executorIdsMirrorTheOpOrdinals() {
        RvExec.check();
        RvInsn cAdd = RvDecoder.decode(0, 0x952e);
        assertEquals(RvExec.ADD, cAdd.execId());
        assertEquals(RvOp.ADD.ordinal(), cAdd.execId());
    }

    @Test
    void whatDecodesMatchesItsOwnPattern() {
        Random rnd = new Random(2);
        int decoded = 0;
        for (int n = 0; n < 200_000; n++) {
            int w = rnd.nextInt();
            try {
                RvInsn i = RvDecoder.decode(0x2000, w);
                int[] p = RvDecoder.patterns(i.op()).get(0);
                int word = i.length() == 2 ? w & 0xffff : w;
                assertEquals(p[1], word & p[0], () -> i.op() + " from " + Integer.toHexString(w));
                assertEquals(word, i.word());
                assertEquals((w & 3) == 3 ? 4 : 2, i.length());
                assertEquals(i.length(), RvIsa.INSTANCE.length(w & 0xffff));
                decoded++;
            } catch (DecodeException e) {
                assertEquals(Arch.RISCV64, e.arch());
            }
        }
        assertTrue(decoded > 10_000, "random words should often decode: " + decoded);
    }

    @ParameterizedTest
    @ValueSource(ints = {
        0x0000,      // all-zero halfword (defined illegal)
        0x0004,      // c.addi4spn with imm 0
        0x6101,      // c.addi16sp with imm 0
        0x6501,      // c.lui with imm 0
        0x4002,      // c.lwsp x0
        0x6002,      // c.ldsp x0
        0x8002,      // c.jr x0
        0x2001,      // c.addiw x0
        0x9c41,      // reserved CA encoding (funct6 100111, funct2 10)
        0x2ac5a553,  // fmin.d with funct3 010
        0xa0b53553,  // feq.s with funct3 011
        0x0005c507,  // LOAD-FP with width 100 (a vector load)
        0x6b95d513,  // rev8 with a shamt bit of rev8's RV32 encoding
        0x0815c53b,  // zext.h with rs2 != 0
        0x1005a02f | (5 << 20), // lr.w with rs2 != 0
        0x0000707f,  // custom opcode
        0xffffffff,  // 64-bit+ encoding
        0x0000001f,  // 48-bit encoding
        0x30200073,  // mret
        0x10500073,  // wfi
        0x0200003b | (1 << 12), // funct3 001 with mul-like funct7 in OP-32 (not M)
    })
    void reservedAndUnsupportedEncodingsAreRejectedNamingArchAddressAndWord(int word) {
        DecodeException e = assertThrows(DecodeException.class, () -> RvDecoder.decode(0x1234, word));
        assertEquals(0x1234, e.address());
        assertTrue(e.getMessage().contains("riscv64"), e.getMessage());
        assertTrue(e.getMessage().contains("0x1234"), e.getMessage());
        int shown = (word & 3) == 3 ? word : word & 0xffff;
        assertTrue(e.getMessage().contains(String.format("0x%08x", shown)), e.getMessage());
    }

    /** word, exec, rd, rs1, rs2, imm: compressed forms carry their 32-bit equivalent's operands. */
    @Test
    void compressedInstructionsExpandToTheOperandsOfTheirBaseForm() {
        long[][] cases = {
            {0x0808, RvOp.ADDI.ordinal(), 10, 2, 0, 16},     // c.addi4spn a0,sp,16
            {0x41c8, RvOp.LW.ordinal(), 10, 11, 0, 4},       // c.lw a0,4(a1)
            {0x6588, RvOp.LD.ordinal(), 10, 11, 0, 8},       // c.ld a0,8(a1)
            {0xc1c8, RvOp.SW.ordinal(), 0, 11, 10, 4},       // c.sw a0,4(a1)
            {0xe588, RvOp.SD.ordinal(), 0, 11, 10, 8},       // c.sd a0,8(a1)
            {0x0001, RvOp.ADDI.ordinal(), 0, 0, 0, 0},       // c.nop
            {0x1575, RvOp.ADDI.ordinal(), 10, 10, 0, -3},    // c.addi a0,-3
            {0x250d, RvOp.ADDIW.ordinal(), 10, 10, 0, 3},    // c.addiw a0,3
            {0x556d, RvOp.ADDI.ordinal(), 10, 0, 0, -5},     // c.li a0,-5
            {0x713d, RvOp.ADDI.ordinal(), 2, 2, 0, -32},     // c.addi16sp sp,-32
            {0x757d, RvOp.LUI.ordinal(), 10, 0, 0, -4096},   // c.lui a0,0xfffff
            {0x810d, RvOp.SRLI.ordinal(), 10, 10, 0, 3},     // c.srli a0,3
            {0x850d, RvOp.SRAI.ordinal(), 10, 10, 0, 3},     // c.srai a0,3
            {0x890d, RvOp.ANDI.ordinal(), 10, 10, 0, 3},     // c.andi a0,3
            {0x8d0d, RvOp.SUB.ordinal(), 10, 10, 11, 0},     // c.sub a0,a1
            {0x8d2d, RvOp.XOR.ordinal(), 10, 10, 11, 0},     // c.xor
            {0x8d4d, RvOp.OR.ordinal(), 10, 10, 11, 0},      // c.or
            {0x8d6d, RvOp.AND.ordinal(), 10, 10, 11, 0},     // c.and
            {0x9d0d, RvOp.SUBW.ordinal(), 10, 10, 11, 0},    // c.subw
            {0x9d2d, RvOp.ADDW.ordinal(), 10, 10, 11, 0},    // c.addw
            {0xa001, RvOp.JAL.ordinal(), 0, 0, 0, 0},        // c.j .
            {0xdd7d, RvOp.BEQ.ordinal(), 0, 10, 0, -2},      // c.beqz a0,.-2
            {0xfd75, RvOp.BNE.ordinal(), 0, 10, 0, -4},      // c.bnez a0,.-4
            {0x050e, RvOp.SLLI.ordinal(), 10, 10, 0, 3},     // c.slli a0,3
            {0x4512, RvOp.LW.ordinal(), 10, 2, 0, 4},        // c.lwsp a0,4(sp)
            {0x6522, RvOp.LD.ordinal(), 10, 2, 0, 8},        // c.ldsp a0,8(sp)
            {0x8502, RvOp.JALR.ordinal(), 0, 10, 0, 0},      // c.jr a0
            {0x852e, RvOp.ADD.ordinal(), 10, 0, 11, 0},      // c.mv a0,a1
            {0x9002, RvOp.EBREAK.ordinal(), 0, 0, 0, 0},     // c.ebreak
            {0x9502, RvOp.JALR.ordinal(), 1, 10, 0, 0},      // c.jalr a0
            {0x952e, RvOp.ADD.ordinal(), 10, 10, 11, 0},     // c.add a0,a1
            {0xc22a, RvOp.SW.ordinal(), 0, 2, 10, 4},        // c.swsp a0,4(sp)
            {0xe42a, RvOp.SD.ordinal(), 0, 2, 10, 8},        // c.sdsp a0,8(sp)
        };
        for (long[] c : cases) {
            RvInsn i = RvDecoder.decode(0x1000, (int) c[0] | 0xabcd0000); // the upper halfword is ignored
            String what = Long.toHexString(c[0]) + " " + i.op();
            assertTrue(i.op().compressed(), what);
            assertTrue(i.mnemonic().startsWith("c."), what);
            assertEquals(2, i.length(), what);
            assertEquals((int) c[0], i.word(), what);
            assertEquals(RvOp.values()[(int) c[1]], i.exec(), what);
            assertEquals(c[2], i.rd(), what + " rd");
            assertEquals(c[3], i.rs1(), what + " rs1");
            assertEquals(c[4], i.rs2(), what + " rs2");
            assertEquals(c[5], i.imm(), what + " imm");
        }
    }

    @Test
    void hintsDecodeAndExecuteAsTheirBaseOp() {
        assertEquals(RvOp.C_SRLI, RvDecoder.decode(0, 0x8001).op(), "c.srli with shamt 0");
        assertEquals(RvOp.C_LI, RvDecoder.decode(0, 0x4015).op(), "c.li x0,5");
        assertEquals(RvOp.C_MV, RvDecoder.decode(0, 0x802e).op(), "c.mv x0,a1");
        assertEquals(RvOp.FENCE, RvDecoder.decode(0, 0x0100000f).op(), "pause");
    }

    @Test
    void classesTargetsAndRegisterMasks() {
        RvInsn add = RvDecoder.decode(0, 0x00c58533); // add a0,a1,a2
        assertEquals(1L << 11 | 1L << 12, add.readMask());
        assertEquals(1L << 10, add.writeMask());
        RvInsn li = RvDecoder.decode(0, 0x00500513); // li a0,5
        assertEquals(0, li.readMask(), "x0 is never in a mask");
        RvInsn sd = RvDecoder.decode(0, 0xe42a); // c.sdsp a0,8(sp)
        assertEquals(1L << 2 | 1L << 10, sd.readMask());
        assertEquals(0, sd.writeMask());
        RvInsn nop = RvDecoder.decode(0, 0x00000013);
        assertEquals(0, nop.readMask() | nop.writeMask());

        assertEquals(InsnClass.RETURN, RvDecoder.decode(0, 0x8082).insnClass());      // ret
        assertEquals(InsnClass.RETURN, RvDecoder.decode(0, 0x00028067).insnClass());  // jr t0
        assertEquals(InsnClass.INDIRECT_JUMP, RvDecoder.decode(0, 0x8502).insnClass()); // jr a0
        assertEquals(InsnClass.INDIRECT_CALL, RvDecoder.decode(0, 0x9502).insnClass()); // jalr a0
        assertEquals(InsnClass.INDIRECT_CALL, RvDecoder.decode(0, 0x000282e7).insnClass()); // jalr t0,t0
        RvInsn j = RvDecoder.decode(0x11c, 0xfc5ff06f); // j e0
        assertEquals(InsnClass.DIRECT_JUMP, j.insnClass());
        assertEquals(0xe0, j.target(0x11c));
        RvInsn jal = RvDecoder.decode(0x120, 0xfc1ff0ef); // jal e0
        assertEquals(InsnClass.DIRECT_CALL, jal.insnClass());
        assertEquals(1L << 1, jal.writeMask());
        RvInsn bne = RvDecoder.decode(0xe4, 0xfeb51ee3); // bne a0,a1,e0
        assertEquals(InsnClass.BRANCH, bne.insnClass());
        assertEquals(0xe0, bne.target(0xe4));
        assertEquals(-1, add.target(0));
        assertEquals(InsnClass.MUL_DIV, RvDecoder.decode(0, 0x02c5c533).insnClass()); // div
        assertEquals(InsnClass.ATOMIC, RvDecoder.decode(0, 0x06c5a52f).insnClass());  // amoadd.w.aqrl
        assertEquals(InsnClass.SYSTEM, RvDecoder.decode(0, 0xc0002573).insnClass());  // rdcycle
        assertFalse(RvDecoder.decode(0, 0x0000100f).op().compressed());                // fence.i
    }

    @Test
    void theIsaFacadeDecodesAndDisassembles() {
        assertEquals(2, RvIsa.INSTANCE.alignment());
        assertEquals(2, RvIsa.INSTANCE.length(0x8082));
        assertEquals(4, RvIsa.INSTANCE.length(0x0513));
        assertEquals("nop", RvIsa.INSTANCE.disassemble(0x10000, RvIsa.INSTANCE.decode(0x10000, 0x00000013)));
        assertEquals("jal\t10078", RvIsa.INSTANCE.disassemble(0x10000, RvIsa.INSTANCE.decode(0x10000, 0x078000ef)));
        assertEquals("amoadd.w.aqrl\ta0,a2,(a1)", RvIsa.INSTANCE.disassemble(0, RvIsa.INSTANCE.decode(0, 0x06c5a52f)));
        assertEquals("fence\tw,unknown", RvIsa.INSTANCE.disassemble(0, RvIsa.INSTANCE.decode(0, 0x0100000f)));
    }
}
