package dev.ftracelab.ftrace;

import dev.ftracelab.emu.Counter;
import dev.ftracelab.vmlinux.Vmlinux;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The guest image held to a real one: the ftrace-ops sample run on a shipped vmlinux's own code
 * and on the project's guest image with the same layout, compared part by part and class by class
 * ({@link Counter}). The parts: the overhead of one traced call with one relevant ops (the
 * layout's own design), with two (the list function on every layout), what each further relevant
 * ops adds (R from 2 to 10) and what each irrelevant one adds (I from 2 to 10 with R = 1).
 * Instruction counts are exact, so a few calls per row suffice.
 *
 * <pre>{@code
 * Conformance c = Conformance.run(Vmlinux.open(path), 100);
 * c.parts().get(0).real(Counter.LOAD);   // loads per traced call on the real kernel
 * c.parts().get(0).difference();        // guest minus real, all classes
 * }</pre>
 *
 * @param real the sample on the vmlinux
 * @param guest the same sample on the guest image
 * @param parts the comparisons, in the order above
 */
public record Conformance(FtraceOpsSample real, FtraceOpsSample guest, List<Part> parts) {
    public Conformance {
        Objects.requireNonNull(real.vmlinux(), "the real sample runs on a vmlinux");
        parts = List.copyOf(parts);
    }

    /**
     * One compared quantity, in instructions by {@link Counter} (index = ordinal).
     *
     * @param name what it is, e.g. {@code "per call, R=1 I=0"}
     * @param dispatch the design that runs it
     */
    public record Part(String name, Dispatch dispatch, double[] realCounts, double[] guestCounts) {
        public Part {
            realCounts = realCounts.clone();
            guestCounts = guestCounts.clone();
        }

        public double real(Counter c) {
            return realCounts[c.ordinal()];
        }

        public double guest(Counter c) {
            return guestCounts[c.ordinal()];
        }

        /** All instructions on the real image. */
        public double realTotal() {
            return sum(realCounts);
        }

        /** All instructions on the guest image. */
        public double guestTotal() {
            return sum(guestCounts);
        }

        /** Guest minus real, all classes. */
        public double difference() {
            return guestTotal() - realTotal();
        }

        private static double sum(double[] a) {
            double s = 0;
            for (double x : a) {
                s += x;
            }
            return s;
        }
    }

    private static final FtraceOpsSample.Point BASE = new FtraceOpsSample.Point(0, 0);
    private static final List<FtraceOpsSample.Point> POINTS = List.of(BASE, new FtraceOpsSample.Point(1, 0),
            new FtraceOpsSample.Point(2, 0), new FtraceOpsSample.Point(10, 0), new FtraceOpsSample.Point(1, 2),
            new FtraceOpsSample.Point(1, 10));

    /** Runs the sample on {@code v} and on the guest image, {@code calls} calls per row. */
    public static Conformance run(Vmlinux v, long calls) {
        FtraceOpsSample real = FtraceOpsSample.of(v).calls(calls);
        FtraceOpsSample guest = new FtraceOpsSample(v.arch(), real.layout(), Strategy.COMMON, calls);
        List<double[]> r = counts(real.run(POINTS));
        List<double[]> g = counts(guest.run(POINTS));
        Dispatch one = Dispatch.of(real.layout(), Strategy.COMMON);
        List<Part> parts = new ArrayList<>();
        parts.add(new Part("per call, R=1 I=0", one, diff(r.get(1), r.get(0), 1), diff(g.get(1), g.get(0), 1)));
        parts.add(new Part("per call, R=2 I=0", Dispatch.LIST, diff(r.get(2), r.get(0), 1), diff(g.get(2), g.get(0), 1)));
        parts.add(new Part("per relevant ops", Dispatch.LIST, diff(r.get(3), r.get(2), 8), diff(g.get(3), g.get(2), 8)));
        parts.add(new Part("per irrelevant ops", one, diff(r.get(5), r.get(4), 8), diff(g.get(5), g.get(4), 8)));
        return new Conformance(real, guest, parts);
    }

    /** Per-call counts by class of each row. */
    private static List<double[]> counts(List<FtraceOpsSample.Row> rows) {
        List<double[]> out = new ArrayList<>();
        for (FtraceOpsSample.Row row : rows) {
            double[] c = new double[Counter.COUNT];
            for (Counter k : Counter.values()) {
                c[k.ordinal()] = row.perCall(k);
            }
            out.add(c);
        }
        return out;
    }

    /** (a - b) / n, class by class. */
    private static double[] diff(double[] a, double[] b, int n) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = (a[i] - b[i]) / n;
        }
        return d;
    }
}
