package dev.ftracelab.ftrace;

import dev.ftracelab.util.Ids;

/**
 * Where a site traced by one ops sends its call, beyond what the {@link Layout} does.
 *
 * <ul>
 *   <li>{@link #COMMON} every traced site calls the common trampoline (the kernel on arm64 and
 *       riscv).
 *   <li>{@link #PER_CALLSITE_TRAMPOLINE} x86 style: an ops that is the only one on a site gets a
 *       private copy of the trampoline with the ops baked in, generated at run time, and the
 *       site calls it directly when it is in branch reach.
 * </ul>
 */
public enum Strategy {
    COMMON("common"),
    PER_CALLSITE_TRAMPOLINE("per-callsite-trampoline");

    private final String id;

    Strategy(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /**
     * Parses {@code common} or {@code per-callsite-trampoline}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Strategy parse(String name) {
        return Ids.parse(Strategy.class, Strategy::id, "strategy", name);
    }

    @Override
    public String toString() {
        return id;
    }
}
