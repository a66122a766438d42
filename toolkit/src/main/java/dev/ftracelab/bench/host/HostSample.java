package dev.ftracelab.bench.host;

import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.ftrace.FtraceOpsSample.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.CompilerControl;

/**
 * The kernel's ftrace-ops sample on the host: R counting ops filtered on
 * {@code tracee_relevant}, I on {@code tracee_irrelevant}, registered on a fresh
 * {@link HostFtrace} of one design; {@link #tracee()} is the function the sample calls.
 *
 * <pre>{@code
 * HostSample s = HostSample.of(Design.CALL_OPS, HostSample.parseRow("R1-I10"));
 * Task current = new Task();
 * s.tracee().call(current, 7);
 * s.relevantOps().get(0).count();   // 1
 * }</pre>
 */
public final class HostSample {
    private static final Pattern ROW = Pattern.compile("R(\\d{1,4})-I(\\d{1,4})");

    private final HostFtrace ftrace;
    private final Tracee tracee;
    private final List<FtraceOps> relevant = new ArrayList<>();
    private final List<FtraceOps> irrelevant = new ArrayList<>();

    private HostSample(Design design, Point point) {
        ftrace = HostFtrace.of(design);
        Callsite site = ftrace.function(FtraceOpsSample.RELEVANT);
        Callsite other = ftrace.function(FtraceOpsSample.IRRELEVANT);
        tracee = new Tracee(site);
        // the sample registers the relevant ops first, then the irrelevant ones (each at the list head)
        for (int i = 0; i < point.relevant(); i++) {
            relevant.add(FtraceOps.counting("relevant" + i, FilterHash.of(site.ip)));
            ftrace.register(relevant.get(i));
        }
        for (int i = 0; i < point.irrelevant(); i++) {
            irrelevant.add(FtraceOps.counting("irrelevant" + i, FilterHash.of(other.ip)));
            ftrace.register(irrelevant.get(i));
        }
    }

    /** The sample's ops registered on a fresh core of {@code design}. */
    public static HostSample of(Design design, Point point) {
        return new HostSample(design, point);
    }

    /** "R1-I10" for (1, 10): the benchmark's {@code row} parameter. */
    public static String rowId(Point p) {
        return "R" + p.relevant() + "-I" + p.irrelevant();
    }

    /**
     * The point named by a row id such as "R1-I10".
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Point parseRow(String id) {
        Matcher m = ROW.matcher(id);
        if (!m.matches()) {
            throw new IllegalArgumentException("row '" + id + "' is not of the form R<relevant>-I<irrelevant>, e.g. R1-I10");
        }
        return new Point(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public HostFtrace ftrace() {
        return ftrace;
    }

    /** {@code tracee_relevant}. */
    public Tracee tracee() {
        return tracee;
    }

    public List<FtraceOps> relevantOps() {
        return List.copyOf(relevant);
    }

    public List<FtraceOps> irrelevantOps() {
        return List.copyOf(irrelevant);
    }

    /** A traced function: its patch site, then a body of one multiply-add. */
    public static final class Tracee {
        /** The caller's address, as the sample's loop would pass it. */
        static final long CALLER_IP = 0xffffffff81100000L;
        private final Callsite site;

        Tracee(Callsite site) {
            this.site = site;
        }

        /** Kept out of line, like the sample's {@code noinline} tracee: the call is part of the cost. */
        @CompilerControl(CompilerControl.Mode.DONT_INLINE)
        public int call(Task current, int x) {
            site.enter(CALLER_IP, current);
            return x * 31 + 17;
        }

        public Callsite site() {
            return site;
        }
    }
}
