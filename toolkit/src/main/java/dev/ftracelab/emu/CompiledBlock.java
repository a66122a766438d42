package dev.ftracelab.emu;

/**
 * A block of guest instructions compiled to JVM bytecode: straight-line code with the operands
 * as constants, so the JIT turns a hot guest loop into a hot Java loop. A hart runs a compiled
 * block only when the whole block fits its instruction budget and no {@link RetireListener} is
 * installed; otherwise it interprets, instruction by instruction, with the same semantics.
 *
 * <p>Compiled code reports through {@link Hart#markProgress} how many instructions it retired
 * (several passes of a block that loops in place, within {@link Hart#blockBudget}), or, when an
 * instruction faults, that instruction's index: a {@link MemoryFault} then leaves every earlier
 * instruction retired and the faulting one not, with the registers stored back.
 */
public interface CompiledBlock {
    /** Marks a block that the ISA's compiler cannot compile (it holds an unsupported op). */
    CompiledBlock NOT_COMPILABLE = (r, mem, hart) -> {
        throw new IllegalStateException("not compilable");
    };

    /**
     * Executes the whole block.
     *
     * @param r    the hart's register array
     * @param mem  the machine's memory
     * @param hart the hart (for ISA state such as flags, and progress marks)
     * @return the address of the next instruction
     */
    long run(long[] r, Memory mem, Hart hart);
}
