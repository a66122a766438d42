package dev.ftracelab.isa;

/**
 * A decoded machine instruction: immutable, produced once by an ISA's decoder and then executed
 * any number of times from a hart's fetch cache. Each ISA has its own record type with the
 * operand fields its executor needs; this interface is what every consumer may rely on.
 */
public interface Instruction {
    /** The architecture this instruction belongs to. */
    Arch arch();

    /** Length in bytes: 4, or 2 for a RISC-V compressed instruction. */
    int length();

    /** The raw encoding (the low 16 bits for a compressed instruction). */
    int word();

    /** The class the counters and the cost model use. */
    InsnClass insnClass();

    /** The base mnemonic, e.g. {@code addi}, {@code c.addi}, {@code bl}, {@code ldp}. */
    String mnemonic();

    /**
     * For a PC-relative branch, jump or call at {@code pc}: its target; otherwise {@code -1}
     * (used to annotate listings with symbols and by the cost model).
     */
    long target(long pc);

    /**
     * Registers read, as a bit mask: bits 0-31 are the integer registers (on AArch64 bit 31 is SP;
     * the zero register is never included), bit {@link #FLAGS} the AArch64 condition flags.
     * The cost model tracks dependencies with it.
     */
    long readMask();

    /** Registers written, in the same encoding as {@link #readMask()}. */
    long writeMask();

    /**
     * What this instruction does to memory: bytes read or written (a pair counts both registers),
     * acquire / release semantics, or what a fence orders. {@link MemoryAccess#NONE} for the rest.
     * The cost model tracks store-to-load dependencies and fences with it.
     */
    default MemoryAccess memoryAccess() {
        return MemoryAccess.NONE;
    }

    /** Bit of the AArch64 NZCV flags in {@link #readMask()} / {@link #writeMask()}. */
    int FLAGS = 32;
}
