package dev.ftracelab.cost;

/**
 * Cycles the {@link CostModel} priced an instruction stream at, and why: cycles in which
 * instructions issued, and idle cycles waiting for operands (dependency stalls), for the front end
 * after branches (taken-branch bubbles and mispredicts), and for cache misses. The parts add up
 * to about {@code cycles} (out of order, the dependency part is what the front end does not explain).
 *
 * <pre>{@code
 * Cost perCall = after.minus(before).per(10_000);
 * perCall.cycles(); perCall.branchCycles();
 * }</pre>
 */
public record Cost(double instructions, double cycles, double issueCycles, double dependencyCycles,
        double branchCycles, double cacheCycles, double mispredicts, double icacheMisses, double dcacheMisses) {

    /** This total minus an earlier one: the cost of what ran in between. */
    public Cost minus(Cost earlier) {
        return new Cost(instructions - earlier.instructions, cycles - earlier.cycles, issueCycles - earlier.issueCycles,
                dependencyCycles - earlier.dependencyCycles, branchCycles - earlier.branchCycles,
                cacheCycles - earlier.cacheCycles, mispredicts - earlier.mispredicts, icacheMisses - earlier.icacheMisses,
                dcacheMisses - earlier.dcacheMisses);
    }

    /** This cost divided by {@code n} (e.g. per call). */
    public Cost per(double n) {
        return new Cost(instructions / n, cycles / n, issueCycles / n, dependencyCycles / n, branchCycles / n,
                cacheCycles / n, mispredicts / n, icacheMisses / n, dcacheMisses / n);
    }

    /** Instructions per cycle. */
    public double ipc() {
        return cycles == 0 ? 0 : instructions / cycles;
    }
}
