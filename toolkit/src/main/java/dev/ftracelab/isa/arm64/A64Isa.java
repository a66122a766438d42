package dev.ftracelab.isa.arm64;

import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.Instruction;
import dev.ftracelab.isa.InstructionSet;

/**
 * The A64 instruction set behind the arch-neutral {@link InstructionSet} facade: fixed 4-byte
 * instructions, 4-byte aligned.
 *
 * <pre>{@code
 * Instruction i = A64Isa.INSTANCE.decode(0x400000, 0xd503201f);
 * A64Isa.INSTANCE.disassemble(0x400000, i);   // "nop"
 * }</pre>
 */
public final class A64Isa implements InstructionSet {
    public static final A64Isa INSTANCE = new A64Isa();

    private A64Isa() {
    }

    @Override
    public Arch arch() {
        return Arch.ARM64;
    }

    @Override
    public int alignment() {
        return 4;
    }

    @Override
    public int length(int low16) {
        return 4;
    }

    @Override
    public A64Insn decode(long pc, int word) {
        return A64Decoder.decode(pc, word);
    }

    /**
     * @throws IllegalArgumentException if {@code insn} is not an A64 instruction
     */
    @Override
    public String disassemble(long pc, Instruction insn) {
        if (!(insn instanceof A64Insn a)) {
            throw new IllegalArgumentException("not an A64 instruction: " + insn);
        }
        return A64Disassembler.format(pc, a);
    }

    /** PC-relative addresses print as field + {@code symbolValue}, as binutils does for a relocated instruction. */
    @Override
    public String disassembleRelocated(long pc, Instruction insn, long symbolValue) {
        if (!(insn instanceof A64Insn a)) {
            throw new IllegalArgumentException("not an A64 instruction: " + insn);
        }
        return A64Disassembler.formatRelocated(a, symbolValue);
    }

    /** {@code .inst 0xffffffff ; undefined}, as objdump prints what it does not know. */
    @Override
    public String undecodable(int word, int length) {
        return String.format(java.util.Locale.ROOT, ".inst\t0x%08x ; undefined", word);
    }

    @Override
    public boolean printsRelocations() {
        return true;
    }
}
