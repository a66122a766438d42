package dev.ftracelab.ftrace;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.census.ListPathMixDataset;
import dev.ftracelab.emu.InstructionMix;
import dev.ftracelab.emu.ListPathMix;
import dev.ftracelab.emu.MixClass;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.ProjectPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 14's conformance check: the guest kernel's list path must do what Debian's 6.12 kernel
 * does, class by class, within {@link #TOLERANCE} instructions per component. The real side is
 * the committed dataset ({@code datasets/kernels/list-path-mix.csv}, derived by running the
 * vmlinux's own code: see {@code census.KernelListPath}); no vmlinux is needed here.
 */
class ListPathConformanceTest {
    /** Instructions per class and component the guest may differ by. */
    static final long TOLERANCE = 2;

    @ParameterizedTest
    @EnumSource(Arch.class)
    void guestListPathMatchesDebian612(Arch arch) {
        ListPathMixDataset real = ListPathMixDataset.read(ProjectPaths.root().resolve(ListPathMixDataset.FILE));
        ListPathMix guest = ListPathMix.measure(GuestListPath.debian612(arch));
        List<String> diffs = differences(arch, real.mix(arch), guest);
        assertTrue(diffs.isEmpty(), () -> "the guest's list path differs from "
                + real.entries().get(arch).packageName() + " " + real.entries().get(arch).packageVersion()
                + " by more than " + TOLERANCE + " per class:\n  " + String.join("\n  ", diffs));
    }

    /** One line per arch, component and class that differ by more than the tolerance. */
    static List<String> differences(Arch arch, ListPathMix real, ListPathMix guest) {
        List<String> out = new ArrayList<>();
        for (ListPathMix.Component c : ListPathMix.Component.values()) {
            InstructionMix r = real.get(c);
            InstructionMix g = guest.get(c);
            for (MixClass k : MixClass.values()) {
                if (Math.abs(r.get(k) - g.get(k)) > TOLERANCE) {
                    out.add(String.format(Locale.ROOT, "%s %s %s: real %d, guest %d", arch.id(), c.csvName(), k.csvName(),
                            r.get(k), g.get(k)));
                }
            }
        }
        return out;
    }
}
