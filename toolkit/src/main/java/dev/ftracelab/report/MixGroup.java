package dev.ftracelab.report;

import dev.ftracelab.emu.Counter;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The retirement counters gathered into five groups for an instruction-mix plot: thirteen
 * classes make a legend nobody reads, and these five are what a dispatch path is made of (the
 * list walk is loads and conditional branches; a trampoline or CALL_OPS is calls and jumps).
 * Every {@link Counter} is in exactly one group, so the groups sum to the total.
 *
 * <pre>{@code
 * double[] perGroup = MixGroup.sums(c -> stats.perCall(c));   // indexed by ordinal()
 * }</pre>
 */
public enum MixGroup {
    MEMORY("loads + stores", Counter.LOAD, Counter.STORE),
    BRANCHES("conditional branches", Counter.BRANCH_TAKEN, Counter.BRANCH_NOT_TAKEN),
    CALLS("calls, jumps, returns", Counter.DIRECT_JUMP, Counter.DIRECT_CALL, Counter.INDIRECT_JUMP,
            Counter.INDIRECT_CALL, Counter.RETURN),
    ATOMIC_SYSTEM("atomics, fences, system", Counter.ATOMIC, Counter.SYSTEM),
    OTHER("ALU and other", Counter.ALU, Counter.MUL_DIV);

    private final String label;
    private final List<Counter> counters;

    MixGroup(String label, Counter... counters) {
        this.label = label;
        this.counters = List.of(counters);
    }

    /** The legend name, e.g. {@code loads + stores}. */
    public String label() {
        return label;
    }

    /** The counters it gathers. */
    public List<Counter> counters() {
        return counters;
    }

    /** The group of {@code c}. */
    public static MixGroup of(Counter c) {
        for (MixGroup g : values()) {
            if (g.counters.contains(c)) {
                return g;
            }
        }
        throw new IllegalStateException("counter " + c + " is in no group");
    }

    /** The sum of {@code count} over each group's counters, indexed by {@link #ordinal()}. */
    public static double[] sums(ToDoubleFunction<Counter> count) {
        double[] out = new double[values().length];
        for (Counter c : Counter.values()) {
            out[of(c).ordinal()] += count.applyAsDouble(c);
        }
        return out;
    }

    /** The groups as legend names, in order. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(MixGroup::label).toList();
    }
}
