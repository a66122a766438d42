package dev.ftracelab.isa.arm64;

import dev.ftracelab.isa.BranchOutOfReachException;
import dev.ftracelab.isa.BranchReach;

/**
 * Encodes the A64 instructions that patch sites and trampolines are built from. Registers are
 * the encoding's 5-bit numbers: 31 is SP or XZR depending on the operand, as in the Arm ARM
 * (SP as the base of loads, stores and ADD/SUB immediate; XZR elsewhere). PC-relative forms
 * take the instruction's own address and the target and check reach and alignment.
 *
 * <pre>{@code
 * int call = A64Encoder.bl(0x400100, 0x400800);         // bl 400800
 * int save = A64Encoder.stp(29, 30, 31, -16, A64Encoder.PRE);   // stp x29, x30, [sp, #-16]!
 * }</pre>
 */
public final class A64Encoder {
    private A64Encoder() {
    }

    /** Addressing modes of {@link #stp} / {@link #ldp}. */
    public static final int OFFSET = 0b10, PRE = 0b11, POST = 0b01;

    public static int nop() {
        return 0xd503201f;
    }

    /** {@code bti c}: the landing pad an indirectly called function starts with. */
    public static int btiC() {
        return 0xd503245f;
    }

    /** {@code b target}; reach ±128 MiB. */
    public static int b(long pc, long target) {
        return 0x14000000 | (int) pcRel(pc, target, 26, "b", "±128 MiB");
    }

    /** {@code bl target}; reach ±128 MiB. */
    public static int bl(long pc, long target) {
        return 0x94000000 | (int) pcRel(pc, target, 26, "bl", BranchReach.BL.described());
    }

    /** {@code b.cond target} with {@code cond} 0-15 (eq, ne, cs, ...); reach ±1 MiB. */
    public static int bCond(int cond, long pc, long target) {
        check(cond, 0, 15, "cond");
        return 0x54000000 | (int) pcRel(pc, target, 19, "b.cond", "±1 MiB") << 5 | cond;
    }

    /** {@code cbz}/{@code cbnz} of X{@code rt} (or W when {@code !sf}); reach ±1 MiB. */
    public static int cbz(boolean sf, boolean nonZero, int rt, long pc, long target) {
        int w = (sf ? 0xb4000000 : 0x34000000) | (nonZero ? 1 << 24 : 0);
        return w | (int) pcRel(pc, target, 19, nonZero ? "cbnz" : "cbz", "±1 MiB") << 5 | reg(rt);
    }

    /** {@code tbz}/{@code tbnz} of bit {@code bit} (0-63) of X{@code rt}; reach ±32 KiB. */
    public static int tbz(boolean nonZero, int rt, int bit, long pc, long target) {
        check(bit, 0, 63, "bit");
        int w = 0x36000000 | (nonZero ? 1 << 24 : 0) | (bit >>> 5) << 31 | (bit & 31) << 19;
        return w | (int) pcRel(pc, target, 14, nonZero ? "tbnz" : "tbz", "±32 KiB") << 5 | reg(rt);
    }

    /** {@code ldr xt, target} (64-bit literal load); reach ±1 MiB. */
    public static int ldrLiteral(int rt, long pc, long target) {
        return 0x58000000 | (int) pcRel(pc, target, 19, "ldr (literal)", "±1 MiB") << 5 | reg(rt);
    }

    public static int br(int rn) {
        return 0xd61f0000 | reg(rn) << 5;
    }

    public static int blr(int rn) {
        return 0xd63f0000 | reg(rn) << 5;
    }

    /** {@code ret} (through x30). */
    public static int ret() {
        return ret(30);
    }

    public static int ret(int rn) {
        return 0xd65f0000 | reg(rn) << 5;
    }

    public static int brk(int imm16) {
        check(imm16, 0, 0xffff, "brk immediate");
        return 0xd4200000 | imm16 << 5;
    }

    public static int svc(int imm16) {
        check(imm16, 0, 0xffff, "svc immediate");
        return 0xd4000001 | imm16 << 5;
    }

    public static int isb() {
        return 0xd5033fdf;
    }

    public static int dsbIsh() {
        return 0xd5033b9f;
    }

    /** {@code ic ivau, xt}: invalidate the instruction cache line holding the address in xt. */
    public static int icIvau(int rt) {
        return 0xd50b7520 | reg(rt);
    }

    public static int icIallu() {
        return 0xd508751f;
    }

    /** {@code mov xd, xm} (64-bit) or {@code mov wd, wm}: ORR with the zero register; 31 is XZR. */
    public static int movReg(boolean sf, int rd, int rm) {
        return (sf ? 0xaa0003e0 : 0x2a0003e0) | reg(rm) << 16 | reg(rd);
    }

    /** {@code mov} to or from SP: ADD immediate #0; 31 is SP. */
    public static int movSp(int rd, int rn) {
        return addImm(true, rd, rn, 0);
    }

    /**
     * {@code add xd, xn, #imm} (31 is SP): {@code imm} in 0..4095, or a multiple of 4096 up to
     * 0xfff000 (the shifted form).
     */
    public static int addImm(boolean sf, int rd, int rn, long imm) {
        return addSubImm(sf ? 0x91000000 : 0x11000000, rd, rn, imm);
    }

    /** {@code sub xd, xn, #imm}, immediates as for {@link #addImm}. */
    public static int subImm(boolean sf, int rd, int rn, long imm) {
        return addSubImm(sf ? 0xd1000000 : 0x51000000, rd, rn, imm);
    }

    private static int addSubImm(int base, int rd, int rn, long imm) {
        int sh;
        if (imm >= 0 && imm <= 0xfff) {
            sh = 0;
        } else if (imm > 0 && imm <= 0xfff000 && (imm & 0xfff) == 0) {
            sh = 1;
            imm >>>= 12;
        } else {
            throw new IllegalArgumentException("add/sub immediate out of range: " + imm);
        }
        return base | sh << 22 | (int) imm << 10 | reg(rn) << 5 | reg(rd);
    }

    /** {@code movz xd, #imm16, lsl #shift} with shift 0, 16, 32 or 48. */
    public static int movz(int rd, int imm16, int shift) {
        return moveWide(0xd2800000, rd, imm16, shift);
    }

    /** {@code movk xd, #imm16, lsl #shift} with shift 0, 16, 32 or 48. */
    public static int movk(int rd, int imm16, int shift) {
        return moveWide(0xf2800000, rd, imm16, shift);
    }

    private static int moveWide(int base, int rd, int imm16, int shift) {
        check(imm16, 0, 0xffff, "imm16");
        if (shift < 0 || shift > 48 || shift % 16 != 0) {
            throw new IllegalArgumentException("move-wide shift must be 0, 16, 32 or 48: " + shift);
        }
        return base | (shift / 16) << 21 | imm16 << 5 | reg(rd);
    }

    /** {@code ldr xt, [xn, #offset]}: 64-bit, unsigned offset (a multiple of 8 below 32 KiB). */
    public static int ldr(int rt, int rn, long offset) {
        return 0xf9400000 | scaledOffset(offset, 3) << 10 | reg(rn) << 5 | reg(rt);
    }

    /** {@code str xt, [xn, #offset]}: 64-bit, unsigned offset (a multiple of 8 below 32 KiB). */
    public static int str(int rt, int rn, long offset) {
        return 0xf9000000 | scaledOffset(offset, 3) << 10 | reg(rn) << 5 | reg(rt);
    }

    private static int scaledOffset(long offset, int scale) {
        if (offset < 0 || (offset & ((1 << scale) - 1)) != 0 || (offset >> scale) > 0xfff) {
            throw new IllegalArgumentException("unsigned offset out of range or misaligned: " + offset);
        }
        return (int) (offset >> scale);
    }

    /** {@code stp xt1, xt2, [xn...]} in mode {@link #OFFSET}, {@link #PRE} or {@link #POST}; offset -512..504 by 8. */
    public static int stp(int rt1, int rt2, int rn, long offset, int mode) {
        return pair(0xa8000000, rt1, rt2, rn, offset, mode);
    }

    /** {@code ldp xt1, xt2, [xn...]}, modes and offsets as for {@link #stp}. */
    public static int ldp(int rt1, int rt2, int rn, long offset, int mode) {
        return pair(0xa8400000, rt1, rt2, rn, offset, mode);
    }

    private static int pair(int base, int rt1, int rt2, int rn, long offset, int mode) {
        if (mode != OFFSET && mode != PRE && mode != POST) {
            throw new IllegalArgumentException("pair mode must be OFFSET, PRE or POST: " + mode);
        }
        if ((offset & 7) != 0 || offset < -512 || offset > 504) {
            throw new IllegalArgumentException("pair offset must be a multiple of 8 in -512..504: " + offset);
        }
        return base | mode << 23 | ((int) (offset >> 3) & 0x7f) << 15 | reg(rt2) << 10 | reg(rn) << 5 | reg(rt1);
    }

    /** {@code adrp xd, target}: the 4 KiB page of {@code target}; reach ±4 GiB. */
    public static int adrp(int rd, long pc, long target) {
        long pages = (target >> 12) - (pc >> 12);
        if (pages < -(1L << 20) || pages >= (1L << 20)) {
            throw new BranchOutOfReachException("adrp", pc, target, "±4 GiB");
        }
        int imm = (int) pages & 0x1fffff;
        return 0x90000000 | (imm & 3) << 29 | (imm >>> 2) << 5 | reg(rd);
    }

    /**
     * {@code adrp xd, target} then {@code add xd, xd, #:lo12:target}: an absolute address in two
     * instructions.
     */
    public static int[] adrpAdd(int rd, long pc, long target) {
        return new int[] {adrp(rd, pc, target), addImm(true, rd, rd, target & 0xfff)};
    }

    /** The {@code bits}-wide word-offset field for a branch from {@code pc} to {@code target}. */
    private static long pcRel(long pc, long target, int bits, String insn, String reach) {
        long off = target - pc;
        if ((off & 3) != 0) {
            throw new IllegalArgumentException(insn + " target 0x" + Long.toHexString(target) + " is not 4-byte aligned");
        }
        long words = off >> 2;
        if (words < -(1L << (bits - 1)) || words >= (1L << (bits - 1))) {
            throw new BranchOutOfReachException(insn, pc, target, reach);
        }
        return words & ((1L << bits) - 1);
    }

    private static int reg(int r) {
        check(r, 0, 31, "register");
        return r;
    }

    private static void check(int v, int lo, int hi, String what) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(what + " out of range " + lo + ".." + hi + ": " + v);
        }
    }
}
