package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteUpTest {
    /** A section that only adds a line of text. */
    private record Stub(String title) implements ReportSection {
        @Override
        public void addTo(Bundle.Builder bundle) {
            bundle.text("about " + title);
        }
    }

    @Test
    void reportsOneProgressStepPerSectionNamedWhileItRuns() {
        // Regression: `report` ran for minutes without a sign of life.
        List<String> seen = new ArrayList<>();
        Progress recording = new Progress() {
            private long done;

            @Override
            public void stepBy(long n) {
                done += n;
                seen.add("step " + done);
            }

            @Override
            public void stepTo(long d) {
                done = d;
            }

            @Override
            public void note(String text) {
                seen.add(text);
            }

            @Override
            public void close() {
            }
        };
        new WriteUp(List.of(new Stub("first"), new Stub("second"))).bundle(Provenance.capture(), recording);
        assertEquals(List.of("first", "step 1", "second", "step 2"), seen);
    }
}
