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
}
