package dev.ftracelab.report;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long run (an exploration, a benchmark matrix): a progress bar on a terminal, one
 * live-updating line in a notebook, nothing when output goes to a file or a CI log.
 *
 * <pre>{@code
 * try (Progress p = Progress.start("interleavings", total)) {
 *     for (...) { explore(); p.step(); }
 * }
 * }</pre>
 */
public interface Progress extends AutoCloseable {

    /** Advances by one unit of work. */
    default void step() {
        stepBy(1);
    }

    /** Advances by {@code n} units. */
    void stepBy(long n);

    /** Sets the amount of work done so far. */
    void stepTo(long done);

    /** A short note shown beside the bar, e.g. "states/s 1.2M". */
    void note(String text);

    /** Finishes the display; the last state stays visible. */
    @Override
    void close();

    /** Picks the display for where this runs: notebook, terminal, or none. */
    static Progress start(String task, long total) {
        if (Notebook.active()) {
            return new NotebookProgress(task, total);
        }
        if (System.console() != null) {
            return terminal(task, total, System.err);
        }
        return quiet();
    }

    /** A terminal bar written to {@code out}. */
    static Progress terminal(String task, long total, PrintStream out) {
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(out)).build();
        return new Progress() {
            @Override
            public void stepBy(long n) {
                bar.stepBy(n);
            }

            @Override
            public void stepTo(long done) {
                bar.stepTo(done);
            }

            @Override
            public void note(String text) {
                bar.setExtraMessage(text);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    /** Shows nothing. */
    static Progress quiet() {
        return new Progress() {
            @Override
            public void stepBy(long n) {
            }

            @Override
            public void stepTo(long done) {
            }

            @Override
            public void note(String text) {
            }

            @Override
            public void close() {
            }
        };
    }

    /** One display line in the notebook, replaced at most every 250 ms and once at the end. */
    final class NotebookProgress implements Progress {
        private static final long INTERVAL_NANOS = Duration.ofMillis(250).toNanos();
        private final Notebook.LiveLine line = new Notebook.LiveLine();
        private final String task;
        private final long total;
        private final long startNanos = System.nanoTime();
        private long done;
        private long lastShown = Long.MIN_VALUE;
        private String note = "";

        NotebookProgress(String task, long total) {
            this.task = task;
            this.total = total;
            refresh(true);
        }

        @Override
        public synchronized void stepBy(long n) {
            done += n;
            refresh(false);
        }

        @Override
        public synchronized void stepTo(long value) {
            done = value;
            refresh(false);
        }

        @Override
        public synchronized void note(String text) {
            note = text;
            refresh(false);
        }

        @Override
        public synchronized void close() {
            refresh(true);
        }

        private void refresh(boolean force) {
            long now = System.nanoTime();
            if (!force && now - lastShown < INTERVAL_NANOS) {
                return;
            }
            lastShown = now;
            line.set(render(task, done, total, Duration.ofNanos(now - startNanos), note));
        }

        /** "task  42% [########............] 420/1000  1.2 s  ETA 1.7 s  note". */
        static String render(String task, long done, long total, Duration elapsed, String note) {
            int width = 24;
            double frac = total <= 0 ? 0 : Math.min(1.0, (double) done / total);
            int filled = (int) Math.round(frac * width);
            String eta = "";
            if (done > 0 && total > done) {
                double secs = elapsed.toNanos() / 1e9 * (total - done) / done;
                eta = String.format(java.util.Locale.ROOT, "  ETA %.1f s", secs);
            }
            return String.format(java.util.Locale.ROOT, "%s %3d%% [%s%s] %,d/%,d  %.1f s%s%s", task,
                    Math.round(frac * 100), "#".repeat(filled), ".".repeat(width - filled), done, total,
                    elapsed.toNanos() / 1e9, eta, note.isEmpty() ? "" : "  " + note);
        }
    }
}
