package dev.ftracelab.bench.host;

/**
 * A traced function's patch site: what its entry calls ({@code null} is the untraced NOP) and,
 * for CALL_OPS, the ops literal beside it. The control plane ({@link HostFtrace}) rewrites both;
 * the entry reads them, as a CPU fetches a patched instruction.
 *
 * <pre>{@code
 * Callsite site = ftrace.function("tracee_relevant");
 * site.enter(callerIp, current);   // at the traced function's entry
 * }</pre>
 */
public final class Callsite {
    final String name;
    final long ip;
    /** The branch at the patch site: {@code null} while untraced. */
    volatile Trampoline call;
    /** The CALL_OPS literal (only {@link CallOps} sets it). */
    volatile FtraceOps literal;
    /** How the site dispatches, as the control plane last patched it. */
    volatile String route = "nop";

    Callsite(String name, long ip, FtraceOps nopOps) {
        this.name = name;
        this.ip = ip;
        this.literal = nopOps;
    }

    /** The patch site: calls whatever it is patched to call, or nothing. */
    public void enter(long parentIp, Task current) {
        Trampoline t = call;
        if (t != null) {
            t.call(this, parentIp, current);
        }
    }

    public String name() {
        return name;
    }

    /** The function's address, the key of the filter hashes. */
    public long ip() {
        return ip;
    }

    /** How the site dispatches now: "nop", "list", "per-callsite-trampoline OPS" or "call-ops OPS". */
    public String route() {
        return route;
    }
}
