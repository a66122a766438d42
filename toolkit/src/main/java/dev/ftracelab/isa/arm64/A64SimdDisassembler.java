package dev.ftracelab.isa.arm64;

import static dev.ftracelab.isa.arm64.A64Disassembler.hex;
import static dev.ftracelab.isa.arm64.A64Disassembler.r;

/**
 * Prints the SIMD&FP loads, stores, moves, integer vector ops and crypto ops as objdump 2.40
 * does, with its preferred aliases ({@code mov}, {@code mvn}, {@code sxtl}, {@code uxtl});
 * {@link A64Disassembler#format} delegates here for {@link A64Op#isSimd} and
 * {@link A64Op#isCrypto} ops. Field meanings are those of {@link A64SimdDecoder}.
 */
final class A64SimdDisassembler {
    private A64SimdDisassembler() {
    }

    /** Arrangements by size then Q. */
    private static final String[][] ARRANGEMENT = {{"8b", "16b"}, {"4h", "8h"}, {"2s", "4s"}, {"1d", "2d"}};
    private static final String SCALAR = "bhsdq";
    private static final String[] EXTEND = {"uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"};

    static String format(long pc, A64Insn i) {
        return switch (i.op()) {
            case A64Op.V_LOAD, A64Op.V_STORE -> loadStore(pc, i);
            case A64Op.V_LDP, A64Op.V_STP -> pair(i);
            case A64Op.V_LD_MULTI, A64Op.V_ST_MULTI -> multi(i);
            case A64Op.V_LD_LANE, A64Op.V_ST_LANE -> lane(i);
            case A64Op.V_LD_REPL -> replicate(i);
            case A64Op.V_MOVI -> movi(i);
            case A64Op.V_DUP_ELEM -> op(i, vreg(i.rd(), i.a(), i.sf()), elem(i.rn(), i.a(), i.imm()));
            case A64Op.V_DUP_GEN -> op(i, vreg(i.rd(), i.a(), i.sf()), r(i.rn(), i.a() == 3));
            case A64Op.S_DUP_ELEM -> "mov\t" + scalar(i.rd(), i.a()) + ", " + elem(i.rn(), i.a(), i.imm());
            case A64Op.V_INS_ELEM -> "mov\t" + elem(i.rd(), i.a(), i.imm()) + ", " + elem(i.rn(), i.a(), i.b());
            case A64Op.V_INS_GEN -> "mov\t" + elem(i.rd(), i.a(), i.imm()) + ", " + r(i.rn(), i.a() == 3);
            case A64Op.V_SMOV -> op(i, r(i.rd(), i.sf()), elem(i.rn(), i.a(), i.imm()));
            case A64Op.V_UMOV -> (i.a() >= 2 ? "mov" : "umov") + "\t" + r(i.rd(), i.sf()) + ", "
                    + elem(i.rn(), i.a(), i.imm());
            case A64Op.V_FMOV_GEN -> fmovGeneral(i);
            case A64Op.V_FMOV_REG -> op(i, scalar(i.rd(), i.b()), scalar(i.rn(), i.b()));
            case A64Op.V_EXT -> op(i, vreg(i.rd(), 0, i.sf()), vreg(i.rn(), 0, i.sf()), vreg(i.rm(), 0, i.sf()),
                    "#" + i.imm());
            case A64Op.V_PERM -> same3(i);
            case A64Op.V_TBL -> op(i, vreg(i.rd(), 0, i.sf()), list(i.rn(), i.a(), "16b"), vreg(i.rm(), 0, i.sf()));
            case A64Op.V_3SAME -> threeSame(i);
            case A64Op.S_3SAME -> op(i, scalar(i.rd(), i.b()), scalar(i.rn(), i.b()), scalar(i.rm(), i.b()));
            case A64Op.V_3DIFF -> threeDiff(i);
            case A64Op.V_2MISC -> twoMisc(i);
            case A64Op.S_2MISC -> scalarTwoMisc(i);
            case A64Op.V_ACROSS -> op(i, scalar(i.rd(), (i.a() & 0x1f) == 0b00011 ? i.b() + 1 : i.b()),
                    vreg(i.rn(), i.b(), i.sf()));
            case A64Op.S_ADDP -> op(i, "d" + i.rd(), vreg(i.rn(), 3, true));
            case A64Op.V_SHIFT -> shift(i, false);
            case A64Op.S_SHIFT -> shift(i, true);
            case A64Op.V_ELEM -> byElement(i);
            default -> crypto(i);
        };
    }

    /** {@code mnemonic\top1, op2, ...}. */
    private static String op(A64Insn i, String... operands) {
        return i.mnemonic() + "\t" + String.join(", ", operands);
    }

    static String vreg(int n, int size, boolean q) {
        return "v" + n + "." + ARRANGEMENT[size][q ? 1 : 0];
    }

    private static String scalar(int n, int log2) {
        return SCALAR.charAt(log2) + Integer.toString(n);
    }

    private static String elem(int n, int size, long index) {
        return "v" + n + "." + SCALAR.charAt(size) + "[" + index + "]";
    }

    /** A register list as objdump prints it: a range when three or more registers run without wrapping. */
    private static String list(int first, int count, String arrangement) {
        if (count >= 3 && first + count - 1 <= 31) {
            return "{v" + first + "." + arrangement + "-v" + (first + count - 1) + "." + arrangement + "}";
        }
        StringBuilder sb = new StringBuilder("{");
        for (int k = 0; k < count; k++) {
            sb.append(k == 0 ? "" : ", ").append('v').append((first + k) % 32).append('.').append(arrangement);
        }
        return sb.append('}').toString();
    }

    // ---- loads and stores

    private static String loadStore(long pc, A64Insn i) {
        String t = scalar(i.rd(), i.a());
        String base = r(i.rn(), true);
        long imm = i.imm();
        return switch (i.b()) {
            case A64Op.V_PRE -> op(i, t, "[" + base + ", #" + imm + "]!");
            case A64Op.V_POST -> op(i, t, "[" + base + "], #" + imm);
            case A64Op.V_LITERAL -> op(i, t, Long.toHexString(pc + imm));
            case A64Op.V_REGISTER -> op(i, t, regOffset(i));
            default -> op(i, t, "[" + base + (imm == 0 ? "" : ", #" + imm) + "]");
        };
    }

    private static String regOffset(A64Insn i) {
        int option = i.ra();
        boolean s = ((i.word() >>> 12) & 1) == 1;
        String base = "[" + r(i.rn(), true) + ", " + r(i.rm(), (option & 1) == 1);
        if (option == 3) {
            return base + (s ? ", lsl #" + i.imm() : "") + "]";
        }
        return base + ", " + EXTEND[option] + (s ? " #" + i.imm() : "") + "]";
    }

    private static String pair(A64Insn i) {
        String base = r(i.rn(), true);
        long imm = i.imm();
        String addr = switch (i.b()) {
            case A64Op.PAIR_PRE -> "[" + base + ", #" + imm + "]!";
            case A64Op.PAIR_POST -> "[" + base + "], #" + imm;
            default -> "[" + base + (imm == 0 ? "" : ", #" + imm) + "]";
        };
        return op(i, scalar(i.rd(), i.a()), scalar(i.rm(), i.a()), addr);
    }

    /** The address of a structure load/store, with its post-index (register, or the bytes moved). */
    private static String structureAddress(A64Insn i, long bytes) {
        String base = "[" + r(i.rn(), true) + "]";
        if ((i.b() & 4) == 0) {
            return base;
        }
        return base + ", " + (i.rm() == A64Insn.ZR ? "#" + bytes : r(i.rm(), true));
    }

    private static String multi(A64Insn i) {
        int size = i.b() & 3;
        String arr = ARRANGEMENT[size][i.sf() ? 1 : 0];
        long bytes = i.imm() * (i.sf() ? 16 : 8);
        return op(i, list(i.rd(), (int) i.imm(), arr), structureAddress(i, bytes));
    }

    private static String lane(A64Insn i) {
        int scale = i.b() & 3;
        String regs = list(i.rd(), (int) i.imm(), String.valueOf(SCALAR.charAt(scale)));
        return op(i, regs + "[" + i.a() + "]", structureAddress(i, i.imm() << scale));
    }

    private static String replicate(A64Insn i) {
        int size = i.b() & 3;
        String regs = list(i.rd(), (int) i.imm(), ARRANGEMENT[size][i.sf() ? 1 : 0]);
        return op(i, regs, structureAddress(i, i.imm() << size));
    }

    // ---- moves

    private static String movi(A64Insn i) {
        int cmode = i.b();
        int w = i.word();
        long imm8 = (w >>> 16 & 7) << 5 | (w >>> 5 & 0x1f);
        boolean opBit = (w >>> 29 & 1) == 1;
        String rd;
        String value;
        if (cmode < 8) {
            rd = vreg(i.rd(), 2, i.sf());
            value = hex(imm8) + (cmode >>> 1 == 0 ? "" : ", lsl #" + 8 * (cmode >>> 1));
        } else if (cmode < 12) {
            rd = vreg(i.rd(), 1, i.sf());
            value = hex(imm8) + ((cmode >>> 1 & 1) == 0 ? "" : ", lsl #8");
        } else if (cmode < 14) {
            rd = vreg(i.rd(), 2, i.sf());
            value = hex(imm8) + ", msl #" + (cmode == 12 ? 8 : 16);
        } else if (!opBit) {
            rd = vreg(i.rd(), 0, i.sf());
            value = hex(imm8);
        } else {
            rd = i.sf() ? vreg(i.rd(), 3, true) : "d" + i.rd();
            value = hex(i.imm());
        }
        return op(i, rd, value);
    }

    private static String fmovGeneral(A64Insn i) {
        boolean toGeneral = i.a() == 0;
        int log2 = i.b();
        String fp = log2 == 4 ? "v" + (toGeneral ? i.rn() : i.rd()) + ".d[1]"
                : scalar(toGeneral ? i.rn() : i.rd(), log2);
        return toGeneral ? op(i, r(i.rd(), i.sf()), fp) : op(i, fp, r(i.rn(), i.sf()));
    }

    // ---- data processing

    private static String same3(A64Insn i) {
        return op(i, vreg(i.rd(), i.b(), i.sf()), vreg(i.rn(), i.b(), i.sf()), vreg(i.rm(), i.b(), i.sf()));
    }

    private static String threeSame(A64Insn i) {
        boolean logic = (i.a() & 0x1f) == 0b00011;
        if (!logic) {
            return same3(i);
        }
        String d = vreg(i.rd(), 0, i.sf());
        String n = vreg(i.rn(), 0, i.sf());
        if (i.mnemonic().equals("orr") && i.rn() == i.rm()) {
            return "mov\t" + d + ", " + n;
        }
        return op(i, d, n, vreg(i.rm(), 0, i.sf()));
    }

    private static String threeDiff(A64Insn i) {
        int size = i.b();
        int opcode = i.a() & 0xf;
        boolean q = i.sf();
        String wide = size == 3 ? "v%d.1q" : "v%d." + ARRANGEMENT[size + 1][1];
        String narrow = "v%d." + ARRANGEMENT[size][q ? 1 : 0];
        String d = String.format(opcode == 0b0100 || opcode == 0b0110 ? narrow : wide, i.rd());
        String n = String.format(opcode == 0b0001 || opcode == 0b0011 ? wide : narrow, i.rn());
        String m = String.format(opcode == 0b0100 || opcode == 0b0110 ? wide : narrow, i.rm());
        if (opcode == 0b0100 || opcode == 0b0110) {
            n = String.format(wide, i.rn());
        }
        return op(i, d, n, m);
    }

    private static String twoMisc(A64Insn i) {
        int opcode = i.a() & 0x1f;
        int size = i.b();
        boolean q = i.sf();
        String n = vreg(i.rn(), size, q);
        String d = vreg(i.rd(), size, q);
        switch (opcode) {
            case 0b00010, 0b00110 -> { // pairwise long: the destination has half as many, double-width lanes
                return op(i, vreg(i.rd(), size + 1, q), n);
            }
            case 0b10010, 0b10100 -> { // narrowing: the source is the wide one
                return op(i, vreg(i.rd(), size, q), "v" + i.rn() + "." + ARRANGEMENT[size + 1][1]);
            }
            case 0b10011 -> {
                return op(i, "v" + i.rd() + "." + ARRANGEMENT[size + 1][1], n, "#" + (8 << size));
            }
            case 0b01000, 0b01001, 0b01010 -> {
                return op(i, d, n, "#0");
            }
            case 0b00101 -> {
                return (i.mnemonic().equals("not") ? "mvn" : i.mnemonic()) + "\t" + vreg(i.rd(), 0, q) + ", "
                        + vreg(i.rn(), 0, q);
            }
            default -> {
                return op(i, d, n);
            }
        }
    }

    private static String scalarTwoMisc(A64Insn i) {
        int opcode = i.a() & 0x1f;
        int size = i.b();
        if (opcode == 0b10010 || opcode == 0b10100) {
            return op(i, scalar(i.rd(), size), scalar(i.rn(), size + 1));
        }
        String d = scalar(i.rd(), size);
        String n = scalar(i.rn(), size);
        return opcode >= 0b01000 && opcode <= 0b01010 ? op(i, d, n, "#0") : op(i, d, n);
    }

    private static String shift(A64Insn i, boolean scalar) {
        int opcode = i.a() & 0x1f;
        int immhb = i.b();
        int size = (int) i.imm();
        int esize = 8 << size;
        boolean left = opcode == 0b01010 || opcode == 0b01100 || opcode == 0b01110 || opcode == 0b10100;
        int amount = left ? immhb - esize : 2 * esize - immhb;
        boolean q = i.sf();
        if (opcode == 0b10100) { // SSHLL / USHLL: sxtl / uxtl when the shift is zero
            String d = "v" + i.rd() + "." + ARRANGEMENT[size + 1][1];
            String n = vreg(i.rn(), size, q);
            if (amount == 0) {
                String alias = (i.mnemonic().startsWith("s") ? "sxtl" : "uxtl") + (q ? "2" : "");
                return alias + "\t" + d + ", " + n;
            }
            return op(i, d, n, "#" + amount);
        }
        if (opcode >= 0b10000) { // narrowing right shifts
            if (scalar) {
                return op(i, scalar(i.rd(), size), scalar(i.rn(), size + 1), "#" + amount);
            }
            return op(i, vreg(i.rd(), size, q), "v" + i.rn() + "." + ARRANGEMENT[size + 1][1], "#" + amount);
        }
        if (scalar) {
            return op(i, scalar(i.rd(), size), scalar(i.rn(), size), "#" + amount);
        }
        return op(i, vreg(i.rd(), size, q), vreg(i.rn(), size, q), "#" + amount);
    }

    private static String byElement(A64Insn i) {
        int size = i.b();
        boolean longOp = (i.a() & 0b0011) == 0b0010;
        String d = longOp ? "v" + i.rd() + "." + ARRANGEMENT[size + 1][1] : vreg(i.rd(), size, i.sf());
        return op(i, d, vreg(i.rn(), size, i.sf()), elem(i.rm(), size, i.imm()));
    }

    // ---- crypto

    private static String crypto(A64Insn i) {
        String d4s = "v" + i.rd() + ".4s";
        String n4s = "v" + i.rn() + ".4s";
        String m4s = "v" + i.rm() + ".4s";
        return switch (i.op()) {
            case A64Op.C_AES -> op(i, "v" + i.rd() + ".16b", "v" + i.rn() + ".16b");
            case A64Op.C_SHA_3REG -> switch (i.a()) {
                case 0, 1, 2 -> op(i, "q" + i.rd(), "s" + i.rn(), m4s);
                case 4, 5 -> op(i, "q" + i.rd(), "q" + i.rn(), m4s);
                default -> op(i, d4s, n4s, m4s);
            };
            case A64Op.C_SHA_2REG -> i.a() == 0 ? op(i, "s" + i.rd(), "s" + i.rn()) : op(i, d4s, n4s);
            case A64Op.C_SHA512_3REG -> i.a() < 2 ? op(i, "q" + i.rd(), "q" + i.rn(), "v" + i.rm() + ".2d")
                    : op(i, "v" + i.rd() + ".2d", "v" + i.rn() + ".2d", "v" + i.rm() + ".2d");
            case A64Op.C_SHA512_2REG -> op(i, "v" + i.rd() + ".2d", "v" + i.rn() + ".2d");
            case A64Op.C_4REG -> op(i, "v" + i.rd() + ".16b", "v" + i.rn() + ".16b", "v" + i.rm() + ".16b",
                    "v" + i.ra() + ".16b");
            case A64Op.C_XAR -> op(i, "v" + i.rd() + ".2d", "v" + i.rn() + ".2d", "v" + i.rm() + ".2d",
                    "#" + i.imm());
            default -> throw new IllegalStateException("no format for op " + i.op());
        };
    }
}
