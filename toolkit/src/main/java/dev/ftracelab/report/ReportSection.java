package dev.ftracelab.report;

/**
 * One section of the write-up that {@code ftrace-lab report} produces. Each capability of the
 * toolkit contributes a section: its tables, plots and the text that explains them.
 *
 * <pre>{@code
 * Bundle.Builder b = Bundle.builder("ftrace-lab report", Provenance.capture());
 * new PublishedSection(PublishedMeasurements.load()).addTo(b);
 * }</pre>
 */
public interface ReportSection {
    /** The section's heading. */
    String title();

    /**
     * Adds the heading, text, tables and charts of this section. A section implements this or
     * {@link #addTo(Bundle.Builder, Progress)} (at least one: each default calls the other); a
     * section that steps implements the latter and gets this one, showing nothing, for free.
     */
    default void addTo(Bundle.Builder bundle) {
        addTo(bundle, Progress.quiet());
    }

    /**
     * Units of work {@link #addTo(Bundle.Builder, Progress)} steps through: one unless the
     * section runs long enough to show where it is (rows priced, plans explored).
     */
    default long steps() {
        return 1;
    }

    /**
     * As {@link #addTo(Bundle.Builder)}, stepping {@code progress} {@link #steps()} times, with a
     * note naming the work of each step.
     *
     * <pre>{@code
     * try (Progress p = Progress.start("patch safety", s.steps())) { s.addTo(bundle, p); }
     * }</pre>
     */
    default void addTo(Bundle.Builder bundle, Progress progress) {
        addTo(bundle);
        progress.step();
    }
}
