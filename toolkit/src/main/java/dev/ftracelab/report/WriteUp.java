package dev.ftracelab.report;

import dev.ftracelab.cost.Profile;

import dev.ftracelab.dataset.PublishedMeasurements;
import java.nio.file.Path;
import java.util.List;

/**
 * The write-up {@code ftrace-lab report} produces: every section the toolkit can fill, in one
 * bundle with a {@code report.md}.
 *
 * <pre>{@code
 * WriteUp.standard().bundle(Provenance.capture()).writeTo(Path.of("build/report"));
 * }</pre>
 *
 * @param sections the sections, in report order
 */
public record WriteUp(List<ReportSection> sections) {
    public WriteUp {
        sections = List.copyOf(sections);
    }

    /** Every section with the committed datasets; the answer page first. */
    public static WriteUp standard() {
        return new WriteUp(List.of(AnswerSection.vf2(), new PublishedSection(PublishedMeasurements.load()), new DispatchSection(1_000),
                new CostSection(1_000), PatchSafetySection.standard(), TextSizeSection.committed(),
                RealKernelSection.cached(Profile.load("vf2"))));
    }

    /**
     * This write-up with {@code section} added at the end, e.g. a {@link CompareSection} for
     * {@code report --dataset}.
     */
    public WriteUp with(ReportSection section) {
        List<ReportSection> all = new java.util.ArrayList<>(sections);
        all.add(section);
        return new WriteUp(all);
    }

    /** The write-up as a bundle. */
    public Bundle bundle(Provenance provenance) {
        return bundle(provenance, Progress.quiet());
    }

    /** The progress steps of {@link #bundle(Provenance, Progress)}: every section's {@link ReportSection#steps()}. */
    public long steps() {
        return sections.stream().mapToLong(ReportSection::steps).sum();
    }

    /**
     * The write-up as a bundle, stepping {@code progress} through each section's work ({@link
     * #steps()}; the section named in the note when it starts): some sections run the emulator or
     * explore interleavings for tens of seconds.
     *
     * <pre>{@code
     * try (Progress p = Progress.start("report", w.steps())) { w.bundle(stamp, p); }
     * }</pre>
     */
    public Bundle bundle(Provenance provenance, Progress progress) {
        Bundle.Builder b = Bundle.builder("ftrace-lab report", provenance);
        b.text("What does each ftrace dispatch design cost, and is its patching safe? Each section below"
                + " holds tables (text for a mail, CSV, JSON, Markdown) and plots (PNG); each file carries its"
                + " provenance stamp below the table or plot, and the report's own stamp is at the top of this"
                + " page.");
        long done = 0;
        for (ReportSection s : sections) {
            progress.note(s.title());
            s.addTo(b, progress);
            done += s.steps();
            progress.stepTo(done); // a section that stepped less or more does not skew the rest
        }
        return b.build();
    }

    /** Writes the bundle to {@code dir} atomically. */
    public Path writeTo(Path dir, Provenance provenance) {
        return bundle(provenance).writeTo(dir);
    }
}
