package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.patch.CheckOptions;
import dev.ftracelab.patch.Scheme;

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

    /** A progress that records its notes and counts its steps. */
    private static final class Counting implements Progress {
        final List<String> notes = new ArrayList<>();
        long steps;
        long at;

        @Override
        public void stepBy(long n) {
            steps += n;
            at += n;
        }

        @Override
        public void stepTo(long d) {
            at = d;
        }

        @Override
        public void note(String text) {
            notes.add(text);
        }

        @Override
        public void close() {
        }
    }

    /** A section of three steps that takes only {@code taken} of them. */
    private record Long3(int taken) implements ReportSection {
        @Override
        public String title() {
            return "long";
        }

        @Override
        public long steps() {
            return 3;
        }

        @Override
        public void addTo(Bundle.Builder bundle, Progress progress) {
            for (int i = 0; i < taken; i++) {
                progress.note("row " + i);
                progress.step();
            }
        }
    }

    @Test
    void longSectionsStepWithinAndTheTotalStaysRight() {
        WriteUp w = new WriteUp(List.of(new Stub("first"), new Long3(3), new Long3(1), new Stub("last")));
        assertEquals(8, w.steps());
        Counting c = new Counting();
        w.bundle(Provenance.capture(), c);
        assertEquals(List.of("first", "long", "row 0", "row 1", "row 2", "long", "row 0", "last"), c.notes);
        assertEquals(8, c.at, "the section that stepped once is brought to its end");
    }

    @Test
    void patchSafetyAndDispatchTakeTheStepsTheyAnnounce() {
        for (ReportSection s : List.of(new PatchSafetySection(CheckOptions.builder().tasks(1).calls(1).preemptionBound(0)
                .build()), new DispatchSection(5))) {
            Counting c = new Counting();
            s.addTo(Bundle.builder("t", Provenance.capture()), c);
            assertEquals(s.steps(), c.steps, s.title());
            assertEquals(s.steps(), c.notes.size(), s.title() + ": a note per step");
            assertTrue(s.steps() > 10, s.title());
            if (s instanceof PatchSafetySection) {
                assertTrue(c.notes.contains("patch: arm64-pre-call-ops retarget"), c.notes.toString());
                assertEquals(Scheme.values().length * 3 + 6, c.steps, "every scheme and op, and the contrast rows");
            } else {
                assertTrue(c.notes.contains("dispatch: arm64 pre-call-ops tramp 1/10"), c.notes.toString());
            }
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
