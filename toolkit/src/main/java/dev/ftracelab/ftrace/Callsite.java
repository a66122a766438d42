package dev.ftracelab.ftrace;

import java.util.List;

/**
 * How one traceable function's patch site dispatches right now, as the last update decided.
 *
 * @param ops the registered ops that trace the function, most recently registered first (the
 *     order the list function walks them)
 * @param route where the site's call goes
 * @param target the name of what the call reaches ({@code ftrace_caller_callops},
 *     {@code trampoline(r0)}, {@code direct(bpf)}), empty when untraced
 * @param literal the ops the CALL_OPS literal points at ({@code r0}, {@code ftrace_list_ops},
 *     {@code ftrace_nop_ops}), empty without a literal
 * @param fallback why the site does not use a per-callsite or direct trampoline its one ops has
 *     (out of reach), empty otherwise
 */
public record Callsite(String function, long entry, List<String> ops, Route route, String target, String literal,
        String fallback) {
    public Callsite {
        ops = List.copyOf(ops);
    }

    /**
     * Which way a call through this site reaches its tracer: the design whose cost it pays.
     * The common trampoline is CALL_OPS only when the literal names one registered ops;
     * {@code ftrace_list_ops} in the literal, or no literal at all, means the list function.
     */
    public Dispatch dispatch() {
        return switch (route) {
            case UNTRACED -> Dispatch.UNTRACED;
            case PER_CALLSITE_TRAMPOLINE -> Dispatch.PER_CALLSITE_TRAMPOLINE;
            case DIRECT -> Dispatch.DIRECT;
            case COMMON_TRAMPOLINE -> ops.contains(literal) ? Dispatch.CALL_OPS : Dispatch.LIST;
        };
    }

    /** Where a site's call goes; tables print it as {@link #id()}. */
    public enum Route {
        /** The patch site is a NOP: no call. */
        UNTRACED,
        /** The common trampoline: CALL_OPS straight to one ops, or the list function. */
        COMMON_TRAMPOLINE,
        /** The per-callsite trampoline private to the site's one ops (strategy per-callsite-trampoline). */
        PER_CALLSITE_TRAMPOLINE,
        /** The direct trampoline of the site's one (direct) ops. */
        DIRECT;

        /** The name tables and JSON use, e.g. {@code per-callsite-trampoline}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
