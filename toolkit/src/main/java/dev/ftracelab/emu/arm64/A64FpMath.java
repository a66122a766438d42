package dev.ftracelab.emu.arm64;

import java.math.BigInteger;

/**
 * IEEE 754 arithmetic on raw half, single and double bit patterns as the Arm ARM's FP
 * pseudocode (FPAdd, FPMulAdd, FPRound, FPToFixed, ...) and qemu-aarch64 define it: every
 * rounding mode of FPCR.RMode plus ties-away and round-to-odd, default NaN, flush-to-zero,
 * NaN propagation (signalling before quiet, first operand first) and FPSR's cumulative flags.
 *
 * <p>Results are exact in all modes: a double op first runs in Java (round to nearest) and its
 * exact error term (TwoSum, or an FMA residual) decides whether it was exact and which way a
 * directed mode must step; single and half ops run in double, where the same error terms are
 * exact, and are rounded once to the target from the pair. Results near the subnormal range,
 * overflow, and double FMAs whose residual is not exact take a BigInteger slow path.
 *
 * <pre>{@code
 * A64FpMath.Env e = new A64FpMath.Env(0L);          // FPCR = 0: nearest, IEEE NaNs, no flush
 * long r = A64FpMath.add(A64FpMath.D, one, tiny, false, e);   // e.flags has IXC if inexact
 * }</pre>
 */
final class A64FpMath {
    private A64FpMath() {
    }

    /** Formats: half, single, double. */
    static final int H = 0, S = 1, D = 2;
    /** FPSR cumulative flags. */
    static final int IOC = 1, DZC = 2, OFC = 4, UFC = 8, IXC = 16, IDC = 128;
    /** Rounding modes: FPCR.RMode values 0-3, then ties-away (FRINTA, FCVTA*) and round-to-odd (FCVTXN). */
    static final int RN = 0, RP = 1, RM = 2, RZ = 3, RA = 4, RO = 5;

    /** The FPCR controls one instruction runs under, and the flags it raises. */
    static final class Env {
        final int rmode;
        final boolean dn;
        final boolean fz;
        final boolean fz16;
        int flags;

        Env(long fpcr) {
            rmode = (int) (fpcr >>> 22) & 3;
            dn = (fpcr >>> 25 & 1) != 0;
            fz = (fpcr >>> 24 & 1) != 0;
            fz16 = (fpcr >>> 19 & 1) != 0;
        }

        boolean flush(int f) {
            return f == H ? fz16 : fz;
        }
    }

    // ---- format helpers

    static int fracBits(int f) {
        return f == H ? 10 : f == S ? 23 : 52;
    }

    static int expBits(int f) {
        return f == H ? 5 : f == S ? 8 : 11;
    }

    static int width(int f) {
        return 16 << f;
    }

    static long signBit(int f) {
        return 1L << (width(f) - 1);
    }

    static long expMask(int f) {
        return ((1L << expBits(f)) - 1) << fracBits(f);
    }

    static long fracMask(int f) {
        return (1L << fracBits(f)) - 1;
    }

    static long quietBit(int f) {
        return 1L << (fracBits(f) - 1);
    }

    static long defaultNaN(int f) {
        return expMask(f) | quietBit(f);
    }

    static long infinity(int f, boolean neg) {
        return expMask(f) | (neg ? signBit(f) : 0);
    }

    static long zero(int f, boolean neg) {
        return neg ? signBit(f) : 0;
    }

    static boolean neg(long x, int f) {
        return (x & signBit(f)) != 0;
    }

    static boolean isNaN(long x, int f) {
        return (x & expMask(f)) == expMask(f) && (x & fracMask(f)) != 0;
    }

    static boolean isSNaN(long x, int f) {
        return isNaN(x, f) && (x & quietBit(f)) == 0;
    }

    static boolean isInf(long x, int f) {
        return (x & ~signBit(f)) == expMask(f);
    }

    static boolean isZero(long x, int f) {
        return (x & ~signBit(f)) == 0;
    }

    static boolean isDenormal(long x, int f) {
        return (x & expMask(f)) == 0 && (x & fracMask(f)) != 0;
    }

    static int bias(int f) {
        return (1 << (expBits(f) - 1)) - 1;
    }

    /** The significand of a finite nonzero value (hidden bit included). */
    static long mant(long x, int f) {
        long e = x & expMask(f);
        return e == 0 ? x & fracMask(f) : (x & fracMask(f)) | 1L << fracBits(f);
    }

    /** The exponent of a finite value's significand's last bit: x = mant * 2^exp2. */
    static int exp2(long x, int f) {
        int e = (int) ((x & expMask(f)) >>> fracBits(f));
        return (e == 0 ? 1 : e) - bias(f) - fracBits(f);
    }

    /** The exact double of a value of format f (every half and single is a double). */
    static double toDouble(long x, int f) {
        if (f == D) {
            return Double.longBitsToDouble(x);
        }
        if (f == S) {
            return Float.intBitsToFloat((int) x);
        }
        boolean n = neg(x, f);
        if (isNaN(x, f)) {
            return Double.NaN;
        }
        if (isInf(x, f)) {
            return n ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        double m = Math.scalb((double) mant(x, f), exp2(x, f));
        return n ? -m : m;
    }

    /** A NaN made quiet. */
    static long quiet(long x, int f) {
        return x | quietBit(f);
    }

    /** Flushes a denormal input to zero under FZ (FZ16 for half), raising IDC (not for half, as in the Arm ARM). */
    static long flush(long x, int f, Env e) {
        if (e.flush(f) && isDenormal(x, f)) {
            e.flags |= f == H ? 0 : IDC;
            return x & signBit(f);
        }
        return x;
    }

    /** FPProcessNaN: a signalling NaN raises IOC and is quietened; DN gives the default NaN. */
    static long nan1(long a, int f, Env e) {
        if (isSNaN(a, f)) {
            e.flags |= IOC;
            a = quiet(a, f);
        }
        return e.dn ? defaultNaN(f) : a;
    }

    /** FPProcessNaNs: the first signalling NaN, else the first quiet NaN (one of them is a NaN). */
    static long nan2(long a, long b, int f, Env e) {
        if (isSNaN(a, f)) {
            return nan1(a, f, e);
        }
        if (isSNaN(b, f)) {
            return nan1(b, f, e);
        }
        return nan1(isNaN(a, f) ? a : b, f, e);
    }

    /** FPProcessNaNs3 in the order the operands are given. */
    static long nan3(long a, long b, long c, int f, Env e) {
        if (isSNaN(a, f)) {
            return nan1(a, f, e);
        }
        if (isSNaN(b, f)) {
            return nan1(b, f, e);
        }
        if (isSNaN(c, f)) {
            return nan1(c, f, e);
        }
        return nan1(isNaN(a, f) ? a : isNaN(b, f) ? b : c, f, e);
    }

    static long invalid(int f, Env e) {
        e.flags |= IOC;
        return defaultNaN(f);
    }

    // ---- rounding

    /**
     * FPRound: rounds {@code sig * 2^exp} (plus a nonzero amount below its last bit if
     * {@code sticky}) to format f; {@code 0 < sig < 2^62}. Tininess is detected before rounding,
     * as Arm does; a tiny result under FZ (FZ16 for half, none for conversions) is a signed zero.
     */
    static long round(int f, boolean neg, long sig, int exp, boolean sticky, int mode, boolean fz, Env e) {
        int p = fracBits(f) + 1;
        int emin = 1 - bias(f);
        int msb = 63 - Long.numberOfLeadingZeros(sig);
        int bigE = exp + msb; // the unbiased exponent of the exact value
        boolean tiny = bigE < emin;
        if (tiny && fz) {
            e.flags |= UFC;
            return zero(f, neg);
        }
        int ulpExp = Math.max(bigE, emin) - (p - 1);
        int shift = ulpExp - exp;
        long kept;
        boolean half;
        boolean below;
        if (shift <= 0) {
            kept = sig << -shift;
            half = false;
            below = sticky;
        } else if (shift >= 63) { // sig < 2^62: everything is below the half-ulp bit
            kept = 0;
            half = false;
            below = true;
        } else {
            kept = sig >>> shift;
            half = (sig >>> (shift - 1) & 1) != 0;
            below = (sig & ((1L << (shift - 1)) - 1)) != 0 || sticky;
        }
        boolean inexact = half || below;
        boolean up = switch (mode) {
            case RN -> half && (below || (kept & 1) != 0);
            case RA -> half;
            case RP -> inexact && !neg;
            case RM -> inexact && neg;
            default -> false;
        };
        if (up) {
            kept++;
            if (kept == 1L << p) {
                kept >>>= 1;
                ulpExp++;
            }
        } else if (mode == RO && inexact) {
            kept |= 1;
        }
        if (inexact) {
            e.flags |= IXC | (tiny ? UFC : 0);
        }
        long expField;
        if (kept >= 1L << (p - 1)) {
            expField = (long) ulpExp + (p - 1) + bias(f);
            if (expField >= (1L << expBits(f)) - 1) {
                e.flags |= OFC | IXC;
                boolean toInf = switch (mode) {
                    case RN, RA -> true;
                    case RP -> !neg;
                    case RM -> neg;
                    default -> false;
                };
                return toInf ? infinity(f, neg) : (expMask(f) - (1L << fracBits(f))) | fracMask(f) | zero(f, neg);
            }
        } else {
            expField = 0;
        }
        return zero(f, neg) | expField << fracBits(f) | (kept & fracMask(f));
    }

    static long round(int f, boolean neg, long sig, int exp, boolean sticky, Env e) {
        return round(f, neg, sig, exp, sticky, e.rmode, e.flush(f), e);
    }

    /** Rounds {@code mag * 2^exp} (+ sticky) to format f. */
    static long roundBig(int f, boolean neg, BigInteger mag, int exp, boolean sticky, Env e) {
        int extra = mag.bitLength() - 62;
        if (extra > 0) {
            sticky |= mag.getLowestSetBit() < extra;
            mag = mag.shiftRight(extra);
            exp += extra;
        }
        return round(f, neg, mag.longValueExact(), exp, sticky, e);
    }

    /**
     * Rounds the exact value {@code r + err} to format f, where r is a nonzero normal double
     * and |err| is at most half an ulp of r (an error term): the pair pins the exact value
     * between r and its neighbour, which is all rounding to fewer bits needs.
     */
    static long roundPair(int f, double r, double err, Env e) {
        long bits = Double.doubleToRawLongBits(r);
        boolean neg = r < 0;
        long sig = mant(bits, D);
        int exp = exp2(bits, D);
        if (err == 0) {
            return round(f, neg, sig, exp, false, e);
        }
        if ((err > 0) == (r > 0)) {
            return round(f, neg, sig, exp, true, e);
        }
        return round(f, neg, 2 * sig - 1, exp - 1, true, e);
    }

    private static final double FAST_MIN = 0x1p-900;

    /**
     * Whether the double fast path applies to a round-to-nearest result r: far from the
     * subnormals (error terms exact, no tininess) and from overflow (TwoSum's intermediates
     * stay finite: near 2^1024 they can round up to infinity).
     */
    private static boolean fast(double r) {
        double m = Math.abs(r);
        return m >= FAST_MIN && m < 0x1p1020;
    }

    /** The double nearest result r, corrected for a directed mode by the sign of the error. */
    private static long adjust(double r, double err, Env e) {
        if (err != 0) {
            e.flags |= IXC;
            switch (e.rmode) {
                case RP -> r = err > 0 ? Math.nextUp(r) : r;
                case RM -> r = err < 0 ? Math.nextDown(r) : r;
                case RZ -> r = r > 0 && err < 0 ? Math.nextDown(r) : r < 0 && err > 0 ? Math.nextUp(r) : r;
                default -> {
                }
            }
        }
        return Double.doubleToRawLongBits(r);
    }

    /** The exact value of a finite nonzero x as a signed BigInteger times 2^exp2(x). */
    private static BigInteger big(long x, int f) {
        BigInteger m = BigInteger.valueOf(mant(x, f));
        return neg(x, f) ? m.negate() : m;
    }

    /** Rounds an exact signed value {@code v * 2^exp}; an exact zero gets the sum's sign rule. */
    private static long roundSigned(int f, BigInteger v, int exp, boolean sticky, Env e) {
        if (v.signum() == 0) {
            return zero(f, e.rmode == RM);
        }
        return roundBig(f, v.signum() < 0, v.abs(), exp, sticky, e);
    }

    // ---- arithmetic (inputs are raw bits of format f)

    /** FPAdd / FPSub: a + b, or a - b when {@code sub}. */
    static long add(int f, long a, long b, boolean sub, Env e) {
        a = flush(a, f, e);
        b = flush(b, f, e);
        if (isNaN(a, f) || isNaN(b, f)) {
            return nan2(a, b, f, e);
        }
        if (sub) {
            b ^= signBit(f);
        }
        boolean ia = isInf(a, f);
        boolean ib = isInf(b, f);
        if (ia || ib) {
            if (ia && ib && neg(a, f) != neg(b, f)) {
                return invalid(f, e);
            }
            return ia ? a : b;
        }
        boolean za = isZero(a, f);
        boolean zb = isZero(b, f);
        if (za && zb) {
            return neg(a, f) == neg(b, f) ? a : zero(f, e.rmode == RM);
        }
        if (za || zb) {
            return za ? b : a; // exact, and already flushed
        }
        double da = toDouble(a, f);
        double db = toDouble(b, f);
        double r = da + db;
        if (r == 0) {
            return zero(f, e.rmode == RM);
        }
        if (f != D || fast(r)) {
            double bv = r - da;
            double err = (da - (r - bv)) + (db - bv); // TwoSum: exact when nothing overflows
            if (f != D) {
                return roundPair(f, r, err, e);
            }
            return adjust(r, err, e);
        }
        int ea = exp2(a, f);
        int eb = exp2(b, f);
        int m = Math.min(ea, eb);
        BigInteger sum = big(a, f).shiftLeft(ea - m).add(big(b, f).shiftLeft(eb - m));
        return roundSigned(f, sum, m, false, e);
    }

    /** FPMul (or FPMulX when {@code x}: infinity times zero is 2 instead of invalid). */
    static long mul(int f, long a, long b, boolean x, Env e) {
        a = flush(a, f, e);
        b = flush(b, f, e);
        if (isNaN(a, f) || isNaN(b, f)) {
            return nan2(a, b, f, e);
        }
        boolean sign = neg(a, f) != neg(b, f);
        boolean ia = isInf(a, f);
        boolean ib = isInf(b, f);
        boolean za = isZero(a, f);
        boolean zb = isZero(b, f);
        if ((ia && zb) || (za && ib)) {
            return x ? two(f, sign) : invalid(f, e);
        }
        if (ia || ib) {
            return infinity(f, sign);
        }
        if (za || zb) {
            return zero(f, sign);
        }
        double da = toDouble(a, f);
        double db = toDouble(b, f);
        double r = da * db;
        if (f != D) {
            return roundPair(f, r, 0, e); // a product of two singles is exact in double
        }
        if (fast(r)) {
            return adjust(r, Math.fma(da, db, -r), e);
        }
        return roundBig(f, sign, BigInteger.valueOf(mant(a, f)).multiply(BigInteger.valueOf(mant(b, f))),
                exp2(a, f) + exp2(b, f), false, e);
    }

    static long two(int f, boolean neg) {
        return zero(f, neg) | (long) bias(f) + 1 << fracBits(f);
    }

    /** FPDiv. */
    static long div(int f, long a, long b, Env e) {
        a = flush(a, f, e);
        b = flush(b, f, e);
        if (isNaN(a, f) || isNaN(b, f)) {
            return nan2(a, b, f, e);
        }
        boolean sign = neg(a, f) != neg(b, f);
        boolean ia = isInf(a, f);
        boolean ib = isInf(b, f);
        boolean za = isZero(a, f);
        boolean zb = isZero(b, f);
        if ((ia && ib) || (za && zb)) {
            return invalid(f, e);
        }
        if (ia || zb) {
            if (zb && !ia) {
                e.flags |= DZC;
            }
            return infinity(f, sign);
        }
        if (za || ib) {
            return zero(f, sign);
        }
        double da = toDouble(a, f);
        double db = toDouble(b, f);
        double r = da / db;
        if (f != D || fast(r) && Math.abs(da) >= FAST_MIN * 0x1p110) {
            double res = Math.fma(-r, db, da); // exact: a - r*b
            double err = db > 0 ? res : -res;
            return f != D ? roundPair(f, r, err, e) : adjust(r, err, e);
        }
        int k = 120;
        BigInteger[] qr = BigInteger.valueOf(mant(a, f)).shiftLeft(k).divideAndRemainder(BigInteger.valueOf(mant(b, f)));
        return roundBig(f, sign, qr[0], exp2(a, f) - exp2(b, f) - k, qr[1].signum() != 0, e);
    }

    /** FPSqrt. */
    static long sqrt(int f, long a, Env e) {
        a = flush(a, f, e);
        if (isNaN(a, f)) {
            return nan1(a, f, e);
        }
        if (isZero(a, f)) {
            return a;
        }
        if (neg(a, f)) {
            return invalid(f, e);
        }
        if (isInf(a, f)) {
            return a;
        }
        double da = toDouble(a, f);
        double r = Math.sqrt(da);
        if (f != D || da >= FAST_MIN) {
            double err = Math.fma(-r, r, da); // exact: a - r*r
            return f != D ? roundPair(f, r, err, e) : adjust(r, err, e);
        }
        long m = mant(a, f);
        int ex = exp2(a, f);
        BigInteger v = BigInteger.valueOf(m);
        if ((ex & 1) != 0) {
            v = v.shiftLeft(1);
            ex--;
        }
        v = v.shiftLeft(128);
        BigInteger[] sr = v.sqrtAndRemainder();
        return roundBig(f, false, sr[0], (ex - 128) / 2, sr[1].signum() != 0, e);
    }

    /**
     * FPMulAdd: {@code addend + a * b} with one rounding, operands already negated as the
     * instruction wants (so a negated NaN comes out negated, as on hardware); {@code halve}
     * divides the exact result by 2 first (FRSQRTS).
     */
    static long fma(int f, long addend, long a, long b, boolean halve, Env e) {
        addend = flush(addend, f, e);
        a = flush(a, f, e);
        b = flush(b, f, e);
        boolean ia = isInf(a, f);
        boolean ib = isInf(b, f);
        boolean za = isZero(a, f);
        boolean zb = isZero(b, f);
        boolean infZero = (ia && zb) || (za && ib);
        if (isNaN(addend, f) || isNaN(a, f) || isNaN(b, f)) {
            if (!isSNaN(a, f) && !isSNaN(b, f) && !isSNaN(addend, f) && infZero) {
                return invalid(f, e); // a quiet NaN addend cannot hide inf * 0
            }
            return nan3(addend, a, b, f, e);
        }
        boolean sp = neg(a, f) != neg(b, f);
        boolean ic = isInf(addend, f);
        if (infZero) {
            return invalid(f, e);
        }
        if (ia || ib) {
            if (ic && neg(addend, f) != sp) {
                return invalid(f, e);
            }
            return infinity(f, sp);
        }
        if (ic) {
            return addend;
        }
        boolean zc = isZero(addend, f);
        if (za || zb) {
            if (zc) {
                return neg(addend, f) == sp ? addend : zero(f, e.rmode == RM);
            }
            return halve ? halveExact(f, addend, e) : addend;
        }
        if (!halve) {
            double da = toDouble(a, f);
            double db = toDouble(b, f);
            double dc = toDouble(addend, f);
            if (f != D) {
                double p = da * db; // exact
                double r = p + dc;
                if (r == 0) {
                    return zero(f, e.rmode == RM);
                }
                double bv = r - p;
                return roundPair(f, r, (p - (r - bv)) + (dc - bv), e);
            }
            if (zc) {
                return mul(f, a, b, false, e);
            }
            double r = Math.fma(da, db, dc);
            if (fast(r) && Math.getExponent(da) + Math.getExponent(db) >= -900 && Math.abs(dc) >= FAST_MIN) {
                double w = r - dc;
                double wb = w - r;
                boolean wExact = (r - (w - wb)) + (-dc - wb) == 0;
                if (wExact) {
                    return adjust(r, Math.fma(da, db, -w), e);
                }
            }
        }
        int ep = exp2(a, f) + exp2(b, f);
        BigInteger prod = big(a, f).multiply(big(b, f));
        if (sp != prod.signum() < 0) {
            prod = prod.negate();
        }
        BigInteger sum;
        int m;
        if (zc) {
            sum = prod;
            m = ep;
        } else {
            int ec = exp2(addend, f);
            m = Math.min(ep, ec);
            sum = prod.shiftLeft(ep - m).add(big(addend, f).shiftLeft(ec - m));
        }
        return roundSigned(f, sum, halve ? m - 1 : m, false, e);
    }

    private static long halveExact(int f, long x, Env e) {
        return roundSigned(f, big(x, f), exp2(x, f) - 1, false, e);
    }

    /** FPMax / FPMin (and the NM forms, where one quiet NaN loses to a number). */
    static long maxMin(int f, long a, long b, boolean max, boolean nm, Env e) {
        a = flush(a, f, e);
        b = flush(b, f, e);
        if (nm) {
            boolean qa = isNaN(a, f) && !isSNaN(a, f);
            boolean qb = isNaN(b, f) && !isSNaN(b, f);
            if (qa && !qb) {
                a = infinity(f, max);
            } else if (qb && !qa) {
                b = infinity(f, max);
            }
        }
        if (isNaN(a, f) || isNaN(b, f)) {
            return nan2(a, b, f, e);
        }
        if (isZero(a, f) && isZero(b, f)) {
            boolean n = max ? neg(a, f) && neg(b, f) : neg(a, f) || neg(b, f);
            return zero(f, n);
        }
        double da = toDouble(a, f);
        double db = toDouble(b, f);
        return max ? (da > db ? a : b) : (da < db ? a : b);
    }

    /** FPCompare: NZCV (unordered 0011, equal 0110, less 1000, greater 0010). */
    static int compare(int f, long a, long b, boolean signalAll, Env e) {
        a = flush(a, f, e);
        b = flush(b, f, e);
        if (isNaN(a, f) || isNaN(b, f)) {
            if (signalAll || isSNaN(a, f) || isSNaN(b, f)) {
                e.flags |= IOC;
            }
            return 0b0011;
        }
        double da = toDouble(a, f);
        double db = toDouble(b, f);
        return da == db ? 0b0110 : da < db ? 0b1000 : 0b0010;
    }

    /** Vector compares: 0 = EQ, 1 = GE, 2 = GT; abs for FACGE/FACGT. Returns the lane mask bit. */
    static boolean compareLane(int f, long a, long b, int kind, boolean abs, Env e) {
        a = flush(a, f, e);
        b = flush(b, f, e);
        if (isNaN(a, f) || isNaN(b, f)) {
            if (kind != 0 || isSNaN(a, f) || isSNaN(b, f)) {
                e.flags |= IOC;
            }
            return false;
        }
        double da = toDouble(a, f);
        double db = toDouble(b, f);
        if (abs) {
            da = Math.abs(da);
            db = Math.abs(db);
        }
        return kind == 0 ? da == db : kind == 1 ? da >= db : da > db;
    }

    // ---- conversions and rounding to integral

    /**
     * FPRoundInt: x rounded to an integral value in its own format; {@code exact} (FRINTX)
     * raises IXC when that changed the value.
     */
    static long roundInt(int f, long x, int mode, boolean exact, Env e) {
        x = flush(x, f, e);
        if (isNaN(x, f)) {
            return nan1(x, f, e);
        }
        if (isInf(x, f) || isZero(x, f)) {
            return x;
        }
        int ex = exp2(x, f);
        if (ex >= 0) {
            return x;
        }
        boolean n = neg(x, f);
        long m = mant(x, f);
        long q = roundShift(m, -ex, n, mode);
        boolean inexact = (q << -ex) != m || -ex > 62 && m != 0;
        if (inexact && exact) {
            e.flags |= IXC;
        }
        if (q == 0) {
            return zero(f, n);
        }
        return round(f, n, q, 0, false, RZ, false, new Env(0)); // exact: q fits the format
    }

    /** m / 2^s rounded to an integer in mode (s > 0); the magnitude's sign is {@code neg}. */
    private static long roundShift(long m, int s, boolean neg, int mode) {
        if (s >= 64) {
            boolean nz = m != 0;
            return switch (mode) {
                case RP -> nz && !neg ? 1 : 0;
                case RM -> nz && neg ? 1 : 0;
                case RO -> nz ? 1 : 0;
                default -> 0;
            };
        }
        long q = m >>> s;
        long rem = m & ((1L << s) - 1);
        long halfv = 1L << (s - 1);
        boolean up = switch (mode) {
            case RN -> rem > halfv || rem == halfv && (q & 1) != 0;
            case RA -> rem >= halfv;
            case RP -> rem != 0 && !neg;
            case RM -> rem != 0 && neg;
            case RO -> false;
            default -> false;
        };
        if (mode == RO && rem != 0) {
            q |= 1;
        }
        return up ? q + 1 : q;
    }

    /**
     * FPToFixed: x * 2^fbits rounded in mode to a signed or unsigned integer of {@code bits}
     * bits, saturating (IOC) on overflow and NaN (0); IXC when inexact.
     */
    static long toFixed(int f, long x, int fbits, boolean unsigned, int bits, int mode, Env e) {
        x = flush(x, f, e);
        if (isNaN(x, f)) {
            e.flags |= IOC;
            return 0;
        }
        boolean n = neg(x, f);
        if (isZero(x, f)) {
            return 0;
        }
        BigInteger max = unsigned ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
        BigInteger min = unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
        if (isInf(x, f)) {
            e.flags |= IOC;
            return (n ? min : max).longValue() & mask(bits);
        }
        long m = mant(x, f);
        int ex = exp2(x, f) + fbits;
        BigInteger v;
        boolean inexact = false;
        if (ex >= 0) {
            v = BigInteger.valueOf(m).shiftLeft(ex);
        } else {
            long q = roundShift(m, -ex, n, mode);
            inexact = -ex >= 64 || (q << -ex) != m;
            v = BigInteger.valueOf(q);
        }
        if (n) {
            v = v.negate();
        }
        if (v.compareTo(max) > 0) {
            e.flags |= IOC;
            return max.longValue() & mask(bits);
        }
        if (v.compareTo(min) < 0) {
            e.flags |= IOC;
            return min.longValue() & mask(bits);
        }
        if (inexact) {
            e.flags |= IXC;
        }
        return v.longValue() & mask(bits);
    }

    static long mask(int bits) {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }

    /** FixedToFP: the integer v (of {@code bits} bits, signed or not) / 2^fbits, rounded to f. */
    static long fromFixed(int f, long v, int fbits, boolean unsigned, int bits, int mode, Env e) {
        if (bits == 32) {
            v = unsigned ? v & 0xffff_ffffL : (int) v;
        } else if (bits == 16) {
            v = unsigned ? v & 0xffff : (short) v;
        }
        if (v == 0) {
            return 0;
        }
        boolean n = !unsigned && v < 0;
        long mag = n ? -v : v;
        boolean sticky = false;
        int exp = -fbits;
        if (mag < 0 || mag >>> 62 != 0) { // 2^62 and above: keep 62 bits, the rest sticky
            sticky = (mag & 3) != 0;
            mag >>>= 2;
            exp += 2;
        }
        return round(f, n, mag, exp, sticky, mode, e.flush(f), e);
    }

    /**
     * FPConvert between formats; half in and out is IEEE half (FPCR.AHP is not modelled), and
     * half is never flushed by a conversion, as in the Arm ARM.
     */
    static long convert(int from, int to, long x, int mode, Env e) {
        if (from != H) {
            x = flush(x, from, e);
        }
        boolean n = neg(x, from);
        if (isNaN(x, from)) {
            if (isSNaN(x, from)) {
                e.flags |= IOC;
            }
            if (e.dn) {
                return defaultNaN(to);
            }
            long frac = x & fracMask(from);
            int d = fracBits(to) - fracBits(from);
            frac = d >= 0 ? frac << d : frac >>> -d;
            return zero(to, n) | expMask(to) | quietBit(to) | (frac & fracMask(to));
        }
        if (isInf(x, from)) {
            return infinity(to, n);
        }
        if (isZero(x, from)) {
            return zero(to, n);
        }
        return round(to, n, mant(x, from), exp2(x, from), false, mode, to != H && e.fz, e);
    }
}
