package dev.ftracelab.isa.riscv;

import static dev.ftracelab.isa.riscv.RvOp.*;

import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.DecodeException;
import dev.ftracelab.isa.InsnClass;
import java.util.ArrayList;
import java.util.List;

/**
 * Table-driven RV64GC (IMAFDC + Zicsr + Zifencei) + Zba/Zbb/Zbs decoder. Each instruction width has one table of
 * bit patterns, read most-significant bit first exactly as in the ISA manual's encoding tables
 * ({@code 0}/{@code 1} fixed, {@code -} operand); mask and match are derived from the pattern,
 * and the entries are indexed by major opcode (by quadrant and funct3 for compressed), so a
 * decode scans only a handful of candidates. Within a bucket the first match wins, which is how
 * special cases such as {@code c.ebreak} precede the general {@code c.jalr} / {@code c.add}.
 *
 * <pre>{@code
 * RvInsn i = RvDecoder.decode(0x10000, 0x8082);   // c.jr ra: mnemonic "c.jr", exec JALR, length 2
 * }</pre>
 */
public final class RvDecoder {
    /** Extracts the operands of one format; returns null for a reserved encoding. */
    @FunctionalInterface
    private interface Fields {
        RvInsn extract(RvOp op, int w);
    }

    private record Entry(RvOp op, int mask, int match, Fields fields) {
    }

    private static Entry op(RvOp op, String pattern, Fields fields) {
        String bits = pattern.replace(" ", "");
        int width = op.compressed() ? 16 : 32;
        if (bits.length() != width) {
            throw new IllegalStateException(op + ": pattern has " + bits.length() + " bits, expected " + width);
        }
        int mask = 0;
        int match = 0;
        for (int i = 0; i < width; i++) {
            char c = bits.charAt(width - 1 - i);
            if (c != '-') {
                mask |= 1 << i;
                match |= (c - '0') << i;
            }
        }
        return new Entry(op, mask, match, fields);
    }

    // one constant per format: each method reference is a call site the JVM links on first use,
    // and the tables name a format hundreds of times (a tenth of a second of every start)
    private static final Fields R = RvDecoder::r;
    private static final Fields FP = RvDecoder::fp;
    private static final Fields I = RvDecoder::i;
    private static final Fields UNARY = RvDecoder::unary;
    private static final Fields SHAMT6 = RvDecoder::shamt6;
    private static final Fields R4 = RvDecoder::r4;
    private static final Fields B = RvDecoder::b;
    private static final Fields S = RvDecoder::s;
    private static final Fields CA = RvDecoder::ca;
    private static final Fields SHAMT5 = RvDecoder::shamt5;
    private static final Fields NONE = RvDecoder::none;
    private static final Fields CSR = RvDecoder::csr;
    private static final Fields CSRI = RvDecoder::csri;
    private static final Fields U = RvDecoder::u;
    private static final Fields CLD = RvDecoder::cld;
    private static final Fields CSD = RvDecoder::csd;
    private static final Fields CI_ADDI = RvDecoder::ciAddi;
    private static final Fields CB_SHIFT = RvDecoder::cbShift;
    private static final Fields CB = RvDecoder::cb;
    private static final Fields CSS_D = RvDecoder::cssD;

    // 32-bit encodings: funct7/imm | rs2 | rs1 | funct3 | rd | opcode
    private static final List<Entry> WIDE = List.of(
            op(LUI,       "-------------------- ----- 0110111", U),
            op(AUIPC,     "-------------------- ----- 0010111", U),
            op(JAL,       "-------------------- ----- 1101111", RvDecoder::j),
            op(JALR,      "------------ ----- 000 ----- 1100111", I),
            op(BEQ,       "------- ----- ----- 000 ----- 1100011", B),
            op(BNE,       "------- ----- ----- 001 ----- 1100011", B),
            op(BLT,       "------- ----- ----- 100 ----- 1100011", B),
            op(BGE,       "------- ----- ----- 101 ----- 1100011", B),
            op(BLTU,      "------- ----- ----- 110 ----- 1100011", B),
            op(BGEU,      "------- ----- ----- 111 ----- 1100011", B),
            op(LB,        "------------ ----- 000 ----- 0000011", I),
            op(LH,        "------------ ----- 001 ----- 0000011", I),
            op(LW,        "------------ ----- 010 ----- 0000011", I),
            op(LD,        "------------ ----- 011 ----- 0000011", I),
            op(LBU,       "------------ ----- 100 ----- 0000011", I),
            op(LHU,       "------------ ----- 101 ----- 0000011", I),
            op(LWU,       "------------ ----- 110 ----- 0000011", I),
            op(SB,        "------- ----- ----- 000 ----- 0100011", S),
            op(SH,        "------- ----- ----- 001 ----- 0100011", S),
            op(SW,        "------- ----- ----- 010 ----- 0100011", S),
            op(SD,        "------- ----- ----- 011 ----- 0100011", S),
            op(ADDI,      "------------ ----- 000 ----- 0010011", I),
            op(SLTI,      "------------ ----- 010 ----- 0010011", I),
            op(SLTIU,     "------------ ----- 011 ----- 0010011", I),
            op(XORI,      "------------ ----- 100 ----- 0010011", I),
            op(ORI,       "------------ ----- 110 ----- 0010011", I),
            op(ANDI,      "------------ ----- 111 ----- 0010011", I),
            op(SLLI,      "000000 ------ ----- 001 ----- 0010011", SHAMT6),
            op(SRLI,      "000000 ------ ----- 101 ----- 0010011", SHAMT6),
            op(SRAI,      "010000 ------ ----- 101 ----- 0010011", SHAMT6),
            op(ADD,       "0000000 ----- ----- 000 ----- 0110011", R),
            op(SUB,       "0100000 ----- ----- 000 ----- 0110011", R),
            op(SLL,       "0000000 ----- ----- 001 ----- 0110011", R),
            op(SLT,       "0000000 ----- ----- 010 ----- 0110011", R),
            op(SLTU,      "0000000 ----- ----- 011 ----- 0110011", R),
            op(XOR,       "0000000 ----- ----- 100 ----- 0110011", R),
            op(SRL,       "0000000 ----- ----- 101 ----- 0110011", R),
            op(SRA,       "0100000 ----- ----- 101 ----- 0110011", R),
            op(OR,        "0000000 ----- ----- 110 ----- 0110011", R),
            op(AND,       "0000000 ----- ----- 111 ----- 0110011", R),
            op(ADDIW,     "------------ ----- 000 ----- 0011011", I),
            op(SLLIW,     "0000000 ----- ----- 001 ----- 0011011", SHAMT5),
            op(SRLIW,     "0000000 ----- ----- 101 ----- 0011011", SHAMT5),
            op(SRAIW,     "0100000 ----- ----- 101 ----- 0011011", SHAMT5),
            op(ADDW,      "0000000 ----- ----- 000 ----- 0111011", R),
            op(SUBW,      "0100000 ----- ----- 000 ----- 0111011", R),
            op(SLLW,      "0000000 ----- ----- 001 ----- 0111011", R),
            op(SRLW,      "0000000 ----- ----- 101 ----- 0111011", R),
            op(SRAW,      "0100000 ----- ----- 101 ----- 0111011", R),
            // fm/pred/succ in imm; rs1 and rd are reserved-to-be-ignored
            op(FENCE,     "------------ ----- 000 ----- 0001111", RvDecoder::fence),
            op(FENCE_I,   "------------ ----- 001 ----- 0001111", NONE),
            op(ECALL,     "000000000000 00000 000 00000 1110011", NONE),
            op(EBREAK,    "000000000001 00000 000 00000 1110011", NONE),
            op(CSRRW,     "------------ ----- 001 ----- 1110011", CSR),
            op(CSRRS,     "------------ ----- 010 ----- 1110011", CSR),
            op(CSRRC,     "------------ ----- 011 ----- 1110011", CSR),
            op(CSRRWI,    "------------ ----- 101 ----- 1110011", CSRI),
            op(CSRRSI,    "------------ ----- 110 ----- 1110011", CSRI),
            op(CSRRCI,    "------------ ----- 111 ----- 1110011", CSRI),
            op(MUL,       "0000001 ----- ----- 000 ----- 0110011", R),
            op(MULH,      "0000001 ----- ----- 001 ----- 0110011", R),
            op(MULHSU,    "0000001 ----- ----- 010 ----- 0110011", R),
            op(MULHU,     "0000001 ----- ----- 011 ----- 0110011", R),
            op(DIV,       "0000001 ----- ----- 100 ----- 0110011", R),
            op(DIVU,      "0000001 ----- ----- 101 ----- 0110011", R),
            op(REM,       "0000001 ----- ----- 110 ----- 0110011", R),
            op(REMU,      "0000001 ----- ----- 111 ----- 0110011", R),
            op(MULW,      "0000001 ----- ----- 000 ----- 0111011", R),
            op(DIVW,      "0000001 ----- ----- 100 ----- 0111011", R),
            op(DIVUW,     "0000001 ----- ----- 101 ----- 0111011", R),
            op(REMW,      "0000001 ----- ----- 110 ----- 0111011", R),
            op(REMUW,     "0000001 ----- ----- 111 ----- 0111011", R),
            // funct5 | aq | rl | rs2 | rs1 | width | rd | AMO
            op(LR_W,      "00010 - - 00000 ----- 010 ----- 0101111", R),
            op(SC_W,      "00011 - - ----- ----- 010 ----- 0101111", R),
            op(AMOSWAP_W, "00001 - - ----- ----- 010 ----- 0101111", R),
            op(AMOADD_W,  "00000 - - ----- ----- 010 ----- 0101111", R),
            op(AMOXOR_W,  "00100 - - ----- ----- 010 ----- 0101111", R),
            op(AMOAND_W,  "01100 - - ----- ----- 010 ----- 0101111", R),
            op(AMOOR_W,   "01000 - - ----- ----- 010 ----- 0101111", R),
            op(AMOMIN_W,  "10000 - - ----- ----- 010 ----- 0101111", R),
            op(AMOMAX_W,  "10100 - - ----- ----- 010 ----- 0101111", R),
            op(AMOMINU_W, "11000 - - ----- ----- 010 ----- 0101111", R),
            op(AMOMAXU_W, "11100 - - ----- ----- 010 ----- 0101111", R),
            op(LR_D,      "00010 - - 00000 ----- 011 ----- 0101111", R),
            op(SC_D,      "00011 - - ----- ----- 011 ----- 0101111", R),
            op(AMOSWAP_D, "00001 - - ----- ----- 011 ----- 0101111", R),
            op(AMOADD_D,  "00000 - - ----- ----- 011 ----- 0101111", R),
            op(AMOXOR_D,  "00100 - - ----- ----- 011 ----- 0101111", R),
            op(AMOAND_D,  "01100 - - ----- ----- 011 ----- 0101111", R),
            op(AMOOR_D,   "01000 - - ----- ----- 011 ----- 0101111", R),
            op(AMOMIN_D,  "10000 - - ----- ----- 011 ----- 0101111", R),
            op(AMOMAX_D,  "10100 - - ----- ----- 011 ----- 0101111", R),
            op(AMOMINU_D, "11000 - - ----- ----- 011 ----- 0101111", R),
            op(AMOMAXU_D, "11100 - - ----- ----- 011 ----- 0101111", R),
            // F and D: fmt (bits 26:25) is 00 for S, 01 for D; funct3 is rm where the op rounds
            op(FLW,       "------------ ----- 010 ----- 0000111", I),
            op(FLD,       "------------ ----- 011 ----- 0000111", I),
            op(FSW,       "------- ----- ----- 010 ----- 0100111", S),
            op(FSD,       "------- ----- ----- 011 ----- 0100111", S),
            op(FMADD_S,   "----- 00 ----- ----- --- ----- 1000011", R4),
            op(FMSUB_S,   "----- 00 ----- ----- --- ----- 1000111", R4),
            op(FNMSUB_S,  "----- 00 ----- ----- --- ----- 1001011", R4),
            op(FNMADD_S,  "----- 00 ----- ----- --- ----- 1001111", R4),
            op(FADD_S,    "00000 00 ----- ----- --- ----- 1010011", FP),
            op(FSUB_S,    "00001 00 ----- ----- --- ----- 1010011", FP),
            op(FMUL_S,    "00010 00 ----- ----- --- ----- 1010011", FP),
            op(FDIV_S,    "00011 00 ----- ----- --- ----- 1010011", FP),
            op(FSQRT_S,   "01011 00 00000 ----- --- ----- 1010011", FP),
            op(FSGNJ_S,   "00100 00 ----- ----- 000 ----- 1010011", FP),
            op(FSGNJN_S,  "00100 00 ----- ----- 001 ----- 1010011", FP),
            op(FSGNJX_S,  "00100 00 ----- ----- 010 ----- 1010011", FP),
            op(FMIN_S,    "00101 00 ----- ----- 000 ----- 1010011", FP),
            op(FMAX_S,    "00101 00 ----- ----- 001 ----- 1010011", FP),
            op(FCVT_W_S,  "11000 00 00000 ----- --- ----- 1010011", FP),
            op(FCVT_WU_S, "11000 00 00001 ----- --- ----- 1010011", FP),
            op(FCVT_L_S,  "11000 00 00010 ----- --- ----- 1010011", FP),
            op(FCVT_LU_S, "11000 00 00011 ----- --- ----- 1010011", FP),
            op(FCVT_S_W,  "11010 00 00000 ----- --- ----- 1010011", FP),
            op(FCVT_S_WU, "11010 00 00001 ----- --- ----- 1010011", FP),
            op(FCVT_S_L,  "11010 00 00010 ----- --- ----- 1010011", FP),
            op(FCVT_S_LU, "11010 00 00011 ----- --- ----- 1010011", FP),
            op(FMV_X_W,   "11100 00 00000 ----- 000 ----- 1010011", FP),
            op(FCLASS_S,  "11100 00 00000 ----- 001 ----- 1010011", FP),
            op(FMV_W_X,   "11110 00 00000 ----- 000 ----- 1010011", FP),
            op(FEQ_S,     "10100 00 ----- ----- 010 ----- 1010011", FP),
            op(FLT_S,     "10100 00 ----- ----- 001 ----- 1010011", FP),
            op(FLE_S,     "10100 00 ----- ----- 000 ----- 1010011", FP),
            op(FMADD_D,   "----- 01 ----- ----- --- ----- 1000011", R4),
            op(FMSUB_D,   "----- 01 ----- ----- --- ----- 1000111", R4),
            op(FNMSUB_D,  "----- 01 ----- ----- --- ----- 1001011", R4),
            op(FNMADD_D,  "----- 01 ----- ----- --- ----- 1001111", R4),
            op(FADD_D,    "00000 01 ----- ----- --- ----- 1010011", FP),
            op(FSUB_D,    "00001 01 ----- ----- --- ----- 1010011", FP),
            op(FMUL_D,    "00010 01 ----- ----- --- ----- 1010011", FP),
            op(FDIV_D,    "00011 01 ----- ----- --- ----- 1010011", FP),
            op(FSQRT_D,   "01011 01 00000 ----- --- ----- 1010011", FP),
            op(FSGNJ_D,   "00100 01 ----- ----- 000 ----- 1010011", FP),
            op(FSGNJN_D,  "00100 01 ----- ----- 001 ----- 1010011", FP),
            op(FSGNJX_D,  "00100 01 ----- ----- 010 ----- 1010011", FP),
            op(FMIN_D,    "00101 01 ----- ----- 000 ----- 1010011", FP),
            op(FMAX_D,    "00101 01 ----- ----- 001 ----- 1010011", FP),
            op(FCVT_W_D,  "11000 01 00000 ----- --- ----- 1010011", FP),
            op(FCVT_WU_D, "11000 01 00001 ----- --- ----- 1010011", FP),
            op(FCVT_L_D,  "11000 01 00010 ----- --- ----- 1010011", FP),
            op(FCVT_LU_D, "11000 01 00011 ----- --- ----- 1010011", FP),
            op(FCVT_D_W,  "11010 01 00000 ----- --- ----- 1010011", FP),
            op(FCVT_D_WU, "11010 01 00001 ----- --- ----- 1010011", FP),
            op(FCVT_D_L,  "11010 01 00010 ----- --- ----- 1010011", FP),
            op(FCVT_D_LU, "11010 01 00011 ----- --- ----- 1010011", FP),
            op(FMV_X_D,   "11100 01 00000 ----- 000 ----- 1010011", FP),
            op(FCLASS_D,  "11100 01 00000 ----- 001 ----- 1010011", FP),
            op(FMV_D_X,   "11110 01 00000 ----- 000 ----- 1010011", FP),
            op(FEQ_D,     "10100 01 ----- ----- 010 ----- 1010011", FP),
            op(FLT_D,     "10100 01 ----- ----- 001 ----- 1010011", FP),
            op(FLE_D,     "10100 01 ----- ----- 000 ----- 1010011", FP),
            op(FCVT_S_D,  "01000 00 00001 ----- --- ----- 1010011", FP),
            op(FCVT_D_S,  "01000 01 00000 ----- --- ----- 1010011", FP),
            // Zba
            op(SH1ADD,    "0010000 ----- ----- 010 ----- 0110011", R),
            op(SH2ADD,    "0010000 ----- ----- 100 ----- 0110011", R),
            op(SH3ADD,    "0010000 ----- ----- 110 ----- 0110011", R),
            op(SH1ADD_UW, "0010000 ----- ----- 010 ----- 0111011", R),
            op(SH2ADD_UW, "0010000 ----- ----- 100 ----- 0111011", R),
            op(SH3ADD_UW, "0010000 ----- ----- 110 ----- 0111011", R),
            op(ADD_UW,    "0000100 ----- ----- 000 ----- 0111011", R),
            op(SLLI_UW,   "000010 ------ ----- 001 ----- 0011011", SHAMT6),
            // Zbb
            op(ANDN,      "0100000 ----- ----- 111 ----- 0110011", R),
            op(ORN,       "0100000 ----- ----- 110 ----- 0110011", R),
            op(XNOR,      "0100000 ----- ----- 100 ----- 0110011", R),
            op(CLZ,       "0110000 00000 ----- 001 ----- 0010011", UNARY),
            op(CTZ,       "0110000 00001 ----- 001 ----- 0010011", UNARY),
            op(CPOP,      "0110000 00010 ----- 001 ----- 0010011", UNARY),
            op(CLZW,      "0110000 00000 ----- 001 ----- 0011011", UNARY),
            op(CTZW,      "0110000 00001 ----- 001 ----- 0011011", UNARY),
            op(CPOPW,     "0110000 00010 ----- 001 ----- 0011011", UNARY),
            op(MAX,       "0000101 ----- ----- 110 ----- 0110011", R),
            op(MAXU,      "0000101 ----- ----- 111 ----- 0110011", R),
            op(MIN,       "0000101 ----- ----- 100 ----- 0110011", R),
            op(MINU,      "0000101 ----- ----- 101 ----- 0110011", R),
            op(SEXT_B,    "0110000 00100 ----- 001 ----- 0010011", UNARY),
            op(SEXT_H,    "0110000 00101 ----- 001 ----- 0010011", UNARY),
            op(ZEXT_H,    "0000100 00000 ----- 100 ----- 0111011", UNARY),
            op(ROL,       "0110000 ----- ----- 001 ----- 0110011", R),
            op(ROR,       "0110000 ----- ----- 101 ----- 0110011", R),
            op(ROLW,      "0110000 ----- ----- 001 ----- 0111011", R),
            op(RORW,      "0110000 ----- ----- 101 ----- 0111011", R),
            op(RORI,      "011000 ------ ----- 101 ----- 0010011", SHAMT6),
            op(RORIW,     "0110000 ----- ----- 101 ----- 0011011", SHAMT5),
            op(ORC_B,     "001010000111 ----- 101 ----- 0010011", UNARY),
            op(REV8,      "011010111000 ----- 101 ----- 0010011", UNARY),
            // Zbs
            op(BCLR,      "0100100 ----- ----- 001 ----- 0110011", R),
            op(BEXT,      "0100100 ----- ----- 101 ----- 0110011", R),
            op(BINV,      "0110100 ----- ----- 001 ----- 0110011", R),
            op(BSET,      "0010100 ----- ----- 001 ----- 0110011", R),
            op(BCLRI,     "010010 ------ ----- 001 ----- 0010011", SHAMT6),
            op(BEXTI,     "010010 ------ ----- 101 ----- 0010011", SHAMT6),
            op(BINVI,     "011010 ------ ----- 001 ----- 0010011", SHAMT6),
            op(BSETI,     "001010 ------ ----- 001 ----- 0010011", SHAMT6));

    // 16-bit encodings: funct3 | ... | quadrant. Of the FP loads/stores only RV64C's D forms
    // exist (c.flw and c.fsw are RV32-only encodings: on RV64 their slots are c.ld and c.sd).
    private static final List<Entry> COMPRESSED = List.of(
            op(C_ADDI4SPN, "000 -------- --- 00", RvDecoder::ciw),
            op(C_LW,       "010 --- --- -- --- 00", RvDecoder::clw),
            op(C_FLD,      "001 --- --- -- --- 00", CLD),
            op(C_LD,       "011 --- --- -- --- 00", CLD),
            op(C_SW,       "110 --- --- -- --- 00", RvDecoder::csw),
            op(C_FSD,      "101 --- --- -- --- 00", CSD),
            op(C_SD,       "111 --- --- -- --- 00", CSD),
            op(C_NOP,      "000 - 00000 ----- 01", CI_ADDI),
            op(C_ADDI,     "000 - ----- ----- 01", CI_ADDI),
            op(C_ADDIW,    "001 - ----- ----- 01", RvDecoder::ciAddiw),
            op(C_LI,       "010 - ----- ----- 01", RvDecoder::ciLi),
            op(C_ADDI16SP, "011 - 00010 ----- 01", RvDecoder::ciAddi16sp),
            op(C_LUI,      "011 - ----- ----- 01", RvDecoder::ciLui),
            op(C_SRLI,     "100 - 00 --- ----- 01", CB_SHIFT),
            op(C_SRAI,     "100 - 01 --- ----- 01", CB_SHIFT),
            op(C_ANDI,     "100 - 10 --- ----- 01", RvDecoder::cbAndi),
            op(C_SUB,      "100 0 11 --- 00 --- 01", CA),
            op(C_XOR,      "100 0 11 --- 01 --- 01", CA),
            op(C_OR,       "100 0 11 --- 10 --- 01", CA),
            op(C_AND,      "100 0 11 --- 11 --- 01", CA),
            op(C_SUBW,     "100 1 11 --- 00 --- 01", CA),
            op(C_ADDW,     "100 1 11 --- 01 --- 01", CA),
            op(C_J,        "101 ----------- 01", RvDecoder::cj),
            op(C_BEQZ,     "110 --- --- ----- 01", CB),
            op(C_BNEZ,     "111 --- --- ----- 01", CB),
            op(C_SLLI,     "000 - ----- ----- 10", RvDecoder::ciSlli),
            op(C_LWSP,     "010 - ----- ----- 10", RvDecoder::ciLwsp),
            op(C_FLDSP,    "001 - ----- ----- 10", RvDecoder::ciFldsp),
            op(C_LDSP,     "011 - ----- ----- 10", RvDecoder::ciLdsp),
            op(C_JR,       "100 0 ----- 00000 10", RvDecoder::crJr),
            op(C_MV,       "100 0 ----- ----- 10", RvDecoder::crMv),
            op(C_EBREAK,   "100 1 00000 00000 10", NONE),
            op(C_JALR,     "100 1 ----- 00000 10", RvDecoder::crJalr),
            op(C_ADD,      "100 1 ----- ----- 10", RvDecoder::crAdd),
            op(C_SWSP,     "110 ------ ----- 10", RvDecoder::cssW),
            op(C_FSDSP,    "101 ------ ----- 10", CSS_D),
            op(C_SDSP,     "111 ------ ----- 10", CSS_D));

    private static final Entry[][] WIDE_BY_OPCODE = index(WIDE, 128, w -> w & 0x7f, 0x7f);
    private static final Entry[][] COMPRESSED_BY_FUNCT3 =
            index(COMPRESSED, 32, w -> (w >>> 13 & 7) << 2 | (w & 3), 0xe003);

    static {
        RvExec.check(); // the executor's int op ids must match the ops decoded here
    }

    private interface Key {
        int of(int word);
    }

    private static Entry[][] index(List<Entry> table, int buckets, Key key, int keyBits) {
        List<List<Entry>> lists = new ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            lists.add(new ArrayList<>());
        }
        for (Entry e : table) {
            if ((e.mask & keyBits) != keyBits) {
                throw new IllegalStateException(e.op + ": pattern leaves index bits open");
            }
            lists.get(key.of(e.match)).add(e);
        }
        Entry[][] out = new Entry[buckets][];
        for (int i = 0; i < buckets; i++) {
            out[i] = lists.get(i).toArray(new Entry[0]);
        }
        return out;
    }

    private RvDecoder() {
    }

    /** The {mask, match} pairs of the table entries for {@code op} (for tests). */
    static List<int[]> patterns(RvOp op) {
        List<int[]> out = new ArrayList<>();
        for (Entry e : op.compressed() ? COMPRESSED : WIDE) {
            if (e.op == op) {
                out.add(new int[] {e.mask, e.match});
            }
        }
        return out;
    }

    /**
     * Decodes the instruction at {@code pc}; a compressed one uses only the low 16 bits of
     * {@code word}.
     *
     * @throws DecodeException for unsupported or reserved encodings
     */
    public static RvInsn decode(long pc, int word) {
        boolean wide = (word & 3) == 3;
        int w = wide ? word : word & 0xffff;
        if (w == 0) {
            throw new DecodeException(Arch.RISCV64, pc, w, "all-zero halfword, defined illegal");
        }
        if (wide && (w & 0x1c) == 0x1c) {
            throw new DecodeException(Arch.RISCV64, pc, w, "48-bit or longer encodings are not supported");
        }
        Entry[] bucket = wide ? WIDE_BY_OPCODE[w & 0x7f] : COMPRESSED_BY_FUNCT3[(w >>> 13 & 7) << 2 | (w & 3)];
        for (Entry e : bucket) {
            if ((w & e.mask) == e.match) {
                RvInsn insn = e.fields.extract(e.op, w);
                if (insn == null) {
                    throw new DecodeException(Arch.RISCV64, pc, w, "reserved " + e.op.mnemonic() + " encoding");
                }
                return insn;
            }
        }
        throw new DecodeException(Arch.RISCV64, pc, w, "not in RV64GC_Zba_Zbb_Zbs");
    }

    // ---- helpers ----

    private static int bits(int w, int hi, int lo) {
        return (w >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    private static int bit(int w, int i) {
        return (w >>> i) & 1;
    }

    /** Sign-extends the low {@code width} bits. */
    private static long sext(int v, int width) {
        return (long) (v << (32 - width)) >> (32 - width);
    }

    private static RvInsn insn(RvOp op, int w, int rd, int rs1, int rs2, long imm) {
        return new RvInsn(op, w, rd, rs1, rs2, imm, classOf(op.exec(), rd, rs1));
    }

    /** JAL/JALR are calls, jumps or returns depending on the link registers (ISA manual table 2.1). */
    private static InsnClass classOf(RvOp exec, int rd, int rs1) {
        if (exec == JAL) {
            return rd == 0 ? InsnClass.DIRECT_JUMP : InsnClass.DIRECT_CALL;
        }
        if (exec == JALR) {
            if (rd != 0) {
                return InsnClass.INDIRECT_CALL;
            }
            return rs1 == 1 || rs1 == 5 ? InsnClass.RETURN : InsnClass.INDIRECT_JUMP;
        }
        return exec.insnClass();
    }

    private static int rd(int w) {
        return bits(w, 11, 7);
    }

    private static int rs1(int w) {
        return bits(w, 19, 15);
    }

    private static int rs2(int w) {
        return bits(w, 24, 20);
    }

    // ---- 32-bit formats ----

    private static RvInsn r(RvOp op, int w) {
        return insn(op, w, rd(w), rs1(w), rs2(w), 0);
    }

    private static RvInsn i(RvOp op, int w) {
        return insn(op, w, rd(w), rs1(w), 0, w >> 20);
    }

    private static RvInsn shamt6(RvOp op, int w) {
        return insn(op, w, rd(w), rs1(w), 0, bits(w, 25, 20));
    }

    private static RvInsn shamt5(RvOp op, int w) {
        return insn(op, w, rd(w), rs1(w), 0, bits(w, 24, 20));
    }

    private static RvInsn s(RvOp op, int w) {
        return insn(op, w, 0, rs1(w), rs2(w), (w >> 25) << 5 | bits(w, 11, 7));
    }

    private static RvInsn b(RvOp op, int w) {
        int imm = (w >> 31) << 12 | bit(w, 7) << 11 | bits(w, 30, 25) << 5 | bits(w, 11, 8) << 1;
        return insn(op, w, 0, rs1(w), rs2(w), imm);
    }

    private static RvInsn u(RvOp op, int w) {
        return insn(op, w, rd(w), 0, 0, w & 0xfffff000);
    }

    private static RvInsn j(RvOp op, int w) {
        int imm = (w >> 31) << 20 | bits(w, 19, 12) << 12 | bit(w, 20) << 11 | bits(w, 30, 21) << 1;
        return insn(op, w, rd(w), 0, 0, imm);
    }

    /** Zbb's one-operand ops: rs2 is part of the opcode. */
    private static RvInsn unary(RvOp op, int w) {
        return insn(op, w, rd(w), rs1(w), 0, 0);
    }

    /** OP-FP: f or x registers as the op says; imm is funct3 (the rounding mode where the op rounds). */
    private static RvInsn fp(RvOp op, int w) {
        return insn(op, w, rd(w), rs1(w), rs2(w), bits(w, 14, 12));
    }

    /** R4 (fused multiply-add): imm is {@code rs3 << 3 | rm}. */
    private static RvInsn r4(RvOp op, int w) {
        return insn(op, w, rd(w), rs1(w), rs2(w), bits(w, 31, 27) << 3 | bits(w, 14, 12));
    }

    private static RvInsn fence(RvOp op, int w) {
        return insn(op, w, 0, 0, 0, bits(w, 31, 20));
    }

    private static RvInsn none(RvOp op, int w) {
        return insn(op, w, 0, 0, 0, 0);
    }

    private static RvInsn csr(RvOp op, int w) {
        return insn(op, w, rd(w), rs1(w), 0, bits(w, 31, 20));
    }

    private static RvInsn csri(RvOp op, int w) {
        return insn(op, w, rd(w), 0, rs1(w), bits(w, 31, 20));
    }

    // ---- 16-bit formats, expanded to the operands of the 32-bit equivalent ----

    private static final int SP = 2;
    private static final int RA = 1;

    /** A 3-bit register field (x8..x15). */
    private static int creg(int w, int lo) {
        return 8 + bits(w, lo + 2, lo);
    }

    private static RvInsn ciw(RvOp op, int w) {
        int imm = bits(w, 12, 11) << 4 | bits(w, 10, 7) << 6 | bit(w, 6) << 2 | bit(w, 5) << 3;
        return imm == 0 ? null : insn(op, w, creg(w, 2), SP, 0, imm);
    }

    private static int clwImm(int w) {
        return bits(w, 12, 10) << 3 | bit(w, 6) << 2 | bit(w, 5) << 6;
    }

    private static int cldImm(int w) {
        return bits(w, 12, 10) << 3 | bits(w, 6, 5) << 6;
    }

    private static RvInsn clw(RvOp op, int w) {
        return insn(op, w, creg(w, 2), creg(w, 7), 0, clwImm(w));
    }

    private static RvInsn cld(RvOp op, int w) {
        return insn(op, w, creg(w, 2), creg(w, 7), 0, cldImm(w));
    }

    private static RvInsn csw(RvOp op, int w) {
        return insn(op, w, 0, creg(w, 7), creg(w, 2), clwImm(w));
    }

    private static RvInsn csd(RvOp op, int w) {
        return insn(op, w, 0, creg(w, 7), creg(w, 2), cldImm(w));
    }

    /** The 6-bit signed immediate of CI/CB formats: imm[5] at bit 12, imm[4:0] at bits 6:2. */
    private static long ciImm(int w) {
        return sext(bit(w, 12) << 5 | bits(w, 6, 2), 6);
    }

    private static RvInsn ciAddi(RvOp op, int w) {
        return insn(op, w, rd(w), rd(w), 0, ciImm(w));
    }

    private static RvInsn ciAddiw(RvOp op, int w) {
        return rd(w) == 0 ? null : insn(op, w, rd(w), rd(w), 0, ciImm(w));
    }

    private static RvInsn ciLi(RvOp op, int w) {
        return insn(op, w, rd(w), 0, 0, ciImm(w));
    }

    private static RvInsn ciAddi16sp(RvOp op, int w) {
        int imm = bit(w, 12) << 9 | bit(w, 6) << 4 | bit(w, 5) << 6 | bits(w, 4, 3) << 7 | bit(w, 2) << 5;
        return imm == 0 ? null : insn(op, w, SP, SP, 0, sext(imm, 10));
    }

    private static RvInsn ciLui(RvOp op, int w) {
        long imm = ciImm(w) << 12;
        return imm == 0 ? null : insn(op, w, rd(w), 0, 0, imm);
    }

    private static RvInsn cbShift(RvOp op, int w) {
        int r = creg(w, 7);
        return insn(op, w, r, r, 0, bit(w, 12) << 5 | bits(w, 6, 2));
    }

    private static RvInsn cbAndi(RvOp op, int w) {
        int r = creg(w, 7);
        return insn(op, w, r, r, 0, ciImm(w));
    }

    private static RvInsn ca(RvOp op, int w) {
        int r = creg(w, 7);
        return insn(op, w, r, r, creg(w, 2), 0);
    }

    private static RvInsn cj(RvOp op, int w) {
        int imm = bit(w, 12) << 11 | bit(w, 11) << 4 | bits(w, 10, 9) << 8 | bit(w, 8) << 10 | bit(w, 7) << 6
                | bit(w, 6) << 7 | bits(w, 5, 3) << 1 | bit(w, 2) << 5;
        return insn(op, w, 0, 0, 0, sext(imm, 12));
    }

    private static RvInsn cb(RvOp op, int w) {
        int imm = bit(w, 12) << 8 | bits(w, 11, 10) << 3 | bits(w, 6, 5) << 6 | bits(w, 4, 3) << 1 | bit(w, 2) << 5;
        return insn(op, w, 0, creg(w, 7), 0, sext(imm, 9));
    }

    private static RvInsn ciSlli(RvOp op, int w) {
        return insn(op, w, rd(w), rd(w), 0, bit(w, 12) << 5 | bits(w, 6, 2));
    }

    private static RvInsn ciLwsp(RvOp op, int w) {
        int imm = bit(w, 12) << 5 | bits(w, 6, 4) << 2 | bits(w, 3, 2) << 6;
        return rd(w) == 0 ? null : insn(op, w, rd(w), SP, 0, imm);
    }

    private static RvInsn ciLdsp(RvOp op, int w) {
        int imm = bit(w, 12) << 5 | bits(w, 6, 5) << 3 | bits(w, 4, 2) << 6;
        return rd(w) == 0 ? null : insn(op, w, rd(w), SP, 0, imm);
    }

    /** c.fldsp: unlike c.ldsp, f0 is a valid destination. */
    private static RvInsn ciFldsp(RvOp op, int w) {
        return insn(op, w, rd(w), SP, 0, bit(w, 12) << 5 | bits(w, 6, 5) << 3 | bits(w, 4, 2) << 6);
    }

    private static RvInsn crJr(RvOp op, int w) {
        return rd(w) == 0 ? null : insn(op, w, 0, rd(w), 0, 0);
    }

    private static RvInsn crMv(RvOp op, int w) {
        return insn(op, w, rd(w), 0, bits(w, 6, 2), 0);
    }

    private static RvInsn crJalr(RvOp op, int w) {
        return insn(op, w, RA, rd(w), 0, 0);
    }

    private static RvInsn crAdd(RvOp op, int w) {
        return insn(op, w, rd(w), rd(w), bits(w, 6, 2), 0);
    }

    private static RvInsn cssW(RvOp op, int w) {
        return insn(op, w, 0, SP, bits(w, 6, 2), bits(w, 12, 9) << 2 | bits(w, 8, 7) << 6);
    }

    private static RvInsn cssD(RvOp op, int w) {
        return insn(op, w, 0, SP, bits(w, 6, 2), bits(w, 12, 10) << 3 | bits(w, 9, 7) << 6);
    }
}
