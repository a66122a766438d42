package dev.ftracelab.emu;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The instruction mix of ftrace's list path split into its parts, as the ftrace-ops sample
 * exercises it (R relevant ops filtering the called function, I irrelevant ops filtering another,
 * ops flags 0, an empty tracer): what a traced call costs per call, per irrelevant ops and per
 * relevant ops, and what the recursion-protection wrapper adds. The same derivation runs on a real
 * kernel image and on the guest kernel ({@link #measure}), so the two can be compared class by
 * class.
 *
 * <p>What each part counts: every instruction retired from the trampoline's first to the jump
 * back into the traced function, except the tracer's own body (the call to it is counted, its
 * return is not) and the patch site in the traced function.
 *
 * <pre>{@code
 * ListPathMix m = ListPathMix.measure(runner);
 * long perOpsLoads = m.get(ListPathMix.Component.PER_IRRELEVANT_OPS).get(MixClass.LOADS);
 * }</pre>
 *
 * @param components one mix per {@link Component}, all present
 */
public record ListPathMix(Map<Component, InstructionMix> components) {
    /** The parts of the path. */
    public enum Component {
        /** Trampoline and list function entry and exit, with no ops walked. */
        PER_CALL,
        /** One ops whose filter does not hold the called function: tested and skipped. */
        PER_IRRELEVANT_OPS,
        /** One ops whose filter holds the function: tested, and its tracer called. */
        PER_RELEVANT_OPS,
        /**
         * {@code ftrace_ops_assist_func} called with one ops, per call: the wrapper a trampoline
         * calls instead of the tracer when the ops asks for recursion protection or RCU checks.
         */
        ASSIST;

        /** The lower-case name used in datasets, e.g. {@code per_irrelevant_ops}. */
        public String csvName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The component of a dataset name.
         *
         * @throws IllegalArgumentException for an unknown name
         */
        public static Component ofCsvName(String name) {
            for (Component c : values()) {
                if (c.csvName().equals(name)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown list-path component '" + name + "', expected one of "
                    + java.util.Arrays.stream(values()).map(Component::csvName).toList());
        }
    }

    /** Runs of one traced call with a given number of ops, on some kernel. */
    public interface Runner {
        /** The mix of one call of the relevant function with {@code relevant} and {@code irrelevant} ops registered. */
        InstructionMix listPath(int relevant, int irrelevant);

        /** The mix of one call of {@code ftrace_ops_assist_func} for one ops with the empty tracer. */
        InstructionMix assist();
    }

    /**
     * Relevant ops in the base run. Two, not one: with CALL_OPS a function traced by a single
     * ops whose tracer needs no wrapper is called straight through that ops, without the list.
     */
    public static final int BASE_RELEVANT = 2;
    /** Ops added in the differencing runs. */
    public static final int ADDED = 10;

    public ListPathMix {
        components = Map.copyOf(components);
        for (Component c : Component.values()) {
            Objects.requireNonNull(components.get(c), () -> "no mix for " + c.csvName());
        }
    }

    public InstructionMix get(Component c) {
        return components.get(c);
    }

    /**
     * Derives the parts from runs that differ only in their number of ops: per irrelevant ops
     * from (2, 10) − (2, 0), per relevant ops from (12, 0) − (2, 0), per call from (2, 0) minus two
     * relevant ops; then checks the result against a fifth run, (3, 5).
     *
     * @throws IllegalStateException if the runs are not linear in the number of ops
     */
    public static ListPathMix measure(Runner runner) {
        InstructionMix base = runner.listPath(BASE_RELEVANT, 0);
        InstructionMix irrelevant = runner.listPath(BASE_RELEVANT, ADDED).minus(base).dividedBy(ADDED);
        InstructionMix relevant = runner.listPath(BASE_RELEVANT + ADDED, 0).minus(base).dividedBy(ADDED);
        InstructionMix perCall = base.minus(relevant.times(BASE_RELEVANT));
        InstructionMix predicted = perCall.plus(relevant.times(3)).plus(irrelevant.times(5));
        InstructionMix check = runner.listPath(3, 5);
        if (!check.equals(predicted)) {
            throw new IllegalStateException("the list path is not linear in the number of ops: (3, 5) ran " + check
                    + ", the parts predict " + predicted);
        }
        Map<Component, InstructionMix> m = new EnumMap<>(Component.class);
        m.put(Component.PER_CALL, perCall);
        m.put(Component.PER_IRRELEVANT_OPS, irrelevant);
        m.put(Component.PER_RELEVANT_OPS, relevant);
        m.put(Component.ASSIST, runner.assist());
        return new ListPathMix(m);
    }
}
