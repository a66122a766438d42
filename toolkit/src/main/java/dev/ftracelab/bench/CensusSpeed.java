package dev.ftracelab.bench;

import dev.ftracelab.census.Census;
import dev.ftracelab.census.CensusResult;
import dev.ftracelab.census.ModuleGrowth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * The census of every module of one Debian kernel package, end to end: find the files, read and
 * parse each ELF file, measure its functions and patch sites, and lay its text out under every
 * layout. The target is under 30 s per package on 2 cores. Needs the packages in the cache that
 * {@code datasets/fetch-kernels.sh} fills ({@code -Dftracelab.kernels=DIR} to point elsewhere).
 *
 * <pre>
 * datasets/fetch-kernels.sh --no-dbg
 * java -cp toolkit/target/ftrace-lab.jar org.openjdk.jmh.Main CensusSpeed
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx4g"})
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
public class CensusSpeed {
    /** The package's arch: {@code riscv64} or {@code arm64}. */
    @Param({"riscv64", "arm64"})
    public String arch;

    private Path modules;

    /** Modules read per iteration. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Read {
        public long modules;
    }

    @Setup
    public void find() throws IOException {
        Path cache = Path.of(System.getProperty("ftracelab.kernels",
                System.getProperty("user.home") + "/.cache/ftrace-lab/kernels"));
        try (Stream<Path> pkgs = Files.list(cache)) {
            // 6.12, the kernel of the README's table (the cache may also hold a 7.x riscv64 one)
            Path pkg = pkgs.filter(p -> p.getFileName().toString().equals("linux-image-6.12.117+deb13-" + arch)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + arch + " package in " + cache + ": run datasets/fetch-kernels.sh"));
            modules = pkg.resolve("usr/lib/modules");
        }
    }

    @Benchmark
    public long allModules(Read r) {
        CensusResult result = Census.builder().path(modules).build().run();
        if (!result.skipped().isEmpty() || result.modules().size() < 1000) {
            throw new IllegalStateException("census of " + modules + ": " + result.modules().size() + " modules, skipped "
                    + result.skipped());
        }
        long bytes = 0;
        for (ModuleGrowth g : result.growth()) {
            bytes += g.textBytes();
        }
        r.modules += result.modules().size();
        return bytes;
    }
}
