package dev.ftracelab.bench.host;

import dev.ftracelab.ftrace.Dispatch;
import dev.ftracelab.util.Ids;

/**
 * The three ways a traced call finds its tracer, as host implementations; named by the
 * {@link Dispatch} each implements ({@code list}, {@code per-callsite-trampoline}, {@code call-ops}).
 *
 * <pre>{@code Design.parse("list").dispatch().title(); // "list processing"}</pre>
 */
public enum Design {
    /** Every traced site calls the list function, which walks all ops and tests their hashes. */
    LIST(Dispatch.LIST),
    /** A site traced by one ops calls a trampoline generated for that ops; otherwise the list. */
    PER_CALLSITE_TRAMPOLINE(Dispatch.PER_CALLSITE_TRAMPOLINE),
    /** Each site holds its one ops (or the list ops); the common trampoline calls its func. */
    CALL_OPS(Dispatch.CALL_OPS);

    private final Dispatch dispatch;

    Design(Dispatch dispatch) {
        this.dispatch = dispatch;
    }

    /** The dispatch this design implements with one ops on the site: its names. */
    public Dispatch dispatch() {
        return dispatch;
    }

    /** The name used on the command line and as the benchmark parameter, e.g. "call-ops". */
    public String id() {
        return dispatch.id();
    }

    /**
     * The design named {@code id}.
     *
     * @throws IllegalArgumentException naming the designs there are
     */
    public static Design parse(String id) {
        return Ids.parse(Design.class, Design::id, "design", id);
    }

    @Override
    public String toString() {
        return id();
    }
}
