package dev.ftracelab.ftrace;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * An {@code ftrace_ops} to register: a name, the functions it traces (its filter; empty means
 * every traceable function, as in the kernel), the ones it must not trace (its notrace hash), the
 * guest function it calls, and its flags. Immutable; each method returns a changed copy.
 *
 * <pre>{@code
 * Ops r0 = Ops.named("r0").filter("tracee_relevant");
 * Ops bpf = Ops.named("bpf").filter("tracee_relevant").directCall();
 * Ops safe = Ops.named("safe").filter("tracee_nested").recursionProtected();
 * }</pre>
 *
 * @param tracer the guest function the ops calls (default {@code ops_func_count}, which counts
 *     the calls in the ops' {@code sample_ops.count}, like the kernel's ftrace-ops sample)
 * @param recursion {@code FTRACE_OPS_FL_RECURSION}: ftrace wraps the tracer in its
 *     recursion protection ({@code ftrace_ops_assist_func}), so the site loses the CALL_OPS fast path
 * @param rcu {@code FTRACE_OPS_FL_RCU}: call only where RCU is watching (also wrapped)
 * @param direct a direct-call ops (a BPF trampoline stand-in that counts its calls): the site
 *     branches to it when it is the only ops there and in reach
 */
public record Ops(String name, Set<String> filter, Set<String> notrace, String tracer, boolean recursion, boolean rcu,
        boolean direct) {
    /** The tracer that counts calls in the ops. */
    public static final String COUNT = "ops_func_count";
    /** A tracer that does nothing. */
    public static final String NOP = "ops_func_nop";

    public Ops {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an ops needs a name");
        }
        filter = Set.copyOf(filter);
        notrace = Set.copyOf(notrace);
        Objects.requireNonNull(tracer, "tracer");
    }

    /**
     * An ops with no filter, counting its calls. With no filter it traces every traceable
     * function, its own tracer included (the sample's tracers are traceable, as in a module): as in
     * the kernel, an ops whose tracer is traced needs {@link #recursionProtected()} or a
     * {@link #notrace} entry for the tracer, else its CALL_OPS fast path recurses until the stack
     * runs out.
     */
    public static Ops named(String name) {
        return new Ops(name, Set.of(), Set.of(), COUNT, false, false, false);
    }

    /** This ops tracing only {@code functions} (replacing the filter). */
    public Ops filter(String... functions) {
        return new Ops(name, Set.copyOf(Arrays.asList(functions)), notrace, tracer, recursion, rcu, direct);
    }

    /** This ops never tracing {@code functions} (replacing the notrace set). */
    public Ops notrace(String... functions) {
        return new Ops(name, filter, Set.copyOf(Arrays.asList(functions)), tracer, recursion, rcu, direct);
    }

    /** This ops calling the guest function {@code function} (e.g. {@link #NOP}). */
    public Ops tracer(String function) {
        return new Ops(name, filter, notrace, function, recursion, rcu, direct);
    }

    /** This ops with {@code FTRACE_OPS_FL_RECURSION}. */
    public Ops recursionProtected() {
        return new Ops(name, filter, notrace, tracer, true, rcu, direct);
    }

    /** This ops with {@code FTRACE_OPS_FL_RCU}. */
    public Ops rcuChecked() {
        return new Ops(name, filter, notrace, tracer, recursion, true, direct);
    }

    /** This ops as a direct call. */
    public Ops directCall() {
        return new Ops(name, filter, notrace, tracer, recursion, rcu, true);
    }

    /** Whether the kernel would wrap the tracer ({@code ftrace_ops_get_func(ops) != ops->func}). */
    public boolean wrapped() {
        return recursion || rcu;
    }

    /** Whether this ops traces {@code function}. */
    public boolean traces(String function) {
        return (filter.isEmpty() || filter.contains(function)) && !notrace.contains(function);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name);
        b.append(filter.isEmpty() ? " (all functions)" : " " + Arrays.toString(filter.stream().sorted().toArray()));
        if (!notrace.isEmpty()) {
            b.append(" notrace ").append(Arrays.toString(notrace.stream().sorted().toArray()));
        }
        if (direct) {
            b.append(" direct");
        }
        if (recursion) {
            b.append(" recursion");
        }
        if (rcu) {
            b.append(" rcu");
        }
        return b.toString();
    }
}
