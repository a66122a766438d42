package dev.ftracelab.isa.arm64;

import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.InsnClass;
import dev.ftracelab.isa.Instruction;

/**
 * One decoded A64 instruction, with everything the executor needs precomputed: the operation id
 * ({@link A64Op}), the counter index, register indices and decoded immediates (a logical
 * immediate is stored as its expanded bitmask, a shifted imm12 already shifted).
 *
 * <p>Register indices: 0-30 are X0-X30, {@link #SP} is the stack pointer, {@link #ZR} the zero
 * register when read and {@link #ZR_SINK} the zero register when written (a write-only slot, so
 * the executor never needs a branch for XZR).
 *
 * <pre>{@code
 * A64Insn i = A64Decoder.decode(0x400000, 0x91000420);   // add x0, x1, #0x1
 * i.op() == A64Op.ADD_IMM; i.imm() == 1; i.rd() == 0; i.rn() == 1;
 * }</pre>
 *
 * @param word     the encoding
 * @param op       the operation id, one of the {@link A64Op} constants
 * @param counter  the counter index, {@code insnClass().ordinal()}
 * @param mnemonic the base mnemonic (without objdump's aliases), e.g. {@code orr}, {@code ldp}
 * @param rd       destination (Rt for loads and stores)
 * @param rn       first source / base register
 * @param rm       second source (Rt2 for pairs; the status / old-value destination of STXR and CAS)
 * @param ra       third source (MADD family; the compare value of CAS), otherwise {@link #ZR}
 * @param imm      immediate: value, byte offset or PC-relative offset
 * @param a        op-specific small field (shift type, immr, condition, memory kind, bit number)
 * @param b        op-specific small field (shift amount, imms, nzcv, addressing mode, extend)
 * @param sf       64-bit operation
 * @param readMask registers read, see {@link Instruction#readMask()}
 * @param writeMask registers written
 */
public record A64Insn(int word, int op, int counter, String mnemonic, int rd, int rn, int rm, int ra, long imm,
        int a, int b, boolean sf, long readMask, long writeMask) implements Instruction {

    /** Register index of SP. */
    public static final int SP = 31;
    /** Register index of XZR/WZR as a source: always reads 0. */
    public static final int ZR = 32;
    /** Register index of XZR/WZR as a destination: writes are discarded there. */
    public static final int ZR_SINK = 33;

    private static final InsnClass[] CLASSES = InsnClass.values();

    @Override
    public Arch arch() {
        return Arch.ARM64;
    }

    @Override
    public int length() {
        return 4;
    }

    @Override
    public InsnClass insnClass() {
        return CLASSES[counter];
    }

    /** Branch targets only: literal loads and ADR/ADRP are data references, see {@link #pcRelativeAddress}. */
    @Override
    public long target(long pc) {
        return switch (op) {
            case A64Op.B, A64Op.BL, A64Op.B_COND, A64Op.CBZ, A64Op.CBNZ, A64Op.TBZ, A64Op.TBNZ -> pc + imm;
            default -> -1;
        };
    }

    /**
     * The address a PC-relative instruction at {@code pc} refers to: a branch target, the literal
     * of {@code ldr (literal)}, or the (page) address ADR/ADRP compute; otherwise {@code -1}.
     */
    public long pcRelativeAddress(long pc) {
        return switch (op) {
            case A64Op.LDR_LIT, A64Op.ADR -> pc + imm;
            case A64Op.ADRP -> (pc & ~0xfffL) + imm;
            default -> target(pc);
        };
    }

    @Override
    public long readMask() {
        return readMask;
    }

    @Override
    public long writeMask() {
        return writeMask;
    }
}
