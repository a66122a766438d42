package dev.ftracelab.patch;

import dev.ftracelab.util.TextWrap;
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

    /** The widest line {@link #text()} writes: a mail's 72 columns. */
    public static final int WIDTH = 72;

    /**
     * The trace as plain text for a mail, at most {@link #WIDTH} columns: per step a line with
     * the step, who ran it and the address or event, then, indented, the instruction, the
     * registers it read and wrote, and what makes the step matter; the violation last.
     */
    public String text() {
        StringBuilder b = new StringBuilder();
        String under = " ".repeat(19);
        for (TraceStep s : steps) {
            String who = s.actor() + (s.hart() >= 0 ? "@hart" + s.hart() : "");
            String head = String.format(Locale.ROOT, "%3d %-14s ", s.step(), who);
            String insn = s.instruction().replace('\t', ' ');
            if (s.pc() == 0) {
                // an event (a patch step, a switch): the text, nested steps keep their indent
                String lead = insn.substring(0, insn.length() - insn.stripLeading().length());
                b.append(TextWrap.wrap(insn, WIDTH, head + lead, under + lead + "  "));
            } else {
                String at = String.format(Locale.ROOT, "%x <%s>", s.pc(), s.where());
                String line = head + at + "  " + insn;
                if (line.length() <= WIDTH) {
                    b.append(line).append('\n');
                } else {
                    b.append(head).append(at).append('\n');
                    b.append(TextWrap.wrap(insn, WIDTH, under + "  ", under + "    "));
                }
            }
            if (!s.registers().isEmpty()) {
                b.append(TextWrap.wrap(s.registers(), WIDTH, under + "  ", under + "    "));
            }
            if (!s.note().isEmpty()) {
                b.append(TextWrap.wrap(s.note(), WIDTH, under + "  ", under + "    "));
            }
        }
        b.append(TextWrap.wrap(violation, WIDTH, "=> ", "   "));
        return b.toString();
    }
}
