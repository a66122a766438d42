package dev.ftracelab.ftrace;

import dev.ftracelab.emu.Counter;
import java.util.Map;

/**
 * What {@link FtraceModel#call} measured: {@code calls} calls of {@code function} from its loop,
 * the instructions the hart retired for them (by class), and how often each ops' tracer ran.
 *
 * <pre>{@code
 * CallStats s = model.call("tracee_relevant", 10_000);
 * s.instructionsPerCall();            // e.g. 71.0 with one ops under CALL_OPS on riscv64
 * s.perCall(Counter.INDIRECT_CALL);   // indirect calls per traced call
 * s.tracerCalls().get("r0");          // 10000
 * }</pre>
 *
 * @param result what the loop returned: the sum of the function's results, which tracing must not change
 * @param counters retired instructions by {@link Counter}, over all calls (including the loop's own)
 * @param tracerCalls per registered ops, how many times its tracer (or direct trampoline) ran
 * @param site how the function's site dispatched during the calls
 */
public record CallStats(String function, long calls, long result, long[] counters, Map<String, Long> tracerCalls,
        Callsite site) {
    public CallStats {
        counters = counters.clone();
        tracerCalls = Map.copyOf(tracerCalls);
    }

    @Override
    public long[] counters() {
        return counters.clone();
    }

    /** All instructions retired. */
    public long instructions() {
        long n = 0;
        for (long c : counters) {
            n += c;
        }
        return n;
    }

    /** Instructions per call, including the call, the loop step and the function itself. */
    public double instructionsPerCall() {
        return (double) instructions() / calls;
    }

    /** Retired instructions of class {@code c} per call. */
    public double perCall(Counter c) {
        return (double) counters[c.ordinal()] / calls;
    }

    /** Tracer calls, over all ops. */
    public long totalTracerCalls() {
        return tracerCalls.values().stream().mapToLong(Long::longValue).sum();
    }
}
