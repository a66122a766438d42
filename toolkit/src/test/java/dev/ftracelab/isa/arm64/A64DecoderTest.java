package dev.ftracelab.isa.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.DecodeException;
import dev.ftracelab.isa.InsnClass;
import dev.ftracelab.isa.Instruction;
import org.junit.jupiter.api.Test;

/** Decoder tables, decoded fields and objdump-style text, without external tools. */
class A64DecoderTest {
    /**
     * Address, word and GNU objdump 2.40's text (comments and symbols dropped) for one instance
     * of each encoding class and alias rule; assembled from hand-written source with gas.
     */
    private static final String GOLDEN = """
            0 fa431804  ccmp x0, #0x3, #0x4, ne
            4 7a410000  ccmp w0, w1, #0x0, eq
            8 92800000  mov x0, #0xffffffffffffffff
            c 12800000  mov w0, #0xffffffff
            10 12a24680  mov w0, #0xedcbffff
            14 d2a00020  mov x0, #0x10000
            18 d2a00000  movz x0, #0x0, lsl #16
            1c f2a24680  movk x0, #0x1234, lsl #16
            20 b200f3e0  mov x0, #0x5555555555555555
            24 b2403fe0  orr x0, xzr, #0xffff
            28 12001c20  and w0, w1, #0xff
            2c f27d001f  tst x0, #0x8
            30 91400420  add x0, x1, #0x1, lsl #12
            34 8b2163e0  add x0, sp, x1
            38 8b214be0  add x0, sp, w1, uxtw #2
            3c 0b220020  add w0, w1, w2, uxtb
            40 eb21c01f  cmp x0, w1, sxtw
            44 eb2163ff  cmp sp, x1
            48 8b206bff  add sp, sp, x0, lsl #2
            4c f862d820  ldr x0, [x1, w2, sxtw #3]
            50 f8626820  ldr x0, [x1, x2]
            54 38624820  ldrb w0, [x1, w2, uxtw]
            58 38627820  ldrb w0, [x1, x2, lsl #0]
            5c 78627820  ldrh w0, [x1, x2, lsl #1]
            60 f862e820  ldr x0, [x1, x2, sxtx]
            64 f85f8020  ldur x0, [x1, #-8]
            68 a8c27bfd  ldp x29, x30, [sp], #32
            6c a9be7bfd  stp x29, x30, [sp, #-32]!
            70 69410440  ldpsw x0, x1, [x2, #8]
            74 885f7c20  ldxr w0, [x1]
            78 c8027c20  stxr w2, x0, [x1]
            7c 8802fc20  stlxr w2, w0, [x1]
            80 c8dffc20  ldar x0, [x1]
            84 889ffc20  stlr w0, [x1]
            88 b8e00041  ldaddal w0, w1, [x2]
            8c b820005f  stadd w0, [x2]
            90 c8e0fc41  casal x0, x1, [x2]
            94 f8e08041  swpal x0, x1, [x2]
            98 f8201041  ldclr x0, x1, [x2]
            9c f8203041  ldset x0, x1, [x2]
            a0 f8202041  ldeor x0, x1, [x2]
            a4 b7f80000  tbnz x0, #63, a4
            a8 36180000  tbz w0, #3, a8
            ac 1a9f07e0  cset w0, ne
            b0 da9fa3e0  csetm x0, lt
            b4 9a811420  cinc x0, x1, eq
            b8 da815420  cneg x0, x1, mi
            bc da813020  cinv x0, x1, cs
            c0 d3442c20  ubfx x0, x1, #4, #8
            c4 937c1c20  sbfiz x0, x1, #4, #8
            c8 b37c1c20  bfi x0, x1, #4, #8
            cc b3442c20  bfxil x0, x1, #4, #8
            d0 b37c1fe0  bfc x0, #4, #8
            d4 93407c20  sxtw x0, w1
            d8 53001c20  uxtb w0, w1
            dc 53003c20  uxth w0, w1
            e0 93401c20  sxtb x0, w1
            e4 d37df020  lsl x0, x1, #3
            e8 53037c20  lsr w0, w1, #3
            ec 937ffc20  asr x0, x1, #63
            f0 93c11420  ror x0, x1, #5
            f4 93c21420  extr x0, x1, x2, #5
            f8 9b027c20  mul x0, x1, x2
            fc 9b02fc20  mneg x0, x1, x2
            100 9b227c20  smull x0, w1, w2
            104 9ba27c20  umull x0, w1, w2
            108 9bc27c20  umulh x0, x1, x2
            10c 9b220c20  smaddl x0, w1, w2, x3
            110 9b028c20  msub x0, x1, x2, x3
            114 cb0103e0  neg x0, x1
            118 eb010be0  negs x0, x1, lsl #2
            11c aa2103e0  mvn x0, x1
            120 da0103e0  ngc x0, x1
            124 9ac22020  lsl x0, x1, x2
            128 9ac22c20  ror x0, x1, x2
            12c dac00c20  rev x0, x1
            130 5ac00820  rev w0, w1
            134 dac00820  rev32 x0, x1
            138 5ac00420  rev16 w0, w1
            13c dac00020  rbit x0, x1
            140 5ac01020  clz w0, w1
            144 dac01420  cls x0, x1
            148 d503245f  bti c
            14c d503249f  bti j
            150 d50324df  bti jc
            154 d503241f  bti
            158 d503233f  paciasp
            15c d50323bf  autiasp
            160 d503237f  pacibsp
            164 d50323ff  autibsp
            168 d50320ff  xpaclri
            16c d5032fff  hint #0x7f
            170 d503203f  yield
            174 d5033bbf  dmb ish
            178 d50339bf  dmb ishld
            17c d5033b9f  dsb ish
            180 d5033f9f  dsb sy
            184 d5033fdf  isb
            188 d50b7520  ic ivau, x0
            18c d508751f  ic iallu
            190 d508711f  ic ialluis
            194 d50b7b20  dc cvau, x0
            198 d50b7e20  dc civac, x0
            19c d53bd040  mrs x0, tpidr_el0
            1a0 d53be040  mrs x0, cntvct_el0
            1a4 d53b0020  mrs x0, ctr_el0
            1a8 d51bd040  msr tpidr_el0, x0
            1ac d53b4201  mrs x1, nzcv
            1b0 d4000001  svc #0x0
            1b4 d4207d00  brk #0x3e8
            1b8 00000000  udf #0
            1bc d65f03c0  ret
            1c0 d65f0020  ret x1
            1c4 910003e0  mov x0, sp
            1c8 9100003f  mov sp, x1
            1cc 110003e0  mov w0, wsp
            1d0 aa0103e0  mov x0, x1
            1d4 2a0103e0  mov w0, w1
            1d8 b100041f  cmn x0, #0x1
            1dc 713ffc1f  cmp w0, #0xfff
            1e0 f94003e0  ldr x0, [sp]
            1e4 f81f0fe0  str x0, [sp, #-16]!
            1e8 b8404420  ldr w0, [x1], #4
            1ec b9800420  ldrsw x0, [x1, #4]
            1f0 39c00020  ldrsb w0, [x1]
            1f4 79800420  ldrsh x0, [x1, #2]
            1f8 381ff020  sturb w0, [x1, #-1]
            1fc f9800000  prfm pldl1keep, [x0]
            200 d5033f5f  clrex
            204 10000000  adr x0, 204
            208 93400020  sbfx x0, x1, #0, #1
            20c 8ac20c20  and x0, x1, x2, ror #3
            210 ea220020  bics x0, x1, x2
            214 2a220020  orn w0, w1, w2
            218 ca220020  eon x0, x1, x2
            21c ba020020  adcs x0, x1, x2
            220 ea01001f  tst x0, x1
            224 12b00000  mov w0, #0x7fffffff
            228 b2407fe0  mov x0, #0xffffffff
            22c 929fffe0  mov x0, #0xffffffffffff0000
            234 085ffc20  ldaxrb w0, [x1]
            238 489ffc20  stlrh w0, [x1]
            23c d5384100  mrs x0, sp_el0
            240 d5184101  msr sp_el0, x1
            244 d53be041  mrs x1, cntvct_el0
            248 d538d082  mrs x2, tpidr_el1
            24c d518d083  msr tpidr_el1, x3
            250 d53cd044  mrs x4, tpidr_el2
            254 d51cd044  msr tpidr_el2, x4
            258 d53b4225  mrs x5, daif
            25c d51b4225  msr daif, x5
            260 d5384606  mrs x6, icc_pmr_el1
            264 d5184606  msr icc_pmr_el1, x6
            268 d53b9d07  mrs x7, pmccntr_el0
            26c d53be008  mrs x8, cntfrq_el0
            270 d53b00ea  mrs x10, dczid_el0
            274 d538424b  mrs x11, currentel
            278 d53be02c  mrs x12, cntpct_el0
            27c d50343df  msr daifset, #0x3
            280 d50342ff  msr daifclr, #0x2
            """;

    @Test
    void disassemblyMatchesObjdumpForEveryClassAndAlias() {
        for (String line : GOLDEN.strip().split("\n")) {
            String[] f = line.strip().split(" ", 3);
            long pc = Long.parseLong(f[0], 16);
            int word = (int) Long.parseLong(f[1], 16);
            A64Insn i = A64Decoder.decode(pc, word);
            assertEquals(f[2].strip(), A64Objdump.normalise(A64Disassembler.format(pc, i)), line);
        }
    }

    @Test
    void logicalImmediatesExpandToTheirBitmask() {
        // N:immr:imms -> mask, from the Arm ARM's DecodeBitMasks
        assertEquals(0xffL, A64Decoder.decodeBitMask(false, 0, 0, 7));
        assertEquals(0xffffL, A64Decoder.decodeBitMask(true, 1, 0, 15));
        assertEquals(0x5555555555555555L, A64Decoder.decodeBitMask(true, 0, 0, 0b111100));
        assertEquals(0x8L, A64Decoder.decodeBitMask(true, 1, 61, 0));
        assertEquals(0xffffffffL, A64Decoder.decodeBitMask(true, 1, 0, 31));
        assertEquals(0xffff_ffff_ffff_0000L, A64Decoder.decodeBitMask(true, 1, 48, 47));
        assertEquals(0x8000_0000L, A64Decoder.decodeBitMask(false, 0, 1, 0));
        assertEquals(0x0101010101010101L, A64Decoder.decodeBitMask(true, 0, 0, 0b110000));
    }

    @Test
    void reservedLogicalImmediatesAreRejected() {
        assertNull(A64Decoder.decodeBitMask(true, 1, 0, 63), "all ones in a 64-bit element");
        assertNull(A64Decoder.decodeBitMask(false, 0, 0, 31), "all ones in a 32-bit element");
        assertNull(A64Decoder.decodeBitMask(true, 0, 0, 0b111111), "no element size");
        assertNull(A64Decoder.decodeBitMask(false, 1, 0, 0), "N=1 in a 32-bit op");
        // and, as an instruction, it is an unsupported encoding rather than some other value
        DecodeException e = assertThrows(DecodeException.class, () -> A64Decoder.decode(0x400000, 0x9240fc20));
        assertTrue(e.getMessage().contains("logical (immediate)"), e.getMessage());
    }

    @Test
    void decodedFieldsArePrecomputed() {
        A64Insn add = A64Decoder.decode(0, 0x91400420); // add x0, x1, #0x1, lsl #12
        assertEquals(A64Op.ADD_IMM, add.op());
        assertEquals(0x1000, add.imm());
        assertEquals(0, add.rd());
        assertEquals(1, add.rn());
        assertEquals(InsnClass.ALU.ordinal(), add.counter());
        assertEquals(1L << 1, add.readMask());
        assertEquals(1L << 0, add.writeMask());

        A64Insn and = A64Decoder.decode(0, 0x12001c20); // and w0, w1, #0xff
        assertEquals(0xff, and.imm());

        A64Insn cmp = A64Decoder.decode(0, 0x713ffc1f); // cmp w0, #0xfff
        assertEquals(A64Insn.ZR_SINK, cmp.rd());
        assertEquals(1L << Instruction.FLAGS, cmp.writeMask(), "cmp writes only the flags, never XZR");

        A64Insn stp = A64Decoder.decode(0, 0xa9be7bfd); // stp x29, x30, [sp, #-32]!
        assertEquals(A64Op.STP, stp.op());
        assertEquals(-32, stp.imm());
        assertEquals(A64Op.PAIR_PRE, stp.b());
        assertEquals(1L << 29 | 1L << 30 | 1L << 31, stp.readMask());
        assertEquals(1L << 31, stp.writeMask(), "pre-index writes SP back");
        assertEquals(InsnClass.STORE, stp.insnClass());

        A64Insn bcond = A64Decoder.decode(0x1000, 0x54000040); // b.eq 1008
        assertEquals(0x1008, bcond.target(0x1000));
        assertEquals(1L << Instruction.FLAGS, bcond.readMask());
        assertEquals(InsnClass.BRANCH, bcond.insnClass());
    }

    /**
     * HVC and SMC, which a whole Debian arm64 package's disassembly parity run found printed as
     * {@code .inst} (arm_smccc_trng.ko), print as objdump 2.40 prints them; SVC stays as it was.
     */
    @Test
    void hypervisorAndSecureMonitorCallsArePrinted() {
        assertEquals("hvc\t#0x0", A64Isa.INSTANCE.disassemble(0, A64Decoder.decode(0, 0xd4000002)));
        assertEquals("smc\t#0x0", A64Isa.INSTANCE.disassemble(0, A64Decoder.decode(0, 0xd4000003)));
        assertEquals("hvc\t#0x1234", A64Isa.INSTANCE.disassemble(0, A64Decoder.decode(0, 0xd4024682)));
        assertEquals("svc\t#0x0", A64Isa.INSTANCE.disassemble(0, A64Decoder.decode(0, 0xd4000001)));
        assertEquals(0, A64Decoder.decode(0, 0xd4000001).a(), "svc: a system call");
        assertEquals(InsnClass.SYSTEM, A64Decoder.decode(0, 0xd4000002).insnClass());
    }

    @Test
    void controlTransfersAreClassified() {
        assertEquals(InsnClass.DIRECT_JUMP, A64Decoder.decode(0, 0x14000000).insnClass()); // b
        assertEquals(InsnClass.DIRECT_CALL, A64Decoder.decode(0, 0x94000000).insnClass()); // bl
        assertEquals(InsnClass.INDIRECT_JUMP, A64Decoder.decode(0, 0xd61f0200).insnClass()); // br x16
        assertEquals(InsnClass.INDIRECT_CALL, A64Decoder.decode(0, 0xd63f0020).insnClass()); // blr x1
        assertEquals(InsnClass.RETURN, A64Decoder.decode(0, 0xd65f03c0).insnClass()); // ret
        assertEquals(InsnClass.BRANCH, A64Decoder.decode(0, 0xb4000000).insnClass()); // cbz
        assertEquals(InsnClass.BRANCH, A64Decoder.decode(0, 0x36180000).insnClass()); // tbz
        assertEquals(InsnClass.SYSTEM, A64Decoder.decode(0, 0xd4000001).insnClass()); // svc
        assertEquals(InsnClass.ATOMIC, A64Decoder.decode(0, 0xc85f7c20).insnClass()); // ldxr
        assertEquals(InsnClass.MUL_DIV, A64Decoder.decode(0, 0x9ac20820).insnClass()); // udiv
        assertEquals(InsnClass.ALU, A64Decoder.decode(0, 0xd503201f).insnClass()); // nop
        assertEquals(0x400000 - 0x8000000, A64Decoder.decode(0x400000, 0x16000000).target(0x400000), "b backwards");
    }

    @Test
    void everyMrsAndMsrDecodesForPrintingButOnlyA64SysRegExecutes() {
        // register names are objdump's (generated table); b = -1 marks what the hart refuses
        String[][] cases = {
            {"d5382043", "mrs\tx3, tcr_el1", "-1"},
            {"d5300000", "mrs\tx0, s2_0_c0_c0_0", "-1"},
            {"d538f20e", "mrs\tx14, s3_0_c15_c2_0", "-1"},
            {"d51b9d07", "msr\tpmccntr_el0, x7", "-1"},   // a counter: read-only here
            {"d5182040", "msr\ttcr_el1, x0", "-1"},
            {"d5384100", "mrs\tx0, sp_el0", String.valueOf(A64SysReg.SP_EL0.ordinal())},
            {"d53b9d07", "mrs\tx7, pmccntr_el0", String.valueOf(A64SysReg.PMCCNTR_EL0.ordinal())},
        };
        for (String[] c : cases) {
            A64Insn i = A64Decoder.decode(0, (int) Long.parseLong(c[0], 16));
            assertEquals(c[1], A64Disassembler.format(0, i), c[0]);
            assertEquals(Integer.parseInt(c[2]), i.b(), c[0]);
        }
        assertEquals("tcr_el1", A64SysRegNames.name(0b11_000_0010_0000_010, true));
        assertEquals("dbgdtrrx_el0", A64SysRegNames.name(0b10_011_0000_0101_000, true), "the one name MRS and MSR differ in");
        assertEquals("dbgdtrtx_el0", A64SysRegNames.name(0b10_011_0000_0101_000, false));
        for (A64SysReg r : A64SysReg.values()) {
            assertEquals(r.objdumpName(), A64SysRegNames.name(r.encoding(), true), "table and enum agree");
        }
    }

    @Test
    void unsupportedEncodingsThrowNamingArchAddressAndWord() {
        int[] words = {
            0x04200000, // add z0.b, z0.b, z0.b: SVE
            0xc87f0440, // ldxp: exclusive pair
            0x00010000, // reserved group with non-zero bits 24:16
            0xd500419f, // msr pan, #1: of the MSR (immediate) forms only DAIFSet/DAIFClr
            0x38a0c020, // LDAPRB with Rs != 31: unallocated
        };
        for (int w : words) {
            DecodeException e = assertThrows(DecodeException.class, () -> A64Isa.INSTANCE.decode(0x400abc, w),
                    Integer.toHexString(w));
            assertEquals(Arch.ARM64, e.arch());
            assertEquals(0x400abc, e.address());
            assertEquals(w, e.word());
            assertTrue(e.getMessage().contains("0x400abc") && e.getMessage().contains(String.format("%08x", w)),
                    e.getMessage());
        }
    }

    @Test
    void isaFacade() {
        assertEquals(Arch.ARM64, A64Isa.INSTANCE.arch());
        assertEquals(4, A64Isa.INSTANCE.alignment());
        assertEquals(4, A64Isa.INSTANCE.length(0));
        Instruction nop = A64Isa.INSTANCE.decode(0, 0xd503201f);
        assertEquals(4, nop.length());
        assertEquals("nop", A64Isa.INSTANCE.disassemble(0, nop));
        assertEquals("hint", nop.mnemonic());
    }
}
