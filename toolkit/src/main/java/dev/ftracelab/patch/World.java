package dev.ftracelab.patch;

import dev.ftracelab.elf.Symbol;
import dev.ftracelab.emu.Hart;
import dev.ftracelab.emu.Machine;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.emu.Trap;
import dev.ftracelab.ftrace.FtraceModel;
import dev.ftracelab.ftrace.FtraceModel.GuestTask;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.Instruction;
import dev.ftracelab.isa.InstructionSet;
import dev.ftracelab.util.Hash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The execution model the explorer drives: K tasks calling the patched function on H harts of the
 * guest kernel image, and the patcher stepping through its plan on a CPU of its own. Every
 * scheduling choice is an explicit action; {@link #snapshot()} and {@link #restore} move between
 * states.
 *
 * <p>A task's action runs its hart one instruction at a time until an instruction that other
 * actors can influence or observe has executed: one fetched from bytes the plan writes, one that
 * filled this hart's fetch line of them, one that read data the plan writes or frees, or the end
 * of a call. The instructions before it touch nothing the plan or other tasks touch (apart from
 * counters nobody reads), so running them earlier or later changes nothing; this is the
 * partial-order reduction, and it makes a preemption point after each such instruction enough.
 */
final class World {
    static final int BETWEEN = 0; // at the loop's schedule point: before the first call, or between two
    static final int IN_CALL = 1;
    static final int DONE = 2;

    // action = kind << 16 | task << 8 | hart (or the write piece for PATCH)
    static final int RUN = 1;
    static final int PREEMPT = 2;
    static final int YIELD = 3;
    static final int PATCH = 4;

    /** Instructions one call may take before it counts as lost (a loop, a wild jump that keeps running). */
    static final int CALL_BUDGET = 20_000;

    private final Scenario sc;
    private final PatchPlan plan;
    private final CheckOptions o;
    private final FtraceModel model;
    private final Arch arch;
    private final Memory mem;
    private final Hart[] harts;
    private final GuestTask[] guest;
    private final InstructionSet isa;
    private final long entry;
    private final int[] taskWords;
    private final long callReturn;
    private final long[] exits;
    private final long[][] patched; // {address, length} of every byte the plan writes
    private final long[] lines; // fetch lines holding patched bytes that are fetched as text
    private final long[] tracers; // entries of the ops functions: their ops argument is checked
    private final long freedOps;
    private final boolean tornFetch;

    // the state (everything below is saved by snapshot())
    private final int[] taskState;
    private final int[] taskHart;
    private final int[] callsDone;
    private final int[] callInsns;
    private final long[][] saved;
    private final boolean[] needsQs;
    private final int[] hartTask;
    private int pstep;
    private long pieces;
    private boolean syncing;
    private boolean freed;
    private long[] handlers = new long[0]; // pairs: trap address, resume address

    // what the last retired instruction did (filled by the harts' listeners)
    private long lastMem;
    private Instruction lastInsn;
    private long[] regsBefore = new long[32];

    private boolean recording;
    private final List<TraceStep> trace = new ArrayList<>();
    private int traceStep;

    World(Scenario sc, PatchPlan plan, CheckOptions o) {
        this.sc = sc;
        this.plan = plan;
        this.o = o;
        this.model = sc.model();
        this.taskWords = model.taskStateWords();
        this.arch = model.arch();
        Machine m = model.machine();
        if (m.harts().size() != o.harts()) {
            throw new IllegalArgumentException("the scenario was booted with " + m.harts().size() + " harts, the options ask for "
                    + o.harts());
        }
        this.mem = m.memory();
        this.harts = m.harts().toArray(new Hart[0]);
        this.isa = InstructionSet.of(arch);
        this.entry = sc.site().entry();
        this.callReturn = model.symbolAddress("guest_call_return");
        this.exits = sc.exits();
        this.freedOps = o.freeCheck() ? sc.freedOps() : 0;
        this.tornFetch = !o.ziccif() && arch == Arch.RISCV64;
        this.tracers = new long[] {model.symbolAddress("ops_func_count"), model.symbolAddress("ops_func_nop")};
        List<long[]> ws = new ArrayList<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            PatchStep s = plan.steps().get(i);
            List<PatchStep> inners = s instanceof PatchStep.StopMachine sm ? sm.steps() : List.of(s);
            for (int j = 0; j < inners.size(); j++) {
                PatchStep inner = inners.get(j);
                if (inner instanceof PatchStep.Write w) {
                    // numbered as the plan file numbers steps: "step 3", "step 2.1" inside a stop_machine
                    checkMapped(w, "step " + (i + 1) + (s instanceof PatchStep.StopMachine ? "." + (j + 1) : ""));
                    ws.add(new long[] {w.address(), w.bytes().length});
                }
                if (inner instanceof PatchStep.SyncRcuTasks && s instanceof PatchStep.StopMachine) {
                    throw new IllegalArgumentException(plan.name() + ": synchronize_rcu_tasks() inside stop_machine can never"
                            + " complete (every task is stopped)");
                }
            }
        }
        this.patched = ws.toArray(new long[0][]);
        Set<Long> ls = new LinkedHashSet<>();
        for (long[] w : patched) {
            for (long a = w[0]; a < w[0] + w[1]; a++) {
                if ((mem.permissions(a) & Memory.X) != 0) {
                    ls.add(a & -Hart.FETCH_LINE);
                }
            }
        }
        this.lines = ls.stream().mapToLong(Long::longValue).toArray();
        int k = o.tasks();
        guest = new GuestTask[k];
        for (int t = 0; t < k; t++) {
            guest[t] = model.newTask();
        }
        taskState = new int[k];
        taskHart = new int[k];
        Arrays.fill(taskHart, -1);
        callsDone = new int[k];
        callInsns = new int[k];
        saved = new long[k][];
        long[] fresh = harts[0].context();
        Arrays.fill(fresh, 0);
        Arrays.fill(saved, fresh);
        needsQs = new boolean[k];
        hartTask = new int[o.harts()];
        Arrays.fill(hartTask, -1);
        for (Hart h : harts) {
            h.setCompileThreshold(Integer.MAX_VALUE); // blocks are rebuilt after every restore: compiling never pays
            h.setListener((hart, pc, insn, memAddress, taken) -> {
                lastInsn = insn;
                lastMem = memAddress;
            });
            h.flushFetchCache();
        }
        mem.checkpoint(); // from here on, memory can go back to any later checkpoint
    }

    // ---- the state ----

    /** A saved state. */
    record Snapshot(Memory.Checkpoint mem, long[][] contexts, byte[][][] lines, int[] taskState, int[] taskHart,
                    int[] callsDone, int[] callInsns, long[][] saved, boolean[] needsQs, int[] hartTask, int pstep,
                    long pieces, boolean syncing, boolean freed, long[] handlers) {
    }

    Snapshot snapshot() {
        long[][] ctx = new long[harts.length][];
        byte[][][] ls = new byte[harts.length][lines.length][];
        for (int h = 0; h < harts.length; h++) {
            ctx[h] = hartTask[h] >= 0 ? harts[h].context() : null;
            for (int l = 0; l < lines.length; l++) {
                ls[h][l] = harts[h].fetchedLine(lines[l]);
            }
        }
        return new Snapshot(mem.checkpoint(), ctx, ls, taskState.clone(), taskHart.clone(), callsDone.clone(),
                callInsns.clone(), saved.clone(), needsQs.clone(), hartTask.clone(), pstep, pieces, syncing, freed, handlers);
    }

    void restore(Snapshot s) {
        mem.restore(s.mem());
        for (int h = 0; h < harts.length; h++) {
            if (s.contexts()[h] != null) {
                harts[h].setContext(s.contexts()[h]);
            }
            for (int l = 0; l < lines.length; l++) {
                harts[h].restoreFetchedLine(lines[l], s.lines()[h][l]);
            }
        }
        System.arraycopy(s.taskState(), 0, taskState, 0, taskState.length);
        System.arraycopy(s.taskHart(), 0, taskHart, 0, taskHart.length);
        System.arraycopy(s.callsDone(), 0, callsDone, 0, callsDone.length);
        System.arraycopy(s.callInsns(), 0, callInsns, 0, callInsns.length);
        System.arraycopy(s.saved(), 0, saved, 0, saved.length);
        System.arraycopy(s.needsQs(), 0, needsQs, 0, needsQs.length);
        System.arraycopy(s.hartTask(), 0, hartTask, 0, hartTask.length);
        pstep = s.pstep();
        pieces = s.pieces();
        syncing = s.syncing();
        freed = s.freed();
        handlers = s.handlers();
    }

    /** Refuses a write that reaches outside the guest's memory, naming the step (the fingerprint would fail later). */
    private void checkMapped(PatchStep.Write w, String step) {
        int n = w.bytes().length;
        for (int k = 0; k < n; k++) {
            long a = w.address() + k;
            if (!mem.isMapped(a)) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s: the write of %d byte%s at 0x%x"
                        + " reaches unmapped 0x%x: expected an address in the guest image (a symbol, e.g. tracee_relevant)",
                        step, n, n == 1 ? "" : "s", w.address(), a));
            }
            k = (int) Math.min(n - 1L, k + ((~a) & (Memory.PAGE_SIZE - 1))); // the rest of this page is mapped too
        }
    }

    /**
     * A 64-bit fingerprint of everything that decides what can happen next: the patcher's place,
     * each task's place, registers and live stack, what each hart holds of the patched lines, and
     * the patched bytes. Left out: retirement counters and the tracers' call counts (written,
     * never read), and registers of idle harts.
     */
    long fingerprint() {
        long f = Hash.mix(Hash.mix(Hash.mix(0x5eed, pstep), pieces), (syncing ? 1 : 0) | (freed ? 2 : 0) | (long) handlers.length << 2);
        for (int t = 0; t < taskState.length; t++) {
            f = Hash.mix(f, taskState[t] | taskHart[t] << 4 | callsDone[t] << 12 | (needsQs[t] ? 1 << 20 : 0));
            if (taskState[t] == DONE) {
                continue;
            }
            long sp;
            if (taskHart[t] >= 0) {
                Hart h = harts[taskHart[t]];
                f = h.hashContext(f);
                sp = h.reg(arch.stackPointer()) & -8L;
            } else {
                for (long v : saved[t]) {
                    f = Hash.mix(f, v);
                }
                sp = saved[t][arch.stackPointer()] & -8L;
            }
            long top = guest[t].stackTop();
            if (sp <= top && sp >= top - FtraceModel.TASK_STACK) {
                f = mem.hash(sp, (int) (top - sp), f); // the live part of the stack
            }
            for (int word : taskWords) { // recursion bits, preempt count...: part of the task's state
                f = mem.hash(guest[t].ctx() + word, 8, f);
            }
        }
        for (int h = 0; h < harts.length; h++) {
            f = Hash.mix(f, hartTask[h]);
            for (long line : lines) {
                f = harts[h].hashFetchedLine(line, f);
            }
        }
        for (long[] w : patched) {
            f = mem.hash(w[0], (int) w[1], f);
        }
        return f;
    }

    /** Whether every task has made its calls and the plan is over. */
    boolean finished() {
        if (pstep < plan.steps().size()) {
            return false;
        }
        for (int s : taskState) {
            if (s != DONE) {
                return false;
            }
        }
        return true;
    }

    // ---- actions ----

    /** The actions possible now; {@code mayPreempt} allows involuntary preemptions. */
    int[] actions(boolean mayPreempt) {
        int[] out = new int[32];
        int n = 0;
        // idle harts that hold the same patched lines are interchangeable: try only the first
        List<Integer> idle = new ArrayList<>();
        for (int h = 0; h < harts.length; h++) {
            if (hartTask[h] < 0 && !sameLinesAsAny(idle, h)) {
                idle.add(h);
            }
        }
        // the patcher first: depth-first search then finds the short counterexamples first
        if (pstep < plan.steps().size()) {
            PatchStep s = plan.steps().get(pstep);
            if (s instanceof PatchStep.Write w) {
                long[][] ps = pieces(w);
                for (int i = 0; i < ps.length; i++) {
                    if ((pieces >>> i & 1) == 0) {
                        out = add(out, n++, PATCH << 16 | i);
                        if (!tornAnyOrder(w)) {
                            break; // byte by byte, in address order
                        }
                    }
                }
            } else if (s instanceof PatchStep.StopMachine) {
                if (o.preemption() == Preemption.FULL || allHartsAtSchedulePoints()) {
                    out = add(out, n++, PATCH << 16);
                }
            } else if (s instanceof PatchStep.SyncRcuTasks) {
                if (!syncing || !anyNeedsQs()) {
                    out = add(out, n++, PATCH << 16);
                }
            } else {
                out = add(out, n++, PATCH << 16);
            }
        }
        for (int t = 0; t < taskState.length; t++) {
            if (taskState[t] == DONE) {
                continue;
            }
            int h = taskHart[t];
            if (h >= 0) {
                out = add(out, n++, RUN << 16 | t << 8 | h);
                if (taskState[t] == IN_CALL && o.preemption() == Preemption.FULL && mayPreempt) {
                    out = add(out, n++, PREEMPT << 16 | t << 8 | h);
                }
                if (taskState[t] == BETWEEN && o.preemption() != Preemption.NONE) {
                    out = add(out, n++, YIELD << 16 | t << 8 | h);
                }
            } else {
                for (int i : idle) {
                    out = add(out, n++, RUN << 16 | t << 8 | i);
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static int[] add(int[] a, int i, int v) {
        if (i == a.length) {
            a = Arrays.copyOf(a, a.length * 2);
        }
        a[i] = v;
        return a;
    }

    private boolean sameLinesAsAny(List<Integer> others, int h) {
        for (int other : others) {
            boolean same = true;
            for (long line : lines) {
                same &= sameBytes(harts[other].fetchedLine(line), harts[h].fetchedLine(line));
            }
            if (same) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code Arrays.equals} for two lines, either of which may be null (not held). A plain loop:
     * Jazzer 0.24's hook on {@code Arrays.equals(byte[], byte[])} crashes the JVM on a null
     * argument, which stopped every fuzz target that checks a plan.
     */
    private static boolean sameBytes(byte[] a, byte[] b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean allHartsAtSchedulePoints() {
        for (int t : hartTask) {
            if (t >= 0 && taskState[t] == IN_CALL) {
                return false;
            }
        }
        return true;
    }

    private boolean anyNeedsQs() {
        for (boolean b : needsQs) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /** Whether an action counts against the preemption bound. */
    static boolean preempts(int action) {
        return action >>> 16 == PREEMPT;
    }

    /**
     * Performs {@code action}.
     *
     * @return the property it violated, or null
     */
    String apply(int action) {
        int kind = action >>> 16;
        int t = action >>> 8 & 0xff;
        int h = action & 0xff;
        traceStep++;
        switch (kind) {
            case RUN -> {
                if (taskHart[t] < 0) {
                    harts[h].setContext(saved[t]);
                    taskHart[t] = h;
                    hartTask[h] = t;
                    note("task " + t, h, "switched in" + (callsDone[t] > 0 || taskState[t] == IN_CALL ? "" : " (first run)"), "");
                }
                return run(t, harts[h]);
            }
            case PREEMPT, YIELD -> {
                saved[t] = harts[taskHart[t]].context();
                note("task " + t, taskHart[t], kind == PREEMPT ? "preempted" : "yields at its schedule point", "");
                hartTask[taskHart[t]] = -1;
                taskHart[t] = -1;
                return null;
            }
            case PATCH -> {
                return patch(action & 0xffff);
            }
            default -> throw new IllegalArgumentException("no action " + Integer.toHexString(action));
        }
    }

    /** Runs task {@code t} on {@code hart} up to and including its next visible instruction. */
    private String run(int t, Hart hart) {
        int hid = hart.id();
        String actor = "task " + t;
        if (taskState[t] == BETWEEN) {
            long x = 10L * t + callsDone[t];
            model.prepareCall(hart, guest[t], entry, x);
            taskState[t] = IN_CALL;
            callInsns[t] = 0;
            note(actor, hid, "calls " + Scenario.FUNCTION + "(" + x + ")", "");
        }
        int quiet = 0;
        Set<String> through = recording ? new LinkedHashSet<>() : null;
        while (true) {
            long pc = hart.pc();
            long fills = hart.lineFills();
            lastInsn = null;
            lastMem = -1;
            if (recording) {
                regsBefore = hart.registers();
            }
            Trap trap = hart.step();
            if (trap != null) {
                flushQuiet(actor, hid, quiet, through);
                return trapped(t, hart, trap);
            }
            long next = hart.pc();
            if (++callInsns[t] > CALL_BUDGET) {
                return violation(actor, hid, pc, "the call has not returned after " + CALL_BUDGET + " instructions");
            }
            boolean visible = inPatched(pc) || touchesWatchedData(lastMem) || filledWatchedLine(hart, fills);
            String bad = check(pc, next, hart);
            if (bad != null) {
                flushQuiet(actor, hid, quiet, through);
                instruction(actor, hart, pc, "VIOLATION: " + bad);
                return bad;
            }
            if (visible) {
                flushQuiet(actor, hid, quiet, through);
                instruction(actor, hart, pc, staleNote(hart, pc));
                return null;
            }
            quiet++;
            if (through != null) {
                through.add(symbol(pc).replaceAll("\\+.*", ""));
            }
        }
    }

    /** The properties checked after each instruction: where control went, the ops a tracer got, freed memory. */
    private String check(long pc, long next, Hart hart) {
        if (inSite(pc) && !inSite(next)) {
            boolean allowed = false;
            for (long e : exits) {
                allowed |= e != 0 && e == next;
            }
            if (!allowed) {
                return String.format(Locale.ROOT, "the site jumped to 0x%x <%s>, not to the old target, the new target or"
                        + " the fall-through", next, symbol(next));
            }
        }
        for (long tr : tracers) {
            if (next == tr) {
                long op = hart.reg(arch.argument(2));
                String name = sc.ops().get(op);
                if (name == null) {
                    return String.format(Locale.ROOT, "%s called with ops 0x%x, which was never installed", symbol(tr), op);
                }
                if (freed && op == freedOps) {
                    return symbol(tr) + " called with ops " + name + " after the plan freed it";
                }
            }
        }
        if (freed && lastMem >= freedOps && lastMem < freedOps + Scenario.freedSize()) {
            return String.format(Locale.ROOT, "read 0x%x, inside ops %s, after the plan freed it", lastMem,
                    sc.ops().get(freedOps));
        }
        return null;
    }

    private String trapped(int t, Hart hart, Trap trap) {
        String actor = "task " + t;
        int hid = hart.id();
        if (trap instanceof Trap.Breakpoint && trap.pc() == callReturn) {
            long x = 10L * t + callsDone[t];
            long a0 = hart.reg(arch.argument(0));
            long sp = hart.reg(arch.stackPointer());
            if (a0 != Scenario.expected(x)) {
                return violation(actor, hid, trap.pc(), String.format(Locale.ROOT, "%s(%d) returned %d, not %d",
                        Scenario.FUNCTION, x, a0, Scenario.expected(x)));
            }
            if (sp != guest[t].stackTop()) {
                return violation(actor, hid, trap.pc(), String.format(Locale.ROOT, "the stack pointer is 0x%x after the call,"
                        + " not 0x%x", sp, guest[t].stackTop()));
            }
            callsDone[t]++;
            taskState[t] = callsDone[t] == o.calls() ? DONE : BETWEEN;
            needsQs[t] = false; // the loop's schedule point: a voluntary one, a quiescent state for RCU Tasks
            note(actor, hid, "returns " + a0 + (taskState[t] == DONE ? "; done" : "; schedule point"), "");
            if (taskState[t] == DONE) {
                hartTask[hid] = -1;
                taskHart[t] = -1;
            }
            return null;
        }
        if (trap instanceof Trap.Breakpoint) {
            for (int i = 0; i < handlers.length; i += 2) {
                if (handlers[i] == trap.pc()) {
                    hart.setPc(handlers[i + 1]);
                    if (recording) {
                        instructionAt(actor, hart, trap.pc(), String.format(Locale.ROOT, "trap fixed up: resumes at %s",
                                symbol(handlers[i + 1])));
                    }
                    return null;
                }
            }
        }
        return violation(actor, hid, trap.pc(), trap.describe());
    }

    private String violation(String actor, int hart, long pc, String what) {
        if (recording) {
            trace.add(new TraceStep(traceStep, actor, hart, pc, symbol(pc), "", "", "VIOLATION: " + what));
        }
        return what;
    }

    private String patch(int piece) {
        PatchStep s = plan.steps().get(pstep);
        if (s instanceof PatchStep.Write w) {
            long[][] ps = pieces(w);
            long[] p = ps[piece];
            byte[] bytes = w.bytes();
            int from = (int) (p[0] - w.address());
            mem.write(p[0], Arrays.copyOfRange(bytes, from, from + (int) p[1]));
            pieces |= 1L << piece;
            note("patcher", -1, ps.length == 1 ? s.describe() : String.format(Locale.ROOT, "%s [bytes %d-%d of %d%s]",
                    s.describe(), from, from + p[1] - 1, bytes.length,
                    tornAnyOrder(w) ? ", seen by fetch in halves without Ziccif" : ", byte by byte"), "");
            if (Long.bitCount(pieces) == ps.length) {
                pieces = 0;
                advance();
            }
        } else if (s instanceof PatchStep.StopMachine sm) {
            note("patcher", -1, "stop_machine: every running hart parked" + parkedWhere(), "");
            for (PatchStep inner : sm.steps()) {
                if (inner instanceof PatchStep.Write w) {
                    mem.write(w.address(), w.bytes());
                } else {
                    doSimple(inner);
                }
                note("patcher", -1, "  " + inner.describe(), "");
            }
            note("patcher", -1, "stop_machine: harts released", "");
            advance();
        } else if (s instanceof PatchStep.SyncRcuTasks) {
            if (!syncing) {
                boolean wait = false;
                for (int t = 0; t < taskState.length; t++) {
                    needsQs[t] = taskState[t] == IN_CALL;
                    wait |= needsQs[t];
                }
                if (wait) {
                    syncing = true;
                    note("patcher", -1, "synchronize_rcu_tasks() waits for tasks in a call: " + waitingFor(), "");
                    return null;
                }
            }
            syncing = false;
            note("patcher", -1, "synchronize_rcu_tasks() returns", "");
            advance();
        } else {
            doSimple(s);
            note("patcher", -1, s.describe(), "");
            advance();
        }
        return null;
    }

    private void doSimple(PatchStep s) {
        if (s instanceof PatchStep.RemoteFlush) {
            for (Hart h : harts) {
                h.flushFetchCache();
            }
        } else if (s instanceof PatchStep.LocalFlush) {
            return; // the patcher's own hart: no task runs there
        } else if (s instanceof PatchStep.InstallTrapHandler i) {
            handlers = Arrays.copyOf(handlers, handlers.length + 2);
            handlers[handlers.length - 2] = i.address();
            handlers[handlers.length - 1] = i.resumeAt();
        } else if (s instanceof PatchStep.RemoveTrapHandler r) {
            List<Long> keep = new ArrayList<>();
            for (int i = 0; i < handlers.length; i += 2) {
                if (handlers[i] != r.address()) {
                    keep.add(handlers[i]);
                    keep.add(handlers[i + 1]);
                }
            }
            handlers = keep.stream().mapToLong(Long::longValue).toArray();
        } else {
            throw new IllegalStateException("not a simple step: " + s.describe());
        }
    }

    private void advance() {
        pstep++;
        if (pstep == plan.steps().size() && freedOps != 0) {
            freed = true;
            note("patcher", -1, "plan done: ops " + sc.ops().get(freedOps) + " is freed", "");
        }
    }

    /** How a write becomes visible: whole, in 2-byte halves in either order (no Ziccif), or byte by byte. */
    private long[][] pieces(PatchStep.Write w) {
        int n = w.bytes().length;
        if (w.atomic() && !tornAnyOrder(w)) {
            return new long[][] {{w.address(), n}};
        }
        int size = tornAnyOrder(w) ? 2 : Math.max(1, (n + 63) / 64);
        long[][] ps = new long[(n + size - 1) / size][];
        for (int i = 0; i < ps.length; i++) {
            ps[i] = new long[] {w.address() + (long) i * size, Math.min(size, n - i * size)};
        }
        return ps;
    }

    /** Without Ziccif, an aligned instruction store (4 bytes) can be fetched half old, half new. */
    private boolean tornAnyOrder(PatchStep.Write w) {
        return tornFetch && w.atomic() && w.bytes().length == 4;
    }

    // ---- queries ----

    private boolean inSite(long pc) {
        return pc >= entry && pc < entry + 8;
    }

    private boolean inPatched(long addr) {
        for (long[] w : patched) {
            if (addr >= w[0] && addr < w[0] + w[1]) {
                return true;
            }
        }
        return false;
    }

    private boolean touchesWatchedData(long addr) {
        return addr >= 0 && (inPatched(addr) || freedOps != 0 && addr >= freedOps && addr < freedOps + Scenario.freedSize());
    }

    /** Whether the step that began with {@code fillsBefore} fills filled a patched line (two or more fills: assume so). */
    private boolean filledWatchedLine(Hart h, long fillsBefore) {
        long n = h.lineFills() - fillsBefore;
        if (n == 0) {
            return false;
        }
        if (n > 1) {
            return true;
        }
        for (long line : lines) {
            if (line == h.lastFilledLine()) {
                return true;
            }
        }
        return false;
    }

    // ---- the trace (recorded only when replaying a counterexample) ----

    void record(boolean on) {
        recording = on;
        trace.clear();
        traceStep = 0;
    }

    List<TraceStep> trace() {
        return List.copyOf(trace);
    }

    private void note(String actor, int hart, String what, String why) {
        if (recording) {
            trace.add(new TraceStep(traceStep, actor, hart, 0, "", what, "", why));
        }
    }

    private void flushQuiet(String actor, int hart, int quiet, Set<String> through) {
        if (recording && quiet > 0) {
            trace.add(new TraceStep(traceStep, actor, hart, 0, "", "(" + quiet + " instruction" + (quiet == 1 ? "" : "s")
                    + " in " + String.join(", ", through) + ")", "", ""));
        }
    }

    private void instruction(String actor, Hart hart, long pc, String note) {
        if (recording && lastInsn != null) {
            instructionAt(actor, hart, pc, note);
        }
    }

    private void instructionAt(String actor, Hart hart, long pc, String note) {
        Instruction insn = lastInsn;
        String text = insn == null ? "ebreak" : isa.disassemble(pc, insn).replace('\t', ' ');
        StringBuilder regs = new StringBuilder();
        if (insn != null) {
            // what it read (before), then what it wrote (after)
            for (int r = 0; r < 32; r++) {
                if ((insn.readMask() >>> r & 1) != 0) {
                    regs.append(' ').append(arch.registerName(r)).append(String.format(Locale.ROOT, "=0x%x", regsBefore[r]));
                }
            }
            String sep = " ->";
            for (int r = 0; r < 32; r++) {
                if ((insn.writeMask() >>> r & 1) != 0) {
                    regs.append(sep).append(' ').append(arch.registerName(r)).append(String.format(Locale.ROOT, "=0x%x", hart.reg(r)));
                    sep = "";
                }
            }
        }
        if (insn != null && lastMem >= 0) {
            regs.append(String.format(Locale.ROOT, " [0x%x]", lastMem));
        }
        trace.add(new TraceStep(traceStep, actor, hart.id(), pc, symbol(pc), text, regs.toString().trim(), note));
    }

    private String staleNote(Hart hart, long pc) {
        byte[] held = hart.fetchedLine(pc);
        if (held == null || !inPatched(pc)) {
            return "";
        }
        byte[] now = mem.read(pc & -Hart.FETCH_LINE, Hart.FETCH_LINE);
        return Arrays.equals(held, now) ? "" : "stale fetch: memory has changed since this hart fetched the line";
    }

    private String parkedWhere() {
        StringBuilder b = new StringBuilder();
        for (int h = 0; h < harts.length; h++) {
            int t = hartTask[h];
            if (t >= 0 && taskState[t] == IN_CALL) {
                b.append(b.length() == 0 ? " (" : ", ").append("task ").append(t).append(" at ").append(symbol(harts[h].pc()));
            }
        }
        return b.length() == 0 ? "" : b.append(')').toString();
    }

    private String waitingFor() {
        StringBuilder b = new StringBuilder();
        for (int t = 0; t < needsQs.length; t++) {
            if (needsQs[t]) {
                b.append(b.length() == 0 ? "" : ", ").append("task ").append(t);
            }
        }
        return b.toString();
    }

    String symbol(long addr) {
        return model.image().functionAt(addr).map(s -> offset(s, addr)).orElseGet(() -> sc.trampolineAt(addr)
                .orElse(String.format(Locale.ROOT, "0x%x", addr)));
    }

    private static String offset(Symbol s, long addr) {
        long off = addr - s.value();
        return off == 0 ? s.name() : s.name() + "+" + off;
    }
}
