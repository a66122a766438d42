package dev.ftracelab.isa.arm64;

import static dev.ftracelab.isa.arm64.A64Insn.SP;
import static dev.ftracelab.isa.arm64.A64Insn.ZR;
import static dev.ftracelab.isa.arm64.A64Insn.ZR_SINK;

/**
 * Prints decoded instructions the way GNU objdump does by default: its preferred aliases
 * ({@code mov}, {@code cmp}, {@code lsl}, {@code ubfx}, {@code cset}, {@code mul}, {@code ret}
 * ...), immediates as {@code #0x..} or decimal where objdump uses each, branch targets as bare
 * absolute hex. Operands are separated by {@code ", "}, the mnemonic by a tab.
 *
 * <pre>{@code
 * A64Disassembler.format(0x400000, A64Decoder.decode(0x400000, 0xa9bf7bfd));
 * // "stp\tx29, x30, [sp, #-16]!"
 * }</pre>
 */
public final class A64Disassembler {
    private A64Disassembler() {
    }

    /** Condition names in encoding order, as objdump spells them ({@code cs}/{@code cc}, not hs/lo). */
    static final String[] COND = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le",
        "al", "nv"};
    private static final String[] SHIFT = {"lsl", "lsr", "asr", "ror"};
    private static final String[] EXTEND = {"uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"};
    private static final String[] BARRIER = {null, "oshld", "oshst", "osh", null, "nshld", "nshst", "nsh", null,
        "ishld", "ishst", "ish", null, "ld", "st", "sy"};

    /**
     * The instruction as objdump prints it in a relocatable file when a relocation applies to it:
     * binutils computes its addresses with the PC taken as 0 (the field holds the addend) and
     * objdump adds the value of the relocation's symbol, so {@code bl} of an undefined function
     * prints {@code bl 0} and {@code adrp} prints its page field plus the symbol's value.
     */
    public static String formatRelocated(A64Insn i, long symbolValue) {
        if (i.op() == A64Op.ADRP) {
            return "adrp\t" + r(i.rd(), true) + ", " + Long.toHexString(i.imm() + symbolValue);
        }
        return format(symbolValue, i); // every other PC-relative address is pc + field
    }

    /** The instruction at {@code pc} as objdump prints it: {@code "mnemonic\toperands"}. */
    public static String format(long pc, A64Insn i) {
        boolean sf = i.sf();
        int rd = i.rd();
        int rn = i.rn();
        int rm = i.rm();
        int a = i.a();
        int b = i.b();
        long imm = i.imm();
        int width = sf ? 64 : 32;
        String d = r(rd, sf);
        String n = r(rn, sf);
        String m = r(rm, sf);
        switch (i.op()) {
            case A64Op.ADD_IMM, A64Op.SUB_IMM, A64Op.ADDS_IMM, A64Op.SUBS_IMM -> {
                String imm12 = hex(b == 1 ? imm >>> 12 : imm) + (b == 1 ? ", lsl #12" : "");
                if (i.op() == A64Op.ADD_IMM && imm == 0 && b == 0 && (rd == SP || rn == SP)) {
                    return "mov\t" + d + ", " + n;
                }
                if (rd == ZR_SINK && i.op() != A64Op.ADD_IMM && i.op() != A64Op.SUB_IMM) {
                    return (i.op() == A64Op.ADDS_IMM ? "cmn" : "cmp") + "\t" + n + ", " + imm12;
                }
                return i.mnemonic() + "\t" + d + ", " + n + ", " + imm12;
            }
            case A64Op.AND_IMM, A64Op.ORR_IMM, A64Op.EOR_IMM, A64Op.ANDS_IMM -> {
                if (i.op() == A64Op.ANDS_IMM && rd == ZR_SINK) {
                    return "tst\t" + n + ", " + hex(imm);
                }
                if (i.op() == A64Op.ORR_IMM && rn == ZR && !moveWidePreferred(sf, (i.word() >>> 22) & 1, b, a)) {
                    return "mov\t" + d + ", " + hex(imm);
                }
                return i.mnemonic() + "\t" + d + ", " + n + ", " + hex(imm);
            }
            case A64Op.MOVZ, A64Op.MOVN -> {
                int imm16 = (int) (imm >>> (a * 16)) & 0xffff;
                boolean alias = !(imm16 == 0 && a != 0) && (i.op() == A64Op.MOVZ || sf || imm16 != 0xffff);
                if (alias) {
                    long v = i.op() == A64Op.MOVZ ? imm : ~imm;
                    return "mov\t" + d + ", " + hex(sf ? v : v & 0xffff_ffffL);
                }
                return i.mnemonic() + "\t" + d + ", " + hex(imm16) + (a != 0 ? ", lsl #" + a * 16 : "");
            }
            case A64Op.MOVK -> {
                return "movk\t" + d + ", " + hex((imm >>> (a * 16)) & 0xffff) + (a != 0 ? ", lsl #" + a * 16 : "");
            }
            case A64Op.SBFM, A64Op.UBFM, A64Op.BFM -> {
                return bitfield(i, d, n, width);
            }
            case A64Op.EXTR -> {
                return rn == rm ? "ror\t" + d + ", " + n + ", #" + b : "extr\t" + d + ", " + n + ", " + m + ", #" + b;
            }
            case A64Op.ADR, A64Op.ADRP -> {
                return i.mnemonic() + "\t" + d + ", " + Long.toHexString(i.pcRelativeAddress(pc));
            }
            case A64Op.ADD_SHIFT, A64Op.ADDS_SHIFT, A64Op.SUB_SHIFT, A64Op.SUBS_SHIFT -> {
                String sh = shift(a, b);
                boolean s = i.op() == A64Op.ADDS_SHIFT || i.op() == A64Op.SUBS_SHIFT;
                boolean sub = i.op() == A64Op.SUB_SHIFT || i.op() == A64Op.SUBS_SHIFT;
                if (s && rd == ZR_SINK) {
                    return (sub ? "cmp" : "cmn") + "\t" + n + ", " + m + sh;
                }
                if (sub && rn == ZR) {
                    return (s ? "negs" : "neg") + "\t" + d + ", " + m + sh;
                }
                return i.mnemonic() + "\t" + d + ", " + n + ", " + m + sh;
            }
            case A64Op.ADD_EXT, A64Op.ADDS_EXT, A64Op.SUB_EXT, A64Op.SUBS_EXT -> {
                boolean s = i.op() == A64Op.ADDS_EXT || i.op() == A64Op.SUBS_EXT;
                boolean spInvolved = rn == SP || (!s && rd == SP);
                String ext;
                if (spInvolved && a == (sf ? 3 : 2)) {
                    ext = b == 0 ? "" : ", lsl #" + b;
                } else {
                    ext = ", " + EXTEND[a] + (b == 0 ? "" : " #" + b);
                }
                String mr = r(rm, sf && (a & 3) == 3);
                if (s && rd == ZR_SINK) {
                    return (i.op() == A64Op.SUBS_EXT ? "cmp" : "cmn") + "\t" + n + ", " + mr + ext;
                }
                return i.mnemonic() + "\t" + d + ", " + n + ", " + mr + ext;
            }
            case A64Op.AND, A64Op.BIC, A64Op.ORR, A64Op.ORN, A64Op.EOR, A64Op.EON, A64Op.ANDS, A64Op.BICS -> {
                String sh = shift(a, b);
                if (i.op() == A64Op.ORR && rn == ZR && a == 0 && b == 0) {
                    return "mov\t" + d + ", " + m;
                }
                if (i.op() == A64Op.ORN && rn == ZR) {
                    return "mvn\t" + d + ", " + m + sh;
                }
                if (i.op() == A64Op.ANDS && rd == ZR_SINK) {
                    return "tst\t" + n + ", " + m + sh;
                }
                return i.mnemonic() + "\t" + d + ", " + n + ", " + m + sh;
            }
            case A64Op.ADC, A64Op.ADCS, A64Op.SBC, A64Op.SBCS -> {
                if ((i.op() == A64Op.SBC || i.op() == A64Op.SBCS) && rn == ZR) {
                    return (i.op() == A64Op.SBC ? "ngc" : "ngcs") + "\t" + d + ", " + m;
                }
                return i.mnemonic() + "\t" + d + ", " + n + ", " + m;
            }
            case A64Op.CCMN_REG, A64Op.CCMP_REG -> {
                return i.mnemonic() + "\t" + n + ", " + m + ", " + hex(b) + ", " + COND[a];
            }
            case A64Op.CCMN_IMM, A64Op.CCMP_IMM -> {
                return i.mnemonic() + "\t" + n + ", " + hex(imm) + ", " + hex(b) + ", " + COND[a];
            }
            case A64Op.CSEL, A64Op.CSINC, A64Op.CSINV, A64Op.CSNEG -> {
                return condSelect(i, d, n, m);
            }
            case A64Op.RBIT, A64Op.REV16, A64Op.REV32, A64Op.REV, A64Op.CLZ, A64Op.CLS -> {
                return i.mnemonic() + "\t" + d + ", " + n;
            }
            case A64Op.UDIV, A64Op.SDIV -> {
                return i.mnemonic() + "\t" + d + ", " + n + ", " + m;
            }
            case A64Op.LSLV, A64Op.LSRV, A64Op.ASRV, A64Op.RORV -> {
                return SHIFT[i.op() - A64Op.LSLV] + "\t" + d + ", " + n + ", " + m;
            }
            case A64Op.MADD, A64Op.MSUB -> {
                if (i.ra() == ZR) {
                    return (i.op() == A64Op.MADD ? "mul" : "mneg") + "\t" + d + ", " + n + ", " + m;
                }
                return i.mnemonic() + "\t" + d + ", " + n + ", " + m + ", " + r(i.ra(), sf);
            }
            case A64Op.SMADDL, A64Op.SMSUBL, A64Op.UMADDL, A64Op.UMSUBL -> {
                String wn = r(rn, false);
                String wm = r(rm, false);
                if (i.ra() == ZR) {
                    String alias = switch (i.op()) {
                        case A64Op.SMADDL -> "smull";
                        case A64Op.SMSUBL -> "smnegl";
                        case A64Op.UMADDL -> "umull";
                        default -> "umnegl";
                    };
                    return alias + "\t" + d + ", " + wn + ", " + wm;
                }
                return i.mnemonic() + "\t" + d + ", " + wn + ", " + wm + ", " + r(i.ra(), true);
            }
            case A64Op.SMULH, A64Op.UMULH -> {
                return i.mnemonic() + "\t" + d + ", " + n + ", " + m;
            }
            case A64Op.LDR_IMM, A64Op.STR_IMM -> {
                return i.mnemonic() + "\t" + d + ", [" + r(rn, true) + (imm == 0 ? "" : ", #" + imm) + "]";
            }
            case A64Op.LDR_PRE, A64Op.STR_PRE -> {
                return i.mnemonic() + "\t" + d + ", [" + r(rn, true) + ", #" + imm + "]!";
            }
            case A64Op.LDR_POST, A64Op.STR_POST -> {
                return i.mnemonic() + "\t" + d + ", [" + r(rn, true) + "], #" + imm;
            }
            case A64Op.LDR_REG, A64Op.STR_REG -> {
                return i.mnemonic() + "\t" + d + ", " + regOffset(i);
            }
            case A64Op.LDR_LIT -> {
                return i.mnemonic() + "\t" + d + ", " + Long.toHexString(i.pcRelativeAddress(pc));
            }
            case A64Op.PRFM -> {
                String prf = prfop(a);
                if (b == -1) {
                    return "prfm\t" + prf + ", " + Long.toHexString(pc + imm);
                }
                if (b >= 2) { // register offset: b is its extend option, always 2, 3, 6 or 7
                    return "prfm\t" + prf + ", " + regOffset(i);
                }
                return i.mnemonic() + "\t" + prf + ", [" + r(rn, true) + (imm == 0 ? "" : ", #" + imm) + "]";
            }
            case A64Op.LDP, A64Op.STP -> {
                String base = r(rn, true);
                String rt1 = r(rd, sf);
                String rt2 = r(rm, sf);
                String addr = switch (b) {
                    case A64Op.PAIR_PRE -> "[" + base + ", #" + imm + "]!";
                    case A64Op.PAIR_POST -> "[" + base + "], #" + imm;
                    default -> "[" + base + (imm == 0 ? "" : ", #" + imm) + "]";
                };
                return i.mnemonic() + "\t" + rt1 + ", " + rt2 + ", " + addr;
            }
            case A64Op.LDXR, A64Op.LDAR, A64Op.STLR -> {
                return i.mnemonic() + "\t" + d + ", [" + r(rn, true) + "]";
            }
            case A64Op.STXR -> {
                return i.mnemonic() + "\t" + r(rm, false) + ", " + d + ", [" + r(rn, true) + "]";
            }
            case A64Op.CAS -> {
                return i.mnemonic() + "\t" + m + ", " + d + ", [" + r(rn, true) + "]";
            }
            case A64Op.LD_ADD, A64Op.LD_CLR, A64Op.LD_EOR, A64Op.LD_SET, A64Op.LD_SMAX, A64Op.LD_SMIN,
                    A64Op.LD_UMAX, A64Op.LD_UMIN, A64Op.SWP -> {
                boolean acquire = ((i.word() >>> 23) & 1) == 1;
                if (i.op() != A64Op.SWP && rd == ZR_SINK && !acquire) {
                    return "st" + i.mnemonic().substring(2) + "\t" + m + ", [" + r(rn, true) + "]";
                }
                return i.mnemonic() + "\t" + m + ", " + d + ", [" + r(rn, true) + "]";
            }
            case A64Op.B, A64Op.BL, A64Op.B_COND -> {
                return i.mnemonic() + "\t" + Long.toHexString(i.target(pc));
            }
            case A64Op.CBZ, A64Op.CBNZ -> {
                return i.mnemonic() + "\t" + n + ", " + Long.toHexString(i.target(pc));
            }
            case A64Op.TBZ, A64Op.TBNZ -> {
                return i.mnemonic() + "\t" + n + ", #" + a + ", " + Long.toHexString(i.target(pc));
            }
            case A64Op.BR, A64Op.BLR -> {
                return i.mnemonic() + "\t" + n;
            }
            case A64Op.RET -> {
                return rn == 30 ? "ret" : "ret\t" + n;
            }
            case A64Op.HINT -> {
                return hint(a);
            }
            case A64Op.DMB, A64Op.DSB -> {
                return i.mnemonic() + "\t" + (BARRIER[a] != null ? BARRIER[a] : hex(a));
            }
            case A64Op.ISB, A64Op.CLREX -> {
                return a == 15 ? i.mnemonic() : i.mnemonic() + "\t" + hex(a);
            }
            case A64Op.IC_IALLU -> {
                return a == 5 ? "ic\tiallu" : "ic\tialluis";
            }
            case A64Op.IC_IVAU -> {
                return "ic\tivau, " + r(rn, true);
            }
            case A64Op.DC -> {
                String op = switch (a) {
                    case 4 -> "zva";
                    case 10 -> "cvac";
                    case 11 -> "cvau";
                    case 12 -> "cvap";
                    default -> "civac";
                };
                return "dc\t" + op + ", " + r(rn, true);
            }
            case A64Op.MRS -> {
                return "mrs\t" + d + ", " + A64SysRegNames.name(a, true);
            }
            case A64Op.MSR -> {
                return "msr\t" + A64SysRegNames.name(a, false) + ", " + n;
            }
            case A64Op.MSR_IMM -> {
                return "msr\t" + (a == 6 ? "daifset" : "daifclr") + ", " + hex(imm);
            }
            case A64Op.SVC, A64Op.BRK -> {
                return i.mnemonic() + "\t" + hex(imm);
            }
            case A64Op.UDF -> {
                return "udf\t#" + imm;
            }
            default -> {
                if (A64Op.isFp(i.op())) {
                    return A64FpDisassembler.format(pc, i);
                }
                if (A64Op.isSimd(i.op()) || A64Op.isCrypto(i.op())) {
                    return A64SimdDisassembler.format(pc, i);
                }
                throw new IllegalStateException("no format for op " + i.op());
            }
        }
    }

    static String r(int reg, boolean x) {
        if (reg == SP) {
            return x ? "sp" : "wsp";
        }
        if (reg == ZR || reg == ZR_SINK) {
            return x ? "xzr" : "wzr";
        }
        return (x ? "x" : "w") + reg;
    }

    static String hex(long v) {
        return "#0x" + Long.toHexString(v);
    }

    private static String shift(int type, int amount) {
        return type == 0 && amount == 0 ? "" : ", " + SHIFT[type] + " #" + amount;
    }

    private static String regOffset(A64Insn i) {
        int option = i.b();
        boolean s = ((i.word() >>> 12) & 1) == 1;
        String base = "[" + r(i.rn(), true) + ", " + r(i.rm(), (option & 1) == 1);
        if (option == 3) {
            return base + (s ? ", lsl #" + i.imm() : "") + "]";
        }
        return base + ", " + EXTEND[option] + (s ? " #" + i.imm() : "") + "]";
    }

    private static String prfop(int rt) {
        int type = rt >>> 3;
        if (type == 3 || ((rt >>> 1) & 3) == 3) {
            return String.format("#0x%02x", rt); // objdump pads unnamed prefetch operations
        }
        return new String[] {"pld", "pli", "pst"}[type] + "l" + (((rt >>> 1) & 3) + 1) + ((rt & 1) == 0 ? "keep" : "strm");
    }

    /** The Arm ARM's MoveWidePreferred: whether a MOVZ/MOVN could build this logical immediate. */
    private static boolean moveWidePreferred(boolean sf, int n, int imms, int immr) {
        int width = sf ? 64 : 32;
        if (sf && n != 1) {
            return false;
        }
        if (!sf && (n != 0 || imms >= 32)) {
            return false;
        }
        if (imms < 16) {
            return ((-immr) & 15) <= 15 - imms;
        }
        if (imms >= width - 15) {
            return (immr & 15) <= imms - (width - 15);
        }
        return false;
    }

    /** The Arm ARM's BFXPreferred: whether UBFX/SBFX is the alias rather than a shift or extend. */
    private static boolean bfxPreferred(boolean sf, boolean unsigned, int imms, int immr) {
        if (imms < immr || imms == (sf ? 63 : 31)) {
            return false;
        }
        if (immr == 0) {
            if (!sf && (imms == 7 || imms == 15)) {
                return false;
            }
            if (sf && !unsigned && (imms == 7 || imms == 15 || imms == 31)) {
                return false;
            }
        }
        return true;
    }

    private static String bitfield(A64Insn i, String d, String n, int width) {
        boolean sf = i.sf();
        int immr = i.a();
        int imms = i.b();
        String wn = r(i.rn(), false);
        switch (i.op()) {
            case A64Op.SBFM -> {
                if (imms == width - 1) {
                    return "asr\t" + d + ", " + n + ", #" + immr;
                }
                if (imms < immr) {
                    return "sbfiz\t" + d + ", " + n + ", #" + (width - immr) + ", #" + (imms + 1);
                }
                if (bfxPreferred(sf, false, imms, immr)) {
                    return "sbfx\t" + d + ", " + n + ", #" + immr + ", #" + (imms - immr + 1);
                }
                String ext = imms == 7 ? "sxtb" : imms == 15 ? "sxth" : "sxtw";
                return ext + "\t" + d + ", " + wn;
            }
            case A64Op.UBFM -> {
                if (imms != width - 1 && imms + 1 == immr) {
                    return "lsl\t" + d + ", " + n + ", #" + (width - 1 - imms);
                }
                if (imms == width - 1) {
                    return "lsr\t" + d + ", " + n + ", #" + immr;
                }
                if (imms < immr) {
                    return "ubfiz\t" + d + ", " + n + ", #" + (width - immr) + ", #" + (imms + 1);
                }
                if (bfxPreferred(sf, true, imms, immr)) {
                    return "ubfx\t" + d + ", " + n + ", #" + immr + ", #" + (imms - immr + 1);
                }
                return (imms == 7 ? "uxtb" : "uxth") + "\t" + d + ", " + wn;
            }
            default -> {
                if (imms < immr) {
                    if (i.rn() == ZR) {
                        return "bfc\t" + d + ", #" + (width - immr) + ", #" + (imms + 1);
                    }
                    return "bfi\t" + d + ", " + n + ", #" + (width - immr) + ", #" + (imms + 1);
                }
                return "bfxil\t" + d + ", " + n + ", #" + immr + ", #" + (imms - immr + 1);
            }
        }
    }

    private static String condSelect(A64Insn i, String d, String n, String m) {
        int cond = i.a();
        boolean invertible = (cond >>> 1) != 7;
        String inv = COND[cond ^ 1];
        switch (i.op()) {
            case A64Op.CSINC, A64Op.CSINV -> {
                boolean inc = i.op() == A64Op.CSINC;
                if (i.rn() == ZR && i.rm() == ZR && invertible) {
                    return (inc ? "cset" : "csetm") + "\t" + d + ", " + inv;
                }
                if (i.rn() == i.rm() && i.rm() != ZR && invertible) {
                    return (inc ? "cinc" : "cinv") + "\t" + d + ", " + n + ", " + inv;
                }
            }
            case A64Op.CSNEG -> {
                if (i.rn() == i.rm() && invertible) {
                    return "cneg\t" + d + ", " + n + ", " + inv;
                }
            }
            default -> {
            }
        }
        return i.mnemonic() + "\t" + d + ", " + n + ", " + m + ", " + COND[cond];
    }

    private static String hint(int h) {
        return switch (h) {
            case 0 -> "nop";
            case 1 -> "yield";
            case 2 -> "wfe";
            case 3 -> "wfi";
            case 4 -> "sev";
            case 5 -> "sevl";
            case 7 -> "xpaclri";
            case 8 -> "pacia1716";
            case 10 -> "pacib1716";
            case 12 -> "autia1716";
            case 14 -> "autib1716";
            case 16 -> "esb";
            case 17 -> "psb\tcsync";
            case 18 -> "tsb\tcsync";
            case 20 -> "csdb";
            case 22 -> "clearbhb";
            case 24 -> "paciaz";
            case 25 -> "paciasp";
            case 26 -> "pacibz";
            case 27 -> "pacibsp";
            case 28 -> "autiaz";
            case 29 -> "autiasp";
            case 30 -> "autibz";
            case 31 -> "autibsp";
            case 32 -> "bti";
            case 34 -> "bti\tc";
            case 36 -> "bti\tj";
            case 38 -> "bti\tjc";
            default -> "hint\t" + hex(h);
        };
    }
}
