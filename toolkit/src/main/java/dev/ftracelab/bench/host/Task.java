package dev.ftracelab.bench.host;

/**
 * The running task, as far as tracing cares: its recursion bits ({@code trace_recursion} in the
 * kernel's {@code task_struct}). It is passed down the call as the kernel reads {@code current}
 * from a register; a {@code ThreadLocal} lookup would add a cost the kernel does not pay.
 *
 * <pre>{@code
 * Task current = new Task();
 * tracee.call(current, 42);
 * }</pre>
 */
public final class Task {
    /** The list function is running on this task. */
    static final int LIST_BIT = 1;
    /** The recursion-protection wrapper ({@code ftrace_ops_assist_func}) is running on this task. */
    static final int ASSIST_BIT = 1 << 1;

    private int traceRecursion;

    /** Sets {@code bit}; false if it was set already (a tracer re-entered tracing). */
    boolean tryEnter(int bit) {
        if ((traceRecursion & bit) != 0) {
            return false;
        }
        traceRecursion |= bit;
        return true;
    }

    void exit(int bit) {
        traceRecursion &= ~bit;
    }
}
