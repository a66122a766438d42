package dev.ftracelab.bench.host;

/** What a patch site calls: a common trampoline or a per-ops one. */
@FunctionalInterface
interface Trampoline {
    void call(Callsite site, long parentIp, Task current);
}
