package dev.ftracelab.isa.arm64;

import java.util.Locale;

/**
 * Prints scalar and vector floating-point ops as objdump does; {@link A64Disassembler#format}
 * delegates here for {@link A64Op#isFp} ops. The decoder stores the full mnemonic, so this
 * class only lays out operands: scalar registers ({@code s0}), vector arrangements
 * ({@code v0.4s}), elements ({@code v2.s[1]}) and immediates ({@code #1.000000000000000000e+00}).
 *
 * <pre>{@code
 * A64FpDisassembler.format(0, A64Decoder.decode(0, 0x1e622820));   // "fadd\td0, d1, d2"
 * }</pre>
 */
final class A64FpDisassembler {
    private A64FpDisassembler() {
    }

    private static final char[] LETTER = {'h', 's', 'd'};

    static String format(long pc, A64Insn i) {
        int f = i.a();
        String mn = i.mnemonic();
        boolean scalar = (i.b() & A64FpDecoder.SCALAR) != 0;
        String d = s(f, i.rd());
        String n = s(f, i.rn());
        String m = s(f, i.rm());
        return switch (i.op()) {
            case A64Op.FADD, A64Op.FSUB, A64Op.FMUL, A64Op.FDIV, A64Op.FNMUL, A64Op.FMAX, A64Op.FMIN, A64Op.FMAXNM,
                    A64Op.FMINNM -> mn + "\t" + d + ", " + n + ", " + m;
            case A64Op.FMADD, A64Op.FMSUB, A64Op.FNMADD, A64Op.FNMSUB ->
                    mn + "\t" + d + ", " + n + ", " + m + ", " + s(f, i.ra());
            case A64Op.FABS, A64Op.FNEG, A64Op.FSQRT, A64Op.FRINT -> mn + "\t" + d + ", " + n;
            case A64Op.FCVT -> mn + "\t" + s(i.b(), i.rd()) + ", " + n;
            case A64Op.FCMP -> mn + "\t" + n + ", " + ((i.b() & 2) != 0 ? "#0.0" : m);
            case A64Op.FCCMP -> mn + "\t" + n + ", " + m + ", " + A64Disassembler.hex(i.imm() & 0xf) + ", "
                    + A64Disassembler.COND[i.b()];
            case A64Op.FCSEL -> mn + "\t" + d + ", " + n + ", " + m + ", " + A64Disassembler.COND[i.b()];
            case A64Op.FMOV_IMM -> mn + "\t" + d + ", " + imm(i.imm(), f);
            case A64Op.FCVT_GEN -> mn + "\t" + A64Disassembler.r(i.rd(), i.sf()) + ", " + n + fbits(i);
            case A64Op.CVTF_GEN -> mn + "\t" + d + ", " + A64Disassembler.r(i.rn(), i.sf()) + fbits(i);
            case A64Op.VFMOV_IMM -> mn + "\t" + vec(i.rd(), f, i.sf()) + ", " + imm(i.imm(), f);
            case A64Op.VFCMEQ0, A64Op.VFCMGE0, A64Op.VFCMGT0, A64Op.VFCMLE0, A64Op.VFCMLT0 ->
                    mn + "\t" + (scalar ? d + ", " + n : vec(i.rd(), f, i.sf()) + ", " + vec(i.rn(), f, i.sf()))
                            + ", #0.0";
            case A64Op.VFCVTL -> mn + "\t" + vec(i.rd(), f + 1, true) + ", " + vec(i.rn(), f, i.sf());
            case A64Op.VFCVTN, A64Op.VFCVTXN -> scalar ? mn + "\t" + s(f - 1, i.rd()) + ", " + n
                    : mn + "\t" + vec(i.rd(), f - 1, i.sf()) + ", " + vec(i.rn(), f, true);
            case A64Op.VFMUL_E, A64Op.VFMLA_E, A64Op.VFMLS_E, A64Op.VFMULX_E -> mn + "\t"
                    + (scalar ? d + ", " + n : vec(i.rd(), f, i.sf()) + ", " + vec(i.rn(), f, i.sf())) + ", v"
                    + i.rm() + "." + LETTER[f] + "[" + i.imm() + "]";
            case A64Op.FMAXV, A64Op.FMINV, A64Op.FMAXNMV, A64Op.FMINNMV -> mn + "\t" + d + ", " + vec(i.rn(), f, true);
            case A64Op.FADDP_S, A64Op.FMAXP_S, A64Op.FMINP_S, A64Op.FMAXNMP_S, A64Op.FMINNMP_S ->
                    mn + "\t" + d + ", " + vec(i.rn(), f, f == A64Op.FP_D);
            case A64Op.VFABS, A64Op.VFNEG, A64Op.VFSQRT, A64Op.VFRINT, A64Op.VFCVT_INT, A64Op.VCVTF, A64Op.VFRECPE,
                    A64Op.VFRSQRTE, A64Op.VFRECPX -> mn + "\t"
                    + (scalar ? d + ", " + n : vec(i.rd(), f, i.sf()) + ", " + vec(i.rn(), f, i.sf())) + fbits(i);
            default -> { // three same
                if (!A64Op.isFp(i.op())) {
                    throw new IllegalStateException("no format for op " + i.op());
                }
                yield mn + "\t" + (scalar ? d + ", " + n + ", " + m
                        : vec(i.rd(), f, i.sf()) + ", " + vec(i.rn(), f, i.sf()) + ", " + vec(i.rm(), f, i.sf()));
            }
        };
    }

    /** A scalar register of format f: h0, s0, d0. */
    private static String s(int f, int reg) {
        return LETTER[f] + Integer.toString(reg);
    }

    /** A vector register with the arrangement of format f: v0.4s, v0.2d, v0.4h/8h. */
    private static String vec(int reg, int f, boolean q) {
        String arr = switch (f) {
            case A64Op.FP_H -> q ? "8h" : "4h";
            case A64Op.FP_S -> q ? "4s" : "2s";
            default -> q ? "2d" : "1d";
        };
        return "v" + reg + "." + arr;
    }

    private static String fbits(A64Insn i) {
        boolean fixed = switch (i.op()) {
            case A64Op.FCVT_GEN, A64Op.CVTF_GEN, A64Op.VFCVT_INT, A64Op.VCVTF -> i.imm() != 0;
            default -> false;
        };
        return fixed ? ", #" + i.imm() : "";
    }

    /** An FP immediate as objdump prints it: {@code %.18e} of its value. */
    private static String imm(long bits, int f) {
        double v = switch (f) {
            case A64Op.FP_D -> Double.longBitsToDouble(bits);
            case A64Op.FP_S -> Float.intBitsToFloat((int) bits);
            default -> Double.longBitsToDouble(A64FpDecoder.expandImm(imm8OfHalf(bits), A64Op.FP_D));
        };
        return "#" + String.format(Locale.ROOT, "%.18e", v);
    }

    /** The imm8 a half-precision FMOV immediate came from (its value equals the double's). */
    private static int imm8OfHalf(long bits) {
        int sign = (int) (bits >>> 15 & 1);
        int b6 = (int) (bits >>> 13 & 1);
        int e = (int) (bits >>> 10 & 3);
        int frac = (int) (bits >>> 6 & 0xf);
        return sign << 7 | b6 << 6 | e << 4 | frac;
    }
}
