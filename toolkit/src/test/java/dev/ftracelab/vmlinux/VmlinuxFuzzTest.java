package dev.ftracelab.vmlinux;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.ftrace.ModulePlacement;
import dev.ftracelab.util.BadInputException;
import org.junit.jupiter.api.Timeout;

/**
 * {@code --vmlinux} on arbitrary bytes: {@link Vmlinux#of} (ELF, symbols, BTF, dynamic
 * relocations, banner), then, if the image passes, the ftrace-ops sample booted on it (segments,
 * the sample module, the per-CPU area, struct layouts from its BTF) and one traced call run on
 * its code. Each step works or throws {@link BadInputException}; anything else is a finding.
 * Committed inputs: {@code src/test/resources/dev/ftracelab/vmlinux/VmlinuxFuzzTestInputs/open/}
 * (two miniature images built from {@code mini-vmlinux.c} with GCC's {@code -gbtf}, and the
 * sample module); {@code JAZZER_FUZZ=1 ./mvnw -B test -Dtest=VmlinuxFuzzTest} fuzzes.
 */
class VmlinuxFuzzTest {
    @FuzzTest(maxDuration = "2m")
    @Timeout(30)
    void open(byte[] data) {
        Vmlinux v;
        try {
            v = Vmlinux.of(data, "fuzz-input vmlinux");
        } catch (BadInputException expected) {
            return;
        }
        v.release();
        v.buildId();
        try {
            long[] extent = v.extent();
            v.where(extent[0]);
            FtraceOpsSample s = FtraceOpsSample.of(v).calls(1);
            s.run(1, 0);
            s.module(ModulePlacement.FAR).run(2, 1);
        } catch (BadInputException expected) {
            // refused with its reason: what a hostile or unsupported image should get
        }
    }
}
