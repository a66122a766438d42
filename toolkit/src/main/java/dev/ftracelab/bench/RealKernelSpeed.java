package dev.ftracelab.bench;

import dev.ftracelab.cost.ModelledSample;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.vmlinux.KernelCache;
import dev.ftracelab.vmlinux.Vmlinux;
import java.nio.file.Path;
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
 * A real kernel in the loop, end to end: read and check the vmlinux (symbols, BTF), then run the
 * 13 published rows of the ftrace-ops sample on its own code — every row boots the image afresh
 * (segments mapped, relocations applied, the sample module loaded and the ops registered). Two
 * workloads: instruction counts with the kernel's 100,000 calls per row ({@link #matrix}), and
 * the same rows priced on vf2 (m1 for arm64) over 8 heap seeds ({@link #pricedMatrix}, what {@code answer} and
 * {@code ftrace-ops-table --profile} do). The target is under 30 s for either on 2 cores. Needs
 * the kernels in the cache of {@code datasets/fetch-kernels.sh}.
 *
 * <pre>
 * java -cp toolkit/target/ftrace-lab.jar org.openjdk.jmh.Main RealKernelSpeed
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx4g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@State(Scope.Benchmark)
public class RealKernelSpeed {
    /** An image package in the cache. */
    @Param({"linux-image-6.12.117+deb13-riscv64", "linux-image-6.12.117+deb13-arm64", "linux-image-7.2.13+deb14-riscv64"})
    public String kernel;

    private Path vmlinux;

    @Setup
    public void find() {
        vmlinux = KernelCache.standard().vmlinux(kernel).orElseThrow(() -> new IllegalStateException("no " + kernel
                + " in " + KernelCache.standard().dir() + ": run datasets/fetch-kernels.sh"));
    }

    /** Read the image and count the 13 rows, 100,000 calls each. */
    @Benchmark
    public double matrix() {
        FtraceOpsSample s = FtraceOpsSample.of(Vmlinux.open(vmlinux)).calls(100_000);
        return s.run(FtraceOpsSample.PUBLISHED_MATRIX).stream().mapToDouble(FtraceOpsSample.Row::overheadPerCall).sum();
    }

    /** Read the image and price the 13 rows (vf2 for riscv64, m1 for arm64): 8 seeds, 1,000 priced calls each. */
    @Benchmark
    public double pricedMatrix() {
        FtraceOpsSample s = FtraceOpsSample.of(Vmlinux.open(vmlinux));
        Profile profile = Profile.load(s.arch() == dev.ftracelab.isa.Arch.RISCV64 ? "vf2" : "m1");
        ModelledSample m = ModelledSample.builder(s, profile).seeds(8).pricedCalls(1_000).build();
        return m.run(FtraceOpsSample.PUBLISHED_MATRIX, p -> { }).stream().mapToDouble(ModelledSample.Row::perCallNs).sum();
    }
}
