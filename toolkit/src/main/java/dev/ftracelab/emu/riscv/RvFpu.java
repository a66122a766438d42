package dev.ftracelab.emu.riscv;

import static dev.ftracelab.isa.riscv.RvExec.*;

import dev.ftracelab.emu.Memory;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.DecodeException;
import dev.ftracelab.isa.riscv.RvInsn;
import java.math.BigInteger;

/**
 * The F and D state of one hart (32 f registers of 64 bits, {@code fflags}, {@code frm}) and
 * the semantics of every F and D instruction, bit-exact with the RISC-V spec (and so with
 * qemu): all five rounding modes and the dynamic one, the five exception flags with tininess
 * detected after rounding, the canonical NaN for every NaN result (no payload propagation),
 * NaN boxing of singles (a single whose upper 32 bits are not all ones reads as the canonical
 * NaN), saturating conversions to integers, IEEE 754-2019 minimumNumber/maximumNumber.
 *
 * <p>Java computes only round-to-nearest-even, so results take one of two paths: a fast one
 * for round-to-nearest results well inside the normal range, where the JVM's result is the
 * correctly rounded one and an error-free transform (TwoSum, an FMA residual) tells whether it
 * was exact; and an exact one on {@link BigInteger} significands for everything else (directed
 * rounding, subnormal or overflowing results, fused multiply-add).
 *
 * <pre>{@code
 * RvFpu fpu = new RvFpu();
 * long q = fpu.div(RvFpu.D, Double.doubleToRawLongBits(1), Double.doubleToRawLongBits(3), RvFpu.RUP);
 * fpu.fflags;   // NX
 * }</pre>
 */
final class RvFpu {
    /** Exception flags, as in {@code fflags}. */
    static final int NX = 1, UF = 2, OF = 4, DZ = 8, NV = 16;
    /** Rounding modes, as in {@code frm} and an instruction's rm field (7: use frm). */
    static final int RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4, DYN = 7;

    /** A binary interchange format: width in bits, precision p (hidden bit included), exponent bias. */
    record Format(int width, int p, int bias) {
        int emin() {
            return 1 - bias;
        }

        long signBit() {
            return 1L << (width - 1);
        }

        long fracMask() {
            return (1L << (p - 1)) - 1;
        }

        int expField(long bits) {
            return (int) (bits >>> (p - 1)) & (2 * bias + 1);
        }

        long canonicalNaN() {
            return (long) (2 * bias + 1) << (p - 1) | 1L << (p - 2);
        }

        long inf(boolean neg) {
            return (neg ? signBit() : 0) | (long) (2 * bias + 1) << (p - 1);
        }

        long maxFinite(boolean neg) {
            return inf(neg) - 1;
        }
    }

    static final Format S = new Format(32, 24, 127);
    static final Format D = new Format(64, 53, 1023);
    private static final long BOX = 0xffffffff00000000L;

    /** f0..f31; a single lives NaN-boxed in the low half. */
    final long[] f = new long[32];
    /** The accrued exception flags (fcsr bits 4:0). */
    int fflags;
    /** The dynamic rounding mode (fcsr bits 7:5); 5..7 are invalid and make dynamic-rm ops illegal. */
    int frm;

    // ---- execution ----

    /**
     * Executes one F or D instruction on hart {@code h} (x registers {@code r}); returns the
     * effective address of a load or store, else -1.
     *
     * @throws DecodeException (an illegal instruction) for a reserved rounding mode, or the
     *                         dynamic one while {@code frm} holds a reserved value
     */
    static long execute(RvHart h, long[] r, RvInsn i, long pc, Memory mem) {
        RvFpu u = h.fpu();
        long[] f = u.f;
        int rd = i.rd();
        long a = f[i.rs1()];
        long b = f[i.rs2()];
        switch (i.execId()) {
            case FLW -> {
                long addr = r[i.rs1()] + i.imm();
                f[rd] = BOX | (mem.load32(addr) & 0xffffffffL);
                return addr;
            }
            case FLD -> {
                long addr = r[i.rs1()] + i.imm();
                f[rd] = mem.load64(addr);
                return addr;
            }
            case FSW -> {
                long addr = r[i.rs1()] + i.imm();
                mem.store32(addr, (int) b);
                return addr;
            }
            case FSD -> {
                long addr = r[i.rs1()] + i.imm();
                mem.store64(addr, b);
                return addr;
            }
            case FADD_S -> f[rd] = box(u.add(S, unbox(a), unbox(b), u.rm(i, pc)));
            case FSUB_S -> f[rd] = box(u.add(S, unbox(a), unbox(b) ^ S.signBit(), u.rm(i, pc)));
            case FMUL_S -> f[rd] = box(u.mul(S, unbox(a), unbox(b), u.rm(i, pc)));
            case FDIV_S -> f[rd] = box(u.div(S, unbox(a), unbox(b), u.rm(i, pc)));
            case FSQRT_S -> f[rd] = box(u.sqrt(S, unbox(a), u.rm(i, pc)));
            case FADD_D -> f[rd] = u.add(D, a, b, u.rm(i, pc));
            case FSUB_D -> f[rd] = u.add(D, a, b ^ D.signBit(), u.rm(i, pc));
            case FMUL_D -> f[rd] = u.mul(D, a, b, u.rm(i, pc));
            case FDIV_D -> f[rd] = u.div(D, a, b, u.rm(i, pc));
            case FSQRT_D -> f[rd] = u.sqrt(D, a, u.rm(i, pc));
            case FMADD_S, FMSUB_S, FNMSUB_S, FNMADD_S -> {
                int op = i.execId();
                long c = unbox(f[(int) (i.imm() >>> 3)]);
                f[rd] = box(u.fma(S, unbox(a), unbox(b), c, op == FNMSUB_S || op == FNMADD_S,
                        op == FMSUB_S || op == FNMADD_S, u.rm(i, pc)));
            }
            case FMADD_D, FMSUB_D, FNMSUB_D, FNMADD_D -> {
                int op = i.execId();
                long c = f[(int) (i.imm() >>> 3)];
                f[rd] = u.fma(D, a, b, c, op == FNMSUB_D || op == FNMADD_D, op == FMSUB_D || op == FNMADD_D,
                        u.rm(i, pc));
            }
            case FSGNJ_S -> f[rd] = box(sgnj(S, unbox(a), unbox(b), 0));
            case FSGNJN_S -> f[rd] = box(sgnj(S, unbox(a), unbox(b), 1));
            case FSGNJX_S -> f[rd] = box(sgnj(S, unbox(a), unbox(b), 2));
            case FSGNJ_D -> f[rd] = sgnj(D, a, b, 0);
            case FSGNJN_D -> f[rd] = sgnj(D, a, b, 1);
            case FSGNJX_D -> f[rd] = sgnj(D, a, b, 2);
            case FMIN_S -> f[rd] = box(u.minMax(S, unbox(a), unbox(b), false));
            case FMAX_S -> f[rd] = box(u.minMax(S, unbox(a), unbox(b), true));
            case FMIN_D -> f[rd] = u.minMax(D, a, b, false);
            case FMAX_D -> f[rd] = u.minMax(D, a, b, true);
            case FCVT_W_S -> set(r, rd, u.toInt(value(S, unbox(a)), u.rm(i, pc), true, false));
            case FCVT_WU_S -> set(r, rd, u.toInt(value(S, unbox(a)), u.rm(i, pc), true, true));
            case FCVT_L_S -> set(r, rd, u.toInt(value(S, unbox(a)), u.rm(i, pc), false, false));
            case FCVT_LU_S -> set(r, rd, u.toInt(value(S, unbox(a)), u.rm(i, pc), false, true));
            case FCVT_W_D -> set(r, rd, u.toInt(value(D, a), u.rm(i, pc), true, false));
            case FCVT_WU_D -> set(r, rd, u.toInt(value(D, a), u.rm(i, pc), true, true));
            case FCVT_L_D -> set(r, rd, u.toInt(value(D, a), u.rm(i, pc), false, false));
            case FCVT_LU_D -> set(r, rd, u.toInt(value(D, a), u.rm(i, pc), false, true));
            case FCVT_S_W -> f[rd] = box(u.fromInt(S, (int) r[i.rs1()], false, u.rm(i, pc)));
            case FCVT_S_WU -> f[rd] = box(u.fromInt(S, r[i.rs1()] & 0xffffffffL, false, u.rm(i, pc)));
            case FCVT_S_L -> f[rd] = box(u.fromInt(S, r[i.rs1()], false, u.rm(i, pc)));
            case FCVT_S_LU -> f[rd] = box(u.fromInt(S, r[i.rs1()], true, u.rm(i, pc)));
            case FCVT_D_W -> f[rd] = u.fromInt(D, (int) r[i.rs1()], false, u.rm(i, pc));
            case FCVT_D_WU -> f[rd] = u.fromInt(D, r[i.rs1()] & 0xffffffffL, false, u.rm(i, pc));
            case FCVT_D_L -> f[rd] = u.fromInt(D, r[i.rs1()], false, u.rm(i, pc));
            case FCVT_D_LU -> f[rd] = u.fromInt(D, r[i.rs1()], true, u.rm(i, pc));
            case FCVT_S_D -> f[rd] = box(u.narrow(a, u.rm(i, pc)));
            case FCVT_D_S -> {
                u.rm(i, pc); // exact, but a reserved rm is still illegal
                f[rd] = u.widen(unbox(a));
            }
            case FMV_X_W -> set(r, rd, (int) a);
            case FMV_W_X -> f[rd] = box(r[i.rs1()]);
            case FMV_X_D -> set(r, rd, a);
            case FMV_D_X -> f[rd] = r[i.rs1()];
            case FEQ_S -> set(r, rd, u.compare(S, unbox(a), unbox(b), 0));
            case FLT_S -> set(r, rd, u.compare(S, unbox(a), unbox(b), 1));
            case FLE_S -> set(r, rd, u.compare(S, unbox(a), unbox(b), 2));
            case FEQ_D -> set(r, rd, u.compare(D, a, b, 0));
            case FLT_D -> set(r, rd, u.compare(D, a, b, 1));
            case FLE_D -> set(r, rd, u.compare(D, a, b, 2));
            case FCLASS_S -> set(r, rd, classify(S, unbox(a)));
            case FCLASS_D -> set(r, rd, classify(D, a));
            default -> throw new IllegalStateException("not an F or D op: " + i.op());
        }
        return -1;
    }

    private static void set(long[] r, int rd, long v) {
        if (rd != 0) {
            r[rd] = v;
        }
    }

    /** The effective rounding mode of {@code i}; an illegal instruction if reserved. */
    private int rm(RvInsn i, long pc) {
        int rm = (int) (i.imm() & 7);
        if (rm == DYN) {
            rm = frm;
        }
        if (rm > RMM) {
            throw new DecodeException(Arch.RISCV64, pc, i.word(), "rounding mode " + rm + " is reserved");
        }
        return rm;
    }

    /** Whether a dynamic rounding mode is usable now (compiled blocks run only then). */
    boolean frmValid() {
        return frm <= RMM;
    }

    static long box(long single) {
        return BOX | (single & 0xffffffffL);
    }

    /** The single in an f register: its low half if properly NaN-boxed, else the canonical NaN. */
    static long unbox(long reg) {
        return (reg & BOX) == BOX ? reg & 0xffffffffL : S.canonicalNaN();
    }

    /** The value of S or D bits as a double (exact for S). */
    private static double value(Format fmt, long bits) {
        return fmt == D ? Double.longBitsToDouble(bits) : Float.intBitsToFloat((int) bits);
    }

    private static long bitsOf(Format fmt, double v) {
        return fmt == D ? Double.doubleToRawLongBits(v) : Float.floatToRawIntBits((float) v) & 0xffffffffL;
    }

    // ---- classification ----

    private static boolean isNaN(Format fmt, long x) {
        return fmt.expField(x) == 2 * fmt.bias() + 1 && (x & fmt.fracMask()) != 0;
    }

    private static boolean isSignaling(Format fmt, long x) {
        return isNaN(fmt, x) && (x & 1L << (fmt.p() - 2)) == 0;
    }

    private static boolean isInf(Format fmt, long x) {
        return fmt.expField(x) == 2 * fmt.bias() + 1 && (x & fmt.fracMask()) == 0;
    }

    private static boolean isZero(Format fmt, long x) {
        return (x & (fmt.signBit() - 1)) == 0;
    }

    private static boolean negative(Format fmt, long x) {
        return (x & fmt.signBit()) != 0;
    }

    /** FCLASS: one bit of ten. */
    static long classify(Format fmt, long x) {
        boolean neg = negative(fmt, x);
        if (isNaN(fmt, x)) {
            return isSignaling(fmt, x) ? 1 << 8 : 1 << 9;
        }
        if (isInf(fmt, x)) {
            return neg ? 1 : 1 << 7;
        }
        if (isZero(fmt, x)) {
            return neg ? 1 << 3 : 1 << 4;
        }
        boolean subnormal = fmt.expField(x) == 0;
        return neg ? (subnormal ? 1 << 2 : 1 << 1) : (subnormal ? 1 << 5 : 1 << 6);
    }

    /** The canonical NaN, with NV if any operand is a signaling NaN. */
    private long nan(Format fmt, long... operands) {
        for (long x : operands) {
            if (isSignaling(fmt, x)) {
                fflags |= NV;
            }
        }
        return fmt.canonicalNaN();
    }

    private long invalid(Format fmt) {
        fflags |= NV;
        return fmt.canonicalNaN();
    }

    // ---- sign injection, min/max, compares ----

    /** FSGNJ (kind 0), FSGNJN (1), FSGNJX (2): no flags, NaNs pass through. */
    static long sgnj(Format fmt, long a, long b, int kind) {
        long sign = fmt.signBit();
        long s = switch (kind) {
            case 0 -> b & sign;
            case 1 -> ~b & sign;
            default -> (a ^ b) & sign;
        };
        return a & ~sign | s;
    }

    /** IEEE 754-2019 minimumNumber / maximumNumber, with -0 below +0. */
    long minMax(Format fmt, long a, long b, boolean max) {
        boolean na = isNaN(fmt, a);
        boolean nb = isNaN(fmt, b);
        if (na || nb) {
            long n = nan(fmt, a, b);
            return na && nb ? n : na ? b : a;
        }
        double x = value(fmt, a);
        double y = value(fmt, b);
        if (x == y) { // equal, or zeros of either sign
            return max ? (negative(fmt, a) ? b : a) : (negative(fmt, a) ? a : b);
        }
        return (x < y) != max ? a : b;
    }

    /** FEQ (kind 0, quiet), FLT (1) and FLE (2, signaling). */
    long compare(Format fmt, long a, long b, int kind) {
        if (isNaN(fmt, a) || isNaN(fmt, b)) {
            if (kind == 0) {
                nan(fmt, a, b);
            } else {
                fflags |= NV;
            }
            return 0;
        }
        double x = value(fmt, a);
        double y = value(fmt, b);
        return switch (kind) {
            case 0 -> x == y ? 1 : 0;
            case 1 -> x < y ? 1 : 0;
            default -> x <= y ? 1 : 0;
        };
    }

    // ---- arithmetic ----

    /** Lower and upper bounds of the fast path's results (and of a dividend or radicand). */
    private static final double FAST_MIN = 0x1p-900;
    private static final double FAST_MAX = 0x1p900;

    /** Whether a round-to-nearest result r of format fmt can be taken from the JVM. */
    private static boolean fast(Format fmt, double r) {
        double m = Math.abs(r);
        return fmt == D ? m >= FAST_MIN && m <= FAST_MAX : m >= 0x1p-126 && m < 0x1p127;
    }

    /**
     * The single or double result of a round-to-nearest double computation {@code r} that was
     * exact iff {@code exact}: singles are rounded once more (innocuous for +, -, *, /, sqrt,
     * whose double result has more than 2p + 2 bits).
     */
    private long finish(Format fmt, double r, boolean exact) {
        if (fmt == D) {
            if (!exact) {
                fflags |= NX;
            }
            return Double.doubleToRawLongBits(r);
        }
        float s = (float) r;
        if (!exact || s != r) {
            fflags |= NX;
        }
        return Float.floatToRawIntBits(s) & 0xffffffffL;
    }

    long add(Format fmt, long a, long b, int rm) {
        if (rm == RNE) {
            double x = value(fmt, a);
            double y = value(fmt, b);
            double s = x + y;
            if (fast(fmt, fmt == S ? (float) s : s)) {
                double bb = s - x; // TwoSum: the exact error of s
                double err = (x - (s - bb)) + (y - bb);
                return finish(fmt, s, err == 0);
            }
        }
        if (isNaN(fmt, a) || isNaN(fmt, b)) {
            return nan(fmt, a, b);
        }
        boolean sa = negative(fmt, a);
        boolean sb = negative(fmt, b);
        if (isInf(fmt, a)) {
            return isInf(fmt, b) && sa != sb ? invalid(fmt) : a;
        }
        if (isInf(fmt, b)) {
            return b;
        }
        if (isZero(fmt, a) && isZero(fmt, b)) {
            return sa == sb ? a : zero(fmt, rm == RDN);
        }
        if (isZero(fmt, a)) {
            return b;
        }
        if (isZero(fmt, b)) {
            return a;
        }
        int ea = exponent(fmt, a);
        int eb = exponent(fmt, b);
        int e = Math.min(ea, eb);
        BigInteger x = BigInteger.valueOf(significand(fmt, a)).shiftLeft(ea - e);
        BigInteger y = BigInteger.valueOf(significand(fmt, b)).shiftLeft(eb - e);
        BigInteger sum = (sa ? x.negate() : x).add(sb ? y.negate() : y);
        if (sum.signum() == 0) {
            return zero(fmt, rm == RDN);
        }
        return round(fmt, sum.signum() < 0, sum.abs(), e, false, rm);
    }

    long mul(Format fmt, long a, long b, int rm) {
        if (rm == RNE) {
            double x = value(fmt, a);
            double y = value(fmt, b);
            double p = x * y;
            if (fast(fmt, p)) {
                return finish(fmt, p, fmt == S || Math.fma(x, y, -p) == 0); // a single product is exact in double
            }
        }
        if (isNaN(fmt, a) || isNaN(fmt, b)) {
            return nan(fmt, a, b);
        }
        boolean neg = negative(fmt, a) != negative(fmt, b);
        if (isInf(fmt, a) || isInf(fmt, b)) {
            return isZero(fmt, a) || isZero(fmt, b) ? invalid(fmt) : fmt.inf(neg);
        }
        if (isZero(fmt, a) || isZero(fmt, b)) {
            return zero(fmt, neg);
        }
        BigInteger p = BigInteger.valueOf(significand(fmt, a)).multiply(BigInteger.valueOf(significand(fmt, b)));
        return round(fmt, neg, p, exponent(fmt, a) + exponent(fmt, b), false, rm);
    }

    long div(Format fmt, long a, long b, int rm) {
        if (rm == RNE) {
            double x = value(fmt, a);
            double y = value(fmt, b);
            double q = x / y;
            if (fast(fmt, q) && Math.abs(x) >= FAST_MIN && Math.abs(x) <= FAST_MAX) {
                return finish(fmt, q, Math.fma(-q, y, x) == 0);
            }
        }
        if (isNaN(fmt, a) || isNaN(fmt, b)) {
            return nan(fmt, a, b);
        }
        boolean neg = negative(fmt, a) != negative(fmt, b);
        if (isInf(fmt, a)) {
            return isInf(fmt, b) ? invalid(fmt) : fmt.inf(neg);
        }
        if (isInf(fmt, b)) {
            return zero(fmt, neg);
        }
        if (isZero(fmt, b)) {
            if (isZero(fmt, a)) {
                return invalid(fmt);
            }
            fflags |= DZ;
            return fmt.inf(neg);
        }
        if (isZero(fmt, a)) {
            return zero(fmt, neg);
        }
        BigInteger x = BigInteger.valueOf(significand(fmt, a));
        BigInteger y = BigInteger.valueOf(significand(fmt, b));
        int k = fmt.p() + 3 + Math.max(0, y.bitLength() - x.bitLength());
        BigInteger[] qr = x.shiftLeft(k).divideAndRemainder(y);
        return round(fmt, neg, qr[0], exponent(fmt, a) - exponent(fmt, b) - k, qr[1].signum() != 0, rm);
    }

    long sqrt(Format fmt, long a, int rm) {
        if (rm == RNE) {
            double x = value(fmt, a);
            double s = Math.sqrt(x);
            if (fast(fmt, s) && x >= FAST_MIN && x <= FAST_MAX) {
                return finish(fmt, s, Math.fma(-s, s, x) == 0);
            }
        }
        if (isNaN(fmt, a)) {
            return nan(fmt, a);
        }
        if (isZero(fmt, a)) {
            return a;
        }
        if (negative(fmt, a)) {
            return invalid(fmt);
        }
        if (isInf(fmt, a)) {
            return a;
        }
        BigInteger m = BigInteger.valueOf(significand(fmt, a));
        int e = exponent(fmt, a);
        if ((e & 1) != 0) {
            m = m.shiftLeft(1);
            e--;
        }
        int k = fmt.p() + 3;
        BigInteger wide = m.shiftLeft(2 * k);
        BigInteger root = wide.sqrt();
        return round(fmt, false, root, (e - 2 * k) / 2, !root.multiply(root).equals(wide), rm);
    }

    /** (±a·b) ± c with one rounding; {@code negProduct}/{@code negAddend} give FMSUB, FNMSUB, FNMADD. */
    long fma(Format fmt, long a, long b, long c, boolean negProduct, boolean negAddend, int rm) {
        boolean zeroTimesInf = isInf(fmt, a) && isZero(fmt, b) || isZero(fmt, a) && isInf(fmt, b);
        if (isNaN(fmt, a) || isNaN(fmt, b) || isNaN(fmt, c)) {
            long n = nan(fmt, a, b, c);
            if (zeroTimesInf) {
                fflags |= NV; // even with a quiet NaN addend, as the spec requires
            }
            return n;
        }
        boolean ps = negative(fmt, a) != negative(fmt, b) != negProduct;
        boolean cs = negative(fmt, c) != negAddend;
        if (isInf(fmt, a) || isInf(fmt, b)) {
            if (zeroTimesInf || isInf(fmt, c) && cs != ps) {
                return invalid(fmt);
            }
            return fmt.inf(ps);
        }
        if (isInf(fmt, c)) {
            return fmt.inf(cs);
        }
        boolean productZero = isZero(fmt, a) || isZero(fmt, b);
        if (productZero) {
            if (isZero(fmt, c)) {
                return ps == cs ? zero(fmt, ps) : zero(fmt, rm == RDN);
            }
            return c & ~fmt.signBit() | (cs ? fmt.signBit() : 0);
        }
        BigInteger p = BigInteger.valueOf(significand(fmt, a)).multiply(BigInteger.valueOf(significand(fmt, b)));
        int ep = exponent(fmt, a) + exponent(fmt, b);
        if (isZero(fmt, c)) {
            return round(fmt, ps, p, ep, false, rm);
        }
        int ec = exponent(fmt, c);
        int e = Math.min(ep, ec);
        BigInteger x = p.shiftLeft(ep - e);
        BigInteger y = BigInteger.valueOf(significand(fmt, c)).shiftLeft(ec - e);
        BigInteger sum = (ps ? x.negate() : x).add(cs ? y.negate() : y);
        if (sum.signum() == 0) {
            return zero(fmt, rm == RDN);
        }
        return round(fmt, sum.signum() < 0, sum.abs(), e, false, rm);
    }

    // ---- conversions ----

    /** FCVT.S.D. */
    long narrow(long a, int rm) {
        double x = Double.longBitsToDouble(a);
        if (rm == RNE) {
            float s = (float) x;
            if (fast(S, s)) {
                if (s != x) {
                    fflags |= NX;
                }
                return Float.floatToRawIntBits(s) & 0xffffffffL;
            }
        }
        if (isNaN(D, a)) {
            nan(D, a);
            return S.canonicalNaN();
        }
        boolean neg = negative(D, a);
        if (isInf(D, a)) {
            return S.inf(neg);
        }
        if (isZero(D, a)) {
            return zero(S, neg);
        }
        return round(S, neg, BigInteger.valueOf(significand(D, a)), exponent(D, a), false, rm);
    }

    /** FCVT.D.S: exact. */
    long widen(long a) {
        if (isNaN(S, a)) {
            nan(S, a);
            return D.canonicalNaN();
        }
        return Double.doubleToRawLongBits(Float.intBitsToFloat((int) a));
    }

    /** FCVT.S/D from a signed (or, if {@code unsigned}, 64-bit unsigned) integer. */
    long fromInt(Format fmt, long v, boolean unsigned, int rm) {
        if (v == 0) {
            return 0;
        }
        boolean neg = !unsigned && v < 0;
        if (rm == RNE && !(unsigned && v < 0)) {
            if (fmt == D) {
                double d = v;
                // (long) saturates: 2^63, the double nearest Long.MAX_VALUE, would look exact
                if (Math.abs(v) < 1L << 53 || d != 0x1p63 && (long) d == v) {
                    return Double.doubleToRawLongBits(d);
                }
            } else if (Math.abs(v) < 1L << 24) {
                return Float.floatToRawIntBits(v) & 0xffffffffL;
            }
        }
        BigInteger m = unsigned ? new BigInteger(Long.toUnsignedString(v)) : BigInteger.valueOf(v).abs();
        return round(fmt, neg, m, 0, false, rm);
    }

    /**
     * FCVT.W/WU/L/LU: {@code x} rounded to an integer by {@code rm}, saturated with NV when out
     * of range or NaN (NaN gives the largest value); a W result comes sign-extended from 32 bits.
     */
    long toInt(double x, int rm, boolean word, boolean unsigned) {
        if (Double.isNaN(x)) {
            fflags |= NV;
            return word ? (unsigned ? -1L : Integer.MAX_VALUE) : (unsigned ? -1L : Long.MAX_VALUE);
        }
        double t = switch (rm) {
            case RNE -> Math.rint(x);
            case RTZ -> x < 0 ? Math.ceil(x) : Math.floor(x);
            case RDN -> Math.floor(x);
            case RUP -> Math.ceil(x);
            default -> { // ties away from zero; x - trunc(x) is exact
                double tr = x < 0 ? Math.ceil(x) : Math.floor(x);
                yield Math.abs(x - tr) >= 0.5 ? tr + Math.signum(x) : tr;
            }
        };
        double lo = unsigned ? 0 : word ? -0x1p31 : -0x1p63;
        double hi = unsigned ? (word ? 0x1p32 : 0x1p64) : (word ? 0x1p31 : 0x1p63); // exclusive
        if (t < lo || t >= hi) {
            fflags |= NV;
            boolean high = x > 0;
            if (word) {
                return unsigned ? (high ? -1L : 0) : (high ? Integer.MAX_VALUE : Integer.MIN_VALUE);
            }
            return unsigned ? (high ? -1L : 0) : (high ? Long.MAX_VALUE : Long.MIN_VALUE);
        }
        if (t != x) {
            fflags |= NX;
        }
        long v = unsigned && t >= 0x1p63 ? (long) (t - 0x1p63) + Long.MIN_VALUE : (long) t;
        return word ? (int) v : v;
    }

    // ---- the exact path ----

    private static long zero(Format fmt, boolean neg) {
        return neg ? fmt.signBit() : 0;
    }

    /** The integer significand of finite nonzero x (hidden bit included for normal numbers). */
    private static long significand(Format fmt, long x) {
        long frac = x & fmt.fracMask();
        return fmt.expField(x) == 0 ? frac : frac | 1L << (fmt.p() - 1);
    }

    /** The exponent of the significand's last bit: x = significand · 2^exponent. */
    private static int exponent(Format fmt, long x) {
        int e = fmt.expField(x);
        return (e == 0 ? 1 : e) - fmt.bias() - (fmt.p() - 1);
    }

    /**
     * Rounds {@code mag · 2^exp} (plus something below its last bit if {@code sticky}) to
     * format {@code fmt} with mode {@code rm}, raising NX, UF (tiny after rounding and inexact)
     * and OF; returns the bits.
     */
    long round(Format fmt, boolean neg, BigInteger mag, int exp, boolean sticky, int rm) {
        int p = fmt.p();
        int top = exp + mag.bitLength() - 1; // the exponent of the leading bit
        int lsb = Math.max(top, fmt.emin()) - (p - 1);
        BigInteger q = roundShift(mag, lsb - exp, sticky, neg, rm);
        boolean inexact = sticky || lsb - exp > 0 && mag.getLowestSetBit() < lsb - exp;
        if (q.bitLength() > p) {
            q = q.shiftRight(1);
            lsb++;
        }
        if (inexact) {
            fflags |= NX;
            if (top < fmt.emin()) {
                boolean tiny = top < fmt.emin() - 1
                        || roundShift(mag, top - (p - 1) - exp, sticky, neg, rm).bitLength() <= p;
                if (tiny) {
                    fflags |= UF;
                }
            }
        }
        if (q.signum() == 0) {
            return zero(fmt, neg);
        }
        int resultTop = lsb + q.bitLength() - 1;
        if (resultTop > fmt.bias()) {
            fflags |= OF | NX;
            boolean toInf = switch (rm) {
                case RTZ -> false;
                case RDN -> neg;
                case RUP -> !neg;
                default -> true;
            };
            return toInf ? fmt.inf(neg) : fmt.maxFinite(neg);
        }
        long bits = q.longValue();
        long encoded = q.bitLength() < p ? bits : (long) (resultTop + fmt.bias()) << (p - 1) | bits & fmt.fracMask();
        return (neg ? fmt.signBit() : 0) | encoded;
    }

    /** {@code mag >> shift} rounded by {@code rm} ({@code sticky}: nonzero bits below mag). */
    private static BigInteger roundShift(BigInteger mag, int shift, boolean sticky, boolean neg, int rm) {
        BigInteger q;
        boolean half;
        boolean rest;
        if (shift <= 0) {
            q = mag.shiftLeft(-shift);
            half = false;
            rest = sticky;
        } else {
            q = mag.shiftRight(shift);
            half = mag.testBit(shift - 1);
            rest = sticky || mag.signum() != 0 && mag.getLowestSetBit() < shift - 1;
        }
        boolean up = switch (rm) {
            case RNE -> half && (rest || q.testBit(0));
            case RTZ -> false;
            case RDN -> neg && (half || rest);
            case RUP -> !neg && (half || rest);
            default -> half;
        };
        return up ? q.add(BigInteger.ONE) : q;
    }
}
