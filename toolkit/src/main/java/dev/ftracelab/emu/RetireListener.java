package dev.ftracelab.emu;

import dev.ftracelab.isa.Instruction;

/**
 * Sees every instruction a hart retires: the instruction-stream interface of the cost model and
 * of tracing tools. Installing one slows a hart down; with none installed the check is one
 * null test per instruction.
 *
 * <pre>{@code
 * hart.setListener((h, pc, insn, mem, taken) -> trace.add(pc));
 * }</pre>
 */
@FunctionalInterface
public interface RetireListener {
    /**
     * @param hart       the hart
     * @param pc         address of the retired instruction
     * @param insn       the instruction (registers read/written are in its read/write masks)
     * @param memAddress effective address of a load, store or atomic, else -1
     * @param taken      for control transfers: whether the PC left the fall-through path
     */
    void retired(Hart hart, long pc, Instruction insn, long memAddress, boolean taken);
}
