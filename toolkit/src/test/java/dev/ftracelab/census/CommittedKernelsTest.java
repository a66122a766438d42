package dev.ftracelab.census;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.ProjectPaths;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The committed census of Debian's 6.12 kernels, and the model held to it. */
class CommittedKernelsTest {
    private static final Path DIR = ProjectPaths.datasets().resolve("kernels");
    private static KernelDataset riscv;
    private static KernelDataset arm64;

    @BeforeAll
    static void read() {
        riscv = KernelDataset.read(DIR.resolve("linux-image-6.12.117+deb13-riscv64" + KernelDataset.FUNCTIONS_SUFFIX));
        arm64 = KernelDataset.read(DIR.resolve("linux-image-6.12.117+deb13-arm64" + KernelDataset.FUNCTIONS_SUFFIX));
    }

    @Test
    void everyModuleLaidOutAsBuiltKeepsItsSizeToTheByte() {
        for (KernelDataset d : List.of(riscv, arm64)) {
            for (ModuleText m : d.modules()) {
                assertEquals(m.textBytes(), Relayout.textBytes(m, m.builtLayout(), m.builtLayout()), m.module());
            }
        }
    }

    @Test
    void theBuildsAreTheOnesDebianShips() {
        assertEquals("6.12.117-1", riscv.version());
        assertTrue(riscv.modules().size() > 3000 && arm64.modules().size() > 4000);
        // riscv64 6.12: patch sites at the entry, RVC; arm64 6.12: CALL_OPS.
        ModuleText rvImage = riscv.modules().stream().filter(KernelImage::isImage).findFirst().orElseThrow();
        ModuleText a64Image = arm64.modules().stream().filter(KernelImage::isImage).findFirst().orElseThrow();
        assertEquals(Layout.NOP_NOP, rvImage.builtLayout().layout());
        assertTrue(rvImage.rvc());
        assertEquals(Layout.CALL_OPS, a64Image.builtLayout().layout());
        long traceable = 0;
        for (ModuleText m : arm64.modules()) {
            for (FunctionEntry f : m.functions()) {
                if (f.traceable()) {
                    traceable++;
                    assertEquals(8, f.patchBefore(), f::toString);
                    assertEquals(8, f.patchAfter(), f::toString);
                    assertTrue(f.alignment() >= 8, f::toString);
                }
            }
        }
        assertTrue(traceable > 250_000, "arm64 traceable functions: " + traceable);
    }

    @Test
    void callOpsGrowsRiscvTextByAFewPercent() {
        List<ModuleGrowth> totals = new CensusResult(riscv.modules(), List.of(), List.of()).totals();
        ModuleGrowth t = totals.get(0);
        assertEquals(Arch.RISCV64, t.arch());
        assertEquals(0, t.growth(Layout.NOP_NOP), "built with nop-nop");
        double perFunction = (double) t.growth(Layout.CALL_OPS) / t.traceable();
        assertTrue(perFunction > 8 && perFunction < 14, "8-byte literal plus padding from 2- to 8-byte alignment: " + perFunction);
        assertTrue(t.growth(Layout.ATOMIC) > 0 && t.growth(Layout.ATOMIC) < t.growth(Layout.CALL_OPS));
    }

    @Test
    void theImagesGiveTheReachTable() {
        KernelImage rv = KernelImage.read(riscv, DIR.resolve(riscv.name() + KernelDataset.FUNCTIONS_SUFFIX));
        assertTrue(rv.callsites().length > 30_000);
        assertTrue(rv.stext() < rv.ftraceCaller() && rv.ftraceCaller() < rv.etext() && rv.etext() < rv.end());
        DirectReach.ReachRow fromModules = DirectReach.table(rv).get(0);
        assertEquals("kernel text", fromModules.callsites());
        assertEquals("module area", fromModules.placement());
        assertEquals(100.0, fromModules.auipcJalr(), 1e-9, "the riscv64 module area is within AUIPC+JALR reach");
        assertTrue(fromModules.jalrFixedAuipc() < 0.01, "a JALR off the fixed AUIPC reaches only ±2 KiB of ftrace_caller");
        KernelImage a64 = KernelImage.read(arm64, DIR.resolve(arm64.name() + KernelDataset.FUNCTIONS_SUFFIX));
        assertEquals(100.0, DirectReach.table(a64).get(0).bl(), 1e-9, "the 128 MiB next to the kernel is within BL reach");
    }
}
