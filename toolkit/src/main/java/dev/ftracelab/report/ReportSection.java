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

    /** Adds the heading, text, tables and charts of this section. */
    void addTo(Bundle.Builder bundle);
}
