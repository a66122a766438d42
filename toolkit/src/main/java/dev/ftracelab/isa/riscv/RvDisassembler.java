package dev.ftracelab.isa.riscv;


/**
 * Formats decoded instructions the way GNU objdump 2.40 does by default: ABI register names
 * (f registers too: {@code fa0}, {@code ft11}), a rounding mode other than the dynamic one as
 * a last operand ({@code fcvt.w.d a0,fa0,rtz}), aliases on ({@code li}, {@code mv},
 * {@code ret}, {@code beqz}, {@code sext.w}, {@code rdcycle}, {@code fmv.d}, {@code fneg.s},
 * {@code zext.w}, ...), immediate ALU ops printed with the register-form name as binutils 2.40
 * does ({@code add a0,a1,5} for {@code addi}, {@code ror a0,a1,0x3} for {@code rori}), shift
 * amounts in hex, branch targets as absolute hex without {@code 0x}. Compressed instructions print as their expansion, as objdump shows them.
 *
 * <pre>{@code
 * RvDisassembler.format(0x10000, RvDecoder.decode(0x10000, 0x8082));   // "ret"
 * }</pre>
 */
public final class RvDisassembler {
    private static final String[] REG = {
        "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
        "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};

    private static final String[] FREG = {
        "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5",
        "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11"};

    /** Rounding-mode operands; objdump omits the dynamic one (7) and calls 5 and 6 unknown. */
    private static final String[] RM = {",rne", ",rtz", ",rdn", ",rup", ",rmm", ",unknown", ",unknown", ""};

    /**
     * Suffixes of the floating-point CSR aliases ({@code frflags}, {@code fsrm}, {@code frcsr}...).
     * objdump uses them only for binaries whose arch includes F; we follow rv64gc, the common case.
     */
    private static final String[] FP_CSR = {null, "flags", "rm", "csr"};

    private RvDisassembler() {
    }

    /** The ABI name of integer register {@code i}: {@code zero}, {@code ra}, ..., {@code t6}. */
    public static String reg(int i) {
        return REG[i];
    }

    /** The ABI name of f register {@code i}: {@code ft0}, ..., {@code fa0}, ..., {@code ft11}. */
    public static String freg(int i) {
        return FREG[i];
    }

    /** {@code "mnemonic\toperands"} (just the mnemonic when there are no operands). */
    public static String format(long pc, RvInsn i) {
        if (i.op().isFp()) {
            return fp(i);
        }
        String rd = REG[i.rd()];
        String rs1 = REG[i.rs1()];
        String rs2 = REG[i.rs2()];
        long imm = i.imm();
        String target = Long.toHexString(pc + imm);
        return switch (i.exec()) {
            case LUI, AUIPC -> i.exec().mnemonic() + "\t" + rd + ",0x" + Long.toHexString(imm >>> 12 & 0xfffff);
            case JAL -> i.rd() == 0 ? "j\t" + target : i.rd() == 1 ? "jal\t" + target : "jal\t" + rd + "," + target;
            case JALR -> jalr(i, rd, rs1, imm);
            case BEQ, BNE, BLT, BGE, BLTU, BGEU -> branch(i, rs1, rs2, target);
            case LB, LH, LW, LD, LBU, LHU, LWU -> i.exec().mnemonic() + "\t" + rd + "," + imm + "(" + rs1 + ")";
            case SB, SH, SW, SD -> i.exec().mnemonic() + "\t" + rs2 + "," + imm + "(" + rs1 + ")";
            case ADDI -> {
                if (i.rd() == 0 && i.rs1() == 0 && imm == 0) {
                    yield "nop";
                }
                yield i.rs1() == 0 ? "li\t" + rd + "," + imm : imm == 0 ? "mv\t" + rd + "," + rs1 : ri("add", rd, rs1, imm);
            }
            case SLTI -> ri("slti", rd, rs1, imm);
            case SLTIU -> imm == 1 ? "seqz\t" + rd + "," + rs1 : ri("sltiu", rd, rs1, imm);
            case XORI -> imm == -1 ? "not\t" + rd + "," + rs1 : ri("xor", rd, rs1, imm);
            case ORI -> ri("or", rd, rs1, imm);
            case ANDI -> imm == 255 ? "zext.b\t" + rd + "," + rs1 : ri("and", rd, rs1, imm);
            case ADD_UW -> i.rs2() == 0 ? "zext.w\t" + rd + "," + rs1 : rrr("add.uw", rd, rs1, rs2);
            case SLLI_UW -> "slli.uw\t" + rd + "," + rs1 + ",0x" + Long.toHexString(imm);
            // objdump 2.40 prints the immediate forms with the register form's name
            case RORI, RORIW, BCLRI, BSETI, BINVI, BEXTI -> {
                String m = i.exec().mnemonic();
                yield m.substring(0, m.length() - (i.exec() == RvOp.RORIW ? 2 : 1)) + (i.exec() == RvOp.RORIW ? "w" : "")
                        + "\t" + rd + "," + rs1 + ",0x" + Long.toHexString(imm);
            }
            case CLZ, CTZ, CPOP, CLZW, CTZW, CPOPW, SEXT_B, SEXT_H, ZEXT_H, ORC_B, REV8 ->
                    i.exec().mnemonic() + "\t" + rd + "," + rs1;
            case SLLI, SRLI, SRAI, SLLIW, SRLIW, SRAIW -> {
                String m = i.exec().mnemonic();
                yield m.substring(0, 3) + m.substring(4) + "\t" + rd + "," + rs1 + ",0x" + Long.toHexString(imm);
            }
            case ADDIW -> imm == 0 ? "sext.w\t" + rd + "," + rs1 : ri("addw", rd, rs1, imm);
            case ADD -> i.op() == RvOp.C_MV ? "mv\t" + rd + "," + rs2 : rrr("add", rd, rs1, rs2);
            case SUB -> i.rs1() == 0 ? "neg\t" + rd + "," + rs2 : rrr("sub", rd, rs1, rs2);
            case SUBW -> i.rs1() == 0 ? "negw\t" + rd + "," + rs2 : rrr("subw", rd, rs1, rs2);
            case SLT -> i.rs2() == 0 ? "sltz\t" + rd + "," + rs1
                    : i.rs1() == 0 ? "sgtz\t" + rd + "," + rs2 : rrr("slt", rd, rs1, rs2);
            case SLTU -> i.rs1() == 0 ? "snez\t" + rd + "," + rs2 : rrr("sltu", rd, rs1, rs2);
            case FENCE -> fence((int) imm);
            case FENCE_I, ECALL, EBREAK -> i.exec().mnemonic();
            case CSRRW, CSRRS, CSRRC -> csr(i, rd, rs1);
            case CSRRWI, CSRRSI, CSRRCI -> csrImmediate(i, rd);
            case LR_W, LR_D -> atomic(i) + "\t" + rd + ",(" + rs1 + ")";
            case SC_W, SC_D, AMOSWAP_W, AMOADD_W, AMOXOR_W, AMOAND_W, AMOOR_W, AMOMIN_W, AMOMAX_W, AMOMINU_W,
                    AMOMAXU_W, AMOSWAP_D, AMOADD_D, AMOXOR_D, AMOAND_D, AMOOR_D, AMOMIN_D, AMOMAX_D, AMOMINU_D,
                    AMOMAXU_D -> atomic(i) + "\t" + rd + "," + rs2 + ",(" + rs1 + ")";
            default -> rrr(i.exec().mnemonic(), rd, rs1, rs2);
        };
    }

    /** F and D instructions. */
    private static String fp(RvInsn i) {
        RvOp op = i.exec();
        String m = op.mnemonic();
        String fd = FREG[i.rd()];
        String fs1 = FREG[i.rs1()];
        String fs2 = FREG[i.rs2()];
        String rm = RM[(int) (i.imm() & 7)];
        return switch (op) {
            case FLW, FLD -> m + "\t" + fd + "," + i.imm() + "(" + REG[i.rs1()] + ")";
            case FSW, FSD -> m + "\t" + fs2 + "," + i.imm() + "(" + REG[i.rs1()] + ")";
            case FADD_S, FSUB_S, FMUL_S, FDIV_S, FADD_D, FSUB_D, FMUL_D, FDIV_D -> m + "\t" + fd + "," + fs1 + "," + fs2 + rm;
            case FSQRT_S, FSQRT_D, FCVT_S_D -> m + "\t" + fd + "," + fs1 + rm;
            case FMADD_S, FMSUB_S, FNMADD_S, FNMSUB_S, FMADD_D, FMSUB_D, FNMADD_D, FNMSUB_D ->
                    m + "\t" + fd + "," + fs1 + "," + fs2 + "," + FREG[(int) (i.imm() >>> 3)] + rm;
            case FSGNJ_S, FSGNJN_S, FSGNJX_S, FSGNJ_D, FSGNJN_D, FSGNJX_D -> {
                if (i.rs1() != i.rs2()) {
                    yield m + "\t" + fd + "," + fs1 + "," + fs2;
                }
                String alias = switch (op) {
                    case FSGNJ_S, FSGNJ_D -> "fmv";
                    case FSGNJN_S, FSGNJN_D -> "fneg";
                    default -> "fabs";
                };
                yield alias + m.substring(m.length() - 2) + "\t" + fd + "," + fs1;
            }
            case FCVT_W_S, FCVT_WU_S, FCVT_L_S, FCVT_LU_S, FCVT_W_D, FCVT_WU_D, FCVT_L_D, FCVT_LU_D ->
                    m + "\t" + REG[i.rd()] + "," + fs1 + rm;
            case FCVT_S_W, FCVT_S_WU, FCVT_S_L, FCVT_S_LU, FCVT_D_L, FCVT_D_LU -> m + "\t" + fd + "," + REG[i.rs1()] + rm;
            // exact conversions: binutils 2.40 knows them only with rm=0, and prints no rm
            case FCVT_D_W, FCVT_D_WU -> i.imm() != 0 ? word(i) : m + "\t" + fd + "," + REG[i.rs1()];
            case FCVT_D_S -> i.imm() != 0 ? word(i) : m + "\t" + fd + "," + fs1;
            case FMV_X_W, FMV_X_D, FCLASS_S, FCLASS_D -> m + "\t" + REG[i.rd()] + "," + fs1;
            case FMV_W_X, FMV_D_X -> m + "\t" + fd + "," + REG[i.rs1()];
            case FEQ_S, FLT_S, FLE_S, FEQ_D, FLT_D, FLE_D -> m + "\t" + REG[i.rd()] + "," + fs1 + "," + fs2;
            default -> m + "\t" + fd + "," + fs1 + "," + fs2; // fmin, fmax
        };
    }

    /** How objdump shows a valid encoding it does not know. */
    private static String word(RvInsn i) {
        return ".4byte\t0x" + Integer.toHexString(i.word());
    }

    private static String ri(String m, String rd, String rs1, long imm) {
        return m + "\t" + rd + "," + rs1 + "," + imm;
    }

    private static String rrr(String m, String rd, String rs1, String rs2) {
        return m + "\t" + rd + "," + rs1 + "," + rs2;
    }

    private static String jalr(RvInsn i, String rd, String rs1, long imm) {
        String src = imm == 0 ? rs1 : imm + "(" + rs1 + ")";
        return switch (i.rd()) {
            case 0 -> i.rs1() == 1 && imm == 0 ? "ret" : "jr\t" + src;
            case 1 -> "jalr\t" + src;
            default -> "jalr\t" + rd + "," + src;
        };
    }

    private static String branch(RvInsn i, String rs1, String rs2, String target) {
        boolean z1 = i.rs1() == 0;
        boolean z2 = i.rs2() == 0;
        return switch (i.exec()) {
            case BEQ -> z2 ? "beqz\t" + rs1 + "," + target : "beq\t" + rs1 + "," + rs2 + "," + target;
            case BNE -> z2 ? "bnez\t" + rs1 + "," + target : "bne\t" + rs1 + "," + rs2 + "," + target;
            case BGE -> z1 ? "blez\t" + rs2 + "," + target
                    : z2 ? "bgez\t" + rs1 + "," + target : "bge\t" + rs1 + "," + rs2 + "," + target;
            case BLT -> z2 ? "bltz\t" + rs1 + "," + target
                    : z1 ? "bgtz\t" + rs2 + "," + target : "blt\t" + rs1 + "," + rs2 + "," + target;
            default -> i.exec().mnemonic() + "\t" + rs1 + "," + rs2 + "," + target;
        };
    }

    private static String fence(int imm) {
        int fm = imm >>> 8;
        int pred = imm >>> 4 & 0xf;
        int succ = imm & 0xf;
        if (fm == 0 && pred == 0xf && succ == 0xf) {
            return "fence";
        }
        if (fm == 8 && pred == 3 && succ == 3) {
            return "fence.tso";
        }
        // pause (Zihintpause, pred=w succ=0) prints as "fence w,unknown": objdump 2.40 knows no pause
        return "fence\t" + ioSet(pred) + "," + ioSet(succ);
    }

    private static String ioSet(int bits) {
        StringBuilder sb = new StringBuilder();
        String names = "iorw";
        for (int b = 0; b < 4; b++) {
            if ((bits >>> (3 - b) & 1) != 0) {
                sb.append(names.charAt(b));
            }
        }
        return sb.length() == 0 ? "unknown" : sb.toString();
    }

    private static String csr(RvInsn i, String rd, String rs1) {
        int csr = (int) i.imm();
        String name = csrName(csr);
        if (i.exec() == RvOp.CSRRS && i.rs1() == 0) {
            return switch (csr) {
                case 0xc00, 0xc01, 0xc02 -> "rd" + name + "\t" + rd;
                case 0x001, 0x002, 0x003 -> "fr" + FP_CSR[csr] + "\t" + rd;
                default -> "csrr\t" + rd + "," + name;
            };
        }
        if (i.exec() == RvOp.CSRRW && csr >= 0x001 && csr <= 0x003) {
            return "fs" + FP_CSR[csr] + "\t" + (i.rd() == 0 ? rs1 : rd + "," + rs1);
        }
        if (i.word() == 0xc0001073) {
            return "unimp"; // csrw cycle,zero: the canonical always-illegal encoding
        }
        String base = i.exec().mnemonic();
        if (i.rd() == 0) {
            return "csr" + base.charAt(4) + "\t" + name + "," + rs1;
        }
        return base + "\t" + rd + "," + name + "," + rs1;
    }

    private static String csrImmediate(RvInsn i, String rd) {
        int csr = (int) i.imm();
        if (i.exec() == RvOp.CSRRWI && (csr == 0x001 || csr == 0x002)) {
            return "fs" + FP_CSR[csr] + "i\t" + rd + "," + i.rs2(); // objdump prints rd even when it is zero
        }
        String name = csrName(csr);
        String base = i.exec().mnemonic().substring(0, 5); // objdump drops the trailing 'i'
        if (i.rd() == 0) {
            return "csr" + base.charAt(4) + "\t" + name + "," + i.rs2();
        }
        return base + "\t" + rd + "," + name + "," + i.rs2();
    }

    /** The CSR's name as objdump prints it, or its number in hex (the generated {@link RvCsrNames} table). */
    static String csrName(int csr) {
        return RvCsrNames.name(csr);
    }

    private static String atomic(RvInsn i) {
        boolean aq = (i.word() >>> 26 & 1) != 0;
        boolean rl = (i.word() >>> 25 & 1) != 0;
        return i.exec().mnemonic() + (aq && rl ? ".aqrl" : aq ? ".aq" : rl ? ".rl" : "");
    }
}
