package dev.ftracelab.patch;

import dev.ftracelab.patch.PatchPlan.Op;
import java.util.Arrays;

/**
 * Explores every interleaving of a patch plan with the tasks of a {@link Scenario}, up to a
 * preemption bound, and returns SAFE or the shortest counterexample found.
 *
 * <p>Depth-first, with a snapshot of the machine at each level (memory pages are copy-on-write,
 * so a snapshot costs little) and a table of state fingerprints, each with the fewest preemptions
 * it was reached with: a state reached again with no fewer is not explored again. One pass at
 * the full bound decides; after a counterexample, passes with bounds 0, 1, ... look for one with
 * fewer preemptions, and the trace is the first found with the fewest. Deterministic:
 * the same inputs explore the same states in the same order.
 *
 * <pre>{@code
 * CheckResult r = Explorer.check(Scheme.RISCV_NOP_NOP_STOP_MACHINE, Op.ENABLE, CheckOptions.builder().build());
 * if (!r.safe()) System.out.print(r.trace().text());
 * }</pre>
 */
public final class Explorer {
    private static final int PROGRESS_EVERY = 1 << 12;

    private final World world;
    private final CheckOptions o;
    private FingerprintTable visited;
    private int bound;
    private int[] path = new int[256];
    private int depth;
    private Frame[] frames = new Frame[256];
    private int top;
    private long states;
    private long transitions;
    private String violation;
    private int[] counterexample;

    private Explorer(World world, CheckOptions o) {
        this.world = world;
        this.o = o;
    }

    /** Checks {@code scheme}'s plan for {@code op} in the scenario of its layout. */
    public static CheckResult check(Scheme scheme, Op op, CheckOptions o) {
        Scenario sc = Scenario.of(scheme.arch(), scheme.layout(), op, o.harts());
        return check(sc, sc.plan(scheme), o);
    }

    /**
     * Checks {@code plan} in {@code sc} (booted with {@code o.harts()} harts).
     *
     * @throws IllegalArgumentException for a plan that cannot run (e.g. synchronize_rcu_tasks in stop_machine)
     */
    public static CheckResult check(Scenario sc, PatchPlan plan, CheckOptions o) {
        long t0 = System.nanoTime();
        World w = new World(sc, plan, o);
        Explorer e = new Explorer(w, o);
        World.Snapshot initial = w.snapshot();
        // one pass at the full bound decides; only a counterexample is worth passes at smaller bounds
        e.pass(initial, o.preemptionBound());
        long states = e.states;
        for (int b = 0; e.violation != null && b < o.preemptionBound(); b++) {
            String v = e.violation;
            int[] cx = e.counterexample;
            e.violation = null;
            e.pass(initial, b);
            if (e.violation != null) {
                break;
            }
            e.violation = v;
            e.counterexample = cx;
            e.bound = o.preemptionBound();
        }
        long nanos = System.nanoTime() - t0;
        if (e.violation == null) {
            return new CheckResult(plan.name(), plan.op(), sc.description(), o.describe(), true, "", null, states,
                    e.transitions, nanos, o.preemptionBound());
        }
        // replay the path with recording on: the trace of a deterministic run
        w.restore(initial);
        w.record(true);
        String v = null;
        for (int a : e.counterexample) {
            v = w.apply(a);
            if (v != null) {
                break;
            }
        }
        if (v == null) {
            throw new IllegalStateException("replaying the counterexample did not reproduce: " + e.violation);
        }
        Trace trace = new Trace(v, w.trace());
        w.record(false);
        return new CheckResult(plan.name(), plan.op(), sc.description(), o.describe(), false, v, trace, states,
                e.transitions, nanos, e.bound);
    }

    /** One depth-first pass from {@code initial} with at most {@code bound} preemptions per path. */
    private void pass(World.Snapshot initial, int bound) {
        world.restore(initial);
        this.bound = bound;
        visited = new FingerprintTable();
        states = 0;
        depth = 0;
        dfs(0);
    }

    /**
     * The depth-first search, with its own stack rather than the JVM's: a plan of thousands of
     * steps makes paths thousands of actions deep. Explores in the order a recursive search
     * would (children in action order, a snapshot restored before every child but the first).
     * Returns true to stop (a violation was found).
     */
    private boolean dfs(int preemptions) {
        top = 0;
        int r = visit(preemptions);
        if (r < 0) {
            return true;
        }
        // invariant: while frames[top - 1] is looked at, the path to its state is depth actions long, depth == top - 1
        while (top > 0) {
            Frame fr = frames[top - 1];
            if (fr.next == fr.actions.length) {
                fr.here = null; // let the snapshot go
                fr.actions = null;
                top--;
                if (top > 0) {
                    depth--; // back in the parent, as a return from the recursive call
                }
                continue;
            }
            int i = fr.next++;
            int a = fr.actions[i];
            if (i > 0) {
                world.restore(fr.here);
            }
            if (depth == path.length) {
                path = Arrays.copyOf(path, depth * 2);
            }
            path[depth++] = a;
            transitions++;
            String v = world.apply(a);
            if (v != null) {
                violation = v;
                counterexample = Arrays.copyOf(path, depth);
                return true;
            }
            r = visit(fr.preemptions + (World.preempts(a) ? 1 : 0));
            if (r < 0) {
                return true;
            }
            if (r == 0) {
                depth--; // a leaf: nothing pushed
            }
        }
        return false;
    }

    /**
     * Enters the current state reached with {@code preemptions}: -1 to stop (a deadlock), 0 if
     * there is nothing to explore from it, 1 if a frame with its actions was pushed.
     */
    private int visit(int preemptions) {
        long f = world.fingerprint();
        if (!visited.add(f, preemptions)) {
            return 0;
        }
        if (++states % PROGRESS_EVERY == 0 && o.progress() != null) {
            o.progress().accept(states);
        }
        if (world.finished()) {
            return 0;
        }
        int[] actions = world.actions(preemptions < bound);
        if (actions.length == 0) {
            violation = "no task and no patch step can go on (a deadlock)";
            counterexample = Arrays.copyOf(path, depth);
            return -1;
        }
        if (top == frames.length) {
            frames = Arrays.copyOf(frames, top * 2);
        }
        Frame fr = frames[top];
        if (fr == null) {
            fr = frames[top] = new Frame();
        }
        fr.preemptions = preemptions;
        fr.actions = actions;
        fr.next = 0;
        fr.here = actions.length > 1 ? world.snapshot() : null;
        top++;
        return 1;
    }

    /** A state on the search stack: the actions from it, the next one to take, and its snapshot. */
    private static final class Frame {
        int preemptions;
        int[] actions;
        int next;
        World.Snapshot here;
    }

    /**
     * Fingerprints of visited states with the fewest preemptions each was reached with: open
     * addressing over a plain long array (fingerprint 0 is stored as 1).
     */
    static final class FingerprintTable {
        private long[] keys = new long[1 << 14];
        private byte[] least = new byte[1 << 14];
        private int size;

        /** Records {@code f} reached with {@code preemptions}; false if it was already reached with no more. */
        boolean add(long f, int preemptions) {
            long k = f == 0 ? 1 : f;
            int mask = keys.length - 1;
            int i = (int) (k ^ k >>> 32) & mask;
            while (keys[i] != 0) {
                if (keys[i] == k) {
                    if (least[i] <= preemptions) {
                        return false;
                    }
                    least[i] = (byte) preemptions;
                    return true;
                }
                i = (i + 1) & mask;
            }
            keys[i] = k;
            least[i] = (byte) preemptions;
            if (++size * 2 > keys.length) {
                grow();
            }
            return true;
        }

        int size() {
            return size;
        }

        private void grow() {
            long[] ok = keys;
            byte[] ol = least;
            keys = new long[ok.length * 2];
            least = new byte[ok.length * 2];
            size = 0;
            for (int i = 0; i < ok.length; i++) {
                if (ok[i] != 0) {
                    add(ok[i], ol[i]);
                }
            }
        }
    }
}
