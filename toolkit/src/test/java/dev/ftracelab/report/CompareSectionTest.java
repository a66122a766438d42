package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.cost.Comparison;
import dev.ftracelab.cost.MeasuredDataset;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.util.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compare section of {@code report --dataset}: tables labelled as modelled, the plots, the dataset's hash. */
class CompareSectionTest {
    @TempDir
    Path tmp;

    @Test
    void theSectionHoldsRowsDesignsAndThePlots() throws IOException {
        Path csv = ProjectPaths.root().resolve("toolkit/src/test/resources/dev/ftracelab/cost/example-board.csv");
        Comparison c = Comparison.builder(Profile.load("vf2"), MeasuredDataset.resolve(csv.toString())).pricedCalls(20)
                .seeds(1).build();
        WriteUp w = WriteUp.standard().with(new CompareSection(c));
        assertTrue(w.sections().get(w.sections().size() - 1) instanceof CompareSection);
        Bundle b = new WriteUp(List.of(new CompareSection(c))).bundle(Provenance.capture().with("command", "report"));
        List<String> files = b.fileNames();
        for (String f : List.of("compare-example-board-vf2.txt", "compare-example-board-vf2.csv",
                "compare-example-board-vf2-designs.md", "compare-example-board-vf2-plot.png",
                "compare-example-board-vf2-irrelevant.png", "compare-example-board-vf2-relevant.png")) {
            assertTrue(files.contains(f), f + " in " + files);
        }
        Path dir = b.writeTo(tmp.resolve("r"));
        String txt = Files.readString(dir.resolve("compare-example-board-vf2.txt"));
        assertTrue(txt.startsWith("Model (profile vf2) vs measured (dataset example-board:"), txt);
        assertTrue(txt.contains("modelled:   vf2 profile"), txt);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("## Model vs measured: example-board on vf2"), md);
        assertTrue(md.contains("SHA-256 `f8fb9cdd22998ae4d42e288716968e1f06f7ddd04800f767f8d790a81921e68a`"), md);
        assertEquals(c.pricedPoints(), new CompareSection(c).steps());
    }
}
