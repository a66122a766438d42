package dev.ftracelab.emu.arm64;

import static dev.ftracelab.emu.arm64.A64FpMath.D;
import static dev.ftracelab.emu.arm64.A64FpMath.H;
import static dev.ftracelab.emu.arm64.A64FpMath.S;

import dev.ftracelab.emu.Memory;
import dev.ftracelab.emu.arm64.A64FpMath.Env;
import dev.ftracelab.isa.arm64.A64Insn;
import dev.ftracelab.isa.arm64.A64Op;

/**
 * Semantics of the scalar and vector floating-point ops
 * ({@link dev.ftracelab.isa.arm64.A64Op#isFp}): IEEE 754 arithmetic under FPCR's rounding mode,
 * default-NaN and flush-to-zero controls, with FPSR's cumulative exception flags (the
 * arithmetic itself is {@link A64FpMath}). The interpreter and compiled blocks both call
 * {@link #execute}. Scalar results clear the rest of the vector register; 64-bit vector
 * results clear its upper half, as the architecture does.
 */
final class A64Fp {
    private A64Fp() {
    }

    /** Bit 8 of field b: the SIMD scalar form of a vector op. */
    private static final int SCALAR = 0x100;

    /** Executes {@code i} at {@code pc} on hart {@code h}; returns -1 (no memory access). */
    static long execute(A64Hart h, A64Insn i, long pc, Memory mem) {
        Env e = new Env(h.fpcr());
        int op = i.op();
        if (op < A64Op.VFADD || op >= A64Op.FMAXV && op <= A64Op.FMINNMP_S) {
            scalar(h, i, e);
        } else {
            vector(h, i, e);
        }
        if (e.flags != 0) {
            h.raiseFpsr(e.flags);
        }
        return -1;
    }

    private static long mask(int f) {
        return f == D ? -1L : (1L << (16 << f)) - 1;
    }

    /** The low element of format f of Vn. */
    private static long get(A64Hart h, int n, int f) {
        return n < 32 ? h.v[2 * n] & mask(f) : 0; // rm is ZR in forms without it
    }

    /** Writes a scalar result: the register's other bits are cleared. */
    private static void put(A64Hart h, int n, long value) {
        h.v[2 * n] = value;
        h.v[2 * n + 1] = 0;
    }

    private static int rounding(int code, Env e) {
        return code >= A64Op.FP_RX ? e.rmode : code;
    }

    private static void scalar(A64Hart h, A64Insn i, Env e) {
        int f = i.a();
        long[] r = h.r;
        switch (i.op()) {
            case A64Op.FCMP -> {
                long b = (i.b() & 2) != 0 ? 0 : get(h, i.rm(), f);
                h.setFlags(A64FpMath.compare(f, get(h, i.rn(), f), b, (i.b() & 1) != 0, e));
                return;
            }
            case A64Op.FCCMP -> {
                if (h.holds(i.b())) {
                    h.setFlags(A64FpMath.compare(f, get(h, i.rn(), f), get(h, i.rm(), f), (i.imm() & 16) != 0, e));
                } else {
                    h.setFlags((int) i.imm() & 0xf);
                }
                return;
            }
            case A64Op.FCVT_GEN -> {
                int bits = i.sf() ? 64 : 32;
                r[i.rd()] = A64FpMath.toFixed(f, get(h, i.rn(), f), (int) i.imm(), (i.b() & 8) != 0, bits,
                        i.b() & 7, e);
                return;
            }
            default -> {
            }
        }
        long a = get(h, i.rn(), f);
        long b = get(h, i.rm(), f);
        long res = switch (i.op()) {
            case A64Op.FADD -> A64FpMath.add(f, a, b, false, e);
            case A64Op.FSUB -> A64FpMath.add(f, a, b, true, e);
            case A64Op.FMUL -> A64FpMath.mul(f, a, b, false, e);
            case A64Op.FNMUL -> A64FpMath.mul(f, a, b, false, e) ^ A64FpMath.signBit(f);
            case A64Op.FDIV -> A64FpMath.div(f, a, b, e);
            case A64Op.FMAX -> A64FpMath.maxMin(f, a, b, true, false, e);
            case A64Op.FMIN -> A64FpMath.maxMin(f, a, b, false, false, e);
            case A64Op.FMAXNM -> A64FpMath.maxMin(f, a, b, true, true, e);
            case A64Op.FMINNM -> A64FpMath.maxMin(f, a, b, false, true, e);
            case A64Op.FMADD, A64Op.FMSUB, A64Op.FNMADD, A64Op.FNMSUB -> {
                long sb = A64FpMath.signBit(f);
                long c = get(h, i.ra(), f);
                boolean negProduct = i.op() == A64Op.FMSUB || i.op() == A64Op.FNMADD;
                boolean negAddend = i.op() == A64Op.FNMADD || i.op() == A64Op.FNMSUB;
                yield A64FpMath.fma(f, negAddend ? c ^ sb : c, negProduct ? a ^ sb : a, b, false, e);
            }
            case A64Op.FABS -> a & ~A64FpMath.signBit(f);
            case A64Op.FNEG -> a ^ A64FpMath.signBit(f);
            case A64Op.FSQRT -> A64FpMath.sqrt(f, a, e);
            case A64Op.FCVT -> A64FpMath.convert(f, i.b(), a, e.rmode, e);
            case A64Op.FRINT -> A64FpMath.roundInt(f, a, rounding(i.b(), e), i.b() == A64Op.FP_RX, e);
            case A64Op.FCSEL -> h.holds(i.b()) ? a : b;
            case A64Op.FMOV_IMM -> i.imm();
            case A64Op.CVTF_GEN -> A64FpMath.fromFixed(f, r[i.rn()], (int) i.imm(), (i.b() & 8) != 0,
                    i.sf() ? 64 : 32, e.rmode, e);
            case A64Op.FADDP_S, A64Op.FMAXP_S, A64Op.FMINP_S, A64Op.FMAXNMP_S, A64Op.FMINNMP_S -> {
                long lo = lane(h, i.rn(), f, 0);
                long hi = lane(h, i.rn(), f, 1);
                yield pairOp(i.op(), f, lo, hi, e);
            }
            case A64Op.FMAXV, A64Op.FMINV, A64Op.FMAXNMV, A64Op.FMINNMV -> {
                int pop = switch (i.op()) {
                    case A64Op.FMAXV -> A64Op.FMAXP_S;
                    case A64Op.FMINV -> A64Op.FMINP_S;
                    case A64Op.FMAXNMV -> A64Op.FMAXNMP_S;
                    default -> A64Op.FMINNMP_S;
                };
                // Reduce recursively in halves, as the Arm ARM's Reduce() does
                long x01 = pairOp(pop, f, lane(h, i.rn(), f, 0), lane(h, i.rn(), f, 1), e);
                long x23 = pairOp(pop, f, lane(h, i.rn(), f, 2), lane(h, i.rn(), f, 3), e);
                yield pairOp(pop, f, x01, x23, e);
            }
            default -> throw new IllegalStateException("no semantics for " + i.mnemonic());
        };
        put(h, i.rd(), res);
    }

    private static long pairOp(int op, int f, long a, long b, Env e) {
        return switch (op) {
            case A64Op.FADDP_S -> A64FpMath.add(f, a, b, false, e);
            case A64Op.FMAXP_S -> A64FpMath.maxMin(f, a, b, true, false, e);
            case A64Op.FMINP_S -> A64FpMath.maxMin(f, a, b, false, false, e);
            case A64Op.FMAXNMP_S -> A64FpMath.maxMin(f, a, b, true, true, e);
            default -> A64FpMath.maxMin(f, a, b, false, true, e);
        };
    }

    /** Element k of format f of Vn. */
    private static long lane(A64Hart h, int n, int f, int k) {
        int bits = 16 << f;
        int at = k * bits;
        return h.v[2 * n + (at >>> 6)] >>> (at & 63) & mask(f);
    }

    private static void setLane(long[] out, int f, int k, long value) {
        int bits = 16 << f;
        int at = k * bits;
        long m = mask(f) << (at & 63);
        out[at >>> 6] = (out[at >>> 6] & ~m) | (value & mask(f)) << (at & 63);
    }

    private static void vector(A64Hart h, A64Insn i, Env e) {
        int op = i.op();
        int f = i.a();
        boolean scalar = (i.b() & SCALAR) != 0;
        int lanes = scalar ? 1 : (i.sf() ? 128 : 64) >>> (4 + f);
        long[] out = new long[2];
        switch (op) {
            case A64Op.VFMOV_IMM -> {
                for (int k = 0; k < lanes; k++) {
                    setLane(out, f, k, i.imm());
                }
            }
            case A64Op.VFCVTL -> { // a = the narrow source format, from the upper half for fcvtl2
                int base = i.sf() ? (64 >>> (4 + f)) : 0;
                int n = 64 >>> (4 + f);
                for (int k = 0; k < n; k++) {
                    setLane(out, f + 1, k, A64FpMath.convert(f, f + 1, lane(h, i.rn(), f, base + k), e.rmode, e));
                }
            }
            case A64Op.VFCVTN, A64Op.VFCVTXN -> { // a = the wide source format; fcvtn2 keeps the lower half
                int n = scalar ? 1 : 2 << (D - f);
                int mode = op == A64Op.VFCVTXN ? A64FpMath.RO : e.rmode;
                if (i.sf()) {
                    out[0] = h.v[2 * i.rd()];
                }
                for (int k = 0; k < n; k++) {
                    setLane(out, f - 1, (i.sf() ? n : 0) + k,
                            A64FpMath.convert(f, f - 1, lane(h, i.rn(), f, k), mode, e));
                }
            }
            case A64Op.VFMUL_E, A64Op.VFMLA_E, A64Op.VFMLS_E, A64Op.VFMULX_E -> {
                long m = lane(h, i.rm(), f, (int) i.imm());
                for (int k = 0; k < lanes; k++) {
                    long a = lane(h, i.rn(), f, k);
                    setLane(out, f, k, switch (op) {
                        case A64Op.VFMUL_E -> A64FpMath.mul(f, a, m, false, e);
                        case A64Op.VFMULX_E -> A64FpMath.mul(f, a, m, true, e);
                        case A64Op.VFMLA_E -> A64FpMath.fma(f, lane(h, i.rd(), f, k), a, m, false, e);
                        default -> A64FpMath.fma(f, lane(h, i.rd(), f, k), a ^ A64FpMath.signBit(f), m, false, e);
                    });
                }
            }
            case A64Op.VFADDP, A64Op.VFMAXP, A64Op.VFMINP, A64Op.VFMAXNMP, A64Op.VFMINNMP -> {
                int pop = switch (op) {
                    case A64Op.VFADDP -> A64Op.FADDP_S;
                    case A64Op.VFMAXP -> A64Op.FMAXP_S;
                    case A64Op.VFMINP -> A64Op.FMINP_S;
                    case A64Op.VFMAXNMP -> A64Op.FMAXNMP_S;
                    default -> A64Op.FMINNMP_S;
                };
                int half = lanes / 2;
                for (int k = 0; k < lanes; k++) {
                    int src = k < half ? i.rn() : i.rm();
                    int j = 2 * (k % half);
                    setLane(out, f, k, pairOp(pop, f, lane(h, src, f, j), lane(h, src, f, j + 1), e));
                }
            }
            default -> {
                for (int k = 0; k < lanes; k++) {
                    setLane(out, f, k, element(h, i, f, k, e));
                }
            }
        }
        h.v[2 * i.rd()] = out[0];
        h.v[2 * i.rd() + 1] = out[1];
    }

    private static long ones(int f) {
        return mask(f);
    }

    /** One lane of an element-wise op. */
    private static long element(A64Hart h, A64Insn i, int f, int k, Env e) {
        long a = lane(h, i.rn(), f, k);
        long sb = A64FpMath.signBit(f);
        int bits = 16 << f;
        return switch (i.op()) {
            case A64Op.VFADD -> A64FpMath.add(f, a, lane(h, i.rm(), f, k), false, e);
            case A64Op.VFSUB -> A64FpMath.add(f, a, lane(h, i.rm(), f, k), true, e);
            case A64Op.VFMUL -> A64FpMath.mul(f, a, lane(h, i.rm(), f, k), false, e);
            case A64Op.VFMULX -> A64FpMath.mul(f, a, lane(h, i.rm(), f, k), true, e);
            case A64Op.VFDIV -> A64FpMath.div(f, a, lane(h, i.rm(), f, k), e);
            case A64Op.VFMAX -> A64FpMath.maxMin(f, a, lane(h, i.rm(), f, k), true, false, e);
            case A64Op.VFMIN -> A64FpMath.maxMin(f, a, lane(h, i.rm(), f, k), false, false, e);
            case A64Op.VFMAXNM -> A64FpMath.maxMin(f, a, lane(h, i.rm(), f, k), true, true, e);
            case A64Op.VFMINNM -> A64FpMath.maxMin(f, a, lane(h, i.rm(), f, k), false, true, e);
            case A64Op.VFMLA -> A64FpMath.fma(f, lane(h, i.rd(), f, k), a, lane(h, i.rm(), f, k), false, e);
            case A64Op.VFMLS -> A64FpMath.fma(f, lane(h, i.rd(), f, k), a ^ sb, lane(h, i.rm(), f, k), false, e);
            case A64Op.VFABD -> A64FpMath.add(f, a, lane(h, i.rm(), f, k), true, e) & ~sb;
            case A64Op.VFRECPS -> stepFused(f, a, lane(h, i.rm(), f, k), false, e);
            case A64Op.VFRSQRTS -> stepFused(f, a, lane(h, i.rm(), f, k), true, e);
            case A64Op.VFCMEQ -> A64FpMath.compareLane(f, a, lane(h, i.rm(), f, k), 0, false, e) ? ones(f) : 0;
            case A64Op.VFCMGE -> A64FpMath.compareLane(f, a, lane(h, i.rm(), f, k), 1, false, e) ? ones(f) : 0;
            case A64Op.VFCMGT -> A64FpMath.compareLane(f, a, lane(h, i.rm(), f, k), 2, false, e) ? ones(f) : 0;
            case A64Op.VFACGE -> A64FpMath.compareLane(f, a, lane(h, i.rm(), f, k), 1, true, e) ? ones(f) : 0;
            case A64Op.VFACGT -> A64FpMath.compareLane(f, a, lane(h, i.rm(), f, k), 2, true, e) ? ones(f) : 0;
            case A64Op.VFCMEQ0 -> A64FpMath.compareLane(f, a, 0, 0, false, e) ? ones(f) : 0;
            case A64Op.VFCMGE0 -> A64FpMath.compareLane(f, a, 0, 1, false, e) ? ones(f) : 0;
            case A64Op.VFCMGT0 -> A64FpMath.compareLane(f, a, 0, 2, false, e) ? ones(f) : 0;
            case A64Op.VFCMLE0 -> A64FpMath.compareLane(f, 0, a, 1, false, e) ? ones(f) : 0;
            case A64Op.VFCMLT0 -> A64FpMath.compareLane(f, 0, a, 2, false, e) ? ones(f) : 0;
            case A64Op.VFABS -> a & ~sb;
            case A64Op.VFNEG -> a ^ sb;
            case A64Op.VFSQRT -> A64FpMath.sqrt(f, a, e);
            case A64Op.VFRINT -> A64FpMath.roundInt(f, a, rounding(i.b() & 7, e), (i.b() & 7) == A64Op.FP_RX, e);
            case A64Op.VFCVT_INT -> A64FpMath.toFixed(f, a, (int) i.imm(), (i.b() & 8) != 0, bits, i.b() & 7, e);
            case A64Op.VCVTF -> A64FpMath.fromFixed(f, a, (int) i.imm(), (i.b() & 8) != 0, bits, e.rmode, e);
            case A64Op.VFRECPX -> recpx(f, a, e);
            case A64Op.VFRECPE -> recipEstimate(f, a, e);
            case A64Op.VFRSQRTE -> rsqrtEstimate(f, a, e);
            default -> throw new IllegalStateException("no semantics for " + i.mnemonic());
        };
    }

    /** FRECPS (2 - a*b) and FRSQRTS ((3 - a*b) / 2), fused; infinity times zero gives 2 or 1.5. */
    private static long stepFused(int f, long a, long b, boolean rsqrt, Env e) {
        a = A64FpMath.flush(a, f, e) ^ A64FpMath.signBit(f);
        b = A64FpMath.flush(b, f, e);
        if (A64FpMath.isNaN(a, f) || A64FpMath.isNaN(b, f)) {
            return A64FpMath.nan2(a, b, f, e);
        }
        boolean infZero = A64FpMath.isInf(a, f) && A64FpMath.isZero(b, f)
                || A64FpMath.isZero(a, f) && A64FpMath.isInf(b, f);
        if (infZero) {
            return rsqrt ? onePointFive(f) : A64FpMath.two(f, false);
        }
        long c = rsqrt ? three(f) : A64FpMath.two(f, false);
        return A64FpMath.fma(f, c, a, b, rsqrt, e);
    }

    private static long onePointFive(int f) {
        return (long) A64FpMath.bias(f) << A64FpMath.fracBits(f) | 1L << (A64FpMath.fracBits(f) - 1);
    }

    private static long three(int f) {
        return (long) (A64FpMath.bias(f) + 1) << A64FpMath.fracBits(f) | 1L << (A64FpMath.fracBits(f) - 1);
    }

    /** FRECPX: the exponent inverted, fraction zero (NaNs processed, zero gives the largest exponent). */
    private static long recpx(int f, long a, Env e) {
        a = A64FpMath.flush(a, f, e);
        if (A64FpMath.isNaN(a, f)) {
            return A64FpMath.nan1(a, f, e);
        }
        long sign = a & A64FpMath.signBit(f);
        long exp = (a & A64FpMath.expMask(f)) >>> A64FpMath.fracBits(f);
        long maxExp = (1L << A64FpMath.expBits(f)) - 1;
        long ne = exp == 0 ? maxExp - 1 : ~exp & maxExp;
        return sign | ne << A64FpMath.fracBits(f);
    }

    /** The top 52 fraction bits of a single or double, and its biased exponent. */
    private static long fraction52(int f, long a) {
        return f == D ? a & 0x000f_ffff_ffff_ffffL : (a & 0x7f_ffffL) << 29;
    }

    private static int biasedExp(int f, long a) {
        return (int) ((a & A64FpMath.expMask(f)) >>> A64FpMath.fracBits(f));
    }

    /** FPRecipEstimate (8-bit estimate, no FEAT_RPRES). */
    private static long recipEstimate(int f, long a, Env e) {
        a = A64FpMath.flush(a, f, e);
        boolean neg = A64FpMath.neg(a, f);
        if (A64FpMath.isNaN(a, f)) {
            return A64FpMath.nan1(a, f, e);
        }
        if (A64FpMath.isInf(a, f)) {
            return A64FpMath.zero(f, neg);
        }
        if (A64FpMath.isZero(a, f)) {
            e.flags |= A64FpMath.DZC;
            return A64FpMath.infinity(f, neg);
        }
        double mag = Math.abs(A64FpMath.toDouble(a, f));
        if (mag < (f == D ? 0x1p-1024 : 0x1p-128)) {
            boolean toInf = switch (e.rmode) {
                case A64FpMath.RN -> true;
                case A64FpMath.RP -> !neg;
                case A64FpMath.RM -> neg;
                default -> false;
            };
            e.flags |= A64FpMath.OFC | A64FpMath.IXC;
            long max = A64FpMath.expMask(f) - (1L << A64FpMath.fracBits(f)) | A64FpMath.fracMask(f);
            return toInf ? A64FpMath.infinity(f, neg) : max | A64FpMath.zero(f, neg);
        }
        if (e.fz && mag >= (f == D ? 0x1p1022 : 0x1p126)) {
            e.flags |= A64FpMath.UFC;
            return A64FpMath.zero(f, neg);
        }
        long fraction = fraction52(f, a);
        int exp = biasedExp(f, a);
        if (exp == 0) {
            if ((fraction >>> 51 & 1) == 0) {
                exp = -1;
                fraction = (fraction << 2) & ((1L << 52) - 1);
            } else {
                fraction = (fraction << 1) & ((1L << 52) - 1);
            }
        }
        int scaled = (int) (256 | fraction >>> 44);
        int resultExp = (f == D ? 2045 : 253) - exp;
        int x = scaled * 2 + 1;
        int est = ((1 << 19) / x + 1) / 2;
        long frac = (long) (est & 0xff) << 44;
        if (resultExp == 0) {
            frac = 1L << 51 | frac >>> 1;
        } else if (resultExp == -1) {
            frac = 1L << 50 | frac >>> 2;
            resultExp = 0;
        }
        return A64FpMath.zero(f, neg) | (long) resultExp << A64FpMath.fracBits(f)
                | frac >>> (52 - A64FpMath.fracBits(f));
    }

    /** FPRSqrtEstimate (8-bit estimate, no FEAT_RPRES). */
    private static long rsqrtEstimate(int f, long a, Env e) {
        a = A64FpMath.flush(a, f, e);
        boolean neg = A64FpMath.neg(a, f);
        if (A64FpMath.isNaN(a, f)) {
            return A64FpMath.nan1(a, f, e);
        }
        if (A64FpMath.isZero(a, f)) {
            e.flags |= A64FpMath.DZC;
            return A64FpMath.infinity(f, neg);
        }
        if (neg) {
            return A64FpMath.invalid(f, e);
        }
        if (A64FpMath.isInf(a, f)) {
            return 0;
        }
        long fraction = fraction52(f, a);
        int exp = biasedExp(f, a);
        if (exp == 0) {
            while ((fraction >>> 51 & 1) == 0) {
                fraction = (fraction << 1) & ((1L << 52) - 1);
                exp--;
            }
            fraction = (fraction << 1) & ((1L << 52) - 1);
        }
        int scaled = (exp & 1) == 0 ? (int) (256 | fraction >>> 44) : (int) (128 | fraction >>> 45);
        int resultExp = ((f == D ? 3068 : 380) - exp) / 2;
        int x = scaled < 256 ? scaled * 2 + 1 : ((scaled >> 1) << 1) + 1 << 1;
        long b = 512;
        while ((long) x * (b + 1) * (b + 1) < 1L << 28) {
            b++;
        }
        long est = (b + 1) / 2;
        return (long) resultExp << A64FpMath.fracBits(f) | (est & 0xff) << (A64FpMath.fracBits(f) - 8);
    }

    static {
        assert H == 0 && S == 1 && D == 2 && A64Op.FP_H == H && A64Op.FP_S == S && A64Op.FP_D == D;
    }
}
