package dev.ftracelab.patch;

import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * How a patch plan is checked: the machine (tasks, harts), preemption, instruction fetch, and how
 * far the explorer goes. Immutable; build one with {@link #builder()}.
 *
 * <pre>{@code
 * CheckOptions o = CheckOptions.builder().preemption(Preemption.FULL).tasks(3).harts(2).build();
 * }</pre>
 *
 * @param preemption when tasks lose their hart
 * @param tasks      tasks calling the patched function
 * @param harts      harts running them (the patcher runs on a hart of its own)
 * @param calls      calls each task makes, with a schedule point between two
 * @param ziccif     RISC-V Ziccif: an aligned 4-byte instruction store is fetched whole or not at
 *                   all; without it a fetch may see 2-byte halves of different versions (AArch64
 *                   always behaves as with it for the instructions its patching uses)
 * @param preemptionBound at most this many involuntary preemptions per path; the explorer tries
 *                   0, 1, ... up to it, so a counterexample has the fewest preemptions possible
 * @param freeCheck  check that nothing the plan frees (an old ops) is used after the plan
 * @param progress   called with the number of states explored so far, every few thousand; may be null
 */
public record CheckOptions(Preemption preemption, int tasks, int harts, int calls, boolean ziccif, int preemptionBound,
                           boolean freeCheck, LongConsumer progress) {
    public CheckOptions {
        Objects.requireNonNull(preemption, "preemption");
        if (tasks < 1 || tasks > 8) {
            throw new IllegalArgumentException("tasks must be 1..8, got " + tasks);
        }
        if (harts < 1 || harts > 8) {
            throw new IllegalArgumentException("harts must be 1..8, got " + harts);
        }
        if (calls < 1 || calls > 16) {
            throw new IllegalArgumentException("calls per task must be 1..16, got " + calls);
        }
        if (preemptionBound < 0 || preemptionBound > 16) {
            throw new IllegalArgumentException("the preemption bound must be 0..16, got " + preemptionBound);
        }
    }

    /** Defaults: full preemption, 2 tasks on 2 harts, 2 calls each, Ziccif, preemption bound 2, free check on. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().preemption(preemption).tasks(tasks).harts(harts).calls(calls).ziccif(ziccif)
                .preemptionBound(preemptionBound).freeCheck(freeCheck).progress(progress);
    }

    /** One line: "full preemption, 2 tasks on 2 harts, 2 calls each, Ziccif, preemption bound 2". */
    public String describe() {
        return (preemption == Preemption.NONE ? "no" : preemption.id()) + " preemption, " + tasks + " task" + (tasks == 1 ? "" : "s") + " on " + harts + " hart"
                + (harts == 1 ? "" : "s") + ", " + calls + " call" + (calls == 1 ? "" : "s") + " each, "
                + (ziccif ? "Ziccif" : "no Ziccif") + ", preemption bound " + preemptionBound
                + (freeCheck ? "" : ", no free check");
    }

    /** Builds {@link CheckOptions}. */
    public static final class Builder {
        private Preemption preemption = Preemption.FULL;
        private int tasks = 2;
        private int harts = 2;
        private int calls = 2;
        private boolean ziccif = true;
        private int preemptionBound = 2;
        private boolean freeCheck = true;
        private LongConsumer progress;

        public Builder preemption(Preemption p) {
            this.preemption = p;
            return this;
        }

        public Builder tasks(int n) {
            this.tasks = n;
            return this;
        }

        public Builder harts(int n) {
            this.harts = n;
            return this;
        }

        public Builder calls(int n) {
            this.calls = n;
            return this;
        }

        public Builder ziccif(boolean on) {
            this.ziccif = on;
            return this;
        }

        public Builder preemptionBound(int n) {
            this.preemptionBound = n;
            return this;
        }

        public Builder freeCheck(boolean on) {
            this.freeCheck = on;
            return this;
        }

        public Builder progress(LongConsumer p) {
            this.progress = p;
            return this;
        }

        public CheckOptions build() {
            return new CheckOptions(preemption, tasks, harts, calls, ziccif, preemptionBound, freeCheck, progress);
        }
    }
}
