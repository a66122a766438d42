package dev.ftracelab.isa;

/**
 * What kind of work an instruction does, as the per-hart counters and the cost model see it.
 * Conditional branches are one class here; whether one was taken is known only when it executes
 * (see {@code emu.Counter}).
 */
public enum InsnClass {
    /** Integer arithmetic, logic, shifts, moves, address generation, NOP and hints. */
    ALU,
    /** Multiply, multiply-add, divide and remainder. */
    MUL_DIV,
    /** Memory reads (including load-pair and literal loads). */
    LOAD,
    /** Memory writes (including store-pair). */
    STORE,
    /** Atomic memory operations, load-reserved / store-conditional. */
    ATOMIC,
    /** Conditional branches (beq, b.cond, cbz, tbz, ...). */
    BRANCH,
    /** Unconditional PC-relative jumps that do not link (j, b). */
    DIRECT_JUMP,
    /** PC-relative calls that link (jal ra, bl). */
    DIRECT_CALL,
    /** Register-indirect jumps that do not link and are not returns (jr, br). */
    INDIRECT_JUMP,
    /** Register-indirect calls (jalr ra, blr). */
    INDIRECT_CALL,
    /** Returns (ret; jalr x0, 0(ra)). */
    RETURN,
    /** System instructions: ecall/svc, ebreak/brk, fences, CSR access, barriers. */
    SYSTEM
}
