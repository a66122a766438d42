package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.cost.Profile;
import dev.ftracelab.vmlinux.CachedKernels;
import dev.ftracelab.vmlinux.Vmlinux;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's real-kernel section: 6.12 against 7.x on vf2 when the cache holds them, how to fetch them when not. */
class RealKernelSectionTest {
    @TempDir
    Path tmp;

    @Test
    void withoutKernelsTheSectionSaysHowToFetchThem() throws IOException {
        RealKernelSection s = new RealKernelSection(AnswerTables.Settings.of(Profile.load("vf2")), List.of());
        assertTrue(s.steps() > 0);
        Bundle b = new WriteUp(List.of(s)).bundle(Provenance.capture().with("command", "report"));
        String md = Files.readString(b.writeTo(tmp.resolve("r")).resolve("report.md"));
        assertTrue(md.contains("## Real kernels: the sample on Debian's own dispatch code"), md);
        assertTrue(md.contains("datasets/fetch-kernels.sh --suite sid --arch riscv64"), md);
    }

    @Test
    void riscv612Against72OnVf2WithTheConformanceOfEach() throws IOException {
        Vmlinux v612 = CachedKernels.get(CachedKernels.RISCV_612);
        Vmlinux v72 = CachedKernels.get(CachedKernels.RISCV_72);
        AnswerTables.Settings settings = AnswerTables.Settings.of(Profile.load("vf2")).seeds(1).pricedCalls(50);
        Bundle b = new WriteUp(List.of(new RealKernelSection(settings, List.of(Path.of(v612.source()), Path.of(v72.source())))))
                .bundle(Provenance.capture().with("command", "report"));
        List<String> files = b.fileNames();
        for (String f : List.of("real-kernel-overheads.txt", "real-kernel-overheads.csv", "real-kernel-overheads-plot.png",
                "conformance-6.12.117-deb13-riscv64.txt", "conformance-7.2.13-deb14-riscv64.csv")) {
            assertTrue(files.contains(f), f + " in " + files);
        }
        Path dir = b.writeTo(tmp.resolve("r"));
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains(v612.buildId()) && md.contains(v72.sha256()), md);
        assertTrue(md.contains("V1: list processing, nop-nop site, vmlinux 6.12.117+deb13-riscv64")
                && md.contains("V2: CALL_OPS, call-ops site, vmlinux 7.2.13+deb14-riscv64"), md);
        String txt = Files.readString(dir.resolve("real-kernel-overheads.txt"));
        assertTrue(txt.contains("V1  ||") && txt.contains("V2  ||") && txt.contains("Lnn ||") && txt.contains("CO  ||"), txt);
    }
}
