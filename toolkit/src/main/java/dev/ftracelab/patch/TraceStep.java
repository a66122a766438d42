package dev.ftracelab.patch;

/**
 * One line of a counterexample trace: an instruction a task executed that mattered (fetched from
 * patched text, read patched data, or broke a property), a patch step landing, or a scheduling
 * event.
 *
 * @param step        the transition it belongs to (1-based)
 * @param actor       {@code task 0}, {@code task 1}, ... or {@code patcher}
 * @param hart        the hart the task ran on, -1 for the patcher and for scheduling events off a hart
 * @param pc          the instruction's address, 0 for events that are not instructions
 * @param where       the address as {@code symbol+offset}
 * @param instruction the instruction as disassembled from the bytes the hart fetched, or the event
 * @param registers   registers the instruction read and wrote, after it executed ({@code t0=0x...})
 * @param note        what makes the line matter: {@code stale fetch}, {@code VIOLATION: ...}
 */
public record TraceStep(int step, String actor, int hart, long pc, String where, String instruction, String registers,
                        String note) {
}
