package dev.ftracelab.bench.host;

import java.util.List;

/**
 * Design 3, CALL_OPS: a traced site's literal names its one ops — or {@code ftrace_list_ops}
 * when several trace it or the one needs the recursion wrapper — and the common trampoline calls
 * the literal's func.
 */
final class CallOps extends HostFtrace {
    /** {@code ftrace_caller} with CALL_OPS: load the site's literal, call its func. */
    private static final Trampoline CALLER = (site, parentIp, current) -> {
        FtraceOps op = site.literal;
        op.func.call(site.ip, parentIp, op, current);
    };

    @Override
    public Design design() {
        return Design.CALL_OPS;
    }

    @Override
    void update(Callsite site, List<FtraceOps> tracing) {
        if (tracing.isEmpty()) {
            patch(site, nopOps, null, "nop");
        } else {
            FtraceOps only = tracing.size() == 1 && opsGetFunc(tracing.get(0)) == tracing.get(0).func ? tracing.get(0) : listOps;
            patch(site, only, CALLER, "call-ops " + only);
        }
    }
}
