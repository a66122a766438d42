package dev.ftracelab.isa;

/**
 * One ISA's decoder and disassembler behind one interface, for tools that work on either arch
 * (listings, the ELF census, the CLI). The emulator's harts call their ISA's decoder directly.
 *
 * <pre>{@code
 * InstructionSet isa = InstructionSet.of(Arch.RISCV64);
 * Instruction i = isa.decode(0x10000, 0x00000013);
 * isa.disassemble(0x10000, i);   // "nop"
 * }</pre>
 */
public interface InstructionSet {
    /** The decoder and disassembler of {@code arch}. */
    static InstructionSet of(Arch arch) {
        return switch (arch) {
            case RISCV64 -> dev.ftracelab.isa.riscv.RvIsa.INSTANCE;
            case ARM64 -> dev.ftracelab.isa.arm64.A64Isa.INSTANCE;
        };
    }

    Arch arch();

    /** The alignment every instruction address must have: 2 with RVC, 4 on A64. */
    int alignment();

    /** The length in bytes of the instruction whose first (lowest-addressed) halfword is {@code low16}. */
    int length(int low16);

    /**
     * Decodes the instruction at {@code pc}. For a 2-byte instruction only the low 16 bits of
     * {@code word} are used.
     *
     * @throws DecodeException for any encoding outside the supported set
     */
    Instruction decode(long pc, int word);

    /**
     * The instruction as binutils' objdump prints it (with aliases), mnemonic and operands
     * separated by a tab, branch targets as absolute hex addresses: {@code "addi\tsp,sp,-16"},
     * {@code "j\t10078"}, {@code "bl\t400120"}.
     */
    String disassemble(long pc, Instruction insn);

    /**
     * The instruction as objdump prints it in a relocatable file when a relocation applies to it
     * (the disassembler's INSN_HAS_RELOC case): the field is then the relocation's addend, not
     * a PC-relative offset. binutils' AArch64 printer computes the addresses of such an
     * instruction as if it stood at 0, and objdump adds the value of the relocation's symbol:
     * {@code bl 0 <kfree>}. By default (RISC-V, whose printer does not look at relocations) the
     * same text as {@link #disassemble}.
     *
     * <pre>{@code
     * isa.disassembleRelocated(0x38, insn, 0);   // "bl\t0" for 94000000 with R_AARCH64_CALL26 kfree
     * }</pre>
     *
     * @param symbolValue {@code st_value} of the relocation's symbol (0 for an undefined or section symbol)
     */
    default String disassembleRelocated(long pc, Instruction insn, long symbolValue) {
        return disassemble(pc, insn);
    }

    /**
     * What objdump prints for an encoding we do not decode ({@code length} 2 or 4 bytes): by
     * default {@code .word 0x0000000b} / {@code .short 0x0001}; the ISAs print objdump's own
     * spelling for the encodings it does not know either.
     */
    default String undecodable(int word, int length) {
        return length == 2 ? String.format(java.util.Locale.ROOT, ".short\t0x%04x", word & 0xffff)
                : String.format(java.util.Locale.ROOT, ".word\t0x%08x", word);
    }

    /**
     * Whether objdump consults relocations when it prints this ISA's instructions in a relocatable
     * file (binutils' {@code disassembler_needs_relocs}): then {@link #disassembleRelocated} applies.
     */
    default boolean printsRelocations() {
        return false;
    }
}
