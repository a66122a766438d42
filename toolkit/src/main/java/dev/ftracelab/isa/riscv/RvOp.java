package dev.ftracelab.isa.riscv;

import dev.ftracelab.isa.InsnClass;
import java.util.Locale;

/**
 * Every RV64 operation the decoder knows: RV64I, M, A, Zicsr, Zifencei and the integer C
 * instructions. A compressed op names its 32-bit equivalent as {@link #exec()}: the decoder
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
    // C (integer, RV64)
    C_ADDI4SPN(ADDI), C_LW(LW), C_LD(LD), C_SW(SW), C_SD(SD),
    C_NOP(ADDI), C_ADDI(ADDI), C_ADDIW(ADDIW), C_LI(ADDI), C_ADDI16SP(ADDI), C_LUI(LUI),
    C_SRLI(SRLI), C_SRAI(SRAI), C_ANDI(ANDI), C_SUB(SUB), C_XOR(XOR), C_OR(OR), C_AND(AND), C_SUBW(SUBW), C_ADDW(ADDW),
    C_J(JAL), C_BEQZ(BEQ), C_BNEZ(BNE),
    C_SLLI(SLLI), C_LWSP(LW), C_LDSP(LD), C_JR(JALR), C_MV(ADD), C_EBREAK(EBREAK), C_JALR(JALR), C_ADD(ADD),
    C_SWSP(SW), C_SDSP(SD);

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

    boolean readsRs2() {
        return (uses & Uses.RS2) != 0;
    }
}
