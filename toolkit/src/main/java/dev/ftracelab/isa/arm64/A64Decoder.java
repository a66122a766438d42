package dev.ftracelab.isa.arm64;

import static dev.ftracelab.isa.arm64.A64Insn.SP;
import static dev.ftracelab.isa.arm64.A64Insn.ZR;
import static dev.ftracelab.isa.arm64.A64Insn.ZR_SINK;

import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.DecodeException;
import dev.ftracelab.isa.InsnClass;
import dev.ftracelab.isa.Instruction;
import java.util.List;

/**
 * Table-driven A64 decoder for the integer subset compilers emit for freestanding code, plus
 * the system instructions ftrace patch sites use and every {@code MRS}/{@code MSR} (register)
 * encoding (only those of {@link A64SysReg} execute; the others decode for printing, with field
 * b = -1). Rows are grouped by the top-level {@code op0} field (bits 28:25) as in the
 * Arm ARM's encoding index, so a lookup scans only a handful of {@code (mask, value)} rows; each
 * row's handler extracts the fields of its encoding class.
 *
 * <pre>{@code
 * A64Insn i = A64Decoder.decode(0x400000, 0xd65f03c0);   // ret
 * }</pre>
 */
public final class A64Decoder {
    private A64Decoder() {
    }

    /**
     * Decodes one encoding class; returns null when a reserved field value makes it unallocated
     * or the row does not cover that encoding (the next matching row is tried).
     */
    @FunctionalInterface
    interface Handler {
        A64Insn decode(int w);
    }

    /** One row of the encoding table: words with {@code (w & mask) == value} belong to this class. */
    record Row(int mask, int value, String encodingClass, Handler handler) {
    }

    /**
     * Rows per op0 = bits 28:25; unlisted op0 values (SVE, reserved) are unsupported. The SIMD&FP
     * rows live in {@link A64SimdDecoder} (loads, stores, moves, integer vector ops, crypto) and
     * {@link A64FpDecoder} (floating point).
     */
    private static final List<List<Row>> TABLE = List.of(
            /* 0000 */ List.of(new Row(0xffff0000, 0x00000000, "udf", A64Decoder::udf)),
            /* 0001 */ List.of(),
            /* 0010 */ List.of(),
            /* 0011 */ List.of(),
            /* 0100 */ loadsAndStores(),
            /* 0101 */ dataProcessingRegister(),
            /* 0110 */ loadsAndStores(),
            /* 0111 */ simdAndFp(),
            /* 1000 */ dataProcessingImmediate(),
            /* 1001 */ dataProcessingImmediate(),
            /* 1010 */ branchesAndSystem(),
            /* 1011 */ branchesAndSystem(),
            /* 1100 */ loadsAndStores(),
            /* 1101 */ dataProcessingRegister(),
            /* 1110 */ loadsAndStores(),
            /* 1111 */ simdAndFp());

    private static List<Row> simdAndFp() {
        return concat(A64SimdDecoder.dataProcessing(), A64FpDecoder.dataProcessing());
    }

    private static List<Row> concat(List<Row> a, List<Row> b) {
        List<Row> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static List<Row> dataProcessingImmediate() {
        return List.of(
                new Row(0x1f000000, 0x10000000, "pc-rel. addressing", A64Decoder::pcRel),
                new Row(0x1f800000, 0x11000000, "add/subtract (immediate)", A64Decoder::addSubImm),
                new Row(0x1f800000, 0x12000000, "logical (immediate)", A64Decoder::logicalImm),
                new Row(0x1f800000, 0x12800000, "move wide (immediate)", A64Decoder::moveWide),
                new Row(0x1f800000, 0x13000000, "bitfield", A64Decoder::bitfield),
                new Row(0x1f800000, 0x13800000, "extract", A64Decoder::extract));
    }

    private static List<Row> branchesAndSystem() {
        return List.of(
                new Row(0xff000010, 0x54000000, "conditional branch (immediate)", A64Decoder::condBranch),
                new Row(0xff000000, 0xd4000000, "exception generation", A64Decoder::exception),
                new Row(0xffc00000, 0xd5000000, "system", A64Decoder::system),
                new Row(0xfe000000, 0xd6000000, "unconditional branch (register)", A64Decoder::branchReg),
                new Row(0x7c000000, 0x14000000, "unconditional branch (immediate)", A64Decoder::branchImm),
                new Row(0x7e000000, 0x34000000, "compare and branch (immediate)", A64Decoder::compareBranch),
                new Row(0x7e000000, 0x36000000, "test and branch (immediate)", A64Decoder::testBranch));
    }

    private static List<Row> loadsAndStores() {
        return concat(List.of(
                new Row(0x3f000000, 0x08000000, "load/store exclusive and ordered", A64Decoder::exclusive),
                new Row(0x3f000000, 0x18000000, "load register (literal)", A64Decoder::literal),
                new Row(0x3e000000, 0x28000000, "load/store register pair", A64Decoder::pair),
                new Row(0x3f200000, 0x38000000, "load/store register (imm9)", A64Decoder::imm9),
                new Row(0x3f200c00, 0x38200800, "load/store register (register offset)", A64Decoder::regOffset),
                new Row(0x3f200c00, 0x38200000, "atomic memory operations", A64Decoder::atomic),
                new Row(0x3f000000, 0x39000000, "load/store register (unsigned immediate)", A64Decoder::unsignedImm)),
                A64SimdDecoder.loadsAndStores());
    }

    private static List<Row> dataProcessingRegister() {
        return List.of(
                new Row(0x1f000000, 0x0a000000, "logical (shifted register)", A64Decoder::logicalShifted),
                new Row(0x1f200000, 0x0b000000, "add/subtract (shifted register)", A64Decoder::addSubShifted),
                new Row(0x1f200000, 0x0b200000, "add/subtract (extended register)", A64Decoder::addSubExtended),
                new Row(0x1fe0fc00, 0x1a000000, "add/subtract (with carry)", A64Decoder::addSubCarry),
                new Row(0x1fe00000, 0x1a400000, "conditional compare", A64Decoder::condCompare),
                new Row(0x1fe00000, 0x1a800000, "conditional select", A64Decoder::condSelect),
                new Row(0x5fe00000, 0x5ac00000, "data-processing (1 source)", A64Decoder::oneSource),
                new Row(0x5fe00000, 0x1ac00000, "data-processing (2 source)", A64Decoder::twoSource),
                new Row(0x1f000000, 0x1b000000, "data-processing (3 source)", A64Decoder::threeSource));
    }

    /**
     * Decodes {@code word} found at {@code pc} (the address only goes into error messages).
     *
     * @throws DecodeException naming arch, address and word for anything outside the subset
     */
    public static A64Insn decode(long pc, int word) {
        List<Row> rows = TABLE.get((word >>> 25) & 0xf);
        String matched = null; // the first class whose pattern matched, for the message
        for (Row r : rows) {
            if ((word & r.mask) == r.value) {
                A64Insn i = r.handler.decode(word);
                if (i != null) {
                    return i;
                }
                matched = matched == null ? r.encodingClass : matched;
            }
        }
        if (matched != null) {
            throw new DecodeException(Arch.ARM64, pc, word, "unallocated or unsupported " + matched);
        }
        throw new DecodeException(Arch.ARM64, pc, word, "unsupported encoding group op0=" + Integer.toBinaryString(
                16 | ((word >>> 25) & 0xf)).substring(1));
    }

    // ---- field helpers

    private static int bits(int w, int hi, int lo) {
        return (w >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    /** {@code v}'s low {@code width} bits, sign-extended (also A64SimdDecoder's). */
    static long sext(long v, int width) {
        return v << (64 - width) >> (64 - width);
    }

    /** Register field read where 31 means the zero register. */
    private static int zr(int n) {
        return n == 31 ? ZR : n;
    }

    /** Register field written where 31 means the zero register. */
    private static int zrw(int n) {
        return n == 31 ? ZR_SINK : n;
    }

    /** A register mask of the real registers (0-31) among {@code regs}. */
    static long mask(int... regs) {
        long m = 0;
        for (int r : regs) {
            if (r <= SP) {
                m |= 1L << r;
            }
        }
        return m;
    }

    private static final long FLAGS = 1L << Instruction.FLAGS;

    private static A64Insn insn(int w, int op, InsnClass cls, String mn, int rd, int rn, int rm, int ra, long imm,
            int a, int b, boolean sf, long reads, long writes) {
        return new A64Insn(w, op, cls.ordinal(), mn, rd, rn, rm, ra, imm, a, b, sf, reads, writes);
    }

    /** A plain ALU instruction: rd = f(rn, rm, ra). */
    private static A64Insn alu(int w, int op, String mn, int rd, int rn, int rm, long imm, int a, int b, boolean sf,
            boolean readsFlags, boolean setsFlags) {
        return insn(w, op, InsnClass.ALU, mn, rd, rn, rm, ZR, imm, a, b, sf,
                mask(rn, rm) | (readsFlags ? FLAGS : 0), mask(rd) | (setsFlags ? FLAGS : 0));
    }

    // ---- data processing, immediate

    private static A64Insn udf(int w) {
        return insn(w, A64Op.UDF, InsnClass.SYSTEM, "udf", ZR_SINK, ZR, ZR, ZR, w & 0xffff, 0, 0, true, 0, 0);
    }

    private static A64Insn pcRel(int w) {
        boolean page = w < 0;
        long imm = sext((long) bits(w, 23, 5) << 2 | bits(w, 30, 29), 21);
        int rd = zrw(bits(w, 4, 0));
        return alu(w, page ? A64Op.ADRP : A64Op.ADR, page ? "adrp" : "adr", rd, ZR, ZR, page ? imm << 12 : imm, 0, 0,
                true, false, false);
    }

    private static A64Insn addSubImm(int w) {
        boolean sf = w < 0;
        boolean sub = bits(w, 30, 30) == 1;
        boolean s = bits(w, 29, 29) == 1;
        long imm = (long) bits(w, 21, 10) << (bits(w, 22, 22) * 12);
        int rn = bits(w, 9, 5);
        int rd = s ? zrw(bits(w, 4, 0)) : bits(w, 4, 0);
        int op = sub ? (s ? A64Op.SUBS_IMM : A64Op.SUB_IMM) : (s ? A64Op.ADDS_IMM : A64Op.ADD_IMM);
        return alu(w, op, (sub ? "sub" : "add") + (s ? "s" : ""), rd, rn, ZR, imm, 0, bits(w, 22, 22), sf, false, s);
    }

    /**
     * The Arm ARM's DecodeBitMasks for logical immediates: an element of 2..64 bits holding a
     * rotated run of ones, replicated to the register width.
     *
     * @return the mask, or null for the reserved encodings (all-ones element, or N=1 when 32-bit)
     */
    public static Long decodeBitMask(boolean sf, int n, int immr, int imms) {
        if (!sf && n == 1) {
            return null;
        }
        int combined = (n << 6) | (~imms & 0x3f);
        if (combined == 0) {
            return null;
        }
        int len = 31 - Integer.numberOfLeadingZeros(combined);
        if (len < 1) {
            return null;
        }
        int levels = (1 << len) - 1;
        int s = imms & levels;
        if (s == levels) {
            return null;
        }
        int r = immr & levels;
        int esize = 1 << len;
        long emask = esize == 64 ? -1L : (1L << esize) - 1;
        long welem = (1L << (s + 1)) - 1;
        long rotated = r == 0 ? welem : ((welem >>> r) | (welem << (esize - r))) & emask;
        long value = rotated;
        for (int e = esize; e < 64; e *= 2) {
            value |= value << e;
        }
        return sf ? value : value & 0xffff_ffffL;
    }

    private static A64Insn logicalImm(int w) {
        boolean sf = w < 0;
        Long m = decodeBitMask(sf, bits(w, 22, 22), bits(w, 21, 16), bits(w, 15, 10));
        if (m == null) {
            return null;
        }
        int opc = bits(w, 30, 29);
        int rn = zr(bits(w, 9, 5));
        int rd = opc == 3 ? zrw(bits(w, 4, 0)) : bits(w, 4, 0);
        int op = new int[] {A64Op.AND_IMM, A64Op.ORR_IMM, A64Op.EOR_IMM, A64Op.ANDS_IMM}[opc];
        String mn = new String[] {"and", "orr", "eor", "ands"}[opc];
        return alu(w, op, mn, rd, rn, ZR, m, bits(w, 21, 16), bits(w, 15, 10), sf, false, opc == 3);
    }

    private static A64Insn moveWide(int w) {
        boolean sf = w < 0;
        int opc = bits(w, 30, 29);
        int hw = bits(w, 22, 21);
        if (opc == 1 || (!sf && hw >= 2)) {
            return null;
        }
        int rd = zrw(bits(w, 4, 0));
        long imm = (long) bits(w, 20, 5) << (hw * 16);
        return switch (opc) {
            case 0 -> alu(w, A64Op.MOVN, "movn", rd, ZR, ZR, imm, hw, 0, sf, false, false);
            case 2 -> alu(w, A64Op.MOVZ, "movz", rd, ZR, ZR, imm, hw, 0, sf, false, false);
            // MOVK reads the register it updates
            default -> insn(w, A64Op.MOVK, InsnClass.ALU, "movk", rd, zr(rd == ZR_SINK ? 31 : rd), ZR, ZR, imm, hw, 0,
                    sf, mask(rd), mask(rd));
        };
    }

    private static A64Insn bitfield(int w) {
        boolean sf = w < 0;
        int opc = bits(w, 30, 29);
        int n = bits(w, 22, 22);
        int immr = bits(w, 21, 16);
        int imms = bits(w, 15, 10);
        if (opc == 3 || n != (sf ? 1 : 0) || (!sf && (immr >= 32 || imms >= 32))) {
            return null;
        }
        int rd = zrw(bits(w, 4, 0));
        int rn = zr(bits(w, 9, 5));
        int op = new int[] {A64Op.SBFM, A64Op.BFM, A64Op.UBFM}[opc];
        String mn = new String[] {"sbfm", "bfm", "ubfm"}[opc];
        // BFM keeps the destination's other bits, so it reads rd too
        int old = opc == 1 ? zr(bits(w, 4, 0)) : ZR;
        return insn(w, op, InsnClass.ALU, mn, rd, rn, old, ZR, 0, immr, imms, sf, mask(rn, old), mask(rd));
    }

    private static A64Insn extract(int w) {
        boolean sf = w < 0;
        int imms = bits(w, 15, 10);
        if (bits(w, 30, 29) != 0 || bits(w, 22, 22) != (sf ? 1 : 0) || bits(w, 21, 21) != 0 || (!sf && imms >= 32)) {
            return null;
        }
        return alu(w, A64Op.EXTR, "extr", zrw(bits(w, 4, 0)), zr(bits(w, 9, 5)), zr(bits(w, 20, 16)), 0, 0, imms, sf,
                false, false);
    }

    // ---- branches, exception generation, system

    private static A64Insn condBranch(int w) {
        long off = sext(bits(w, 23, 5), 19) << 2;
        return insn(w, A64Op.B_COND, InsnClass.BRANCH, "b." + A64Disassembler.COND[w & 0xf], ZR_SINK, ZR, ZR, ZR, off,
                w & 0xf, 0, true, FLAGS, 0);
    }

    private static A64Insn exception(int w) {
        int opc = bits(w, 23, 21);
        int ll = bits(w, 1, 0);
        int imm = bits(w, 20, 5);
        if (bits(w, 4, 2) != 0) {
            return null;
        }
        if (opc == 0 && ll != 0) {
            // svc, and the calls to EL2 / EL3 (a = 2, 3), which EL0 code cannot make: listed, they trap
            return insn(w, A64Op.SVC, InsnClass.SYSTEM, new String[] {"", "svc", "hvc", "smc"}[ll], ZR_SINK, ZR, ZR, ZR,
                    imm, ll == 1 ? 0 : ll, 0, true, 0, 0);
        }
        if (opc == 1 && ll == 0) {
            return insn(w, A64Op.BRK, InsnClass.SYSTEM, "brk", ZR_SINK, ZR, ZR, ZR, imm, 0, 0, true, 0, 0);
        }
        return null;
    }

    private static A64Insn system(int w) {
        boolean l = bits(w, 21, 21) == 1;
        int op0 = bits(w, 20, 19);
        int op1 = bits(w, 18, 16);
        int crn = bits(w, 15, 12);
        int crm = bits(w, 11, 8);
        int op2 = bits(w, 7, 5);
        int rt = bits(w, 4, 0);
        if (!l && op0 == 0 && op1 == 3 && crn == 2 && rt == 31) {
            int hint = crm << 3 | op2;
            return insn(w, A64Op.HINT, InsnClass.ALU, "hint", ZR_SINK, ZR, ZR, ZR, hint, hint, 0, true, 0, 0);
        }
        if (!l && op0 == 0 && op1 == 3 && crn == 3 && rt == 31) {
            return switch (op2) {
                case 2 -> insn(w, A64Op.CLREX, InsnClass.SYSTEM, "clrex", ZR_SINK, ZR, ZR, ZR, 0, crm, 0, true, 0, 0);
                case 4 -> insn(w, A64Op.DSB, InsnClass.SYSTEM, "dsb", ZR_SINK, ZR, ZR, ZR, 0, crm, 0, true, 0, 0);
                case 5 -> insn(w, A64Op.DMB, InsnClass.SYSTEM, "dmb", ZR_SINK, ZR, ZR, ZR, 0, crm, 0, true, 0, 0);
                case 6 -> insn(w, A64Op.ISB, InsnClass.SYSTEM, "isb", ZR_SINK, ZR, ZR, ZR, 0, crm, 0, true, 0, 0);
                default -> null;
            };
        }
        if (!l && op0 == 1 && crn == 7) {
            int key = op1 << 7 | crm << 3 | op2;
            int rn = zr(rt);
            // field a keeps CRm, which tells IALLU (5) from IALLUIS (1) and names the DC operation
            if (key == (0 << 7 | 5 << 3) || key == (0 << 7 | 1 << 3)) {
                return insn(w, A64Op.IC_IALLU, InsnClass.SYSTEM, "ic", ZR_SINK, ZR, ZR, ZR, 0, crm, 0, true, 0, 0);
            }
            if (key == (3 << 7 | 5 << 3 | 1)) {
                return insn(w, A64Op.IC_IVAU, InsnClass.SYSTEM, "ic", ZR_SINK, rn, ZR, ZR, 0, crm, 0, true, mask(rn), 0);
            }
            // cache maintenance by address is a no-op: memory is coherent in this model; DC ZVA
            // (CRm 4) zeroes a DCZID_EL0-sized block, so it is a store
            if (op1 == 3 && op2 == 1 && crm == 4) {
                return insn(w, A64Op.DC, InsnClass.STORE, "dc", ZR_SINK, rn, ZR, ZR, 0, crm, 0, true, mask(rn), 0);
            }
            boolean dc = op1 == 3 && op2 == 1 && (crm == 10 || crm == 11 || crm == 12 || crm == 14);
            return dc ? insn(w, A64Op.DC, InsnClass.SYSTEM, "dc", ZR_SINK, rn, ZR, ZR, 0, crm, 0, true, mask(rn), 0)
                    : null;
        }
        if (!l && op0 == 0 && op1 == 3 && crn == 4 && rt == 31 && (op2 == 6 || op2 == 7)) {
            // MSR DAIFSet / DAIFClr, #imm: a = op2 (6 sets, 7 clears), imm = the 4-bit mask (CRm)
            return insn(w, A64Op.MSR_IMM, InsnClass.SYSTEM, "msr", ZR_SINK, ZR, ZR, ZR, crm, op2,
                    A64SysReg.DAIF.ordinal(), true, 0, 0);
        }
        if (op0 >= 2) {
            // MRS / MSR (register): a = op0:op1:CRn:CRm:op2, b = the A64SysReg's ordinal, or -1 for
            // a register that is only printed (any encoding: objdump names ~1000); executing one
            // of those, or an MSR to a read-only register, is an illegal-instruction trap
            A64SysReg reg = A64SysReg.byEncoding(bits(w, 20, 5));
            int ord = reg == null || (!l && !reg.writable()) ? -1 : reg.ordinal();
            boolean flags = reg == A64SysReg.NZCV;
            return l
                    ? insn(w, A64Op.MRS, InsnClass.SYSTEM, "mrs", zrw(rt), ZR, ZR, ZR, 0, bits(w, 20, 5),
                            ord, true, flags ? FLAGS : 0, mask(zrw(rt)))
                    : insn(w, A64Op.MSR, InsnClass.SYSTEM, "msr", ZR_SINK, zr(rt), ZR, ZR, 0, bits(w, 20, 5),
                            ord, true, mask(zr(rt)), flags ? FLAGS : 0);
        }
        return null;
    }

    private static A64Insn branchReg(int w) {
        int opc = bits(w, 24, 21);
        if (bits(w, 20, 16) != 31 || bits(w, 15, 10) != 0 || bits(w, 4, 0) != 0) {
            return null;
        }
        int rn = zr(bits(w, 9, 5));
        return switch (opc) {
            case 0 -> insn(w, A64Op.BR, InsnClass.INDIRECT_JUMP, "br", ZR_SINK, rn, ZR, ZR, 0, 0, 0, true, mask(rn), 0);
            case 1 -> insn(w, A64Op.BLR, InsnClass.INDIRECT_CALL, "blr", 30, rn, ZR, ZR, 0, 0, 0, true, mask(rn),
                    mask(30));
            case 2 -> insn(w, A64Op.RET, InsnClass.RETURN, "ret", ZR_SINK, rn, ZR, ZR, 0, 0, 0, true, mask(rn), 0);
            default -> null;
        };
    }

    private static A64Insn branchImm(int w) {
        long off = sext(w & 0x3ffffff, 26) << 2;
        return w < 0
                ? insn(w, A64Op.BL, InsnClass.DIRECT_CALL, "bl", 30, ZR, ZR, ZR, off, 0, 0, true, 0, mask(30))
                : insn(w, A64Op.B, InsnClass.DIRECT_JUMP, "b", ZR_SINK, ZR, ZR, ZR, off, 0, 0, true, 0, 0);
    }

    private static A64Insn compareBranch(int w) {
        boolean nz = bits(w, 24, 24) == 1;
        int rt = zr(bits(w, 4, 0));
        long off = sext(bits(w, 23, 5), 19) << 2;
        return insn(w, nz ? A64Op.CBNZ : A64Op.CBZ, InsnClass.BRANCH, nz ? "cbnz" : "cbz", ZR_SINK, rt, ZR, ZR, off, 0,
                0, w < 0, mask(rt), 0);
    }

    private static A64Insn testBranch(int w) {
        boolean nz = bits(w, 24, 24) == 1;
        int rt = zr(bits(w, 4, 0));
        int bit = bits(w, 31, 31) << 5 | bits(w, 23, 19);
        long off = sext(bits(w, 18, 5), 14) << 2;
        return insn(w, nz ? A64Op.TBNZ : A64Op.TBZ, InsnClass.BRANCH, nz ? "tbnz" : "tbz", ZR_SINK, rt, ZR, ZR, off,
                bit, 0, bit >= 32, mask(rt), 0);
    }

    // ---- loads and stores

    private static final String[] LOAD_SUFFIX = {"b", "h", "", ""};

    /** Memory kind of a size/opc pair of the load/store register classes, or -1 if unallocated. */
    private static int kind(int size, int opc) {
        return switch (opc) {
            case 0, 1 -> size; // STR / LDR zero-extended
            case 2 -> size == 0 ? A64Op.MK_S8_64 : size == 1 ? A64Op.MK_S16_64 : size == 2 ? A64Op.MK_S32_64 : -1;
            default -> size == 0 ? A64Op.MK_S8_32 : size == 1 ? A64Op.MK_S16_32 : -1;
        };
    }

    /** Mnemonic of a single-register load/store; {@code form} is "" (scaled), "u" (unscaled) or "t" (unprivileged). */
    private static String ldstName(int size, int opc, String form) {
        String base = opc == 0 ? "st" : "ld";
        String s = opc >= 2 ? "s" : "";
        String sz = size == 2 && opc == 2 ? "w" : LOAD_SUFFIX[size];
        return form.equals("t") ? base + "tr" + s + sz : base + form + "r" + s + sz;
    }

    /** Common tail of the single-register load/store classes. */
    private static A64Insn ldst(int w, int mode, long imm, int rm, int extend, String form) {
        int size = bits(w, 31, 30);
        int opc = bits(w, 23, 22);
        if (bits(w, 26, 26) == 1) {
            return null; // SIMD&FP registers
        }
        int rn = bits(w, 9, 5);
        if (size == 3 && opc == 2 && mode != 1 && mode != 2 && !form.equals("t")) {
            // PRFM / PRFUM: a hint with no architectural effect here
            long reads = mask(rn, rm);
            return insn(w, A64Op.PRFM, InsnClass.ALU, form.equals("u") ? "prfum" : "prfm", ZR_SINK, rn, rm, ZR, imm,
                    bits(w, 4, 0), extend, true, reads, 0);
        }
        int kind = kind(size, opc);
        if (kind < 0) {
            return null;
        }
        boolean load = opc != 0;
        boolean writeback = mode == 1 || mode == 2;
        boolean x = kind == A64Op.MK_U64 || kind >= A64Op.MK_S8_64;
        int op = load ? new int[] {A64Op.LDR_IMM, A64Op.LDR_PRE, A64Op.LDR_POST, A64Op.LDR_REG}[mode]
                : new int[] {A64Op.STR_IMM, A64Op.STR_PRE, A64Op.STR_POST, A64Op.STR_REG}[mode];
        int rt = bits(w, 4, 0);
        String mn = ldstName(size, opc, form);
        if (load) {
            int rd = zrw(rt);
            return insn(w, op, InsnClass.LOAD, mn, rd, rn, rm, ZR, imm, kind, extend, x, mask(rn, rm),
                    mask(rd) | (writeback ? mask(rn) : 0));
        }
        int rs = zr(rt);
        return insn(w, op, InsnClass.STORE, mn, rs, rn, rm, ZR, imm, kind, extend, x, mask(rs, rn, rm),
                writeback ? mask(rn) : 0);
    }

    private static A64Insn imm9(int w) {
        long imm = sext(bits(w, 20, 12), 9);
        return switch (bits(w, 11, 10)) {
            case 0 -> ldst(w, 0, imm, ZR, 0, "u");
            case 1 -> ldst(w, 2, imm, ZR, 0, "");
            case 3 -> ldst(w, 1, imm, ZR, 0, "");
            default -> ldst(w, 0, imm, ZR, 0, "t"); // LDTR/STTR: at EL0 an ordinary access
        };
    }

    private static A64Insn unsignedImm(int w) {
        int size = bits(w, 31, 30);
        return ldst(w, 0, (long) bits(w, 21, 10) << size, ZR, 0, "");
    }

    private static A64Insn regOffset(int w) {
        int option = bits(w, 15, 13);
        if ((option & 2) == 0) {
            return null;
        }
        // imm holds the shift amount, b the extend option; the disassembler reads bit S from the
        // word because a byte access with S=1 prints "lsl #0"
        int shift = bits(w, 12, 12) == 1 ? bits(w, 31, 30) : 0;
        return ldst(w, 3, shift, zr(bits(w, 20, 16)), option, "");
    }

    private static A64Insn literal(int w) {
        if (bits(w, 26, 26) == 1) {
            return null;
        }
        int opc = bits(w, 31, 30);
        long off = sext(bits(w, 23, 5), 19) << 2;
        int rt = zrw(bits(w, 4, 0));
        if (opc == 3) {
            return insn(w, A64Op.PRFM, InsnClass.ALU, "prfm", ZR_SINK, ZR, ZR, ZR, off, bits(w, 4, 0), -1, true, 0, 0);
        }
        int kind = opc == 0 ? A64Op.MK_U32 : opc == 1 ? A64Op.MK_U64 : A64Op.MK_S32_64;
        return insn(w, A64Op.LDR_LIT, InsnClass.LOAD, opc == 2 ? "ldrsw" : "ldr", rt, ZR, ZR, ZR, off, kind, 0,
                opc != 0, 0, mask(rt));
    }

    private static A64Insn pair(int w) {
        int opc = bits(w, 31, 30);
        boolean load = bits(w, 22, 22) == 1;
        int modeBits = bits(w, 24, 23);
        if (bits(w, 26, 26) == 1 || opc == 3 || (opc == 1 && !load)) {
            return null; // SIMD&FP pairs, STGP
        }
        int kind = opc == 0 ? A64Op.MK_U32 : opc == 2 ? A64Op.MK_U64 : A64Op.MK_S32_64;
        int scale = opc == 0 ? 2 : opc == 2 ? 3 : 2;
        long imm = sext(bits(w, 21, 15), 7) << scale;
        int mode = switch (modeBits) {
            case 1 -> A64Op.PAIR_POST;
            case 3 -> A64Op.PAIR_PRE;
            default -> A64Op.PAIR_OFFSET; // 0 = non-temporal (LDNP/STNP), 2 = signed offset
        };
        String mn = (load ? "ld" : "st") + (modeBits == 0 ? "np" : "p") + (opc == 1 ? "sw" : "");
        if (opc == 1 && (modeBits == 0 || bits(w, 4, 0) == bits(w, 14, 10))) {
            return null; // no LDNPSW; LDPSW into one register twice is unpredictable (objdump: undefined)
        }
        int rn = bits(w, 9, 5);
        boolean wb = mode != A64Op.PAIR_OFFSET;
        if (opc == 1 && wb && rn != 31 && (rn == bits(w, 4, 0) || rn == bits(w, 14, 10))) {
            return null; // LDPSW writing back into a loaded register: unpredictable (objdump: undefined)
        }
        if (load) {
            int rt = zrw(bits(w, 4, 0));
            int rt2 = zrw(bits(w, 14, 10));
            return insn(w, A64Op.LDP, InsnClass.LOAD, mn, rt, rn, rt2, ZR, imm, kind, mode, opc != 0, mask(rn),
                    mask(rt, rt2) | (wb ? mask(rn) : 0));
        }
        int rt = zr(bits(w, 4, 0));
        int rt2 = zr(bits(w, 14, 10));
        return insn(w, A64Op.STP, InsnClass.STORE, mn, rt, rn, rt2, ZR, imm, kind, mode, opc != 0, mask(rt, rt2, rn),
                wb ? mask(rn) : 0);
    }

    private static A64Insn exclusive(int w) {
        int size = bits(w, 31, 30);
        boolean o2 = bits(w, 23, 23) == 1;
        boolean l = bits(w, 22, 22) == 1;
        boolean o1 = bits(w, 21, 21) == 1;
        boolean o0 = bits(w, 15, 15) == 1;
        int rs = bits(w, 20, 16);
        int rn = bits(w, 9, 5);
        int rt = bits(w, 4, 0);
        // Rt2 (and Rs of loads) are should-be-one fields here; like objdump, decode them regardless
        String sz = LOAD_SUFFIX[size];
        boolean x = size == 3;
        if (o2 && o1) {
            if (bits(w, 14, 10) != 31) {
                return null; // unlike the exclusives, objdump treats CAS with Rt2 != 31 as undefined
            }
            // CAS: Rs holds the expected value and receives the old one, Rt the new value
            String mn = "cas" + (l ? "a" : "") + (o0 ? "l" : "") + sz;
            return insn(w, A64Op.CAS, InsnClass.ATOMIC, mn, zr(rt), rn, zrw(rs), zr(rs), 0, size, 0, x,
                    mask(zr(rs), zr(rt), rn), mask(zrw(rs)));
        }
        if (o1) {
            return null; // exclusive pairs, CASP
        }
        if (!o2) {
            if (l) {
                String mn = "ld" + (o0 ? "a" : "") + "xr" + sz;
                return insn(w, A64Op.LDXR, InsnClass.ATOMIC, mn, zrw(rt), rn, ZR, ZR, 0, size, 0, x, mask(rn),
                        mask(zrw(rt)));
            }
            String mn = "st" + (o0 ? "l" : "") + "xr" + sz;
            return insn(w, A64Op.STXR, InsnClass.ATOMIC, mn, zr(rt), rn, zrw(rs), ZR, 0, size, 0, x,
                    mask(zr(rt), rn), mask(zrw(rs)));
        }
        if (l && o0 && (rs != 31 || bits(w, 14, 10) != 31)) {
            return null; // objdump is strict about the should-be-one fields of LDAR only
        }
        // LDLAR / STLLR (o0 = 0) order only within a LORegion: the same as LDAR / STLR here
        return l
                ? insn(w, A64Op.LDAR, InsnClass.LOAD, (o0 ? "ldar" : "ldlar") + sz, zrw(rt), rn, ZR, ZR, 0, size, 0,
                        x, mask(rn), mask(zrw(rt)))
                : insn(w, A64Op.STLR, InsnClass.STORE, (o0 ? "stlr" : "stllr") + sz, zr(rt), rn, ZR, ZR, 0, size, 0,
                        x, mask(zr(rt), rn), 0);
    }

    private static final String[] ATOMIC_OPS = {"add", "clr", "eor", "set", "smax", "smin", "umax", "umin"};

    private static A64Insn atomic(int w) {
        if (bits(w, 26, 26) == 1) {
            return null;
        }
        int size = bits(w, 31, 30);
        boolean acq = bits(w, 23, 23) == 1;
        boolean rel = bits(w, 22, 22) == 1;
        int rs = zr(bits(w, 20, 16));
        boolean o3 = bits(w, 15, 15) == 1;
        int opc = bits(w, 14, 12);
        int rn = bits(w, 9, 5);
        int rt = zrw(bits(w, 4, 0));
        String order = (acq ? "a" : "") + (rel ? "l" : "");
        String sz = LOAD_SUFFIX[size];
        if (o3 && opc == 4 && acq && !rel && rs == ZR) {
            // LDAPR: acquire-pc load, the same as LDAR on a sequentially consistent machine
            return insn(w, A64Op.LDAR, InsnClass.LOAD, "ldapr" + sz, rt, rn, ZR, ZR, 0, size, 0, size == 3,
                    mask(rn), mask(rt));
        }
        if (o3 && opc != 0) {
            return null;
        }
        int op = o3 ? A64Op.SWP : A64Op.LD_ADD + opc;
        String mn = (o3 ? "swp" : "ld" + ATOMIC_OPS[opc]) + order + sz;
        return insn(w, op, InsnClass.ATOMIC, mn, rt, rn, rs, ZR, 0, size, 0, size == 3, mask(rs, rn), mask(rt));
    }

    // ---- data processing, register

    private static A64Insn logicalShifted(int w) {
        boolean sf = w < 0;
        int imm6 = bits(w, 15, 10);
        if (!sf && imm6 >= 32) {
            return null;
        }
        int opc = bits(w, 30, 29) << 1 | bits(w, 21, 21);
        int op = new int[] {A64Op.AND, A64Op.BIC, A64Op.ORR, A64Op.ORN, A64Op.EOR, A64Op.EON, A64Op.ANDS,
            A64Op.BICS}[opc];
        String mn = new String[] {"and", "bic", "orr", "orn", "eor", "eon", "ands", "bics"}[opc];
        return alu(w, op, mn, zrw(bits(w, 4, 0)), zr(bits(w, 9, 5)), zr(bits(w, 20, 16)), 0, bits(w, 23, 22), imm6,
                sf, false, opc >= 6);
    }

    private static A64Insn addSubShifted(int w) {
        boolean sf = w < 0;
        int shift = bits(w, 23, 22);
        int imm6 = bits(w, 15, 10);
        if (shift == 3 || (!sf && imm6 >= 32)) {
            return null;
        }
        boolean sub = bits(w, 30, 30) == 1;
        boolean s = bits(w, 29, 29) == 1;
        int op = sub ? (s ? A64Op.SUBS_SHIFT : A64Op.SUB_SHIFT) : (s ? A64Op.ADDS_SHIFT : A64Op.ADD_SHIFT);
        return alu(w, op, (sub ? "sub" : "add") + (s ? "s" : ""), zrw(bits(w, 4, 0)), zr(bits(w, 9, 5)),
                zr(bits(w, 20, 16)), 0, shift, imm6, sf, false, s);
    }

    private static A64Insn addSubExtended(int w) {
        boolean sf = w < 0;
        int amount = bits(w, 12, 10);
        if (bits(w, 23, 22) != 0 || amount > 4) {
            return null;
        }
        boolean sub = bits(w, 30, 30) == 1;
        boolean s = bits(w, 29, 29) == 1;
        int op = sub ? (s ? A64Op.SUBS_EXT : A64Op.SUB_EXT) : (s ? A64Op.ADDS_EXT : A64Op.ADD_EXT);
        int rd = s ? zrw(bits(w, 4, 0)) : bits(w, 4, 0);
        return alu(w, op, (sub ? "sub" : "add") + (s ? "s" : ""), rd, bits(w, 9, 5), zr(bits(w, 20, 16)), 0,
                bits(w, 15, 13), amount, sf, false, s);
    }

    private static A64Insn addSubCarry(int w) {
        boolean sub = bits(w, 30, 30) == 1;
        boolean s = bits(w, 29, 29) == 1;
        int op = sub ? (s ? A64Op.SBCS : A64Op.SBC) : (s ? A64Op.ADCS : A64Op.ADC);
        return alu(w, op, (sub ? "sbc" : "adc") + (s ? "s" : ""), zrw(bits(w, 4, 0)), zr(bits(w, 9, 5)),
                zr(bits(w, 20, 16)), 0, 0, 0, w < 0, true, s);
    }

    private static A64Insn condCompare(int w) {
        if (bits(w, 29, 29) != 1 || bits(w, 10, 10) != 0 || bits(w, 4, 4) != 0) {
            return null;
        }
        boolean cmp = bits(w, 30, 30) == 1;
        boolean imm = bits(w, 11, 11) == 1;
        int op = imm ? (cmp ? A64Op.CCMP_IMM : A64Op.CCMN_IMM) : (cmp ? A64Op.CCMP_REG : A64Op.CCMN_REG);
        int rm = imm ? ZR : zr(bits(w, 20, 16));
        return alu(w, op, cmp ? "ccmp" : "ccmn", ZR_SINK, zr(bits(w, 9, 5)), rm, imm ? bits(w, 20, 16) : 0,
                bits(w, 15, 12), w & 0xf, w < 0, true, true);
    }

    private static A64Insn condSelect(int w) {
        if (bits(w, 29, 29) != 0 || bits(w, 11, 11) != 0) {
            return null;
        }
        int opc = bits(w, 30, 30) << 1 | bits(w, 10, 10);
        int op = new int[] {A64Op.CSEL, A64Op.CSINC, A64Op.CSINV, A64Op.CSNEG}[opc];
        String mn = new String[] {"csel", "csinc", "csinv", "csneg"}[opc];
        return alu(w, op, mn, zrw(bits(w, 4, 0)), zr(bits(w, 9, 5)), zr(bits(w, 20, 16)), 0, bits(w, 15, 12), 0, w < 0,
                true, false);
    }

    private static A64Insn oneSource(int w) {
        boolean sf = w < 0;
        if (bits(w, 29, 29) != 0 || bits(w, 20, 16) != 0) {
            return null;
        }
        int opcode = bits(w, 15, 10);
        int op;
        String mn;
        switch (opcode) {
            case 0 -> { op = A64Op.RBIT; mn = "rbit"; }
            case 1 -> { op = A64Op.REV16; mn = "rev16"; }
            case 2 -> { op = sf ? A64Op.REV32 : A64Op.REV; mn = sf ? "rev32" : "rev"; }
            case 3 -> {
                if (!sf) {
                    return null;
                }
                op = A64Op.REV;
                mn = "rev";
            }
            case 4 -> { op = A64Op.CLZ; mn = "clz"; }
            case 5 -> { op = A64Op.CLS; mn = "cls"; }
            default -> {
                return null;
            }
        }
        return alu(w, op, mn, zrw(bits(w, 4, 0)), zr(bits(w, 9, 5)), ZR, 0, 0, 0, sf, false, false);
    }

    private static A64Insn twoSource(int w) {
        if (bits(w, 29, 29) != 0) {
            return null;
        }
        int opcode = bits(w, 15, 10);
        int op;
        String mn;
        switch (opcode) {
            case 2 -> { op = A64Op.UDIV; mn = "udiv"; }
            case 3 -> { op = A64Op.SDIV; mn = "sdiv"; }
            case 8 -> { op = A64Op.LSLV; mn = "lslv"; }
            case 9 -> { op = A64Op.LSRV; mn = "lsrv"; }
            case 10 -> { op = A64Op.ASRV; mn = "asrv"; }
            case 11 -> { op = A64Op.RORV; mn = "rorv"; }
            default -> {
                return null;
            }
        }
        int rd = zrw(bits(w, 4, 0));
        int rn = zr(bits(w, 9, 5));
        int rm = zr(bits(w, 20, 16));
        InsnClass cls = opcode <= 3 ? InsnClass.MUL_DIV : InsnClass.ALU;
        return insn(w, op, cls, mn, rd, rn, rm, ZR, 0, 0, 0, w < 0, mask(rn, rm), mask(rd));
    }

    private static A64Insn threeSource(int w) {
        boolean sf = w < 0;
        int op31 = bits(w, 23, 21);
        boolean o0 = bits(w, 15, 15) == 1;
        if (bits(w, 30, 29) != 0) {
            return null;
        }
        int op;
        String mn;
        switch (op31) {
            case 0 -> { op = o0 ? A64Op.MSUB : A64Op.MADD; mn = o0 ? "msub" : "madd"; }
            case 1 -> { op = o0 ? A64Op.SMSUBL : A64Op.SMADDL; mn = o0 ? "smsubl" : "smaddl"; }
            case 5 -> { op = o0 ? A64Op.UMSUBL : A64Op.UMADDL; mn = o0 ? "umsubl" : "umaddl"; }
            case 2 -> { op = A64Op.SMULH; mn = "smulh"; }
            case 6 -> { op = A64Op.UMULH; mn = "umulh"; }
            default -> {
                return null;
            }
        }
        if ((op31 != 0 && !sf) || ((op31 == 2 || op31 == 6) && o0)) {
            return null;
        }
        int rd = zrw(bits(w, 4, 0));
        int rn = zr(bits(w, 9, 5));
        int rm = zr(bits(w, 20, 16));
        // SMULH/UMULH have no addend: Ra is a should-be-one field, which objdump does not check
        int ra = op31 == 2 || op31 == 6 ? ZR : zr(bits(w, 14, 10));
        return insn(w, op, InsnClass.MUL_DIV, mn, rd, rn, rm, ra, 0, 0, 0, sf, mask(rn, rm, ra), mask(rd));
    }
}
