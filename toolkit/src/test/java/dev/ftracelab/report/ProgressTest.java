package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void notebookLineShowsFractionCountsAndEta() {
        String line = Progress.NotebookProgress.render("explore", 250, 1000, Duration.ofSeconds(2), "states/s 125");
        assertEquals("explore  25% [######..................] 250/1,000  2.0 s  ETA 6.0 s  states/s 125", line);
        String done = Progress.NotebookProgress.render("explore", 1000, 1000, Duration.ofSeconds(8), "");
        assertEquals("explore 100% [########################] 1,000/1,000  8.0 s", done);
    }

    @Test
    void terminalBarDrawsToTheGivenStream() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress p = Progress.terminal("bench", 10, new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            p.stepBy(10);
        }
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.contains("bench") && drawn.contains("100%") && drawn.contains("10/10"), drawn);
    }

    @Test
    void outsideANotebookAndTerminalNothingIsShown() {
        assertTrue(!Notebook.active());
        Progress p = Progress.start("quiet", 3);
        p.step();
        p.close();
    }
}
