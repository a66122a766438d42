package dev.ftracelab.bench;

import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.emu.GuestCorpus;
import dev.ftracelab.emu.LinuxUser;
import dev.ftracelab.emu.Machine;
import dev.ftracelab.isa.Arch;
import java.io.OutputStream;
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
 * Emulated instructions per second, single hart: each operation runs one corpus program from a
 * fresh machine to its exit, and the {@code instructions} secondary result reports instructions
 * retired per second (the figure the README quotes; the target is 300 million per second).
 *
 * <pre>
 * java -cp toolkit/target/ftrace-lab.jar org.openjdk.jmh.Main EmulatorThroughput
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class EmulatorThroughput {
    /** Which arch's build of the program to run. */
    @Param({"riscv64", "arm64"})
    public String arch;

    /** A corpus program (see toolkit/src/guest/README.md). */
    @Param({"bench", "loops"})
    public String program;

    private ElfFile elf;
    private Machine machine;

    /** Instructions retired, reported by JMH as a rate beside the primary score. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Emulated {
        public long instructions;
    }

    @Setup(Level.Trial)
    public void loadProgram() {
        elf = GuestCorpus.load(Arch.parse(arch), program);
    }

    // Loading maps a few pages; it is outside the measurement so only emulation is timed.
    @Setup(Level.Invocation)
    public void freshMachine() {
        machine = LinuxUser.load(elf);
    }

    @Benchmark
    public int runToExit(Emulated emulated) {
        LinuxUser.Result r = LinuxUser.run(machine, OutputStream.nullOutputStream(), OutputStream.nullOutputStream(),
                LinuxUser.DEFAULT_LIMIT);
        emulated.instructions += r.instructions();
        return r.exitStatus();
    }
}
