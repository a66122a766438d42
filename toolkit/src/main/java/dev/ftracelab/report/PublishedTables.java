package dev.ftracelab.report;

import dev.ftracelab.dataset.PublishedMeasurements;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * How a dataset in the published schema is printed, by {@code ftrace-lab published} and
 * {@code ftrace-lab import} alike: in text, each dataset under a line {@code name: arch,
 * platform, variant} (and {@code , kernel K} when its rows name one) in the commit-message layout
 * ({@link FtraceOpsTable}), then the file's sources and the provenance stamp; in CSV, JSON and
 * Markdown, the selected rows with every column.
 *
 * <pre>{@code
 * PublishedMeasurements pm = PublishedMeasurements.load();
 * System.out.print(PublishedTables.render(pm, pm.datasetNames(), TableFormat.TEXT, Provenance.capture()));
 * }</pre>
 */
public final class PublishedTables {
    private PublishedTables() {
    }

    /** Renders the datasets {@code names} of {@code pm} in {@code format}, with the stamp {@code p}. */
    public static String render(PublishedMeasurements pm, List<String> names, TableFormat format, Provenance p) {
        return render(pm, names, format, p, "published ftrace-ops measurements");
    }

    /**
     * As {@link #render(PublishedMeasurements, List, TableFormat, Provenance)}, naming the table
     * {@code tableName} in JSON (e.g. "imported ftrace-ops measurements").
     */
    public static String render(PublishedMeasurements pm, List<String> names, TableFormat format, Provenance p,
            String tableName) {
        StringBuilder out = new StringBuilder();
        if (format == TableFormat.TEXT) {
            for (String name : names) {
                Table t = pm.dataset(name);
                out.append(MailText.wrap(heading(name, t), MailTable.MAIL_WIDTH, "", "  ")).append('\n');
                out.append(FtraceOpsTable.mail(t)).append('\n');
            }
            out.append(MailText.reflow(pm.sources(), MailTable.MAIL_WIDTH, "  ")).append('\n');
            p.lines().forEach(l -> out.append("  ").append(l).append('\n'));
            return out.toString();
        }
        Table all = pm.dataset(names.get(0)).emptyCopy().setName(tableName);
        for (String name : names) {
            all.append(pm.dataset(name));
        }
        return format.render(all, MailTable.plain(), p);
    }

    /** {@code name: arch, platform, variant}, plus {@code , kernel K} when every row names the same kernel. */
    static String heading(String name, Table t) {
        String h = name + ": " + t.stringColumn("arch").get(0) + ", " + t.stringColumn("platform").get(0) + ", "
                + t.stringColumn("variant").get(0);
        if (t.containsColumn("kernel")) {
            List<String> kernels = t.stringColumn("kernel").asList().stream().distinct().toList();
            if (kernels.size() == 1 && !kernels.get(0).isEmpty()) {
                h += ", kernel " + kernels.get(0);
            }
        }
        return h;
    }
}
