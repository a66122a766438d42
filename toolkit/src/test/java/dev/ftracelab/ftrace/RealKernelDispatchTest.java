package dev.ftracelab.ftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftracelab.isa.Arch;
import dev.ftracelab.vmlinux.KernelCache;
import dev.ftracelab.vmlinux.Vmlinux;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RealKernelDispatchTest {
    static Vmlinux debian612(Arch arch) {
        String pkg = "linux-image-6.12.117+deb13-" + arch.id();
        Path p = KernelCache.standard().vmlinux(pkg).orElse(null);
        Assumptions.assumeTrue(p != null, "no " + pkg + " vmlinux in " + KernelCache.standard().dir()
                + ": run datasets/fetch-kernels.sh --arch " + arch.id());
        return Vmlinux.open(p);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void publishedMatrixRuns(Arch arch) {
        FtraceOpsSample s = FtraceOpsSample.of(debian612(arch)).calls(100);
        List<FtraceOpsSample.Row> rows = s.run(FtraceOpsSample.PUBLISHED_MATRIX);
        FtraceOpsSample g = new FtraceOpsSample(arch, s.layout(), Strategy.COMMON, 100);
        List<FtraceOpsSample.Row> guest = g.run(FtraceOpsSample.PUBLISHED_MATRIX);
        for (int i = 0; i < rows.size(); i++) {
            System.out.printf("%s R=%d I=%d real %.1f guest %.1f %s%n", arch, rows.get(i).relevant(), rows.get(i).irrelevant(),
                    rows.get(i).overheadPerCall(), guest.get(i).overheadPerCall(), rows.get(i).site().route());
        }
        assertEquals(13, rows.size());
        for (int[] pt : new int[][] {{1, 0}, {1, 1}, {2, 0}}) {
            FtraceOpsSample.Row a = s.run(pt[0], pt[1]);
            FtraceOpsSample.Row b = g.run(pt[0], pt[1]);
            StringBuilder sb = new StringBuilder(arch + " " + pt[0] + "," + pt[1] + ":");
            for (dev.ftracelab.emu.Counter c : dev.ftracelab.emu.Counter.values()) {
                sb.append(String.format(" %s %.0f/%.0f", c, a.perCall(c), b.perCall(c)));
            }
            System.out.println(sb);
        }
    }
}
