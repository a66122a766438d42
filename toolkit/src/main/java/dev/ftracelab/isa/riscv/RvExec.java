package dev.ftracelab.isa.riscv;

import java.lang.reflect.Field;

/**
 * The executable ops as int constants, equal to their {@link RvOp} ordinals, for the
 * executor's {@code switch}: javac needs constant case labels, and switching on the enum itself
 * costs an extra lookup table per instruction (about 15% of a simple loop). {@link #check()},
 * run when the decoder is initialised, keeps the two lists in step, as {@code emu.Counter}
 * mirrors {@code InsnClass}.
 *
 * <pre>{@code
 * switch (insn.execId()) {
 *     case RvExec.ADDI -> ...
 * }
 * }</pre>
 */
public final class RvExec {
    public static final int LUI = 0, AUIPC = 1, JAL = 2, JALR = 3;
    public static final int BEQ = 4, BNE = 5, BLT = 6, BGE = 7;
    public static final int BLTU = 8, BGEU = 9, LB = 10, LH = 11;
    public static final int LW = 12, LD = 13, LBU = 14, LHU = 15;
    public static final int LWU = 16, SB = 17, SH = 18, SW = 19;
    public static final int SD = 20, ADDI = 21, SLTI = 22, SLTIU = 23;
    public static final int XORI = 24, ORI = 25, ANDI = 26, SLLI = 27;
    public static final int SRLI = 28, SRAI = 29, ADD = 30, SUB = 31;
    public static final int SLL = 32, SLT = 33, SLTU = 34, XOR = 35;
    public static final int SRL = 36, SRA = 37, OR = 38, AND = 39;
    public static final int ADDIW = 40, SLLIW = 41, SRLIW = 42, SRAIW = 43;
    public static final int ADDW = 44, SUBW = 45, SLLW = 46, SRLW = 47;
    public static final int SRAW = 48, FENCE = 49, ECALL = 50, EBREAK = 51;
    public static final int FENCE_I = 52, CSRRW = 53, CSRRS = 54, CSRRC = 55;
    public static final int CSRRWI = 56, CSRRSI = 57, CSRRCI = 58, MUL = 59;
    public static final int MULH = 60, MULHSU = 61, MULHU = 62, DIV = 63;
    public static final int DIVU = 64, REM = 65, REMU = 66, MULW = 67;
    public static final int DIVW = 68, DIVUW = 69, REMW = 70, REMUW = 71;
    public static final int LR_W = 72, SC_W = 73, AMOSWAP_W = 74, AMOADD_W = 75;
    public static final int AMOXOR_W = 76, AMOAND_W = 77, AMOOR_W = 78, AMOMIN_W = 79;
    public static final int AMOMAX_W = 80, AMOMINU_W = 81, AMOMAXU_W = 82, LR_D = 83;
    public static final int SC_D = 84, AMOSWAP_D = 85, AMOADD_D = 86, AMOXOR_D = 87;
    public static final int AMOAND_D = 88, AMOOR_D = 89, AMOMIN_D = 90, AMOMAX_D = 91;
    public static final int AMOMINU_D = 92, AMOMAXU_D = 93;

    private RvExec() {
    }

    /** Fails if a constant differs from its op's ordinal; run once by the decoder's initialiser. */
    static void check() {
        for (RvOp op : RvOp.values()) {
            if (op.compressed()) {
                continue;
            }
            try {
                Field f = RvExec.class.getField(op.name());
                if (f.getInt(null) != op.ordinal()) {
                    throw new IllegalStateException("RvExec." + op + " must equal its RvOp ordinal " + op.ordinal());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("RvExec lacks " + op, e);
            }
        }
    }
}
