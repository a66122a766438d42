package dev.ftracelab.bench.host;

/**
 * A tracer callback, the host form of the kernel's {@code ftrace_func_t}: called with the traced
 * function's address, its caller's address, the ops it was registered with, and the running task.
 *
 * <pre>{@code
 * TracerFunc count = (ip, parentIp, op, current) -> op.count++;
 * }</pre>
 */
@FunctionalInterface
public interface TracerFunc {
    void call(long ip, long parentIp, FtraceOps op, Task current);
}
