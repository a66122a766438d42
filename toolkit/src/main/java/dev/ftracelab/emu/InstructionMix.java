package dev.ftracelab.emu;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Counts of retired instructions per {@link MixClass}: immutable. Mixes add, subtract and divide
 * exactly, which is how per-ops figures come out of runs that differ only in their number of ops.
 *
 * <pre>{@code
 * InstructionMix perOps = withTen.minus(withNone).dividedBy(10);   // throws if not a whole multiple
 * long loads = perOps.get(MixClass.LOADS);
 * }</pre>
 */
public final class InstructionMix {
    /** The mix of nothing. */
    public static final InstructionMix ZERO = new InstructionMix(new long[MixClass.values().length]);

    private final long[] counts;

    private InstructionMix(long[] counts) {
        this.counts = counts;
    }

    /** A mix from a count per class, indexed by {@link MixClass#ordinal()}. */
    public static InstructionMix of(long[] counts) {
        if (counts.length != MixClass.values().length) {
            throw new IllegalArgumentException("expected " + MixClass.values().length + " counts, got " + counts.length);
        }
        return new InstructionMix(counts.clone());
    }

    /** A mix from counts by class; missing classes count 0. */
    public static InstructionMix of(Map<MixClass, Long> counts) {
        long[] c = new long[MixClass.values().length];
        counts.forEach((k, v) -> c[k.ordinal()] = v);
        return new InstructionMix(c);
    }

    public long get(MixClass c) {
        return counts[c.ordinal()];
    }

    /** The counts in {@link MixClass} order. */
    public Map<MixClass, Long> asMap() {
        Map<MixClass, Long> m = new EnumMap<>(MixClass.class);
        for (MixClass c : MixClass.values()) {
            m.put(c, counts[c.ordinal()]);
        }
        return m;
    }

    public InstructionMix plus(InstructionMix o) {
        long[] c = counts.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] += o.counts[i];
        }
        return new InstructionMix(c);
    }

    public InstructionMix minus(InstructionMix o) {
        long[] c = counts.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] -= o.counts[i];
        }
        return new InstructionMix(c);
    }

    public InstructionMix times(long n) {
        long[] c = counts.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] *= n;
        }
        return new InstructionMix(c);
    }

    /**
     * Every count divided by {@code n}, which must divide it: a per-ops figure that is not a whole
     * number means the runs differed in more than their number of ops.
     *
     * @throws IllegalStateException if some count is not a multiple of {@code n}
     */
    public InstructionMix dividedBy(long n) {
        long[] c = counts.clone();
        for (int i = 0; i < c.length; i++) {
            if (c[i] % n != 0) {
                throw new IllegalStateException(MixClass.values()[i].csvName() + " = " + c[i] + " is not a multiple of " + n
                        + " in " + this);
            }
            c[i] /= n;
        }
        return new InstructionMix(c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstructionMix m && Arrays.equals(counts, m.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    /** E.g. {@code {instructions=12, loads=3, ...}}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        for (MixClass c : MixClass.values()) {
            j.add(c.csvName() + "=" + counts[c.ordinal()]);
        }
        return j.toString();
    }
}
