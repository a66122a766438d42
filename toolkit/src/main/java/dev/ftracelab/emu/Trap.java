package dev.ftracelab.emu;

import java.util.Locale;

/**
 * Why a hart stopped before its instruction budget ran out. A trap is a value returned by
 * {@link Hart#run} / {@link Hart#step}; the hart's PC still points at the trapping instruction,
 * which has not retired, so the caller (a syscall layer, a scheduler, a test) decides what next.
 *
 * <pre>{@code
 * switch (hart.run(1_000_000)) {
 *     case null -> { }                                   // budget used up
 *     case Trap.EnvironmentCall e -> syscalls.handle(hart);
 *     case Trap t -> throw new AssertionError(t.describe());
 * }
 * }</pre>
 */
public sealed interface Trap {
    /** Address of the instruction that trapped. */
    long pc();

    /** One line for a log or a counterexample trace. */
    String describe();

    /** An encoding outside the supported set, or one that is reserved. */
    record IllegalInstruction(long pc, int word, String reason) implements Trap {
        @Override
        public String describe() {
            return String.format(Locale.ROOT, "illegal instruction 0x%08x at 0x%x: %s", word, pc, reason);
        }
    }

    /** A misaligned instruction address, or a misaligned atomic access. */
    record Misaligned(long pc, long address, Access access) implements Trap {
        @Override
        public String describe() {
            return String.format(Locale.ROOT, "misaligned %s of 0x%x at 0x%x", name(access), address, pc);
        }
    }

    /** Unmapped memory, or an access without the needed permission. */
    record AccessFault(long pc, long address, Access access, String reason) implements Trap {
        @Override
        public String describe() {
            return String.format(Locale.ROOT, "%s fault at 0x%x (%s) by 0x%x", name(access), address, reason, pc);
        }
    }

    /** {@code ecall} (RISC-V) or {@code svc #imm} (AArch64): a system call request. */
    record EnvironmentCall(long pc, int immediate) implements Trap {
        @Override
        public String describe() {
            return String.format(Locale.ROOT, "system call at 0x%x", pc);
        }
    }

    /** {@code ebreak} / {@code c.ebreak} (RISC-V) or {@code brk #imm} (AArch64). */
    record Breakpoint(long pc, int immediate) implements Trap {
        @Override
        public String describe() {
            return String.format(Locale.ROOT, "breakpoint #%d at 0x%x", immediate, pc);
        }
    }

    private static String name(Access a) {
        return switch (a) {
            case READ -> "read";
            case WRITE -> "write";
            case FETCH -> "fetch";
        };
    }
}
