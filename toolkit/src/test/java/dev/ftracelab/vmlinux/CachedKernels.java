package dev.ftracelab.vmlinux;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Debian's kernels from the cache of {@code datasets/fetch-kernels.sh}; a test that needs one is skipped without it. */
public final class CachedKernels {
    public static final String RISCV_612 = "linux-image-6.12.117+deb13-riscv64";
    public static final String ARM64_612 = "linux-image-6.12.117+deb13-arm64";
    public static final String RISCV_72 = "linux-image-7.2.13+deb14-riscv64";

    private CachedKernels() {
    }

    /**
     * The vmlinux of image package {@code pkg}, or the test is skipped, saying how to fetch it (it
     * fails instead under {@code FTRACELAB_REQUIRE_KERNELS=1}, which CI sets once it fetched them).
     */
    public static Vmlinux get(String pkg) {
        Path p = KernelCache.standard().vmlinux(pkg).orElse(null);
        String why = "no " + pkg + " vmlinux in " + KernelCache.standard().dir()
                + ": datasets/fetch-kernels.sh fetches it (README, \"Real kernels in the loop\")";
        if (p == null && "1".equals(System.getenv("FTRACELAB_REQUIRE_KERNELS"))) {
            throw new AssertionError(why + " (FTRACELAB_REQUIRE_KERNELS=1)");
        }
        Assumptions.assumeTrue(p != null, why);
        return Vmlinux.open(p);
    }
}
