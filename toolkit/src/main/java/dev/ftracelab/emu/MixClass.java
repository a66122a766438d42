package dev.ftracelab.emu;

import dev.ftracelab.isa.InsnClass;
import dev.ftracelab.isa.Instruction;
import dev.ftracelab.isa.arm64.A64Insn;
import dev.ftracelab.isa.arm64.A64Op;
import dev.ftracelab.isa.riscv.RvInsn;
import dev.ftracelab.isa.riscv.RvOp;
import java.util.Locale;

/**
 * The classes of an instruction mix: what a conformance check between two instruction streams
 * (a real kernel's and the guest's) compares. One classifier, {@link #mask}, serves both sides so
 * that they are counted the same way. The classes overlap: a release store is also a store, and
 * every instruction is counted in {@link #INSTRUCTIONS}.
 *
 * <pre>{@code
 * int m = MixClass.mask(insn, taken);
 * boolean isFence = (m & MixClass.FENCES.bit()) != 0;
 * }</pre>
 */
public enum MixClass {
    /** Every retired instruction. */
    INSTRUCTIONS,
    /** Memory reads: loads, load pairs, literal and load-acquire loads (not atomics). */
    LOADS,
    /** Memory writes: stores, store pairs and release stores (not atomics). */
    STORES,
    /** Store-release instructions ({@code stlr}, {@code stlrb}, {@code stlrh}, {@code stllr}): also in {@link #STORES}. */
    RELEASE_STORES,
    /** Memory barriers: RISC-V {@code fence} (any pred/succ; not {@code fence.i}), AArch64 {@code dmb} and {@code dsb}. */
    FENCES,
    /** Calls, direct and indirect ({@code jal ra}, {@code jalr ra}, {@code bl}, {@code blr}). */
    CALLS,
    /** Returns ({@code ret}, including AArch64 {@code ret xN}). */
    RETURNS,
    /**
     * Control transfers that left the fall-through path other than calls and returns: taken
     * conditional branches and unconditional jumps ({@code j}, {@code jr}, {@code b}, {@code br}).
     */
    TAKEN_BRANCHES;

    /** This class's bit in a {@link #mask}. */
    public int bit() {
        return 1 << ordinal();
    }

    /** The lower-case name used in datasets, e.g. {@code release_stores}. */
    public String csvName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The class of a dataset name ({@link #csvName()}).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static MixClass ofCsvName(String name) {
        for (MixClass c : values()) {
            if (c.csvName().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown instruction-mix class '" + name + "', expected one of "
                + java.util.Arrays.stream(values()).map(MixClass::csvName).toList());
    }

    /**
     * The classes of one retired instruction, as a bit mask of {@link #bit()}s.
     *
     * @param insn  the instruction (RISC-V or AArch64)
     * @param taken for a conditional branch, whether it was taken (ignored otherwise)
     */
    public static int mask(Instruction insn, boolean taken) {
        int m = INSTRUCTIONS.bit();
        InsnClass c = insn.insnClass();
        switch (c) {
            case LOAD -> m |= LOADS.bit();
            case STORE -> m |= STORES.bit() | (isReleaseStore(insn) ? RELEASE_STORES.bit() : 0);
            case DIRECT_CALL, INDIRECT_CALL -> m |= CALLS.bit();
            case RETURN -> m |= RETURNS.bit();
            case DIRECT_JUMP, INDIRECT_JUMP -> m |= TAKEN_BRANCHES.bit();
            case BRANCH -> m |= taken ? TAKEN_BRANCHES.bit() : 0;
            case SYSTEM -> m |= isFence(insn) ? FENCES.bit() : 0;
            default -> {
            }
        }
        return m;
    }

    private static boolean isReleaseStore(Instruction insn) {
        return insn instanceof A64Insn a && a.op() == A64Op.STLR;
    }

    private static boolean isFence(Instruction insn) {
        if (insn instanceof RvInsn r) {
            return r.exec() == RvOp.FENCE;
        }
        return insn instanceof A64Insn a && (a.op() == A64Op.DMB || a.op() == A64Op.DSB);
    }
}
