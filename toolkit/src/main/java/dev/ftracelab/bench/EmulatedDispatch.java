package dev.ftracelab.bench;

import dev.ftracelab.cost.Cost;
import dev.ftracelab.cost.CostModel;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.ftrace.CallStats;
import dev.ftracelab.ftrace.FtraceModel;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.isa.Arch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ftrace-ops sample on the emulated guest kernel, priced by the cost model: the primary score
 * is host time for {@link #CALLS} emulated calls (how long the toolkit takes), the secondary
 * results are what the calls would cost on the design's hardware profile — modelled cycles and
 * instructions, with the number of calls to divide them by (the loop's entry and exit amortised
 * over the calls).
 *
 * <pre>
 * java -cp toolkit/target/ftrace-lab.jar org.openjdk.jmh.Main EmulatedDispatch
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(1)
@State(Scope.Thread)
public class EmulatedDispatch {
    /** Calls per iteration. */
    public static final int CALLS = 1_000;

    /** {@code arch:layout:profile}. */
    @Param({"riscv64:nop-nop:vf2", "riscv64:call-ops:vf2", "arm64:pre-call-ops:m1", "arm64:call-ops:m1"})
    public String design;

    /** {@code R<relevant>-I<irrelevant>}. */
    @Param({"R1-I0", "R1-I10", "R10-I0"})
    public String row;

    private FtraceModel model;
    private CostModel cost;

    /**
     * What the calls would cost on the profile, beside the host time. JMH sums event counters
     * over the iterations, so these are totals: modelled cycles per call = {@code modelledCycles /
     * calls}, instructions per call = {@code instructions / calls}.
     */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Modelled {
        public double modelledCycles;
        public double instructions;
        public long calls;
    }

    @Setup(Level.Trial)
    public void boot() {
        String[] d = design.split(":");
        String[] r = row.substring(1).split("-I");
        FtraceOpsSample sample = FtraceOpsSample.of(Arch.parse(d[0]), Layout.parse(d[1]));
        model = sample.boot(new FtraceOpsSample.Point(Integer.parseInt(r[0]), Integer.parseInt(r[1])));
        cost = new CostModel(Profile.load(d[2]));
        model.call(FtraceOpsSample.RELEVANT, CALLS, cost); // warm caches and predictors
    }

    @Benchmark
    public long calls(Modelled m) {
        Cost before = cost.snapshot();
        CallStats s = model.call(FtraceOpsSample.RELEVANT, CALLS, cost);
        Cost spent = cost.snapshot().minus(before);
        m.modelledCycles += spent.cycles();
        m.instructions += spent.instructions();
        m.calls += CALLS;
        return s.result();
    }
}
