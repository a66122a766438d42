package dev.ftracelab.patch;

import java.util.Locale;

/**
 * The verdict on one plan: SAFE (no interleaving within the bounds breaks a property) or UNSAFE
 * with the shortest counterexample found, and how much the explorer did to get there.
 *
 * @param plan       the plan's name
 * @param op         what the plan does
 * @param scenario   the scenario it ran against ({@link Scenario#description()})
 * @param options    the options ({@link CheckOptions#describe()})
 * @param safe       whether every explored interleaving kept every property
 * @param violation  the broken property, or empty
 * @param trace      the counterexample, or null when safe
 * @param states     distinct states explored (in the last pass, at the final preemption bound)
 * @param transitions actions executed over all passes
 * @param nanos      wall time of the exploration
 * @param preemptions the preemption bound of the last pass (a counterexample has exactly this many)
 */
public record CheckResult(String plan, PatchPlan.Op op, String scenario, String options, boolean safe, String violation,
                          Trace trace, long states, long transitions, long nanos, int preemptions) {
    /** {@code SAFE} or {@code UNSAFE}. */
    public String verdict() {
        return safe ? "SAFE" : "UNSAFE";
    }

    /** States per second of wall time. */
    public double statesPerSecond() {
        return nanos == 0 ? 0 : states * 1e9 / nanos;
    }

    /** One line: "riscv-call-ops enable tracee_relevant: SAFE, 1,234 states (56,789 states/s, 0.02 s)". */
    public String summary() {
        return String.format(Locale.ROOT, "%s: %s%s, %,d states, %,d transitions, %.2f s (%,.0f states/s)", plan, verdict(),
                safe ? "" : " (" + violation + ")", states, transitions, nanos / 1e9, statesPerSecond());
    }
}
