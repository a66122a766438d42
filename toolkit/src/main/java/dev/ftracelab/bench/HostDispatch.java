package dev.ftracelab.bench;

import dev.ftracelab.bench.host.Design;
import dev.ftracelab.bench.host.HostSample;
import dev.ftracelab.bench.host.Task;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One call of {@code tracee_relevant} under a host dispatch design, in ns: R relevant and I
 * irrelevant counting ops registered as in the kernel's ftrace-ops sample. R = 0 is the untraced
 * call, the baseline. The annotations hold the full settings' JMH part ({@link BenchSettings#FULL}; dropping
 * slow outliers and re-measuring in further forks are the runner's);
 * {@link BenchRunner} is the usual way to run it (real forks, from a notebook too).
 *
 * <pre>
 * java -cp toolkit/target/ftrace-lab.jar org.openjdk.jmh.Main HostDispatch -p row=R1-I10
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = BenchSettings.FULL_WARMUP_ITERATIONS, time = BenchSettings.FULL_WARMUP_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = BenchSettings.FULL_ITERATIONS, time = BenchSettings.FULL_ITERATION_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {BenchSettings.HEAP_MIN, BenchSettings.HEAP_MAX, BenchSettings.GC})
@State(Scope.Thread)
public class HostDispatch {
    /** A {@link Design} id. */
    @Param({"list", "per-callsite-trampoline", "call-ops"})
    public String design;

    /** R relevant, I irrelevant ops: the published matrix's rows (see {@link HostSample#rowId}). */
    @Param({"R0-I0", "R0-I1", "R0-I2", "R0-I10", "R0-I100", "R1-I1", "R1-I2", "R1-I10", "R1-I100", "R1-I0", "R2-I0",
            "R10-I0", "R100-I0"})
    public String row;

    private HostSample.Tracee tracee;
    private Task current;
    // read from a field so the argument is not a constant the JIT could fold the body into
    private int x;

    @Setup
    public void register() {
        tracee = HostSample.of(Design.parse(design), HostSample.parseRow(row)).tracee();
        current = new Task();
        x = 7;
    }

    /** The traced call; the tracers count in their ops, and JMH sinks the result in its Blackhole. */
    @Benchmark
    public int tracedCall() {
        return tracee.call(current, x);
    }
}
