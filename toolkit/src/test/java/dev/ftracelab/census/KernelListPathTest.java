package dev.ftracelab.census;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.emu.ListPathMix;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.ProjectPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Re-derives the committed list-path mix from the cached Debian packages by running their vmlinux
 * on the emulator. Skipped when the cache lacks them: {@code datasets/fetch-kernels.sh} fetches
 * them (about 2.4 GB).
 */
class KernelListPathTest {
    @ParameterizedTest
    @EnumSource(Arch.class)
    void rederivingFromTheCachedVmlinuxGivesTheCommittedMix(Arch arch) {
        ListPathMixDataset committed = ListPathMixDataset.read(ProjectPaths.root().resolve(ListPathMixDataset.FILE));
        ListPathMixDataset.Entry e = committed.entries().get(arch);
        Path cache = Path.of(System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache"),
                "ftrace-lab", "kernels", e.packageName());
        Assumptions.assumeTrue(Files.isRegularFile(cache.resolve("PACKAGE")) && Files.isDirectory(cache.resolve("usr/lib/debug/boot")),
                "no " + e.packageName() + " with its -dbg vmlinux in " + cache.getParent()
                        + ": run datasets/fetch-kernels.sh --arch " + arch.id() + " to re-derive the mix");
        KernelListPath.Result r = KernelListPath.derive(cache);
        assertEquals(arch, r.arch());
        assertEquals(e.packageVersion(), r.packageVersion());
        assertTrue(committed.notes().stream().anyMatch(n -> n.contains(r.sha256())),
                "the committed notes do not name this vmlinux's SHA-256 " + r.sha256());
        for (ListPathMix.Component c : ListPathMix.Component.values()) {
            assertEquals(e.mix().get(c), r.mix().get(c), arch.id() + " " + c.csvName());
        }
    }
}
