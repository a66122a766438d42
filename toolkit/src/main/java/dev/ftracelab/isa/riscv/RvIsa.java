package dev.ftracelab.isa.riscv;

import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.Instruction;
import dev.ftracelab.isa.InstructionSet;

/**
 * RV64IMAC + Zicsr + Zifencei behind the arch-neutral {@link InstructionSet} facade.
 *
 * <pre>{@code
 * Instruction i = RvIsa.INSTANCE.decode(0x10000, 0x00000013);
 * RvIsa.INSTANCE.disassemble(0x10000, i);   // "nop"
 * }</pre>
 */
public final class RvIsa implements InstructionSet {
    public static final RvIsa INSTANCE = new RvIsa();

    private RvIsa() {
    }

    @Override
    public Arch arch() {
        return Arch.RISCV64;
    }

    @Override
    public int alignment() {
        return 2;
    }

    @Override
    public int length(int low16) {
        return (low16 & 3) == 3 ? 4 : 2;
    }

    /** {@code .4byte 0xb}, {@code .2byte 0x1}, and {@code unimp} for the all-zero halfword, as objdump prints them. */
    @Override
    public String undecodable(int word, int length) {
        if (length == 2) {
            return (word & 0xffff) == 0 ? "unimp" : ".2byte\t0x" + Integer.toHexString(word & 0xffff);
        }
        return ".4byte\t0x" + Integer.toHexString(word);
    }

    @Override
    public RvInsn decode(long pc, int word) {
        return RvDecoder.decode(pc, word);
    }

    /**
     * @throws IllegalArgumentException if {@code insn} was not decoded by this ISA
     */
    @Override
    public String disassemble(long pc, Instruction insn) {
        if (!(insn instanceof RvInsn rv)) {
            throw new IllegalArgumentException("not a RISC-V instruction: " + insn);
        }
        return RvDisassembler.format(pc, rv);
    }
}
