package dev.ftracelab.emu.arm64;

import static dev.ftracelab.emu.arm64.A64Simd.get;
import static dev.ftracelab.emu.arm64.A64Simd.ones;
import static dev.ftracelab.emu.arm64.A64Simd.read;
import static dev.ftracelab.emu.arm64.A64Simd.set;
import static dev.ftracelab.emu.arm64.A64Simd.write;
import static dev.ftracelab.emu.arm64.A64Simd.writeScalar;

import dev.ftracelab.isa.arm64.A64Insn;
import dev.ftracelab.isa.arm64.A64Op;

/**
 * The register-to-register Advanced SIMD ops of {@link A64Simd}: moves, permutes and the
 * integer classes (three same, three different, two-register misc, across lanes, shifts by
 * immediate, by element). Each class works lane by lane through one function per class keyed
 * by the decoder's U:opcode (see {@link dev.ftracelab.isa.arm64.A64Op}); lanes are passed
 * zero-extended in {@code es} bits, and results are masked by the caller.
 */
final class A64SimdOps {
    private A64SimdOps() {
    }

    private static final long QC = 1L << 27;
    private static final long W = 0xffff_ffffL;

    static void dataProcessing(A64Hart h, A64Insn i) {
        switch (i.op()) {
            case A64Op.V_MOVI -> movi(h, i);
            case A64Op.V_DUP_ELEM -> dup(h, i, get(read(h, i.rn()), (int) i.imm(), 8 << i.a()));
            case A64Op.V_DUP_GEN -> dup(h, i, h.r[i.rn()]);
            case A64Op.S_DUP_ELEM -> writeScalar(h, i.rd(), get(read(h, i.rn()), (int) i.imm(), 8 << i.a()),
                    8 << i.a());
            case A64Op.V_INS_ELEM -> insert(h, i, get(read(h, i.rn()), i.b(), 8 << i.a()));
            case A64Op.V_INS_GEN -> insert(h, i, h.r[i.rn()]);
            case A64Op.V_UMOV -> h.r[i.rd()] = get(read(h, i.rn()), (int) i.imm(), 8 << i.a());
            case A64Op.V_SMOV -> {
                long x = sx(get(read(h, i.rn()), (int) i.imm(), 8 << i.a()), 8 << i.a());
                h.r[i.rd()] = i.sf() ? x : x & W;
            }
            case A64Op.V_FMOV_GEN -> fmovGeneral(h, i);
            case A64Op.V_FMOV_REG -> writeScalar(h, i.rd(), h.v[2 * i.rn()], 8 << i.b());
            case A64Op.V_EXT -> ext(h, i);
            case A64Op.V_PERM -> permute(h, i);
            case A64Op.V_TBL -> table(h, i);
            case A64Op.V_3SAME -> threeSame(h, i, read(h, i.rm()));
            case A64Op.S_3SAME -> scalarThreeSame(h, i);
            case A64Op.V_3DIFF -> threeDiff(h, i, i.a(), read(h, i.rm()));
            case A64Op.V_2MISC -> twoMisc(h, i);
            case A64Op.S_2MISC -> scalarTwoMisc(h, i);
            case A64Op.V_ACROSS -> across(h, i);
            case A64Op.S_ADDP -> writeScalar(h, i.rd(), h.v[2 * i.rn()] + h.v[2 * i.rn() + 1], 64);
            case A64Op.V_SHIFT, A64Op.S_SHIFT -> shiftImmediate(h, i);
            case A64Op.V_ELEM -> byElement(h, i);
            default -> throw new IllegalStateException("no semantics for " + i.mnemonic());
        }
    }

    // ---- helpers

    static long sx(long v, int es) {
        return es == 64 ? v : v << (64 - es) >> (64 - es);
    }

    private static long smax(int es) {
        return es == 64 ? Long.MAX_VALUE : (1L << (es - 1)) - 1;
    }

    private static long smin(int es) {
        return es == 64 ? Long.MIN_VALUE : -(1L << (es - 1));
    }

    /** Clamps an exact signed value to {@code es} bits, setting QC when it had to. */
    private static long satS(A64Hart h, long v, int es) {
        if (v > smax(es)) {
            h.raiseFpsr(QC);
            return smax(es);
        }
        if (v < smin(es)) {
            h.raiseFpsr(QC);
            return smin(es);
        }
        return v;
    }

    /** Clamps an exact signed value to unsigned {@code es} bits (es < 64), setting QC when it had to. */
    private static long satU(A64Hart h, long v, int es) {
        if (v < 0) {
            h.raiseFpsr(QC);
            return 0;
        }
        if (es < 64 && v > ones(es)) {
            h.raiseFpsr(QC);
            return ones(es);
        }
        return v;
    }

    private static int lanes(A64Insn i, int es) {
        return (i.sf() ? 128 : 64) / es;
    }

    // ---- moves and permutes

    private static void movi(A64Hart h, A64Insn i) {
        long imm = i.imm();
        long[] d = read(h, i.rd());
        long[] x = switch (i.a()) {
            case 0 -> new long[] {imm, imm};
            case 1 -> new long[] {~imm, ~imm};
            case 2 -> new long[] {d[0] | imm, d[1] | imm};
            default -> new long[] {d[0] & ~imm, d[1] & ~imm};
        };
        write(h, i.rd(), x, i.sf());
    }

    private static void dup(A64Hart h, A64Insn i, long value) {
        int es = 8 << i.a();
        long[] x = new long[2];
        for (int e = 0; e < 128 / es; e++) {
            set(x, e, es, value);
        }
        write(h, i.rd(), x, i.sf());
    }

    private static void insert(A64Hart h, A64Insn i, long value) {
        long[] x = read(h, i.rd());
        set(x, (int) i.imm(), 8 << i.a(), value);
        write(h, i.rd(), x, true);
    }

    private static void fmovGeneral(A64Hart h, A64Insn i) {
        int log2 = i.b();
        if (i.a() == 0) { // to a general register
            long x = log2 == 4 ? h.v[2 * i.rn() + 1] : h.v[2 * i.rn()] & ones(8 << log2);
            h.r[i.rd()] = x;
        } else if (log2 == 4) {
            h.v[2 * i.rd() + 1] = h.r[i.rn()];
        } else {
            writeScalar(h, i.rd(), h.r[i.rn()], 8 << log2);
        }
    }

    private static void ext(A64Hart h, A64Insn i) {
        long[] n = read(h, i.rn());
        long[] m = read(h, i.rm());
        int bytes = i.sf() ? 16 : 8;
        long[] d = new long[2];
        for (int k = 0; k < bytes; k++) {
            int src = (int) i.imm() + k;
            set(d, k, 8, src < bytes ? get(n, src, 8) : get(m, src - bytes, 8));
        }
        write(h, i.rd(), d, i.sf());
    }

    private static void permute(A64Hart h, A64Insn i) {
        long[] n = read(h, i.rn());
        long[] m = read(h, i.rm());
        int es = 8 << i.b();
        int lanes = lanes(i, es);
        int half = lanes / 2;
        int part = i.a() >= 4 ? 1 : 0;
        long[] d = new long[2];
        for (int e = 0; e < lanes; e++) {
            long x = switch (i.a() & 3) {
                case 1 -> { // UZP: even (or odd) lanes of n:m
                    int src = 2 * e + part;
                    yield src < lanes ? get(n, src, es) : get(m, src - lanes, es);
                }
                case 2 -> { // TRN: n's even (odd) lanes into even lanes, m's into odd
                    int src = (e & ~1) + part;
                    yield (e & 1) == 0 ? get(n, src, es) : get(m, src, es);
                }
                default -> { // ZIP: the low (high) halves interleaved
                    int src = part * half + e / 2;
                    yield (e & 1) == 0 ? get(n, src, es) : get(m, src, es);
                }
            };
            set(d, e, es, x);
        }
        write(h, i.rd(), d, i.sf());
    }

    private static void table(A64Hart h, A64Insn i) {
        int regs = i.a();
        long[] idx = read(h, i.rm());
        long[] d = read(h, i.rd());
        long[][] tbl = new long[regs][];
        for (int k = 0; k < regs; k++) {
            tbl[k] = read(h, (i.rn() + k) % 32);
        }
        long[] out = new long[2];
        for (int k = 0; k < (i.sf() ? 16 : 8); k++) {
            int x = (int) get(idx, k, 8);
            long v = x < 16 * regs ? get(tbl[x / 16], x % 16, 8) : i.b() == 1 ? get(d, k, 8) : 0;
            set(out, k, 8, v);
        }
        write(h, i.rd(), out, i.sf());
    }

    // ---- three same

    private static void threeSame(A64Hart h, A64Insn i, long[] m) {
        long[] n = read(h, i.rn());
        long[] d = read(h, i.rd());
        int op = i.a();
        if ((op & 0x1f) == 0b00011) {
            write(h, i.rd(), new long[] {logic(op >>> 5 << 2 | i.b(), n[0], m[0], d[0]),
                logic(op >>> 5 << 2 | i.b(), n[1], m[1], d[1])}, i.sf());
            return;
        }
        int es = 8 << i.b();
        int lanes = lanes(i, es);
        long[] out = new long[2];
        if (op == 0b010111 || op == 0b010100 || op == 0b010101 || op == 0b110100 || op == 0b110101) {
            for (int e = 0; e < lanes; e++) { // pairwise: adjacent lanes of n:m
                long[] src = e < lanes / 2 ? n : m;
                int k = 2 * (e % (lanes / 2));
                set(out, e, es, same(h, pairwiseOp(op), es, get(src, k, es), get(src, k + 1, es), 0));
            }
        } else {
            for (int e = 0; e < lanes; e++) {
                set(out, e, es, same(h, op, es, get(n, e, es), get(m, e, es), get(d, e, es)));
            }
        }
        write(h, i.rd(), out, i.sf());
    }

    /** The element op of a pairwise op: ADDP adds, SMAXP is SMAX, ... */
    private static int pairwiseOp(int op) {
        return switch (op) {
            case 0b010111 -> 0b010000;
            case 0b010100 -> 0b001100;
            case 0b010101 -> 0b001101;
            case 0b110100 -> 0b101100;
            default -> 0b101101;
        };
    }

    private static void scalarThreeSame(A64Hart h, A64Insn i) {
        int es = 8 << i.b();
        long x = same(h, i.a(), es, h.v[2 * i.rn()] & ones(es), h.v[2 * i.rm()] & ones(es), 0);
        writeScalar(h, i.rd(), x, es);
    }

    /** AND BIC ORR ORN EOR BSL BIT BIF by U:size, on 64 bits at once. */
    private static long logic(int kind, long n, long m, long d) {
        return switch (kind) {
            case 0 -> n & m;
            case 1 -> n & ~m;
            case 2 -> n | m;
            case 3 -> n | ~m;
            case 4 -> n ^ m;
            case 5 -> (d & n) | (~d & m);
            case 6 -> (m & n) | (~m & d);
            default -> (~m & n) | (m & d);
        };
    }

    /** One lane of a three-same op: U:opcode, lane size, n, m and the old d lane (zero-extended). */
    private static long same(A64Hart h, int op, int es, long x, long y, long d) {
        long sx = sx(x, es);
        long sy = sx(y, es);
        long all = ones(es);
        return switch (op) {
            case 0b000000 -> (sx + sy) >> 1;
            case 0b000001 -> sqadd(h, sx, sy, es);
            case 0b000010 -> (sx + sy + 1) >> 1;
            case 0b000100 -> (sx - sy) >> 1;
            case 0b000101 -> sqsub(h, sx, sy, es);
            case 0b000110 -> sx > sy ? all : 0;
            case 0b000111 -> sx >= sy ? all : 0;
            case 0b001000 -> shiftReg(h, x, es, y, false, false, false);
            case 0b001001 -> shiftReg(h, x, es, y, false, false, true);
            case 0b001010 -> shiftReg(h, x, es, y, false, true, false);
            case 0b001011 -> shiftReg(h, x, es, y, false, true, true);
            case 0b001100 -> Math.max(sx, sy);
            case 0b001101 -> Math.min(sx, sy);
            case 0b001110 -> Math.abs(sx - sy);
            case 0b001111 -> d + Math.abs(sx - sy);
            case 0b010000 -> x + y;
            case 0b010001 -> (x & y) != 0 ? all : 0;
            case 0b010010 -> d + x * y;
            case 0b010011 -> x * y;
            case 0b010110 -> doublingHigh(h, sx, sy, es, false);
            case 0b100000 -> (x + y) >>> 1;
            case 0b100001 -> uqadd(h, x, y, es);
            case 0b100010 -> (x + y + 1) >>> 1;
            case 0b100100 -> (x - y) >> 1;
            case 0b100101 -> Long.compareUnsigned(x, y) < 0 ? saturated(h, 0) : x - y;
            case 0b100110 -> Long.compareUnsigned(x, y) > 0 ? all : 0;
            case 0b100111 -> Long.compareUnsigned(x, y) >= 0 ? all : 0;
            case 0b101000 -> shiftReg(h, x, es, y, true, false, false);
            case 0b101001 -> shiftReg(h, x, es, y, true, false, true);
            case 0b101010 -> shiftReg(h, x, es, y, true, true, false);
            case 0b101011 -> shiftReg(h, x, es, y, true, true, true);
            case 0b101100 -> Long.compareUnsigned(x, y) >= 0 ? x : y;
            case 0b101101 -> Long.compareUnsigned(x, y) <= 0 ? x : y;
            case 0b101110 -> x > y ? x - y : y - x;
            case 0b101111 -> d + (x > y ? x - y : y - x);
            case 0b110000 -> x - y;
            case 0b110001 -> x == y ? all : 0;
            case 0b110010 -> d - x * y;
            case 0b110011 -> polyMultiply(x, y, es);
            case 0b110110 -> doublingHigh(h, sx, sy, es, true);
            default -> throw new IllegalStateException("three same opcode " + Integer.toBinaryString(op));
        } & all;
    }

    private static long saturated(A64Hart h, long v) {
        h.raiseFpsr(QC);
        return v;
    }

    private static long sqadd(A64Hart h, long a, long b, int es) {
        if (es < 64) {
            return satS(h, a + b, es);
        }
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? saturated(h, a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
    }

    private static long sqsub(A64Hart h, long a, long b, int es) {
        if (es < 64) {
            return satS(h, a - b, es);
        }
        long r = a - b;
        return ((a ^ b) & (a ^ r)) < 0 ? saturated(h, a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
    }

    private static long uqadd(A64Hart h, long a, long b, int es) {
        long r = a + b;
        if (es < 64) {
            return r > ones(es) ? saturated(h, ones(es)) : r;
        }
        return Long.compareUnsigned(r, a) < 0 ? saturated(h, -1L) : r;
    }

    /** SQDMULH / SQRDMULH: the high half of twice the product; only min * min saturates. */
    private static long doublingHigh(A64Hart h, long a, long b, int es, boolean round) {
        if (a == smin(es) && b == smin(es)) {
            return saturated(h, smax(es));
        }
        long p = a * b; // es <= 32: exact
        return ((p << 1) + (round ? 1L << (es - 1) : 0)) >> es;
    }

    /** Polynomial (carry-less) multiply of two {@code es}-bit values; the low 64 bits. */
    private static long polyMultiply(long x, long y, int es) {
        long r = 0;
        for (int k = 0; k < es; k++) {
            if ((y >>> k & 1) != 0) {
                r ^= x << k;
            }
        }
        return r;
    }

    /** Bits 127:64 of the carry-less product of two 64-bit values. */
    private static long polyMultiplyHigh(long x, long y) {
        long r = 0;
        for (int k = 1; k < 64; k++) {
            if ((y >>> k & 1) != 0) {
                r ^= x >>> (64 - k);
            }
        }
        return r;
    }

    /**
     * SSHL/USHL and their saturating and rounding forms: shift {@code x} left by the signed low
     * byte of {@code y}, or right (with rounding) when negative.
     */
    private static long shiftReg(A64Hart h, long x, int es, long y, boolean unsigned, boolean round, boolean sat) {
        int shift = (byte) y;
        long v = unsigned ? x : sx(x, es);
        if (shift >= 0) {
            return sat ? (unsigned ? uqshl(h, v, shift, es) : sqshl(h, v, shift, es))
                    : shift >= es ? 0 : v << shift;
        }
        return shiftRight(v, -shift, unsigned, round);
    }

    /** {@code v >> s} (arithmetic unless unsigned), rounding to nearest when asked, for any s >= 1. */
    private static long shiftRight(long v, int s, boolean unsigned, boolean round) {
        if (!round) {
            return s >= 64 ? (unsigned ? 0 : v >> 63) : unsigned ? v >>> s : v >> s;
        }
        if (s > 64) {
            return 0;
        }
        long t = unsigned ? v >>> (s - 1) : v >> (s - 1); // keep the last bit shifted out, then add it
        return (unsigned ? t >>> 1 : t >> 1) + (t & 1);
    }

    private static long sqshl(A64Hart h, long v, int shift, int es) {
        if (v == 0) {
            return 0;
        }
        if (shift >= es || sx(v << shift, es) >> shift != v) {
            return saturated(h, v < 0 ? smin(es) : smax(es));
        }
        return v << shift;
    }

    private static long uqshl(A64Hart h, long v, int shift, int es) {
        if (v == 0) {
            return 0;
        }
        if (shift >= es || ((v << shift) & ones(es)) >>> shift != v) {
            return saturated(h, ones(es));
        }
        return v << shift;
    }

    // ---- three different

    private static void threeDiff(A64Hart h, A64Insn i, int op, long[] m) {
        long[] n = read(h, i.rn());
        long[] d = read(h, i.rd());
        int size = i.b();
        int es = 8 << size;
        if (op == 0b01110 && size == 3) { // PMULL of the low or high doublewords
            int k = i.sf() ? 1 : 0;
            write(h, i.rd(), new long[] {polyMultiply(n[k], m[k], 64), polyMultiplyHigh(n[k], m[k])}, true);
            return;
        }
        int opcode = op & 0xf;
        boolean unsigned = op >= 0x10 || opcode == 0b1110; // PMULL multiplies the bit patterns
        int lanes = 64 / es;
        int part = i.sf() ? lanes : 0; // the "2" forms read (or write) the upper half
        if (opcode == 0b0100 || opcode == 0b0110) { // narrowing high half: ADDHN, SUBHN (R = rounding)
            long[] out = i.sf() ? d : new long[2];
            for (int e = 0; e < lanes; e++) {
                long a = get(n, e, 2 * es);
                long b = get(m, e, 2 * es);
                long sum = opcode == 0b0100 ? a + b : a - b;
                long r = unsigned ? sum + (1L << (es - 1)) : sum;
                set(out, part + e, es, r >>> es);
            }
            write(h, i.rd(), out, i.sf());
            return;
        }
        long[] out = new long[2];
        int wes = 2 * es;
        for (int e = 0; e < lanes; e++) {
            long a = wide(opcode) ? get(n, e, wes) : extend(get(n, part + e, es), es, unsigned);
            long b = extend(get(m, part + e, es), es, unsigned);
            long acc = get(d, e, wes);
            long r = switch (opcode) {
                case 0b0000, 0b0001 -> a + b;
                case 0b0010, 0b0011 -> a - b;
                case 0b0101 -> acc + absDiff(a, b, unsigned);
                case 0b0111 -> absDiff(a, b, unsigned);
                case 0b1000 -> acc + a * b;
                case 0b1010 -> acc - a * b;
                case 0b1100 -> a * b;
                case 0b1110 -> polyMultiply(a, b, es);
                default -> throw new IllegalStateException("three different opcode " + opcode);
            };
            set(out, e, wes, r);
        }
        write(h, i.rd(), out, true);
    }

    private static boolean wide(int opcode) {
        return opcode == 0b0001 || opcode == 0b0011;
    }

    private static long extend(long x, int es, boolean unsigned) {
        return unsigned ? x : sx(x, es);
    }

    private static long absDiff(long a, long b, boolean unsigned) {
        return unsigned ? (Long.compareUnsigned(a, b) > 0 ? a - b : b - a) : Math.abs(a - b);
    }

    // ---- two-register misc

    private static void twoMisc(A64Hart h, A64Insn i) {
        long[] n = read(h, i.rn());
        long[] d = read(h, i.rd());
        int op = i.a();
        int opcode = op & 0x1f;
        boolean unsigned = op >= 0x20;
        int size = i.b();
        int es = 8 << size;
        int lanes = lanes(i, es);
        long[] out = new long[2];
        switch (opcode) {
            case 0b00000, 0b00001 -> { // REV64 / REV32 (by U) and REV16: reverse lanes within containers
                int container = opcode == 1 ? 16 : unsigned ? 32 : 64;
                int per = container / es;
                for (int e = 0; e < lanes; e++) {
                    set(out, e, es, get(n, (e / per) * per + (per - 1 - e % per), es));
                }
            }
            case 0b00010, 0b00110 -> { // [US]ADDLP, [US]ADALP
                int wes = 2 * es;
                for (int e = 0; e < lanes / 2; e++) {
                    long r = extend(get(n, 2 * e, es), es, unsigned) + extend(get(n, 2 * e + 1, es), es, unsigned);
                    set(out, e, wes, opcode == 0b00110 ? get(d, e, wes) + r : r);
                }
            }
            case 0b10010, 0b10100 -> { // XTN, SQXTN, SQXTUN, UQXTN: narrow into the lower or upper half
                long[] dst = i.sf() ? d : new long[2];
                int part = i.sf() ? 64 / es : 0;
                for (int e = 0; e < 64 / es; e++) {
                    set(dst, part + e, es, narrow(h, op, get(n, e, 2 * es), es));
                }
                out = dst;
            }
            case 0b10011 -> { // SHLL
                int part = i.sf() ? 64 / es : 0;
                for (int e = 0; e < 64 / es; e++) {
                    set(out, e, 2 * es, get(n, part + e, es) << es);
                }
                write(h, i.rd(), out, true);
                return;
            }
            case 0b00101 -> { // CNT, NOT, RBIT: bytes, whatever the size field says
                for (int e = 0; e < (i.sf() ? 16 : 8); e++) {
                    long x = get(n, e, 8);
                    long r = !unsigned ? Long.bitCount(x) : size == 0 ? ~x : Integer.reverse((int) x) >>> 24;
                    set(out, e, 8, r);
                }
            }
            default -> {
                for (int e = 0; e < lanes; e++) {
                    set(out, e, es, misc(h, op, es, get(n, e, es), get(d, e, es)));
                }
            }
        }
        write(h, i.rd(), out, i.sf());
    }

    private static void scalarTwoMisc(A64Hart h, A64Insn i) {
        int op = i.a();
        int es = 8 << i.b();
        long x = h.v[2 * i.rn()];
        if ((op & 0x1f) == 0b10100 || (op & 0x1f) == 0b10010) {
            writeScalar(h, i.rd(), narrow(h, op, x & ones(2 * es), es), es);
            return;
        }
        writeScalar(h, i.rd(), misc(h, op, es, x & ones(es), h.v[2 * i.rd()] & ones(es)), es);
    }

    /** One lane of an element-wise two-register misc op. */
    private static long misc(A64Hart h, int op, int es, long x, long d) {
        long s = sx(x, es);
        long all = ones(es);
        return switch (op) {
            case 0b000011 -> suqadd(h, sx(d, es), x, es);
            case 0b000100 -> Long.numberOfLeadingZeros((s ^ (s >> 1)) & all) - (64 - es) - 1;
            case 0b000111 -> s == smin(es) ? saturated(h, smax(es)) : Math.abs(s);
            case 0b001000 -> s > 0 ? all : 0;
            case 0b001001 -> s == 0 ? all : 0;
            case 0b001010 -> s < 0 ? all : 0;
            case 0b001011 -> Math.abs(s);
            case 0b100011 -> usqadd(h, d, s, es);
            case 0b100100 -> Long.numberOfLeadingZeros(x) - (64 - es);
            case 0b100111 -> s == smin(es) ? saturated(h, smax(es)) : -s;
            case 0b101000 -> s >= 0 ? all : 0;
            case 0b101001 -> s <= 0 ? all : 0;
            case 0b101011 -> -s;
            default -> throw new IllegalStateException("two-register misc opcode " + Integer.toBinaryString(op));
        } & all;
    }

    /** SUQADD: signed accumulator plus unsigned value, saturated signed. */
    private static long suqadd(A64Hart h, long acc, long x, int es) {
        if (es < 64) {
            return satS(h, acc + x, es);
        }
        long r = acc + x;
        if (x < 0) { // x >= 2^63 as unsigned: only a negative accumulator can bring it back in range
            return acc >= 0 || r < 0 ? saturated(h, Long.MAX_VALUE) : r;
        }
        return acc >= 0 && r < 0 ? saturated(h, Long.MAX_VALUE) : r;
    }

    /** USQADD: unsigned accumulator plus signed value, saturated unsigned. */
    private static long usqadd(A64Hart h, long acc, long s, int es) {
        if (es < 64) {
            return satU(h, acc + s, es);
        }
        long r = acc + s;
        if (s >= 0) {
            return Long.compareUnsigned(r, acc) < 0 ? saturated(h, -1L) : r;
        }
        return Long.compareUnsigned(acc, -s) < 0 ? saturated(h, 0) : r;
    }

    /** XTN / SQXTN / UQXTN / SQXTUN of one {@code 2 * es}-bit lane to {@code es} bits. */
    private static long narrow(A64Hart h, int op, long x, int es) {
        int wes = 2 * es;
        return switch (op) {
            case 0b010100 -> satS(h, sx(x, wes), es);
            case 0b110010 -> satU(h, sx(x, wes), es);
            case 0b110100 -> Long.compareUnsigned(x, ones(es)) > 0 ? saturated(h, ones(es)) : x;
            default -> x;
        } & ones(es);
    }

    // ---- across lanes

    private static void across(A64Hart h, A64Insn i) {
        long[] n = read(h, i.rn());
        int es = 8 << i.b();
        int lanes = lanes(i, es);
        int op = i.a();
        boolean unsigned = op >= 0x20;
        long acc = extend(get(n, 0, es), es, unsigned);
        for (int e = 1; e < lanes; e++) {
            long x = extend(get(n, e, es), es, unsigned);
            acc = switch (op & 0x1f) {
                case 0b00011, 0b11011 -> acc + x;
                case 0b01010 -> Math.max(acc, x); // lanes are at most 32 bits: extended, they compare as longs
                default -> Math.min(acc, x);
            };
        }
        int bits = (op & 0x1f) == 0b00011 ? 2 * es : es;
        writeScalar(h, i.rd(), acc, bits);
    }

    // ---- shifts by immediate

    private static void shiftImmediate(A64Hart h, A64Insn i) {
        boolean scalar = i.op() == A64Op.S_SHIFT;
        int op = i.a();
        int opcode = op & 0x1f;
        boolean unsigned = op >= 0x20;
        int es = 8 << i.imm();
        int immhb = i.b();
        int right = 2 * es - immhb;
        int left = immhb - es;
        long[] n = read(h, i.rn());
        long[] d = read(h, i.rd());
        if (opcode >= 0b10000) {
            shiftLongOrNarrow(h, i, n, d, es, opcode, unsigned, scalar ? 0 : i.sf() ? 1 : 0, scalar);
            return;
        }
        int lanes = scalar ? 1 : lanes(i, es);
        long[] out = new long[2];
        for (int e = 0; e < lanes; e++) {
            long x = get(n, e, es);
            long v = unsigned ? x : sx(x, es);
            long old = get(d, e, es);
            long r = switch (opcode) {
                case 0b00000 -> shiftRight(v, right, unsigned, false);
                case 0b00010 -> old + shiftRight(v, right, unsigned, false);
                case 0b00100 -> shiftRight(v, right, unsigned, true);
                case 0b00110 -> old + shiftRight(v, right, unsigned, true);
                case 0b01000 -> { // SRI
                    long keep = right >= 64 ? ones(es) : ~(ones(es) >>> right);
                    yield (old & keep) | (right >= 64 ? 0 : (x >>> right) & ~keep);
                }
                case 0b01010 -> unsigned ? (old & ~(ones(es) << left)) | (x << left) : x << left; // SLI, SHL
                case 0b01100 -> sx(x, es) < 0 ? saturated(h, 0) : uqshl(h, x, left, es); // SQSHLU: signed in, unsigned out
                case 0b01110 -> unsigned ? uqshl(h, v, left, es) : sqshl(h, v, left, es);
                default -> throw new IllegalStateException("shift opcode " + Integer.toBinaryString(op));
            };
            set(out, e, es, r & ones(es));
        }
        if (scalar) {
            writeScalar(h, i.rd(), out[0], es);
        } else {
            write(h, i.rd(), out, i.sf());
        }
    }

    /** SSHLL/USHLL (widening) and the narrowing right shifts; {@code part} selects the upper half. */
    private static void shiftLongOrNarrow(A64Hart h, A64Insn i, long[] n, long[] d, int es, int opcode,
            boolean unsigned, int part, boolean scalar) {
        int immhb = i.b();
        int lanes = scalar ? 1 : 64 / es;
        int wes = 2 * es;
        if (opcode == 0b10100) {
            long[] out = new long[2];
            for (int e = 0; e < lanes; e++) {
                set(out, e, wes, extend(get(n, part * lanes + e, es), es, unsigned) << (immhb - es));
            }
            write(h, i.rd(), out, true);
            return;
        }
        int right = 2 * es - immhb;
        boolean round = (opcode & 1) == 1;
        long[] out = part == 1 ? d : new long[2];
        for (int e = 0; e < lanes; e++) {
            long x = get(n, e, wes);
            // SQSHRUN, SQRSHRUN and SQ(R)SHRN read the wide lane signed, UQ(R)SHRN unsigned; for
            // SHRN and RSHRN the kept bits do not depend on it
            boolean signedSource = !(unsigned && opcode >= 0b10010);
            long shifted = shiftRight(signedSource ? sx(x, wes) : x, right, !signedSource, round);
            long r;
            if (!unsigned && opcode <= 0b10001) {
                r = shifted; // SHRN, RSHRN
            } else if (unsigned && opcode <= 0b10001) {
                r = satU(h, shifted, es); // SQSHRUN, SQRSHRUN
            } else if (unsigned) {
                r = Long.compareUnsigned(shifted, ones(es)) > 0 ? saturated(h, ones(es)) : shifted; // UQ(R)SHRN
            } else {
                r = satS(h, shifted, es); // SQ(R)SHRN
            }
            set(out, part * lanes + e, es, r & ones(es));
        }
        if (scalar) {
            writeScalar(h, i.rd(), out[0], es);
        } else {
            write(h, i.rd(), out, part == 1);
        }
    }

    // ---- by element

    /** MUL/MLA/MLS/SQDMULH/SQRDMULH and the long multiplies by one lane of Vm, via their vector forms. */
    private static void byElement(A64Hart h, A64Insn i) {
        int es = 8 << i.b();
        long lane = get(read(h, i.rm()), (int) i.imm(), es);
        long[] m = new long[2];
        for (int e = 0; e < 128 / es; e++) {
            set(m, e, es, lane);
        }
        int op = i.a();
        int same = switch (op) {
            case 0b01000 -> 0b010011;
            case 0b10000 -> 0b010010;
            case 0b10100 -> 0b110010;
            case 0b01100 -> 0b010110;
            case 0b01101 -> 0b110110;
            default -> -1;
        };
        if (same >= 0) {
            threeSame(h, withA(i, same), m);
            return;
        }
        int diff = switch (op) {
            case 0b00010 -> 0b01000;
            case 0b00110 -> 0b01010;
            case 0b01010 -> 0b01100;
            case 0b10010 -> 0b11000;
            case 0b10110 -> 0b11010;
            default -> 0b11100;
        };
        threeDiff(h, i, diff, m);
    }

    private static A64Insn withA(A64Insn i, int a) {
        return new A64Insn(i.word(), i.op(), i.counter(), i.mnemonic(), i.rd(), i.rn(), i.rm(), i.ra(), i.imm(), a,
                i.b(), i.sf(), i.readMask(), i.writeMask());
    }
}
