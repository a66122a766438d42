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
    public static final int AMOMINU_D = 92, AMOMAXU_D = 93, FLW = 94, FSW = 95;
    public static final int FLD = 96, FSD = 97, FADD_S = 98, FSUB_S = 99;
    public static final int FMUL_S = 100, FDIV_S = 101, FSQRT_S = 102, FMIN_S = 103;
    public static final int FMAX_S = 104, FMADD_S = 105, FMSUB_S = 106, FNMADD_S = 107;
    public static final int FNMSUB_S = 108, FSGNJ_S = 109, FSGNJN_S = 110, FSGNJX_S = 111;
    public static final int FCVT_W_S = 112, FCVT_WU_S = 113, FCVT_L_S = 114, FCVT_LU_S = 115;
    public static final int FCVT_S_W = 116, FCVT_S_WU = 117, FCVT_S_L = 118, FCVT_S_LU = 119;
    public static final int FMV_X_W = 120, FMV_W_X = 121, FEQ_S = 122, FLT_S = 123;
    public static final int FLE_S = 124, FCLASS_S = 125, FADD_D = 126, FSUB_D = 127;
    public static final int FMUL_D = 128, FDIV_D = 129, FSQRT_D = 130, FMIN_D = 131;
    public static final int FMAX_D = 132, FMADD_D = 133, FMSUB_D = 134, FNMADD_D = 135;
    public static final int FNMSUB_D = 136, FSGNJ_D = 137, FSGNJN_D = 138, FSGNJX_D = 139;
    public static final int FCVT_W_D = 140, FCVT_WU_D = 141, FCVT_L_D = 142, FCVT_LU_D = 143;
    public static final int FCVT_D_W = 144, FCVT_D_WU = 145, FCVT_D_L = 146, FCVT_D_LU = 147;
    public static final int FMV_X_D = 148, FMV_D_X = 149, FEQ_D = 150, FLT_D = 151;
    public static final int FLE_D = 152, FCLASS_D = 153, FCVT_S_D = 154, FCVT_D_S = 155;
    public static final int SH1ADD = 156, SH2ADD = 157, SH3ADD = 158, SH1ADD_UW = 159;
    public static final int SH2ADD_UW = 160, SH3ADD_UW = 161, ADD_UW = 162, SLLI_UW = 163;
    public static final int ANDN = 164, ORN = 165, XNOR = 166, MAX = 167;
    public static final int MIN = 168, MAXU = 169, MINU = 170, ROL = 171;
    public static final int ROR = 172, ROLW = 173, RORW = 174, CLZ = 175;
    public static final int CTZ = 176, CPOP = 177, CLZW = 178, CTZW = 179;
    public static final int CPOPW = 180, SEXT_B = 181, SEXT_H = 182, ZEXT_H = 183;
    public static final int RORI = 184, RORIW = 185, ORC_B = 186, REV8 = 187;
    public static final int BCLR = 188, BSET = 189, BINV = 190, BEXT = 191;
    public static final int BCLRI = 192, BSETI = 193, BINVI = 194, BEXTI = 195;

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
