package dev.ftracelab.bench.host;

import java.util.Objects;

/**
 * A tracer registration, the host form of {@code struct ftrace_ops}: its callback, flags, the
 * filter hash (addresses it traces; empty = all) and notrace hash (addresses it never traces),
 * and the link of the ops list. {@link #COUNT} counts calls in the ops, like the ftrace-ops
 * sample's {@code ops_func_count}.
 *
 * <pre>{@code
 * FtraceOps r0 = FtraceOps.counting("r0", FilterHash.of(relevant.ip()));
 * ftrace.register(r0);
 * r0.count();
 * }</pre>
 */
public final class FtraceOps {
    /** Never called: the list function skips it ({@code FTRACE_OPS_FL_STUB}). */
    public static final int FL_STUB = 1;
    /**
     * Wants the core to guard it against recursion ({@code FTRACE_OPS_FL_RECURSION}): outside the
     * list function it is called through the assist wrapper, so CALL_OPS never calls it directly.
     */
    public static final int FL_RECURSION = 1 << 1;

    /** {@code ops_func_count}: one more call in {@code op}. */
    public static final TracerFunc COUNT = (ip, parentIp, op, current) -> op.count++;
    /** {@code ftrace_stub}: does nothing. */
    public static final TracerFunc STUB = (ip, parentIp, op, current) -> {
    };

    final String name;
    final TracerFunc func;
    final int flags;
    final FilterHash filterHash;
    final FilterHash notraceHash;
    /** The next ops on the list; written under the registry's lock, read by the list function. */
    volatile FtraceOps next;
    long count;

    public FtraceOps(String name, TracerFunc func, int flags, FilterHash filterHash, FilterHash notraceHash) {
        this.name = Objects.requireNonNull(name, "name");
        this.func = Objects.requireNonNull(func, "func");
        this.flags = flags;
        this.filterHash = Objects.requireNonNull(filterHash, "filterHash");
        this.notraceHash = Objects.requireNonNull(notraceHash, "notraceHash");
    }

    /** An ops counting its calls, traced on the addresses of {@code filter}. */
    public static FtraceOps counting(String name, FilterHash filter) {
        return new FtraceOps(name, COUNT, 0, filter, FilterHash.EMPTY);
    }

    /** A stub ops (list end, nop ops) with this callback. */
    static FtraceOps stub(String name, TracerFunc func) {
        return new FtraceOps(name, func, FL_STUB, FilterHash.EMPTY, FilterHash.EMPTY);
    }

    public String name() {
        return name;
    }

    public int flags() {
        return flags;
    }

    /** Calls counted by {@link #COUNT}. */
    public long count() {
        return count;
    }

    /** Whether this ops traces {@code ip} ({@code ftrace_ops_test}): in the filter (or no filter), not in notrace. */
    boolean traces(long ip) {
        return (filterHash.isEmpty() || filterHash.contains(ip)) && (notraceHash.isEmpty() || !notraceHash.contains(ip));
    }

    @Override
    public String toString() {
        return name;
    }
}
