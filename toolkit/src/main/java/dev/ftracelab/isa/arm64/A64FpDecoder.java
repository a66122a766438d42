package dev.ftracelab.isa.arm64;

import static dev.ftracelab.isa.arm64.A64Insn.ZR;
import static dev.ftracelab.isa.arm64.A64Insn.ZR_SINK;

import dev.ftracelab.isa.InsnClass;
import dev.ftracelab.isa.Instruction;
import dev.ftracelab.isa.arm64.A64Decoder.Row;
import java.util.List;

/**
 * Decoder rows for scalar and vector floating point: arithmetic, fused multiply-add, compares,
 * conditional select, conversions and rounding. {@link A64Decoder} consults these rows after
 * {@link A64SimdDecoder}'s for the op0 = x111 groups; a handler returns null for an encoding
 * it does not cover (moves, integer vector ops, FP16 vector forms), and the next matching row
 * is tried.
 *
 * <p>Fields of the decoded {@link A64Insn}: {@code rd/rn/rm/ra} are V register numbers (X
 * registers for the general-register conversions); {@code a} is the element format
 * ({@link A64Op#FP_H}, {@code FP_S}, {@code FP_D}; for FCVT the source); {@code sf} is Q (a
 * 128-bit vector); {@code b} is the op's small field as {@link A64Op} documents it (rounding,
 * condition, signedness), with bit 8 set for the SIMD scalar form of a vector op; {@code imm}
 * holds fbits, an element index, an immediate bit pattern or FCCMP's nzcv | E << 4. The
 * mnemonic is the full printed one (e.g. {@code fcvtzs}, {@code frinta}, {@code fcvtl2}).
 */
final class A64FpDecoder {
    private A64FpDecoder() {
    }

    /** Bit 8 of field b: the SIMD scalar form of a vector op (one element, upper lanes cleared). */
    static final int SCALAR = 0x100;

    /** Rows of the data-processing SIMD&FP groups (op0 = x111) for floating point. */
    static List<Row> dataProcessing() {
        return List.of(
                new Row(0x5f200000, 0x1e000000, "conversion between FP and fixed-point", A64FpDecoder::fixedConv),
                new Row(0x5f20fc00, 0x1e200000, "conversion between FP and integer", A64FpDecoder::intConv),
                new Row(0x5f207c00, 0x1e204000, "FP data-processing (1 source)", A64FpDecoder::oneSource),
                new Row(0x5f203c00, 0x1e202000, "FP compare", A64FpDecoder::compare),
                new Row(0x5f201c00, 0x1e201000, "FP immediate", A64FpDecoder::immediate),
                new Row(0x5f200c00, 0x1e200400, "FP conditional compare", A64FpDecoder::condCompare),
                new Row(0x5f200c00, 0x1e200800, "FP data-processing (2 source)", A64FpDecoder::twoSource),
                new Row(0x5f200c00, 0x1e200c00, "FP conditional select", A64FpDecoder::condSelect),
                new Row(0x5f000000, 0x1f000000, "FP data-processing (3 source)", A64FpDecoder::threeSource),
                new Row(0x9f20c400, 0x0e20c400, "Advanced SIMD three same (FP)", w -> threeSame(w, false)),
                new Row(0xdf20c400, 0x5e20c400, "Advanced SIMD scalar three same (FP)", w -> threeSame(w, true)),
                new Row(0x9f3e0c00, 0x0e200800, "Advanced SIMD two-register misc", w -> twoRegMisc(w, false)),
                new Row(0xdf3e0c00, 0x5e200800, "Advanced SIMD scalar two-register misc", w -> twoRegMisc(w, true)),
                new Row(0xdf3e0c00, 0x5e300800, "Advanced SIMD scalar pairwise", A64FpDecoder::scalarPairwise),
                new Row(0x9f3e0c00, 0x0e300800, "Advanced SIMD across lanes", A64FpDecoder::acrossLanes),
                new Row(0x9f000400, 0x0f000000, "Advanced SIMD vector x indexed element", w -> byElement(w, false)),
                new Row(0xdf000400, 0x5f000000, "Advanced SIMD scalar x indexed element", w -> byElement(w, true)),
                new Row(0x9ff80400, 0x0f000400, "Advanced SIMD modified immediate", A64FpDecoder::modifiedImmediate),
                new Row(0x9f800400, 0x0f000400, "Advanced SIMD shift by immediate", w -> shiftImm(w, false)),
                new Row(0xdf800400, 0x5f000400, "Advanced SIMD scalar shift by immediate", w -> shiftImm(w, true)));
    }

    private static int bits(int w, int hi, int lo) {
        return (w >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    /** ptype (bits 23:22) to a format, or -1 if reserved. */
    private static int ptype(int w) {
        return switch (bits(w, 23, 22)) {
            case 0 -> A64Op.FP_S;
            case 1 -> A64Op.FP_D;
            case 3 -> A64Op.FP_H;
            default -> -1;
        };
    }

    private static final long FLAGS = 1L << Instruction.FLAGS;

    private static long x(int reg) {
        return reg < 32 ? 1L << reg : 0;
    }

    private static A64Insn fp(int w, int op, InsnClass cls, String mn, int rd, int rn, int rm, int ra, long imm, int a,
            int b, boolean sf, long reads, long writes) {
        return new A64Insn(w, op, cls.ordinal(), mn, rd, rn, rm, ra, imm, a, b, sf, reads, writes);
    }

    /** A V-register-only op: no X registers or flags read or written. */
    private static A64Insn v(int w, int op, String mn, int rd, int rn, int rm, int ra, long imm, int a, int b,
            boolean q) {
        InsnClass cls = switch (op) {
            case A64Op.FDIV, A64Op.FSQRT, A64Op.VFDIV, A64Op.VFSQRT -> InsnClass.MUL_DIV;
            default -> InsnClass.ALU;
        };
        return fp(w, op, cls, mn, rd, rn, rm, ra, imm, a, b, q, 0, 0);
    }

    // ---- scalar floating point

    private static final String[] RMODE_CVT = {"n", "p", "m", "z", "a"};

    private static A64Insn fixedConv(int w) {
        int f = ptype(w);
        boolean sf = w < 0;
        int scale = bits(w, 15, 10);
        if (f < 0 || bits(w, 29, 29) != 0 || (!sf && scale < 32)) {
            return null;
        }
        int rmode = bits(w, 20, 19);
        int opcode = bits(w, 18, 16);
        int rd = bits(w, 4, 0);
        int rn = bits(w, 9, 5);
        int fbits = 64 - scale;
        if (rmode == 3 && opcode <= 1) {
            int dst = rd == 31 ? ZR_SINK : rd;
            return fp(w, A64Op.FCVT_GEN, InsnClass.ALU, opcode == 0 ? "fcvtzs" : "fcvtzu", dst, rn, ZR, ZR, fbits, f,
                    A64Op.FP_RZ | opcode << 3, sf, 0, x(dst));
        }
        if (rmode == 0 && (opcode == 2 || opcode == 3)) {
            int src = rn == 31 ? ZR : rn;
            return fp(w, A64Op.CVTF_GEN, InsnClass.ALU, opcode == 2 ? "scvtf" : "ucvtf", rd, src, ZR, ZR, fbits, f,
                    (opcode & 1) << 3, sf, x(src), 0);
        }
        return null;
    }

    private static A64Insn intConv(int w) {
        int f = ptype(w);
        boolean sf = w < 0;
        if (f < 0 || bits(w, 29, 29) != 0) {
            return null;
        }
        int rmode = bits(w, 20, 19);
        int opcode = bits(w, 18, 16);
        int rd = bits(w, 4, 0);
        int rn = bits(w, 9, 5);
        if (opcode <= 1 || ((opcode == 4 || opcode == 5) && rmode == 0)) {
            int r = opcode >= 4 ? A64Op.FP_RA : rmode;
            boolean u = (opcode & 1) != 0;
            int dst = rd == 31 ? ZR_SINK : rd;
            return fp(w, A64Op.FCVT_GEN, InsnClass.ALU, "fcvt" + RMODE_CVT[r] + (u ? "u" : "s"), dst, rn, ZR, ZR, 0, f,
                    r | (u ? 8 : 0), sf, 0, x(dst));
        }
        if ((opcode == 2 || opcode == 3) && rmode == 0) {
            int src = rn == 31 ? ZR : rn;
            return fp(w, A64Op.CVTF_GEN, InsnClass.ALU, opcode == 2 ? "scvtf" : "ucvtf", rd, src, ZR, ZR, 0, f,
                    (opcode & 1) << 3, sf, x(src), 0);
        }
        return null; // FMOV to and from general registers: A64SimdDecoder's
    }

    private static final String[] FRINT = {"frintn", "frintp", "frintm", "frintz", "frinta", null, "frintx",
        "frinti"};

    private static A64Insn oneSource(int w) {
        int f = ptype(w);
        if (f < 0 || bits(w, 31, 31) != 0 || bits(w, 29, 29) != 0) {
            return null;
        }
        int opcode = bits(w, 20, 15);
        int rd = bits(w, 4, 0);
        int rn = bits(w, 9, 5);
        return switch (opcode) {
            case 1 -> v(w, A64Op.FABS, "fabs", rd, rn, 0, 0, 0, f, 0, false);
            case 2 -> v(w, A64Op.FNEG, "fneg", rd, rn, 0, 0, 0, f, 0, false);
            case 3 -> v(w, A64Op.FSQRT, "fsqrt", rd, rn, 0, 0, 0, f, 0, false);
            case 4, 5, 7 -> {
                int to = opcode == 4 ? A64Op.FP_S : opcode == 5 ? A64Op.FP_D : A64Op.FP_H;
                yield to == f ? null : v(w, A64Op.FCVT, "fcvt", rd, rn, 0, 0, 0, f, to, false);
            }
            case 8, 9, 10, 11, 12, 14, 15 -> {
                int k = opcode - 8;
                int mode = k <= 4 ? k : k == 6 ? A64Op.FP_RX : A64Op.FP_RI;
                yield v(w, A64Op.FRINT, FRINT[k], rd, rn, 0, 0, 0, f, mode, false);
            }
            default -> null; // FMOV (register) is A64SimdDecoder's; BFCVT, FRINT32/64 are not covered
        };
    }

    private static A64Insn compare(int w) {
        int f = ptype(w);
        if (f < 0 || bits(w, 31, 31) != 0 || bits(w, 29, 29) != 0 || bits(w, 15, 14) != 0 || bits(w, 2, 0) != 0) {
            return null;
        }
        boolean e = bits(w, 4, 4) == 1;
        boolean zero = bits(w, 3, 3) == 1;
        int rm = bits(w, 20, 16);
        if (zero && rm != 0) {
            return null; // Rm is "should be zero"; objdump rejects other values
        }
        return fp(w, A64Op.FCMP, InsnClass.ALU, e ? "fcmpe" : "fcmp", 0, bits(w, 9, 5), rm, 0, 0, f,
                (e ? 1 : 0) | (zero ? 2 : 0), false, 0, FLAGS);
    }

    private static A64Insn immediate(int w) {
        int f = ptype(w);
        if (f < 0 || bits(w, 31, 31) != 0 || bits(w, 29, 29) != 0 || bits(w, 9, 5) != 0) {
            return null;
        }
        int imm8 = bits(w, 20, 13);
        return v(w, A64Op.FMOV_IMM, "fmov", bits(w, 4, 0), 0, 0, 0, expandImm(imm8, f), f, imm8, false);
    }

    /** VFPExpandImm: the bit pattern of format f an 8-bit FMOV immediate stands for. */
    static long expandImm(int imm8, int f) {
        int e = f == A64Op.FP_H ? 5 : f == A64Op.FP_S ? 8 : 11;
        int fb = f == A64Op.FP_H ? 10 : f == A64Op.FP_S ? 23 : 52;
        long sign = imm8 >>> 7 & 1;
        long b6 = imm8 >>> 6 & 1;
        long exp = (b6 ^ 1) << (e - 1) | (b6 == 1 ? ((1L << (e - 3)) - 1) << 2 : 0) | (imm8 >>> 4 & 3);
        long frac = (long) (imm8 & 0xf) << (fb - 4);
        return sign << (e + fb) | exp << fb | frac;
    }

    private static A64Insn condCompare(int w) {
        int f = ptype(w);
        if (f < 0 || bits(w, 31, 31) != 0 || bits(w, 29, 29) != 0) {
            return null;
        }
        boolean e = bits(w, 4, 4) == 1;
        return fp(w, A64Op.FCCMP, InsnClass.ALU, e ? "fccmpe" : "fccmp", 0, bits(w, 9, 5), bits(w, 20, 16), 0,
                (w & 0xf) | (e ? 16 : 0), f, bits(w, 15, 12), false, FLAGS, FLAGS);
    }

    private static final String[] TWO_SOURCE = {"fmul", "fdiv", "fadd", "fsub", "fmax", "fmin", "fmaxnm", "fminnm",
        "fnmul"};
    private static final int[] TWO_SOURCE_OPS = {A64Op.FMUL, A64Op.FDIV, A64Op.FADD, A64Op.FSUB, A64Op.FMAX,
        A64Op.FMIN, A64Op.FMAXNM, A64Op.FMINNM, A64Op.FNMUL};

    private static A64Insn twoSource(int w) {
        int f = ptype(w);
        int opcode = bits(w, 15, 12);
        if (f < 0 || bits(w, 31, 31) != 0 || bits(w, 29, 29) != 0 || opcode > 8) {
            return null;
        }
        return v(w, TWO_SOURCE_OPS[opcode], TWO_SOURCE[opcode], bits(w, 4, 0), bits(w, 9, 5), bits(w, 20, 16), 0, 0,
                f, 0, false);
    }

    private static A64Insn condSelect(int w) {
        int f = ptype(w);
        if (f < 0 || bits(w, 31, 31) != 0 || bits(w, 29, 29) != 0) {
            return null;
        }
        return fp(w, A64Op.FCSEL, InsnClass.ALU, "fcsel", bits(w, 4, 0), bits(w, 9, 5), bits(w, 20, 16), 0, 0, f,
                bits(w, 15, 12), false, FLAGS, 0);
    }

    private static A64Insn threeSource(int w) {
        int f = ptype(w);
        if (f < 0 || bits(w, 31, 31) != 0 || bits(w, 29, 29) != 0) {
            return null;
        }
        int k = bits(w, 21, 21) << 1 | bits(w, 15, 15);
        int op = new int[] {A64Op.FMADD, A64Op.FMSUB, A64Op.FNMADD, A64Op.FNMSUB}[k];
        String mn = new String[] {"fmadd", "fmsub", "fnmadd", "fnmsub"}[k];
        return v(w, op, mn, bits(w, 4, 0), bits(w, 9, 5), bits(w, 20, 16), bits(w, 14, 10), 0, f, 0, false);
    }

    // ---- Advanced SIMD floating point

    /** Vector element format from sz (bit 22), or -1 when a 64-bit vector of doubles is asked for. */
    private static int vfmt(int w, boolean scalar) {
        boolean sz = bits(w, 22, 22) == 1;
        if (sz && !scalar && bits(w, 30, 30) == 0) {
            return -1;
        }
        return sz ? A64Op.FP_D : A64Op.FP_S;
    }

    private static A64Insn threeSame(int w, boolean scalar) {
        int f = vfmt(w, scalar);
        if (f < 0) {
            return null;
        }
        int key = bits(w, 29, 29) << 4 | bits(w, 23, 23) << 3 | bits(w, 13, 11); // U, a, opcode<2:0>
        int op;
        String mn;
        switch (key) {
            case 0b00000 -> { op = A64Op.VFMAXNM; mn = "fmaxnm"; }
            case 0b00001 -> { op = A64Op.VFMLA; mn = "fmla"; }
            case 0b00010 -> { op = A64Op.VFADD; mn = "fadd"; }
            case 0b00011 -> { op = A64Op.VFMULX; mn = "fmulx"; }
            case 0b00100 -> { op = A64Op.VFCMEQ; mn = "fcmeq"; }
            case 0b00110 -> { op = A64Op.VFMAX; mn = "fmax"; }
            case 0b00111 -> { op = A64Op.VFRECPS; mn = "frecps"; }
            case 0b01000 -> { op = A64Op.VFMINNM; mn = "fminnm"; }
            case 0b01001 -> { op = A64Op.VFMLS; mn = "fmls"; }
            case 0b01010 -> { op = A64Op.VFSUB; mn = "fsub"; }
            case 0b01110 -> { op = A64Op.VFMIN; mn = "fmin"; }
            case 0b01111 -> { op = A64Op.VFRSQRTS; mn = "frsqrts"; }
            case 0b10000 -> { op = A64Op.VFMAXNMP; mn = "fmaxnmp"; }
            case 0b10010 -> { op = A64Op.VFADDP; mn = "faddp"; }
            case 0b10011 -> { op = A64Op.VFMUL; mn = "fmul"; }
            case 0b10100 -> { op = A64Op.VFCMGE; mn = "fcmge"; }
            case 0b10101 -> { op = A64Op.VFACGE; mn = "facge"; }
            case 0b10110 -> { op = A64Op.VFMAXP; mn = "fmaxp"; }
            case 0b10111 -> { op = A64Op.VFDIV; mn = "fdiv"; }
            case 0b11000 -> { op = A64Op.VFMINNMP; mn = "fminnmp"; }
            case 0b11010 -> { op = A64Op.VFABD; mn = "fabd"; }
            case 0b11100 -> { op = A64Op.VFCMGT; mn = "fcmgt"; }
            case 0b11101 -> { op = A64Op.VFACGT; mn = "facgt"; }
            case 0b11110 -> { op = A64Op.VFMINP; mn = "fminp"; }
            default -> { return null; }
        }
        if (scalar) {
            boolean ok = switch (op) {
                case A64Op.VFMULX, A64Op.VFCMEQ, A64Op.VFRECPS, A64Op.VFRSQRTS, A64Op.VFCMGE, A64Op.VFACGE,
                        A64Op.VFABD, A64Op.VFCMGT, A64Op.VFACGT -> true;
                default -> false;
            };
            if (!ok) {
                return null;
            }
        }
        return v(w, op, mn, bits(w, 4, 0), bits(w, 9, 5), bits(w, 20, 16), 0, 0, f, scalar ? SCALAR : 0,
                !scalar && bits(w, 30, 30) == 1);
    }

    private static A64Insn twoRegMisc(int w, boolean scalar) {
        int key = bits(w, 29, 29) << 6 | bits(w, 23, 23) << 5 | bits(w, 16, 12); // U, a, opcode
        boolean q = !scalar && bits(w, 30, 30) == 1;
        boolean sz = bits(w, 22, 22) == 1;
        int rd = bits(w, 4, 0);
        int rn = bits(w, 9, 5);
        int sc = scalar ? SCALAR : 0;
        // narrowing and widening: the size is the wider element's
        switch (key) {
            case 0b0010110, 0b1010110 -> {
                boolean xn = key == 0b1010110;
                if (scalar && !(xn && sz)) {
                    return null;
                }
                if (xn && !sz) {
                    return null;
                }
                return v(w, xn ? A64Op.VFCVTXN : A64Op.VFCVTN, (xn ? "fcvtxn" : "fcvtn") + (q ? "2" : ""), rd, rn, 0,
                        0, 0, sz ? A64Op.FP_D : A64Op.FP_S, sc, q);
            }
            case 0b0010111 -> {
                if (scalar) {
                    return null;
                }
                return v(w, A64Op.VFCVTL, q ? "fcvtl2" : "fcvtl", rd, rn, 0, 0, 0, sz ? A64Op.FP_S : A64Op.FP_H, 0, q);
            }
            default -> {
            }
        }
        int f = vfmt(w, scalar);
        if (f < 0) {
            return null;
        }
        int op;
        String mn;
        int b = sc;
        switch (key) {
            case 0b0011000, 0b0011001, 0b0111000, 0b0111001, 0b1011000, 0b1011001, 0b1111001 -> {
                if (scalar) {
                    return null;
                }
                int mode = switch (key) {
                    case 0b0011000 -> A64Op.FP_RN;
                    case 0b0011001 -> A64Op.FP_RM;
                    case 0b0111000 -> A64Op.FP_RP;
                    case 0b0111001 -> A64Op.FP_RZ;
                    case 0b1011000 -> A64Op.FP_RA;
                    case 0b1011001 -> A64Op.FP_RX;
                    default -> A64Op.FP_RI;
                };
                op = A64Op.VFRINT;
                mn = FRINT[mode == A64Op.FP_RX ? 6 : mode == A64Op.FP_RI ? 7 : mode];
                b |= mode;
            }
            case 0b0011010, 0b0011011, 0b0011100, 0b0111010, 0b0111011, 0b1011010, 0b1011011, 0b1011100, 0b1111010,
                    0b1111011 -> {
                boolean u = (key & 0b1000000) != 0;
                int mode = switch (key & 0b0111111) {
                    case 0b0011010 -> A64Op.FP_RN;
                    case 0b0011011 -> A64Op.FP_RM;
                    case 0b0011100 -> A64Op.FP_RA;
                    case 0b0111010 -> A64Op.FP_RP;
                    default -> A64Op.FP_RZ;
                };
                op = A64Op.VFCVT_INT;
                mn = "fcvt" + RMODE_CVT[mode] + (u ? "u" : "s");
                b |= mode | (u ? 8 : 0);
            }
            case 0b0011101, 0b1011101 -> {
                op = A64Op.VCVTF;
                mn = key == 0b0011101 ? "scvtf" : "ucvtf";
                b |= key == 0b0011101 ? 0 : 8;
            }
            case 0b0101100 -> { op = A64Op.VFCMGT0; mn = "fcmgt"; }
            case 0b0101101 -> { op = A64Op.VFCMEQ0; mn = "fcmeq"; }
            case 0b0101110 -> { op = A64Op.VFCMLT0; mn = "fcmlt"; }
            case 0b1101100 -> { op = A64Op.VFCMGE0; mn = "fcmge"; }
            case 0b1101101 -> { op = A64Op.VFCMLE0; mn = "fcmle"; }
            case 0b0101111 -> { op = A64Op.VFABS; mn = "fabs"; }
            case 0b1101111 -> { op = A64Op.VFNEG; mn = "fneg"; }
            case 0b1111111 -> { op = A64Op.VFSQRT; mn = "fsqrt"; }
            case 0b0111101 -> { op = A64Op.VFRECPE; mn = "frecpe"; }
            case 0b1111101 -> { op = A64Op.VFRSQRTE; mn = "frsqrte"; }
            case 0b0111111 -> { op = A64Op.VFRECPX; mn = "frecpx"; }
            default -> { return null; }
        }
        boolean vectorOnly = op == A64Op.VFABS || op == A64Op.VFNEG || op == A64Op.VFSQRT;
        if (scalar ? vectorOnly : op == A64Op.VFRECPX) {
            return null;
        }
        return v(w, op, mn, rd, rn, 0, 0, 0, f, b, q);
    }

    private static A64Insn scalarPairwise(int w) {
        if (bits(w, 29, 29) != 1) {
            return null; // U = 0: ADDP (integer) and the FP16 forms
        }
        int f = bits(w, 22, 22) == 1 ? A64Op.FP_D : A64Op.FP_S;
        int key = bits(w, 23, 23) << 5 | bits(w, 16, 12);
        int op;
        String mn;
        switch (key) {
            case 0b001100 -> { op = A64Op.FMAXNMP_S; mn = "fmaxnmp"; }
            case 0b001101 -> { op = A64Op.FADDP_S; mn = "faddp"; }
            case 0b001111 -> { op = A64Op.FMAXP_S; mn = "fmaxp"; }
            case 0b101100 -> { op = A64Op.FMINNMP_S; mn = "fminnmp"; }
            case 0b101111 -> { op = A64Op.FMINP_S; mn = "fminp"; }
            default -> { return null; }
        }
        return v(w, op, mn, bits(w, 4, 0), bits(w, 9, 5), 0, 0, 0, f, 0, false);
    }

    private static A64Insn acrossLanes(int w) {
        if (bits(w, 29, 29) != 1 || bits(w, 22, 22) != 0 || bits(w, 30, 30) != 1) {
            return null; // only the 4S forms; U = 0 is integer or FP16
        }
        int key = bits(w, 23, 23) << 5 | bits(w, 16, 12);
        int op;
        String mn;
        switch (key) {
            case 0b001100 -> { op = A64Op.FMAXNMV; mn = "fmaxnmv"; }
            case 0b001111 -> { op = A64Op.FMAXV; mn = "fmaxv"; }
            case 0b101100 -> { op = A64Op.FMINNMV; mn = "fminnmv"; }
            case 0b101111 -> { op = A64Op.FMINV; mn = "fminv"; }
            default -> { return null; }
        }
        return v(w, op, mn, bits(w, 4, 0), bits(w, 9, 5), 0, 0, 0, A64Op.FP_S, 0, true);
    }

    private static A64Insn byElement(int w, boolean scalar) {
        int size = bits(w, 23, 22);
        boolean u = bits(w, 29, 29) == 1;
        int opcode = bits(w, 15, 12);
        int op;
        String mn;
        switch (opcode) {
            case 0b0001 -> { op = A64Op.VFMLA_E; mn = "fmla"; }
            case 0b0101 -> { op = A64Op.VFMLS_E; mn = "fmls"; }
            case 0b1001 -> { op = u ? A64Op.VFMULX_E : A64Op.VFMUL_E; mn = u ? "fmulx" : "fmul"; }
            default -> { return null; }
        }
        if ((u && opcode != 0b1001) || size < 2) {
            return null; // FP16 (size 00) not covered
        }
        boolean q = !scalar && bits(w, 30, 30) == 1;
        int index;
        int rm;
        int f;
        if (size == 2) {
            f = A64Op.FP_S;
            index = bits(w, 11, 11) << 1 | bits(w, 21, 21);
            rm = bits(w, 20, 16);
        } else {
            if (bits(w, 21, 21) != 0 || (!scalar && !q)) {
                return null;
            }
            f = A64Op.FP_D;
            index = bits(w, 11, 11);
            rm = bits(w, 20, 16);
        }
        return v(w, op, mn, bits(w, 4, 0), bits(w, 9, 5), rm, 0, index, f, scalar ? SCALAR : 0, q);
    }

    private static A64Insn modifiedImmediate(int w) {
        int cmode = bits(w, 15, 12);
        boolean op = bits(w, 29, 29) == 1;
        boolean q = bits(w, 30, 30) == 1;
        if (cmode != 0b1111 || bits(w, 11, 11) != 0 || (op && !q)) {
            return null; // MOVI/MVNI/ORR/BIC: A64SimdDecoder's; FP16 FMOV not covered
        }
        int imm8 = bits(w, 18, 16) << 5 | bits(w, 9, 5);
        int f = op ? A64Op.FP_D : A64Op.FP_S;
        return v(w, A64Op.VFMOV_IMM, "fmov", bits(w, 4, 0), 0, 0, 0, expandImm(imm8, f), f, imm8, q);
    }

    private static A64Insn shiftImm(int w, boolean scalar) {
        int immh = bits(w, 22, 19);
        int opcode = bits(w, 15, 11);
        if (immh == 0 || (opcode != 0b11100 && opcode != 0b11111) || immh < 4) {
            return null; // immh 001x would be FP16
        }
        boolean q = !scalar && bits(w, 30, 30) == 1;
        int f;
        int esize;
        if (immh >= 8) {
            if (!scalar && !q) {
                return null;
            }
            f = A64Op.FP_D;
            esize = 64;
        } else {
            f = A64Op.FP_S;
            esize = 32;
        }
        int fbits = 2 * esize - (immh << 3 | bits(w, 18, 16));
        boolean u = bits(w, 29, 29) == 1;
        int sc = scalar ? SCALAR : 0;
        if (opcode == 0b11100) {
            return v(w, A64Op.VCVTF, u ? "ucvtf" : "scvtf", bits(w, 4, 0), bits(w, 9, 5), 0, 0, fbits, f,
                    sc | (u ? 8 : 0), q);
        }
        return v(w, A64Op.VFCVT_INT, u ? "fcvtzu" : "fcvtzs", bits(w, 4, 0), bits(w, 9, 5), 0, 0, fbits, f,
                sc | A64Op.FP_RZ | (u ? 8 : 0), q);
    }
}
