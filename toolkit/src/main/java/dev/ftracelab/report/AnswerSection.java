package dev.ftracelab.report;

import dev.ftracelab.cost.Profile;

/**
 * The first section of the report: the page that answers the thread ({@link AnswerTables}),
 * every design side by side on one profile — overhead with its interval, text growth, patch
 * safety, direct-call reach and cost — in one 72-column table and one plot.
 *
 * <pre>{@code
 * new AnswerSection(AnswerTables.Settings.of(Profile.load("vf2"))).addTo(bundle);
 * }</pre>
 *
 * @param settings the profile, seeds, priced calls, patch-safety options and census
 */
public record AnswerSection(AnswerTables.Settings settings) implements ReportSection {
    /** The VF2 page with the defaults ({@link AnswerTables.Settings#of}). */
    public static AnswerSection vf2() {
        return new AnswerSection(AnswerTables.Settings.of(Profile.load("vf2")));
    }

    @Override
    public String title() {
        return "The answer, per design, on " + settings.profile().name();
    }

    @Override
    public long steps() {
        return AnswerTables.steps(settings);
    }

    @Override
    public void addTo(Bundle.Builder b) {
        try (Progress p = Progress.start("answer on " + settings.profile().name(), steps())) {
            addTo(b, p);
        }
    }

    @Override
    public void addTo(Bundle.Builder b, Progress progress) {
        AnswerTables.Answer a = AnswerTables.compute(settings, note -> {
            progress.note("answer: " + note);
            progress.step();
        });
        b.heading(title());
        b.text(AnswerTables.title(a).replace('\n', ' ').strip() + " Regenerate with `./ftrace-lab answer --profile "
                + settings.profile().name() + "`.");
        b.table("answer", AnswerTables.table(a), AnswerTables.LAYOUT);
        b.text("```\n" + AnswerTables.legend(a) + "```");
        b.chart("answer-plot", AnswerTables.chart(a));
    }
}
