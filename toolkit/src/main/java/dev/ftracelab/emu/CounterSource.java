package dev.ftracelab.emu;

/**
 * Supplies what a hart's hardware counters read: RISC-V's {@code cycle}, {@code time} and
 * {@code instret} CSRs, AArch64's {@code CNTVCT_EL0} / {@code CNTPCT_EL0} and {@code PMCCNTR_EL0}.
 * Without one ({@link #RETIRED}) every counter reads the hart's retired-instruction count, a
 * deterministic clock; a cost model installs one that answers with its modelled cycles, so a
 * program timing a loop with the cycle counter measures what the model charges for it.
 *
 * <pre>{@code
 * CostModel cm = new CostModel(profile);
 * hart.setListener(cm);
 * hart.setCounterSource((h, kind) -> kind == CounterSource.Kind.INSTRET ? h.retired()
 *         : (long) cm.snapshot().cycles());
 * }</pre>
 */
@FunctionalInterface
public interface CounterSource {
    /** Which counter is read. */
    enum Kind {
        /** Core clock cycles: RISC-V {@code cycle}, AArch64 {@code PMCCNTR_EL0}. */
        CYCLE,
        /**
         * The fixed-frequency timer: RISC-V {@code time}, AArch64 {@code CNTVCT_EL0} and
         * {@code CNTPCT_EL0} (ticking at {@code CNTFRQ_EL0}).
         */
        TIME,
        /** Retired instructions: RISC-V {@code instret}. */
        INSTRET
    }

    /** Every counter reads the retired-instruction count (before the reading instruction). */
    CounterSource RETIRED = (hart, kind) -> hart.retired();

    /**
     * The value {@code hart}'s counter {@code kind} reads now, while the reading instruction
     * executes (the instructions before it have retired, it has not).
     */
    long read(Hart hart, Kind kind);
}
