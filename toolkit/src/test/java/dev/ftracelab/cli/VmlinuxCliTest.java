package dev.ftracelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.util.Resources;
import dev.ftracelab.vmlinux.CachedKernels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --vmlinux} on the dispatch commands, {@code conformance}: the refusals, and a run on a cached kernel. */
class VmlinuxCliTest {
    @TempDir
    Path tmp;

    @Test
    void withoutArchOrVmlinuxTheDispatchCommandsSayWhatIsMissing() {
        MainTest.Run r = MainTest.run("dispatch", "--calls", "5");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("--arch is required (riscv64 or arm64), or --vmlinux FILE"), r.err());
    }

    @Test
    void anImageWithoutBtfExitsTwoNamingTheFile() throws Exception {
        Path kimage = tmp.resolve("vmlinux-guest");
        Files.write(kimage, Resources.read("/dev/ftracelab/kernel/riscv64/kimage.elf"));
        for (String cmd : new String[] {"dispatch", "ftrace-ops-table"}) {
            MainTest.Run r = MainTest.run(cmd, "--vmlinux", kimage.toString(), "--calls", "5");
            assertEquals(2, r.status(), r.err());
            assertTrue(r.err().contains(kimage.toString()) && r.err().contains("no .BTF section"), r.err());
        }
        MainTest.Run r = MainTest.run("conformance", kimage.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("no .BTF section"), r.err());
    }

    @Test
    void aNameThatIsNeitherAFileNorAFetchedPackageIsRefused() {
        MainTest.Run r = MainTest.run("dispatch", "--vmlinux", "linux-image-0.0-none", "--calls", "5");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("linux-image-0.0-none") && r.err().contains("no such file, nor a fetched package"),
                r.err());
    }

    @Test
    void aCachedKernelRunsAndIsNamedInTheTableAndTheStamp() {
        CachedKernels.get(CachedKernels.RISCV_612);
        MainTest.Run r = MainTest.run("ftrace-ops-table", "--vmlinux", CachedKernels.RISCV_612, "--calls", "10");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("riscv64 nop-nop on vmlinux 6.12.117+deb13-riscv64"), r.out());
        String flat = MainTest.flat(r.out()).replace(" ", "");
        assertTrue(flat.contains("vmlinux_build_id=") && flat.contains("vmlinux_sha256="), r.out());
        for (String line : r.out().split("\n")) {
            assertTrue(line.length() <= 72, "over 72 columns: " + line);
        }
        r = MainTest.run("dispatch", "--vmlinux", CachedKernels.RISCV_612, "--layout", "call-ops", "--calls", "10");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("is built with nop-nop"), r.err());
        r = MainTest.run("dispatch", "--vmlinux", CachedKernels.RISCV_612, "--arch", "arm64", "--calls", "10");
        assertEquals(2, r.status(), r.err());
        r = MainTest.run("conformance", CachedKernels.RISCV_612, "--calls", "5");
        assertEquals(0, r.status(), r.err());
        assertTrue(MainTest.flat(r.out()).contains("Largest difference"), r.out());
    }
}
