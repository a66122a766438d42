package dev.ftracelab.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Shows results inline in an IJava notebook: a table as HTML (with a plain-text fallback), a
 * chart as a PNG image, the mail text of a table as preformatted text. Outside a notebook the same
 * calls print text to standard output, so notebook code also runs as a script or in a test.
 *
 * <pre>{@code
 * Notebook.show(PublishedMeasurements.load().dataset("m1-after"));
 * Notebook.show(chart);
 * Notebook.mail(table, FtraceOpsTable.LAYOUT);
 * }</pre>
 */
public final class Notebook {
    private static final AtomicLong IDS = new AtomicLong();

    private Notebook() {
    }

    /** Whether this code runs inside an IJava kernel. */
    public static boolean active() {
        try {
            Class.forName("io.github.spencerpark.ijava.IJava", false, Notebook.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        return IJavaBridge.kernelRunning();
    }

    /** Shows a table: HTML in a notebook, plain mail text elsewhere. */
    public static void show(Table table) {
        String text = MailTable.builder().indent(0).maxWidth(Integer.MAX_VALUE).build().render(table);
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", text);
        bundle.put("text/html", Html.table(table));
        emit(bundle, text);
    }

    /** Shows a chart as a PNG image (elsewhere: a one-line note of what would be shown). */
    public static void show(Chart<?, ?> chart) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("image/png", Charts.png(Charts.image(chart)));
        bundle.put("text/plain", "[chart: " + chart.getTitle() + "]");
        emit(bundle, "[chart: " + chart.getTitle() + "]\n");
    }

    /** Shows the mail-text rendering of a table, as it will read in a reply on the list. */
    public static void mail(Table table, MailTable layout) {
        String text = layout.render(table);
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", text);
        bundle.put("text/html", Html.pre(text));
        emit(bundle, text);
    }

    /** Shows a Markdown paragraph. */
    public static void markdown(String markdown) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", markdown);
        bundle.put("text/markdown", markdown);
        emit(bundle, markdown + "\n");
    }

    private static void emit(Map<String, Object> bundle, String fallback) {
        if (active()) {
            IJavaBridge.display(bundle, null);
        } else {
            System.out.print(fallback);
        }
    }

    /** A display that can be replaced in place, for progress lines. */
    static final class LiveLine {
        private final String id = "ftrace-lab-" + ProcessHandle.current().pid() + "-" + IDS.incrementAndGet();
        private boolean shown;

        void set(String text) {
            Map<String, Object> bundle = Map.of("text/plain", text);
            if (shown) {
                IJavaBridge.update(bundle, id);
            } else {
                IJavaBridge.display(bundle, id);
                shown = true;
            }
        }
    }
}
