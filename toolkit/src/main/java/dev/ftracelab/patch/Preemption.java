package dev.ftracelab.patch;

import dev.ftracelab.util.Ids;
import java.util.Locale;

/**
 * When a task can lose its hart, as in the kernel's {@code PREEMPT_NONE}, {@code _VOLUNTARY} and
 * {@code PREEMPT} (full). The tasks' loop has one voluntary schedule point, between two calls,
 * like the {@code cond_resched()} of a kernel loop.
 */
public enum Preemption {
    /** A task keeps its hart until it has made all its calls; {@code stop_machine} waits for every running task to reach its schedule point. */
    NONE,
    /** As {@link #NONE}, and a task may also give up its hart at its schedule point and resume later on any hart. */
    VOLUNTARY,
    /**
     * A task may be switched out at any instruction boundary and resumed on any hart with its saved
     * registers; {@code stop_machine} parks every running hart at an instruction boundary.
     */
    FULL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code none}, {@code voluntary} or {@code full}. */
    public static Preemption parse(String s) {
        return Ids.parse(Preemption.class, Preemption::id, "preemption mode", s);
    }

    @Override
    public String toString() {
        return id();
    }
}
