package dev.ftracelab.isa.riscv;

import dev.ftracelab.isa.InsnClass;
import java.util.Locale;

/**
 * Every RV64 operation the decoder knows: RV64I, M, A, F, D, Zicsr, Zifencei, Zba, Zbb, Zbs
 * and the C instructions (integer and the D loads/stores of RV64C). A compressed op names its 32-bit equivalent as {@link #exec()}: the decoder
 * expands its operands so the executor and the disassembler handle both forms with one case.
 *
 * <pre>{@code
 * RvOp.C_ADDI.exec();      // ADDI
 * RvOp.AMOADD_W.mnemonic(); // "amoadd.w"
 * }</pre>
 */
public enum RvOp {
    // RV64I
    LUI(InsnClass.ALU, Uses.RD), AUIPC(InsnClass.ALU, Uses.RD),
    JAL(InsnClass.DIRECT_CALL, Uses.RD), JALR(InsnClass.INDIRECT_CALL, Uses.RD | Uses.RS1),
    BEQ(InsnClass.BRANCH, Uses.RS12), BNE(InsnClass.BRANCH, Uses.RS12),
    BLT(InsnClass.BRANCH, Uses.RS12), BGE(InsnClass.BRANCH, Uses.RS12),
    BLTU(InsnClass.BRANCH, Uses.RS12), BGEU(InsnClass.BRANCH, Uses.RS12),
    LB(InsnClass.LOAD, Uses.RD_RS1), LH(InsnClass.LOAD, Uses.RD_RS1), LW(InsnClass.LOAD, Uses.RD_RS1),
    LD(InsnClass.LOAD, Uses.RD_RS1), LBU(InsnClass.LOAD, Uses.RD_RS1), LHU(InsnClass.LOAD, Uses.RD_RS1),
    LWU(InsnClass.LOAD, Uses.RD_RS1),
    SB(InsnClass.STORE, Uses.RS12), SH(InsnClass.STORE, Uses.RS12), SW(InsnClass.STORE, Uses.RS12),
    SD(InsnClass.STORE, Uses.RS12),
    ADDI(InsnClass.ALU, Uses.RD_RS1), SLTI(InsnClass.ALU, Uses.RD_RS1), SLTIU(InsnClass.ALU, Uses.RD_RS1),
    XORI(InsnClass.ALU, Uses.RD_RS1), ORI(InsnClass.ALU, Uses.RD_RS1), ANDI(InsnClass.ALU, Uses.RD_RS1),
    SLLI(InsnClass.ALU, Uses.RD_RS1), SRLI(InsnClass.ALU, Uses.RD_RS1), SRAI(InsnClass.ALU, Uses.RD_RS1),
    ADD(InsnClass.ALU, Uses.ALL), SUB(InsnClass.ALU, Uses.ALL), SLL(InsnClass.ALU, Uses.ALL),
    SLT(InsnClass.ALU, Uses.ALL), SLTU(InsnClass.ALU, Uses.ALL), XOR(InsnClass.ALU, Uses.ALL),
    SRL(InsnClass.ALU, Uses.ALL), SRA(InsnClass.ALU, Uses.ALL), OR(InsnClass.ALU, Uses.ALL),
    AND(InsnClass.ALU, Uses.ALL),
    ADDIW(InsnClass.ALU, Uses.RD_RS1), SLLIW(InsnClass.ALU, Uses.RD_RS1), SRLIW(InsnClass.ALU, Uses.RD_RS1),
    SRAIW(InsnClass.ALU, Uses.RD_RS1),
    ADDW(InsnClass.ALU, Uses.ALL), SUBW(InsnClass.ALU, Uses.ALL), SLLW(InsnClass.ALU, Uses.ALL),
    SRLW(InsnClass.ALU, Uses.ALL), SRAW(InsnClass.ALU, Uses.ALL),
    FENCE(InsnClass.SYSTEM, 0), ECALL(InsnClass.SYSTEM, 0), EBREAK(InsnClass.SYSTEM, 0),
    // Zifencei
    FENCE_I(InsnClass.SYSTEM, 0),
    // Zicsr: the immediate forms keep their 5-bit uimm in rs2 (see RvInsn)
    CSRRW(InsnClass.SYSTEM, Uses.RD_RS1), CSRRS(InsnClass.SYSTEM, Uses.RD_RS1), CSRRC(InsnClass.SYSTEM, Uses.RD_RS1),
    CSRRWI(InsnClass.SYSTEM, Uses.RD), CSRRSI(InsnClass.SYSTEM, Uses.RD), CSRRCI(InsnClass.SYSTEM, Uses.RD),
    // M
    MUL(InsnClass.MUL_DIV, Uses.ALL), MULH(InsnClass.MUL_DIV, Uses.ALL), MULHSU(InsnClass.MUL_DIV, Uses.ALL),
    MULHU(InsnClass.MUL_DIV, Uses.ALL), DIV(InsnClass.MUL_DIV, Uses.ALL), DIVU(InsnClass.MUL_DIV, Uses.ALL),
    REM(InsnClass.MUL_DIV, Uses.ALL), REMU(InsnClass.MUL_DIV, Uses.ALL),
    MULW(InsnClass.MUL_DIV, Uses.ALL), DIVW(InsnClass.MUL_DIV, Uses.ALL), DIVUW(InsnClass.MUL_DIV, Uses.ALL),
    REMW(InsnClass.MUL_DIV, Uses.ALL), REMUW(InsnClass.MUL_DIV, Uses.ALL),
    // A
    LR_W(InsnClass.ATOMIC, Uses.RD_RS1), SC_W(InsnClass.ATOMIC, Uses.ALL),
    AMOSWAP_W(InsnClass.ATOMIC, Uses.ALL), AMOADD_W(InsnClass.ATOMIC, Uses.ALL), AMOXOR_W(InsnClass.ATOMIC, Uses.ALL),
    AMOAND_W(InsnClass.ATOMIC, Uses.ALL), AMOOR_W(InsnClass.ATOMIC, Uses.ALL), AMOMIN_W(InsnClass.ATOMIC, Uses.ALL),
    AMOMAX_W(InsnClass.ATOMIC, Uses.ALL), AMOMINU_W(InsnClass.ATOMIC, Uses.ALL), AMOMAXU_W(InsnClass.ATOMIC, Uses.ALL),
    LR_D(InsnClass.ATOMIC, Uses.RD_RS1), SC_D(InsnClass.ATOMIC, Uses.ALL),
    AMOSWAP_D(InsnClass.ATOMIC, Uses.ALL), AMOADD_D(InsnClass.ATOMIC, Uses.ALL), AMOXOR_D(InsnClass.ATOMIC, Uses.ALL),
    AMOAND_D(InsnClass.ATOMIC, Uses.ALL), AMOOR_D(InsnClass.ATOMIC, Uses.ALL), AMOMIN_D(InsnClass.ATOMIC, Uses.ALL),
    AMOMAX_D(InsnClass.ATOMIC, Uses.ALL), AMOMINU_D(InsnClass.ATOMIC, Uses.ALL), AMOMAXU_D(InsnClass.ATOMIC, Uses.ALL),
    // F and D: f registers are not in the dependency masks, which cover x registers only
    FLW(InsnClass.LOAD, Uses.RS1), FSW(InsnClass.STORE, Uses.RS1),
    FLD(InsnClass.LOAD, Uses.RS1), FSD(InsnClass.STORE, Uses.RS1),
    FADD_S(InsnClass.ALU, 0), FSUB_S(InsnClass.ALU, 0), FMUL_S(InsnClass.ALU, 0), FDIV_S(InsnClass.MUL_DIV, 0),
    FSQRT_S(InsnClass.MUL_DIV, 0), FMIN_S(InsnClass.ALU, 0), FMAX_S(InsnClass.ALU, 0), FMADD_S(InsnClass.ALU, 0),
    FMSUB_S(InsnClass.ALU, 0), FNMADD_S(InsnClass.ALU, 0), FNMSUB_S(InsnClass.ALU, 0), FSGNJ_S(InsnClass.ALU, 0),
    FSGNJN_S(InsnClass.ALU, 0), FSGNJX_S(InsnClass.ALU, 0), FCVT_W_S(InsnClass.ALU, Uses.RD),
    FCVT_WU_S(InsnClass.ALU, Uses.RD), FCVT_L_S(InsnClass.ALU, Uses.RD), FCVT_LU_S(InsnClass.ALU, Uses.RD),
    FCVT_S_W(InsnClass.ALU, Uses.RS1), FCVT_S_WU(InsnClass.ALU, Uses.RS1), FCVT_S_L(InsnClass.ALU, Uses.RS1),
    FCVT_S_LU(InsnClass.ALU, Uses.RS1), FMV_X_W(InsnClass.ALU, Uses.RD), FMV_W_X(InsnClass.ALU, Uses.RS1),
    FEQ_S(InsnClass.ALU, Uses.RD), FLT_S(InsnClass.ALU, Uses.RD), FLE_S(InsnClass.ALU, Uses.RD),
    FCLASS_S(InsnClass.ALU, Uses.RD),
    FADD_D(InsnClass.ALU, 0), FSUB_D(InsnClass.ALU, 0), FMUL_D(InsnClass.ALU, 0), FDIV_D(InsnClass.MUL_DIV, 0),
    FSQRT_D(InsnClass.MUL_DIV, 0), FMIN_D(InsnClass.ALU, 0), FMAX_D(InsnClass.ALU, 0), FMADD_D(InsnClass.ALU, 0),
    FMSUB_D(InsnClass.ALU, 0), FNMADD_D(InsnClass.ALU, 0), FNMSUB_D(InsnClass.ALU, 0), FSGNJ_D(InsnClass.ALU, 0),
    FSGNJN_D(InsnClass.ALU, 0), FSGNJX_D(InsnClass.ALU, 0), FCVT_W_D(InsnClass.ALU, Uses.RD),
    FCVT_WU_D(InsnClass.ALU, Uses.RD), FCVT_L_D(InsnClass.ALU, Uses.RD), FCVT_LU_D(InsnClass.ALU, Uses.RD),
    FCVT_D_W(InsnClass.ALU, Uses.RS1), FCVT_D_WU(InsnClass.ALU, Uses.RS1), FCVT_D_L(InsnClass.ALU, Uses.RS1),
    FCVT_D_LU(InsnClass.ALU, Uses.RS1), FMV_X_D(InsnClass.ALU, Uses.RD), FMV_D_X(InsnClass.ALU, Uses.RS1),
    FEQ_D(InsnClass.ALU, Uses.RD), FLT_D(InsnClass.ALU, Uses.RD), FLE_D(InsnClass.ALU, Uses.RD),
    FCLASS_D(InsnClass.ALU, Uses.RD), FCVT_S_D(InsnClass.ALU, 0), FCVT_D_S(InsnClass.ALU, 0),
    // Zba
    SH1ADD(InsnClass.ALU, Uses.ALL), SH2ADD(InsnClass.ALU, Uses.ALL), SH3ADD(InsnClass.ALU, Uses.ALL),
    SH1ADD_UW(InsnClass.ALU, Uses.ALL), SH2ADD_UW(InsnClass.ALU, Uses.ALL), SH3ADD_UW(InsnClass.ALU, Uses.ALL),
    ADD_UW(InsnClass.ALU, Uses.ALL), SLLI_UW(InsnClass.ALU, Uses.RD_RS1),
    // Zbb
    ANDN(InsnClass.ALU, Uses.ALL), ORN(InsnClass.ALU, Uses.ALL), XNOR(InsnClass.ALU, Uses.ALL),
    MAX(InsnClass.ALU, Uses.ALL), MIN(InsnClass.ALU, Uses.ALL), MAXU(InsnClass.ALU, Uses.ALL),
    MINU(InsnClass.ALU, Uses.ALL), ROL(InsnClass.ALU, Uses.ALL), ROR(InsnClass.ALU, Uses.ALL),
    ROLW(InsnClass.ALU, Uses.ALL), RORW(InsnClass.ALU, Uses.ALL), CLZ(InsnClass.ALU, Uses.RD_RS1),
    CTZ(InsnClass.ALU, Uses.RD_RS1), CPOP(InsnClass.ALU, Uses.RD_RS1), CLZW(InsnClass.ALU, Uses.RD_RS1),
    CTZW(InsnClass.ALU, Uses.RD_RS1), CPOPW(InsnClass.ALU, Uses.RD_RS1), SEXT_B(InsnClass.ALU, Uses.RD_RS1),
    SEXT_H(InsnClass.ALU, Uses.RD_RS1), ZEXT_H(InsnClass.ALU, Uses.RD_RS1), RORI(InsnClass.ALU, Uses.RD_RS1),
    RORIW(InsnClass.ALU, Uses.RD_RS1), ORC_B(InsnClass.ALU, Uses.RD_RS1), REV8(InsnClass.ALU, Uses.RD_RS1),
    // Zbs
    BCLR(InsnClass.ALU, Uses.ALL), BSET(InsnClass.ALU, Uses.ALL), BINV(InsnClass.ALU, Uses.ALL),
    BEXT(InsnClass.ALU, Uses.ALL), BCLRI(InsnClass.ALU, Uses.RD_RS1), BSETI(InsnClass.ALU, Uses.RD_RS1),
    BINVI(InsnClass.ALU, Uses.RD_RS1), BEXTI(InsnClass.ALU, Uses.RD_RS1),
    // C (integer, RV64)
    C_ADDI4SPN(ADDI), C_LW(LW), C_LD(LD), C_SW(SW), C_SD(SD),
    C_NOP(ADDI), C_ADDI(ADDI), C_ADDIW(ADDIW), C_LI(ADDI), C_ADDI16SP(ADDI), C_LUI(LUI),
    C_SRLI(SRLI), C_SRAI(SRAI), C_ANDI(ANDI), C_SUB(SUB), C_XOR(XOR), C_OR(OR), C_AND(AND), C_SUBW(SUBW), C_ADDW(ADDW),
    C_J(JAL), C_BEQZ(BEQ), C_BNEZ(BNE),
    C_SLLI(SLLI), C_LWSP(LW), C_LDSP(LD), C_JR(JALR), C_MV(ADD), C_EBREAK(EBREAK), C_JALR(JALR), C_ADD(ADD),
    C_SWSP(SW), C_SDSP(SD),
    // C (D loads and stores, RV64)
    C_FLD(FLD), C_FSD(FSD), C_FLDSP(FLD), C_FSDSP(FSD);

    /** Which operand fields an op reads or writes (for the dependency masks). */
    static final class Uses {
        static final int RD = 1;
        static final int RS1 = 2;
        static final int RS2 = 4;
        static final int RD_RS1 = RD | RS1;
        static final int RS12 = RS1 | RS2;
        static final int ALL = RD | RS1 | RS2;

        private Uses() {
        }
    }

    private final InsnClass insnClass;
    private final int uses;
    private final RvOp base;
    private final String mnemonic;

    RvOp(InsnClass insnClass, int uses) {
        this.insnClass = insnClass;
        this.uses = uses;
        this.base = null;
        this.mnemonic = name().toLowerCase(Locale.ROOT).replace('_', '.');
    }

    RvOp(RvOp base) {
        this.insnClass = base.insnClass;
        this.uses = base.uses;
        this.base = base;
        this.mnemonic = name().toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** The ISA mnemonic, e.g. {@code addi}, {@code lr.d}, {@code c.addi4spn}. */
    public String mnemonic() {
        return mnemonic;
    }

    /** The op that executes this one: itself, or the 32-bit equivalent of a compressed op. */
    public RvOp exec() {
        return base == null ? this : base;
    }

    /** Whether this executes as an F or D op (loads, stores and moves of f registers included). */
    public boolean isFp() {
        RvOp e = exec();
        return e.ordinal() >= FLW.ordinal() && e.ordinal() <= FCVT_D_S.ordinal();
    }

    /** Whether this is a 16-bit (C extension) op. */
    public boolean compressed() {
        return base != null;
    }

    /** The class before operands are known (JAL/JALR are refined by the decoder). */
    public InsnClass insnClass() {
        return insnClass;
    }

    boolean writesRd() {
        return (uses & Uses.RD) != 0;
    }

    boolean readsRs1() {
        return (uses & Uses.RS1) != 0;
    }

    /** Whether the op reads x register rs2 (not an immediate, nor an f register, in that field). */
    public boolean readsRs2() {
        return (uses & Uses.RS2) != 0;
    }
}
