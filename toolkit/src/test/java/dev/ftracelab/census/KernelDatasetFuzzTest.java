package dev.ftracelab.census;

import static dev.ftracelab.testing.FuzzInputs.badInputOnly;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.testing.FuzzInputs;
import dev.ftracelab.util.BadInputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * A census dataset from arbitrary CSV text, and what is computed from it: {@link KernelDataset#read},
 * the census growth and relayout of every module under every layout, and the direct-call reach
 * model of its kernel image ({@link KernelImage#read}, {@link DirectReach#table}). Bad input is
 * refused only with a {@link BadInputException}; modelled sizes are never negative, reach
 * shares are in 0..100 (NaN only over no callsites).
 *
 * <p>One input holds the dataset's files cut at {@code --8<--} lines ({@link FuzzInputs#parts}):
 * sections table, functions table (both gzipped when written) and, for {@link #reach}, the image
 * table. Committed inputs: {@code src/test/resources/dev/ftracelab/census/KernelDatasetFuzzTestInputs/<method>/};
 * {@code JAZZER_FUZZ=1 ./mvnw -B test -Dtest=KernelDatasetFuzzTest#census} fuzzes one.
 */
class KernelDatasetFuzzTest {
    @FuzzTest(maxDuration = "2m")
    @Timeout(30)
    void census(byte[] data) {
        List<String> parts = FuzzInputs.parts(data, 2);
        Path dir = FuzzInputs.tempDir();
        try {
            Path functions = writeDataset(dir, parts.get(0), parts.get(1));
            KernelDataset[] d = new KernelDataset[1];
            if (!badInputOnly(() -> d[0] = KernelDataset.read(functions))) {
                return;
            }
            CensusResult r = new CensusResult(d[0].modules(), List.of(), List.of());
            List<ModuleGrowth> rows = r.growth();
            List<ModuleGrowth> all = new java.util.ArrayList<>(rows);
            all.addAll(CensusResult.totals(rows));
            for (ModuleGrowth g : all) {
                for (Layout l : Layout.of(g.arch())) {
                    check(g.bytesUnder(l) >= 0, g + ": negative bytes under " + l);
                    g.growthPercent(l);
                }
                g.callOpsCostPercent();
            }
            for (ModuleText m : d[0].modules()) {
                for (TextLayout t : TextLayout.all(m.arch(), m.rvc())) {
                    check(Relayout.textBytes(m, m.builtLayout(), t) >= 0, m.module() + ": negative relayout under " + t);
                }
            }
        } finally {
            FuzzInputs.delete(dir);
        }
    }

    @FuzzTest(maxDuration = "2m")
    @Timeout(30)
    void reach(byte[] data) {
        List<String> parts = FuzzInputs.parts(data, 3);
        Path dir = FuzzInputs.tempDir();
        try {
            Path functions = writeDataset(dir, parts.get(0), parts.get(1));
            FuzzInputs.write(dir.resolve("fuzz" + KernelImage.IMAGE_SUFFIX), parts.get(2));
            KernelImage[] k = new KernelImage[1];
            if (!badInputOnly(() -> k[0] = KernelImage.read(KernelDataset.read(functions), functions))) {
                return;
            }
            for (DirectReach.ReachRow row : DirectReach.table(k[0])) {
                check(row.sites() >= 0, "negative site count in " + row);
                for (Double share : new Double[] {row.jal(), row.jalrFixedAuipc(), row.auipcJalr(), row.bl()}) {
                    // documented: the mean over no callsites is NaN (an image without traceable functions)
                    check(share == null || share >= 0 && share <= 100 || share.isNaN() && row.sites() == 0,
                            "share out of 0..100 in " + row);
                }
            }
        } finally {
            FuzzInputs.delete(dir);
        }
    }

    private static Path writeDataset(Path dir, String sections, String functions) {
        FuzzInputs.write(dir.resolve("fuzz" + KernelDataset.SECTIONS_SUFFIX), sections);
        return FuzzInputs.write(dir.resolve("fuzz" + KernelDataset.FUNCTIONS_SUFFIX), functions);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
