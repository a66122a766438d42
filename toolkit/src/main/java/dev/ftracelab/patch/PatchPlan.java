package dev.ftracelab.patch;

import dev.ftracelab.util.TextWrap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A named sequence of {@link PatchStep}s that changes one patch site: enable tracing, retarget
 * it (another trampoline or ops), or disable it.
 *
 * <pre>{@code
 * PatchPlan p = Scheme.RISCV_CALL_OPS.plan(Op.ENABLE, site);
 * System.out.print(p.listing());
 * }</pre>
 */
public record PatchPlan(String name, Op op, List<PatchStep> steps) {
    /** What a plan does to its site. */
    public enum Op {
        ENABLE, RETARGET, DISABLE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Parses {@code enable}, {@code retarget} or {@code disable}.
         *
         * @throws IllegalArgumentException naming the accepted values
         */
        public static Op parse(String s) {
            for (Op o : values()) {
                if (o.id().equals(s.toLowerCase(Locale.ROOT))) {
                    return o;
                }
            }
            throw new IllegalArgumentException("unknown op '" + s + "': expected enable, retarget or disable");
        }
    }

    public PatchPlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(op, "op");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("plan " + name + " has no steps");
        }
    }

    /** The steps, numbered, stop_machine bodies indented, wrapped to a mail's 72 columns. */
    public String listing() {
        StringBuilder b = new StringBuilder(TextWrap.wrap(name + " (" + op.id() + "):", Trace.WIDTH, "", "  "));
        int n = 0;
        for (PatchStep s : steps) {
            b.append(TextWrap.wrap(s.describe(), Trace.WIDTH, String.format(Locale.ROOT, "  %2d. ", ++n), " ".repeat(10)));
            if (s instanceof PatchStep.StopMachine sm) {
                for (PatchStep inner : sm.steps()) {
                    b.append(TextWrap.wrap(inner.describe(), Trace.WIDTH, " ".repeat(8), " ".repeat(12)));
                }
            }
        }
        return b.toString();
    }
}
