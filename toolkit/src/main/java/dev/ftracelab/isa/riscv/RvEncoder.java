package dev.ftracelab.isa.riscv;

import dev.ftracelab.isa.BranchOutOfReachException;
import dev.ftracelab.isa.BranchReach;

/**
 * Encodes the RV64 instructions that patching and trampolines need. Registers are numbers
 * (x0..x31); immediates are range-checked ({@link IllegalArgumentException}) and PC-relative
 * transfers reach-checked ({@link BranchOutOfReachException}), so a caller can fall back to a
 * longer sequence as the kernel does.
 *
 * <pre>{@code
 * int call = RvEncoder.jal(RvEncoder.RA, 0x1000, 0x2000);          // jal ra,2000
 * int[] far = RvEncoder.auipcJalr(RvEncoder.T0, RvEncoder.T0, 0x1000, 0x8000_0000L);
 * }</pre>
 */
public final class RvEncoder {
    public static final int ZERO = 0;
    public static final int RA = 1;
    public static final int SP = 2;
    public static final int T0 = 5;
    public static final int T1 = 6;
    public static final int A0 = 10;

    private static final int OP_IMM = 0x13;
    private static final int OP_IMM_32 = 0x1b;
    private static final int OP = 0x33;
    private static final int LOAD = 0x03;
    private static final int STORE = 0x23;

    private RvEncoder() {
    }

    /** {@code nop} ({@code addi x0,x0,0}). */
    public static int nop() {
        return addi(ZERO, ZERO, 0);
    }

    /** {@code c.nop}, a 16-bit word. */
    public static int cNop() {
        return 0x0001;
    }

    /** {@code ebreak}. */
    public static int ebreak() {
        return 0x00100073;
    }

    /** {@code c.ebreak}, a 16-bit word. */
    public static int cEbreak() {
        return 0x9002;
    }

    /** {@code addi rd,rs1,imm}, imm in [-2048, 2047]. */
    public static int addi(int rd, int rs1, int imm) {
        return iType(OP_IMM, 0, rd, rs1, imm);
    }

    /** {@code addiw rd,rs1,imm}, imm in [-2048, 2047]. */
    public static int addiw(int rd, int rs1, int imm) {
        return iType(OP_IMM_32, 0, rd, rs1, imm);
    }

    /** {@code mv rd,rs} ({@code addi rd,rs,0}). */
    public static int mv(int rd, int rs) {
        return addi(rd, rs, 0);
    }

    /** {@code add rd,rs1,rs2}. */
    public static int add(int rd, int rs1, int rs2) {
        return reg(rs2) << 20 | reg(rs1) << 15 | reg(rd) << 7 | OP;
    }

    /** {@code ld rd,imm(rs1)}. */
    public static int ld(int rd, int rs1, int imm) {
        return iType(LOAD, 3, rd, rs1, imm);
    }

    /** {@code sd rs2,imm(rs1)}. */
    public static int sd(int rs2, int rs1, int imm) {
        checkImm12(imm);
        return (imm >> 5 & 0x7f) << 25 | reg(rs2) << 20 | reg(rs1) << 15 | 3 << 12 | (imm & 0x1f) << 7 | STORE;
    }

    /** {@code lui rd,imm20}: rd = sign-extended {@code imm20 << 12}; imm20 as objdump prints it (0..0xfffff). */
    public static int lui(int rd, int imm20) {
        return uType(0x37, rd, imm20);
    }

    /** {@code auipc rd,imm20}: rd = pc + sign-extended {@code imm20 << 12}. */
    public static int auipc(int rd, int imm20) {
        return uType(0x17, rd, imm20);
    }

    /**
     * {@code li rd,value} for a signed 32-bit value: one {@code addi} when it fits 12 bits, else
     * {@code lui} + {@code addiw} (addiw, not addi, so a value like 0x7ffff800 is not sign-extended
     * wrongly).
     */
    public static int[] li(int rd, long value) {
        if (value != (int) value) {
            throw new IllegalArgumentException("li supports signed 32-bit values, got " + value);
        }
        if (value >= -2048 && value <= 2047) {
            return new int[] {addi(rd, ZERO, (int) value)};
        }
        int hi = (int) ((value + 0x800) >> 12) & 0xfffff;
        int lo = (int) (value - ((long) (hi << 12)));
        return lo == 0 ? new int[] {lui(rd, hi)} : new int[] {lui(rd, hi), addiw(rd, rd, lo)};
    }

    /** {@code jalr rd,imm(rs1)}. */
    public static int jalr(int rd, int rs1, int imm) {
        return iType(0x67, 0, rd, rs1, imm);
    }

    /** {@code jr rs} ({@code jalr x0,0(rs)}). */
    public static int jr(int rs) {
        return jalr(ZERO, rs, 0);
    }

    /** {@code ret} ({@code jalr x0,0(ra)}). */
    public static int ret() {
        return jr(RA);
    }

    /**
     * {@code jal rd,to} placed at {@code from}.
     *
     * @throws BranchOutOfReachException beyond ±1 MiB
     */
    public static int jal(int rd, long from, long to) {
        long off = to - from;
        checkEven(off);
        BranchReach.JAL.check("jal", from, to);
        int o = (int) off;
        return (o >>> 20 & 1) << 31 | (o >>> 1 & 0x3ff) << 21 | (o >>> 11 & 1) << 20 | (o >>> 12 & 0xff) << 12
                | reg(rd) << 7 | 0x6f;
    }

    /**
     * {@code c.j to} placed at {@code from} (16-bit word).
     *
     * @throws BranchOutOfReachException beyond ±2 KiB
     */
    public static int cJ(long from, long to) {
        long off = to - from;
        checkEven(off);
        if (off < -2048 || off > 2046) {
            throw new BranchOutOfReachException("c.j", from, to, "±2 KiB");
        }
        int o = (int) off;
        return 0b101 << 13 | (o >>> 11 & 1) << 12 | (o >>> 4 & 1) << 11 | (o >>> 8 & 3) << 9 | (o >>> 10 & 1) << 8
                | (o >>> 6 & 1) << 7 | (o >>> 7 & 1) << 6 | (o >>> 1 & 7) << 3 | (o >>> 5 & 1) << 2 | 0b01;
    }

    /**
     * The far call/jump pair {@code auipc tmp,hi; jalr link,lo(tmp)} at {@code from}, as Linux
     * ftrace uses ({@code auipc t0; jalr t0}). Reaches every signed 32-bit offset except
     * [2^31 - 2^11, 2^31 - 1], where rounding the high part up overflows.
     *
     * @throws BranchOutOfReachException outside that range
     */
    public static int[] auipcJalr(int link, int tmp, long from, long to) {
        long off = to - from;
        checkEven(off);
        BranchReach.AUIPC_JALR.check("auipc+jalr", from, to);
        int hi = (int) ((off + 0x800) >> 12) & 0xfffff;
        int lo = (int) (off - ((long) (hi << 12)));
        return new int[] {auipc(tmp, hi), jalr(link, tmp, lo)};
    }

    /**
     * The value {@code auipc} at {@code pc} leaves in its register when aimed at {@code target}
     * (the high part rounded so that a 12-bit {@code jalr} offset completes it).
     */
    public static long auipcBase(long pc, long target) {
        return pc + ((target - pc + 0x800) >> 12 << 12);
    }

    /**
     * {@code jalr link,lo(base)} reaching {@code to} from a register that holds {@code base}
     * (e.g. the value of an earlier, unpatched {@code auipc}).
     *
     * @throws BranchOutOfReachException if {@code to} is not within [base - 2048, base + 2047]
     */
    public static int jalrFrom(int link, int rs1, long base, long to) {
        BranchReach.JALR_FIXED_AUIPC.check("jalr", base, to);
        return jalr(link, rs1, (int) (to - base));
    }

    private static int iType(int opcode, int funct3, int rd, int rs1, int imm) {
        checkImm12(imm);
        return imm << 20 | reg(rs1) << 15 | funct3 << 12 | reg(rd) << 7 | opcode;
    }

    private static int uType(int opcode, int rd, int imm20) {
        if (imm20 < -(1 << 19) || imm20 > 0xfffff) {
            throw new IllegalArgumentException("20-bit immediate out of range: " + imm20);
        }
        return imm20 << 12 | reg(rd) << 7 | opcode;
    }

    private static void checkImm12(int imm) {
        if (imm < -2048 || imm > 2047) {
            throw new IllegalArgumentException("12-bit immediate out of range: " + imm);
        }
    }

    private static void checkEven(long off) {
        if ((off & 1) != 0) {
            throw new IllegalArgumentException("odd branch offset " + off);
        }
    }

    private static int reg(int r) {
        if (r < 0 || r > 31) {
            throw new IllegalArgumentException("no register x" + r);
        }
        return r;
    }
}
