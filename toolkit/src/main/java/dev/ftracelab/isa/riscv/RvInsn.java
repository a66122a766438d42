package dev.ftracelab.isa.riscv;

import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.InsnClass;
import dev.ftracelab.isa.Instruction;
import dev.ftracelab.isa.MemoryAccess;
import dev.ftracelab.isa.MemoryAccess.Order;

/**
 * One decoded RV64 instruction with its operands already extracted (and, for a compressed
 * instruction, expanded to those of its 32-bit equivalent). Everything the executor needs per
 * instruction is precomputed: the int op id to switch on, the length, the counter index.
 *
 * <p>Field use: {@code imm} is the sign-extended immediate (shift amount for shifts, CSR number
 * for CSR ops, pred/succ bits for {@code fence}); for {@code csrr*i} the 5-bit uimm is in
 * {@code rs2}. F and D ops name f or x registers in rd/rs1/rs2 as the op says; an OP-FP op keeps
 * its funct3 (the rounding mode, where it rounds) in {@code imm}, a fused multiply-add
 * {@code rs3 << 3 | rm}. The dependency masks cover x registers only.
 *
 * <pre>{@code
 * RvInsn i = RvDecoder.decode(0x1000, 0x00a00513);   // li a0,10
 * i.op();   // ADDI
 * i.imm();  // 10
 * }</pre>
 *
 * @param op        the op as decoded ({@code C_ADDI} for c.addi)
 * @param exec      the op the executor runs ({@code ADDI} for c.addi)
 * @param execId    its ordinal, the {@link RvExec} constant the executor switches on
 * @param length    2 or 4
 * @param word      the raw encoding (low 16 bits for compressed)
 * @param counter   index into the hart's counters ({@code emu.Counter} ordinal, which mirrors {@link InsnClass})
 */
public record RvInsn(RvOp op, RvOp exec, int execId, int length, int word, int rd, int rs1, int rs2, long imm,
                     InsnClass insnClass, int counter, long readMask, long writeMask) implements Instruction {

    /** An instruction with its derived fields computed from op and operands. */
    public RvInsn(RvOp op, int word, int rd, int rs1, int rs2, long imm, InsnClass insnClass) {
        this(op, op.exec(), op.exec().ordinal(), op.compressed() ? 2 : 4, word, rd, rs1, rs2, imm, insnClass, insnClass.ordinal(),
                mask(op.exec().readsRs1(), rs1) | mask(op.exec().readsRs2(), rs2),
                mask(op.exec().writesRd(), rd));
    }

    private static long mask(boolean used, int reg) {
        return used && reg != 0 ? 1L << reg : 0;
    }

    @Override
    public Arch arch() {
        return Arch.RISCV64;
    }

    @Override
    public String mnemonic() {
        return op.mnemonic();
    }

    @Override
    public MemoryAccess memoryAccess() {
        return switch (exec) {
            case LB, LBU -> MemoryAccess.load(1);
            case LH, LHU -> MemoryAccess.load(2);
            case LW, LWU -> MemoryAccess.load(4);
            case LD, FLD -> MemoryAccess.load(8);
            case FLW -> MemoryAccess.load(4);
            case FSW -> MemoryAccess.store(4);
            case FSD -> MemoryAccess.store(8);
            case SB -> MemoryAccess.store(1);
            case SH -> MemoryAccess.store(2);
            case SW -> MemoryAccess.store(4);
            case SD -> MemoryAccess.store(8);
            case LR_W, LR_D -> MemoryAccess.of(exec == RvOp.LR_W ? 4 : 8, true, false, order());
            case SC_W, SC_D -> MemoryAccess.of(exec == RvOp.SC_W ? 4 : 8, false, true, order());
            case AMOSWAP_W, AMOADD_W, AMOXOR_W, AMOAND_W, AMOOR_W, AMOMIN_W, AMOMAX_W, AMOMINU_W, AMOMAXU_W ->
                    MemoryAccess.of(4, true, true, order());
            case AMOSWAP_D, AMOADD_D, AMOXOR_D, AMOAND_D, AMOOR_D, AMOMIN_D, AMOMAX_D, AMOMINU_D, AMOMAXU_D ->
                    MemoryAccess.of(8, true, true, order());
            // imm holds fm:pred:succ; the I and O bits (device I/O) do not order ordinary memory here
            case FENCE -> imm >>> 8 == 8 && (imm >>> 4 & 0xf) == 3 && (imm & 0xf) == 3 ? MemoryAccess.fenceTso()
                    : MemoryAccess.fence((int) (imm >>> 4 & 3), (int) (imm & 3));
            default -> MemoryAccess.NONE;
        };
    }

    /** The aq (bit 26) and rl (bit 25) bits of an A-extension instruction. */
    private Order order() {
        boolean aq = (word >>> 26 & 1) != 0;
        boolean rl = (word >>> 25 & 1) != 0;
        return aq ? (rl ? Order.ACQUIRE_RELEASE : Order.ACQUIRE) : rl ? Order.RELEASE : Order.PLAIN;
    }

    @Override
    public long target(long pc) {
        return switch (insnClass) {
            case BRANCH, DIRECT_JUMP, DIRECT_CALL -> pc + imm;
            default -> -1;
        };
    }
}
