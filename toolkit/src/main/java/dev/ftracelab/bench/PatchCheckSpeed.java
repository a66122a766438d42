package dev.ftracelab.bench;

import dev.ftracelab.patch.CheckOptions;
import dev.ftracelab.patch.CheckResult;
import dev.ftracelab.patch.Explorer;
import dev.ftracelab.patch.PatchPlan.Op;
import dev.ftracelab.patch.Scheme;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast the patch-safety explorer answers the thread's two questions, end to end (booting the
 * scenario included): finding the v6.8 counterexample ({@code riscv-nop-nop-stop-machine},
 * enable, full preemption, 2 tasks on 2 harts), and the exhaustive proof for
 * {@code riscv-call-ops}, every op, 3 tasks on 2 harts, full preemption. States explored are
 * reported beside the time, so states/s = states / time.
 *
 * <pre>
 * java -cp toolkit/target/ftrace-lab.jar org.openjdk.jmh.Main PatchCheckSpeed
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx4g"})
@State(Scope.Thread)
public class PatchCheckSpeed {
    private CheckOptions two;
    private CheckOptions three;

    /** States explored, summed over the iterations. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Explored {
        public long states;
    }

    @Setup
    public void options() {
        two = CheckOptions.builder().build();
        three = CheckOptions.builder().tasks(3).harts(2).build();
    }

    /** The v6.8 enable race: NOP executed, hart parked by stop_machine, new JALR with a stale t0. */
    @Benchmark
    @Warmup(iterations = 3)
    @Measurement(iterations = 10)
    public CheckResult v68Counterexample(Explored e) {
        CheckResult r = Explorer.check(Scheme.RISCV_NOP_NOP_STOP_MACHINE, Op.ENABLE, two);
        if (r.safe()) {
            throw new IllegalStateException("the v6.8 race was not found");
        }
        e.states += r.states();
        return r;
    }

    /** The proof that CALL_OPS patching is safe: enable, retarget and disable, 3 tasks on 2 harts. */
    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public long callOpsProofAllOps(Explored e) {
        long states = 0;
        for (Op op : Op.values()) {
            CheckResult r = Explorer.check(Scheme.RISCV_CALL_OPS, op, three);
            if (!r.safe()) {
                throw new IllegalStateException("riscv-call-ops " + op.id() + " is unsafe: " + r.violation());
            }
            states += r.states();
        }
        e.states += states;
        return states;
    }
}
