package dev.ftracelab.bench.host;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The three ways a traced call finds its tracer, as host implementations. */
public enum Design {
    /** Every traced site calls the list function, which walks all ops and tests their hashes. */
    LIST,
    /** A site traced by one ops calls a trampoline generated for that ops; otherwise the list. */
    PER_CALLSITE_TRAMPOLINE,
    /** Each site holds its one ops (or the list ops); the common trampoline calls its func. */
    CALL_OPS;

    /** The name used on the command line and as the benchmark parameter, e.g. "call-ops". */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The design named {@code id}.
     *
     * @throws IllegalArgumentException naming the designs there are
     */
    public static Design parse(String id) {
        for (Design d : values()) {
            if (d.id().equals(id)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown design '" + id + "': expected "
                + Arrays.stream(values()).map(Design::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id();
    }
}
