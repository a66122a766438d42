package dev.ftracelab.importer;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;

/**
 * Writes a <em>synthetic</em> kernel log in the shape the ftrace_ops sample module leaves in
 * {@code dmesg}, {@code journalctl -k} or on a serial console: for tests of the importer (write a
 * dataset as a log, import it back) and for examples. It is never a measurement: whatever times
 * it is given are what it prints, and {@link #write} starts with the header lines it is given
 * (the importer ignores them, like any line that is not the sample's).
 *
 * <pre>{@code
 * String log = SampleLog.write(SampleLog.runsOf(pm.dataset("m1-before")), SampleLog.Style.DMESG,
 *         List.of("synthetic example written by ftrace-lab, not a measurement"));
 * }</pre>
 */
public final class SampleLog {
    /** How the lines are prefixed, as the tools print a multi-line kernel message. */
    public enum Style {
        /** {@code dmesg}: {@code [  12.345678] } on the first line, continuation lines indented. */
        DMESG,
        /** {@code dmesg -T}: a wall-clock date in brackets. */
        DMESG_T,
        /** {@code dmesg -x}: facility and level, then the timestamp. */
        DMESG_X,
        /** {@code journalctl -k}: {@code Mon DD HH:MM:SS host kernel: }, continuation lines indented. */
        JOURNAL,
        /** {@code journalctl -k -o short-monotonic}: {@code [  12.345678] host kernel: }. */
        JOURNAL_MONOTONIC,
        /** A serial console: every line of a message carries the timestamp. */
        SERIAL
    }

    /**
     * One load of the module: its parameters and the time it printed.
     *
     * @param relevant  {@code nr_ops_relevant}
     * @param irrelevant {@code nr_ops_irrelevant}
     * @param calls     {@code nr_function_calls}
     * @param totalNs   the time printed for all calls
     * @param saveRegs  {@code save_regs}
     * @param assistRecursion {@code assist_recursion}
     * @param assistRcu {@code assist_rcu}
     */
    public record Run(int relevant, int irrelevant, int calls, long totalNs, boolean saveRegs, boolean assistRecursion,
            boolean assistRcu) {
        /** A run with the sample's default flags (all NO). */
        public static Run of(int relevant, int irrelevant, int calls, long totalNs) {
            return new Run(relevant, irrelevant, calls, totalNs, false, false, false);
        }
    }

    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);
    private static final DateTimeFormatter JOURNAL_TIME = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ROOT);
    private static final LocalDateTime BOOT = LocalDateTime.of(2026, 1, 1, 0, 0);

    private SampleLog() {
    }

    /** One run per row of {@code rows} that has a {@code total_ns} (the published schema's columns). */
    public static List<Run> runsOf(Table rows) {
        List<Run> out = new ArrayList<>();
        for (int i = 0; i < rows.rowCount(); i++) {
            if (!rows.longColumn("total_ns").isMissing(i)) {
                out.add(Run.of(rows.intColumn("relevant").getInt(i), rows.intColumn("irrelevant").getInt(i),
                        rows.intColumn("calls").getInt(i), rows.longColumn("total_ns").getLong(i)));
            }
        }
        return out;
    }

    /**
     * The log of {@code runs}, in order, each a {@code registering:} message and a result line,
     * one second apart from 100 s after boot; {@code header} lines come first, each with
     * {@code # }.
     */
    public static String write(List<Run> runs, Style style, List<String> header) {
        StringBuilder sb = new StringBuilder();
        header.forEach(h -> sb.append("# ").append(h).append('\n'));
        double t = 100.0;
        for (Run r : runs) {
            List<String> block = List.of("registering:",
                    "  relevant ops: " + r.relevant(),
                    "    tracee: tracee_relevant [ftrace_ops]",
                    "    tracer: ops_func_nop [ftrace_ops]",
                    "  irrelevant ops: " + r.irrelevant(),
                    "    tracee: tracee_irrelevant [ftrace_ops]",
                    "    tracer: ops_func_nop [ftrace_ops]",
                    "  saving registers: " + yesNo(r.saveRegs()),
                    "  assist recursion: " + yesNo(r.assistRecursion()),
                    "  assist RCU: " + yesNo(r.assistRcu()));
            message(sb, style, t, block);
            t += 0.25 + r.totalNs() / 1e9;
            message(sb, style, t, List.of("Attempted " + r.calls() + " calls to tracee_relevant [ftrace_ops] in "
                    + r.totalNs() + "ns (" + r.totalNs() / r.calls() + "ns / call)"));
            t = Math.floor(t) + 1.0;
        }
        return sb.toString();
    }

    /** One kernel message (possibly several lines) from the ftrace_ops module at time {@code t}. */
    private static void message(StringBuilder sb, Style style, double t, List<String> lines) {
        String stamp = String.format(Locale.ROOT, "[%5d.%06d] ", (long) t, Math.round((t - Math.floor(t)) * 1e6));
        LocalDateTime wall = BOOT.plusNanos(Math.round(t * 1e9));
        String prefix = switch (style) {
            case DMESG, SERIAL -> stamp;
            case DMESG_T -> "[" + CTIME.format(wall) + "] ";
            case DMESG_X -> "kern  :info  : " + stamp;
            case JOURNAL -> JOURNAL_TIME.format(wall.atOffset(ZoneOffset.UTC)) + " board kernel: ";
            case JOURNAL_MONOTONIC -> stamp + "board kernel: ";
        };
        for (int i = 0; i < lines.size(); i++) {
            if (i == 0) {
                sb.append(prefix).append("ftrace_ops: ").append(lines.get(i));
            } else if (style == Style.SERIAL) {
                sb.append(prefix).append(lines.get(i));
            } else {
                sb.append(" ".repeat(prefix.length())).append(lines.get(i));
            }
            sb.append('\n');
        }
    }

    private static String yesNo(boolean b) {
        return b ? "YES" : "NO";
    }
}
