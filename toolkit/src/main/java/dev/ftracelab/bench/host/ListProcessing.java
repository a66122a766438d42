package dev.ftracelab.bench.host;

import java.util.List;

/** Design 1: every traced site calls the common trampoline, which runs the list function. */
final class ListProcessing extends HostFtrace {
    @Override
    public Design design() {
        return Design.LIST;
    }

    @Override
    void update(Callsite site, List<FtraceOps> tracing) {
        patch(site, nopOps, tracing.isEmpty() ? null : listCaller, tracing.isEmpty() ? "nop" : "list");
    }
}
