package dev.ftracelab.report;

import dev.ftracelab.emu.Counter;
import dev.ftracelab.ftrace.Conformance;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The conformance table: per part of a traced call, the instructions a real vmlinux's own code
 * retires against the guest image's, in all and by {@link MixGroup}.
 *
 * <pre>{@code
 * Table t = ConformanceTables.table(Conformance.run(vmlinux, 100));
 * System.out.print(ConformanceTables.LAYOUT.render(t));
 * }</pre>
 */
public final class ConformanceTables {
    private ConformanceTables() {
    }

    /** A heading per part, then class, real, guest, guest - real. */
    public static final MailTable LAYOUT = MailTable.builder()
            .heading("part", "Part")
            .column("class", "Class")
            .minWidth("class", 24)
            .column("real", "vmlinux")
            .column("guest", "Guest")
            .column("guest_minus_real", "Guest-real")
            .keyColumns(1)
            .sectionsBy("part")
            .build();

    /**
     * One row per part and class group ({@code all} first): {@code part, dispatch, class, real,
     * guest, guest_minus_real}, instructions per traced call (or per ops added).
     */
    public static Table table(Conformance c) {
        Table t = Table.create("conformance: guest image vs " + c.real().vmlinux().release() + " (" + c.real().arch()
                + " " + c.real().layout() + ")");
        StringColumn part = StringColumn.create("part");
        StringColumn dispatch = StringColumn.create("dispatch");
        StringColumn cls = StringColumn.create("class");
        DoubleColumn real = DoubleColumn.create("real");
        DoubleColumn guest = DoubleColumn.create("guest");
        DoubleColumn diff = DoubleColumn.create("guest_minus_real");
        for (Conformance.Part p : c.parts()) {
            String name = p.name() + " (" + p.dispatch().id() + ")";
            part.append(name);
            dispatch.append(p.dispatch().id());
            cls.append("all");
            real.append(p.realTotal());
            guest.append(p.guestTotal());
            diff.append(p.difference());
            for (MixGroup g : MixGroup.values()) {
                double r = 0;
                double gu = 0;
                for (Counter k : g.counters()) {
                    r += p.real(k);
                    gu += p.guest(k);
                }
                part.append(name);
                dispatch.append(p.dispatch().id());
                cls.append(g.label());
                real.append(r);
                guest.append(gu);
                diff.append(gu - r);
            }
        }
        t.addColumns(part, dispatch, cls, real, guest, diff);
        return t;
    }

    /** A sentence for under the table: the largest difference of a whole part, in instructions and percent. */
    public static String summary(Conformance c) {
        Conformance.Part worst = c.parts().get(0);
        for (Conformance.Part p : c.parts()) {
            if (Math.abs(p.difference()) > Math.abs(worst.difference())) {
                worst = p;
            }
        }
        double pct = worst.realTotal() == 0 ? 0 : 100 * worst.difference() / worst.realTotal();
        return String.format(Locale.ROOT, "Counted by running both images' code (%,d calls per row). Largest"
                + " difference: %+.2f instructions (%+.1f%%) %s.", c.real().calls(), worst.difference(), pct, worst.name());
    }
}
