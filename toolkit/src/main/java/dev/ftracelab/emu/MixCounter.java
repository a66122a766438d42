package dev.ftracelab.emu;

import dev.ftracelab.isa.Instruction;
import java.util.function.LongPredicate;

/**
 * A {@link RetireListener} that counts the retired instructions whose PC {@code counted} accepts,
 * by {@link MixClass}: e.g. everything but the tracer's own body.
 *
 * <pre>{@code
 * MixCounter c = new MixCounter(pc -> pc < tracer || pc >= tracerEnd);
 * hart.setListener(c);
 * ... run ...
 * InstructionMix mix = c.mix();
 * }</pre>
 */
public final class MixCounter implements RetireListener {
    private final LongPredicate counted;
    private final long[] counts = new long[MixClass.values().length];

    public MixCounter(LongPredicate counted) {
        this.counted = counted;
    }

    @Override
    public void retired(Hart hart, long pc, Instruction insn, long memAddress, boolean taken) {
        if (!counted.test(pc)) {
            return;
        }
        int m = MixClass.mask(insn, taken);
        for (int i = 0; m != 0; i++, m >>>= 1) {
            counts[i] += m & 1;
        }
    }

    /** What was counted so far. */
    public InstructionMix mix() {
        return InstructionMix.of(counts);
    }
}
