package dev.ftracelab.patch;

import java.util.List;
import java.util.Locale;

/**
 * A counterexample: the steps from the initial state to a property violation, shortest in
 * preemptions. {@link #text()} is fit for a mail; {@code report.PatchSafetyTables} makes a table.
 *
 * @param violation what went wrong, in one line
 * @param steps     what happened, in order
 */
public record Trace(String violation, List<TraceStep> steps) {
    public Trace {
        steps = List.copyOf(steps);
    }

    /** The trace as aligned plain text: one line per step, the violation last. */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (TraceStep s : steps) {
            String who = s.actor() + (s.hart() >= 0 ? "@hart" + s.hart() : "");
            String at = s.pc() != 0 ? String.format(Locale.ROOT, "%x %-22s", s.pc(), "<" + s.where() + ">") : String.format(Locale.ROOT, "%-31s", "");
            b.append(String.format(Locale.ROOT, "%3d %-13s %s %-34s %s%s", s.step(), who, at, s.instruction().replace('\t', ' '),
                    s.registers(), s.note().isEmpty() ? "" : "  ; " + s.note()).stripTrailing()).append('\n');
        }
        b.append("=> ").append(violation).append('\n');
        return b.toString();
    }
}
