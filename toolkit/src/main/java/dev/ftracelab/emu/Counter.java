package dev.ftracelab.emu;

import dev.ftracelab.isa.InsnClass;

/**
 * Per-hart retirement counters: one per {@link InsnClass}, with conditional branches split into
 * taken and not taken. The first constants mirror {@link InsnClass} in order, so a hart counts
 * with {@code counters[insn.insnClass().ordinal()]++}, or {@link #BRANCH_NOT_TAKEN} for a branch
 * that fell through.
 */
public enum Counter {
    ALU, MUL_DIV, LOAD, STORE, ATOMIC,
    /** Conditional branches that were taken (index = {@code InsnClass.BRANCH.ordinal()}). */
    BRANCH_TAKEN,
    DIRECT_JUMP, DIRECT_CALL, INDIRECT_JUMP, INDIRECT_CALL, RETURN, SYSTEM,
    BRANCH_NOT_TAKEN;

    /** Number of counters. */
    public static final int COUNT = values().length;

    static {
        InsnClass[] classes = InsnClass.values();
        for (int i = 0; i < classes.length; i++) {
            String expected = classes[i] == InsnClass.BRANCH ? "BRANCH_TAKEN" : classes[i].name();
            if (!values()[i].name().equals(expected)) {
                throw new ExceptionInInitializerError("Counter must mirror InsnClass at " + i);
            }
        }
    }
}
