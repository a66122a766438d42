package dev.ftracelab.isa.arm64;

import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.InsnClass;
import dev.ftracelab.isa.Instruction;
import dev.ftracelab.isa.MemoryAccess;
import dev.ftracelab.isa.MemoryAccess.Order;

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
    public MemoryAccess memoryAccess() {
        return switch (op) {
            case A64Op.LDR_IMM, A64Op.LDR_PRE, A64Op.LDR_POST, A64Op.LDR_REG, A64Op.LDR_LIT ->
                    MemoryAccess.load(A64Op.size(a));
            case A64Op.STR_IMM, A64Op.STR_PRE, A64Op.STR_POST, A64Op.STR_REG -> MemoryAccess.store(A64Op.size(a));
            // SIMD&FP registers: a = log2(bytes); structures move imm registers (or elements) of the size
            case A64Op.V_LOAD -> MemoryAccess.load(1 << a);
            case A64Op.V_STORE -> MemoryAccess.store(1 << a);
            case A64Op.V_LDP -> MemoryAccess.load(2 << a);
            case A64Op.V_STP -> MemoryAccess.store(2 << a);
            case A64Op.V_LD_MULTI -> MemoryAccess.load((int) imm * (sf ? 16 : 8));
            case A64Op.V_ST_MULTI -> MemoryAccess.store((int) imm * (sf ? 16 : 8));
            case A64Op.V_LD_LANE, A64Op.V_LD_REPL -> MemoryAccess.load((int) imm << (b & 3));
            case A64Op.V_ST_LANE -> MemoryAccess.store((int) imm << (b & 3));
            case A64Op.LDP -> MemoryAccess.load(2 * A64Op.size(a));
            case A64Op.STP -> MemoryAccess.store(2 * A64Op.size(a));
            // DC ZVA (CRm 4) zeroes a 512-byte block; priced as the largest store MemoryAccess has
            case A64Op.DC -> a == 4 ? MemoryAccess.store(MemoryAccess.MAX_BYTES) : MemoryAccess.NONE;
            // o0 (bit 15) makes ldxr ldaxr and stxr stlxr
            case A64Op.LDXR -> MemoryAccess.of(1 << a, true, false, bit(15) ? Order.ACQUIRE : Order.PLAIN);
            case A64Op.STXR -> MemoryAccess.of(1 << a, false, true, bit(15) ? Order.RELEASE : Order.PLAIN);
            case A64Op.LDAR -> MemoryAccess.of(1 << a, true, false,
                    mnemonic.startsWith("ldapr") ? Order.ACQUIRE_PC : Order.ACQUIRE);
            case A64Op.STLR -> MemoryAccess.of(1 << a, false, true, Order.RELEASE);
            // LSE: A is bit 23 and R bit 22; CAS: L (acquire) is bit 22 and o0 (release) bit 15
            case A64Op.LD_ADD, A64Op.LD_CLR, A64Op.LD_EOR, A64Op.LD_SET, A64Op.LD_SMAX, A64Op.LD_SMIN,
                    A64Op.LD_UMAX, A64Op.LD_UMIN, A64Op.SWP -> MemoryAccess.of(1 << a, true, true, order(bit(23), bit(22)));
            case A64Op.CAS -> MemoryAccess.of(1 << a, true, true, order(bit(22), bit(15)));
            // CRm's low bits: 1 = LD (loads before loads and stores), 2 = ST (stores before stores), 3 = all
            case A64Op.DMB, A64Op.DSB -> switch (a & 3) {
                case 1 -> MemoryAccess.fence(MemoryAccess.R, MemoryAccess.R | MemoryAccess.W);
                case 2 -> MemoryAccess.fence(MemoryAccess.W, MemoryAccess.W);
                case 3 -> MemoryAccess.fence(MemoryAccess.R | MemoryAccess.W, MemoryAccess.R | MemoryAccess.W);
                default -> MemoryAccess.NONE;
            };
            default -> MemoryAccess.NONE;
        };
    }

    private boolean bit(int n) {
        return (word >>> n & 1) != 0;
    }

    private static Order order(boolean acquire, boolean release) {
        return acquire ? (release ? Order.ACQUIRE_RELEASE : Order.ACQUIRE) : release ? Order.RELEASE : Order.PLAIN;
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
