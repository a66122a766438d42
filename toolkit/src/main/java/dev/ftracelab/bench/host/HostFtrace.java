package dev.ftracelab.bench.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ftrace core on the host, one design at a time: the control plane (register, unregister,
 * recompute every patch site) and the data plane (the list function, the common trampolines).
 * Ops are linked at the head of a list that ends at the stub {@code ftrace_list_end}, as in the
 * kernel; the designs differ only in what they write into a site.
 *
 * <pre>{@code
 * HostFtrace ftrace = HostFtrace.of(Design.CALL_OPS);
 * Callsite site = ftrace.function("tracee_relevant");
 * FtraceOps r0 = FtraceOps.counting("r0", FilterHash.of(site.ip()));
 * ftrace.register(r0);
 * site.enter(0, new Task());   // r0.count() == 1; site.route() is "call-ops r0"
 * }</pre>
 */
public abstract sealed class HostFtrace permits ListProcessing, PerCallsiteTrampolines, CallOps {
    /** Where the functions' addresses start; each function takes 64 bytes, like aligned kernel text. */
    private static final long TEXT_BASE = 0xffffffff81000000L;
    private static final int FUNCTION_SIZE = 64;

    /** {@code ftrace_ops_assist_func}: the recursion guard around an ops that asked for it. */
    static final TracerFunc ASSIST = (ip, parentIp, op, current) -> {
        if (!current.tryEnter(Task.ASSIST_BIT)) {
            return;
        }
        try {
            op.func.call(ip, parentIp, op, current);
        } finally {
            current.exit(Task.ASSIST_BIT);
        }
    };

    private final FtraceOps listEnd = FtraceOps.stub("ftrace_list_end", FtraceOps.STUB);
    /** {@code ftrace_nop_ops}: the literal of an untraced CALL_OPS site. */
    final FtraceOps nopOps = FtraceOps.stub("ftrace_nop_ops", FtraceOps.STUB);
    /** {@code ftrace_list_ops}: its func is the list function. */
    final FtraceOps listOps = FtraceOps.stub("ftrace_list_ops", this::listFunc);
    /** The common trampoline calling the list function ({@code ftrace_caller} without CALL_OPS). */
    final Trampoline listCaller = (site, parentIp, current) -> listFunc(site.ip, parentIp, listOps, current);

    private volatile FtraceOps list = listEnd;
    private final Map<String, Callsite> sites = new LinkedHashMap<>();

    HostFtrace() {
    }

    /** A fresh core with no ops and no functions. */
    public static HostFtrace of(Design design) {
        return switch (design) {
            case LIST -> new ListProcessing();
            case PER_CALLSITE_TRAMPOLINE -> new PerCallsiteTrampolines();
            case CALL_OPS -> new CallOps();
        };
    }

    public abstract Design design();

    /** The patch site of the function {@code name}, created (untraced) on first use. */
    public synchronized Callsite function(String name) {
        Callsite site = sites.get(name);
        if (site == null) {
            site = new Callsite(name, TEXT_BASE + (long) sites.size() * FUNCTION_SIZE, nopOps);
            sites.put(name, site);
            update(site, tracing(site));
        }
        return site;
    }

    /** Links {@code ops} at the head of the list and re-patches every site. */
    public synchronized void register(FtraceOps ops) {
        if (registered().contains(ops)) {
            throw new IllegalStateException("ops " + ops + " is registered already");
        }
        ops.next = list;
        list = ops;
        updateSites();
    }

    /** Unlinks {@code ops} and re-patches every site. */
    public synchronized void unregister(FtraceOps ops) {
        if (list == ops) {
            list = ops.next;
        } else {
            FtraceOps prev = list;
            while (prev != listEnd && prev.next != ops) {
                prev = prev.next;
            }
            if (prev == listEnd) {
                throw new IllegalStateException("ops " + ops + " is not registered");
            }
            prev.next = ops.next;
        }
        updateSites();
    }

    /** The registered ops, most recent first. */
    public synchronized List<FtraceOps> registered() {
        List<FtraceOps> out = new ArrayList<>();
        for (FtraceOps op = list; op != listEnd; op = op.next) {
            out.add(op);
        }
        return out;
    }

    private void updateSites() {
        for (Callsite site : sites.values()) {
            update(site, tracing(site));
        }
    }

    /** The non-stub ops whose hashes accept the site. */
    private List<FtraceOps> tracing(Callsite site) {
        return registered().stream().filter(op -> (op.flags & FtraceOps.FL_STUB) == 0 && op.traces(site.ip)).toList();
    }

    /** Writes what {@code site} should call, given the ops that trace it. */
    abstract void update(Callsite site, List<FtraceOps> tracing);

    /** Patches a site: the literal first, then the call, as the kernel orders the writes. */
    static void patch(Callsite site, FtraceOps literal, Trampoline call, String route) {
        site.literal = literal;
        site.call = call;
        site.route = route;
    }

    /** What calling {@code ops} outside the list means ({@code ftrace_ops_get_func}): its func, or the assist wrapper. */
    static TracerFunc opsGetFunc(FtraceOps ops) {
        return (ops.flags & FtraceOps.FL_RECURSION) != 0 ? ASSIST : ops.func;
    }

    /**
     * {@code ftrace_ops_list_func}: under the task's list recursion bit, every non-stub ops whose
     * hashes accept {@code ip} gets called. A tracer that calls a traced function re-enters here and
     * is turned away.
     */
    final void listFunc(long ip, long parentIp, FtraceOps unused, Task current) {
        if (!current.tryEnter(Task.LIST_BIT)) {
            return;
        }
        try {
            for (FtraceOps op = list; op != listEnd; op = op.next) {
                if ((op.flags & FtraceOps.FL_STUB) == 0 && op.traces(ip)) {
                    op.func.call(ip, parentIp, op, current);
                }
            }
        } finally {
            current.exit(Task.LIST_BIT);
        }
    }
}
