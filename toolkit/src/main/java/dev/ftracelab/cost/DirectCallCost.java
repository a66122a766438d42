package dev.ftracelab.cost;

import dev.ftracelab.ftrace.Callsite;
import dev.ftracelab.ftrace.DirectCall;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.ftrace.FtraceOpsSample.Point;
import java.util.ArrayList;
import java.util.List;

/**
 * What a direct call (a BPF trampoline, {@link DirectCall}) costs per call on one design, priced
 * on a profile with the interval of {@link ModelledSample}, in the three situations behind the
 * thread's "same direct call performance":
 *
 * <ul>
 *   <li>{@link Situation#ALONE_NEAR} the only ops on the site, its trampoline in the module area:
 *       the site branches straight to it where its call reaches that far (arm64 {@code BL},
 *       riscv64 {@code nop-nop}'s {@code AUIPC+JALR}); riscv64 {@code atomic} and {@code call-ops}
 *       never reach it and fall back as below;
 *   <li>{@link Situation#ALONE_FAR} the only ops, its trampoline out of reach: the site calls
 *       {@code ftrace_caller}, which finds {@code ops->direct_call} (from the CALL_OPS literal, or
 *       through the list function and {@code call_direct_funcs});
 *   <li>{@link Situation#SHARED} another ops traces the same function: the list function, which
 *       calls the other tracer and {@code call_direct_funcs}.
 * </ul>
 *
 * The figures are overheads over the untraced call, like every modelled overhead; a direct
 * call's path takes the CALL_OPS calibration band, a shared site's the list band
 * ({@link ModelErrors#band}).
 *
 * <pre>{@code
 * for (DirectCallCost.Row r : DirectCallCost.price(FtraceOpsSample.of(Arch.RISCV64, Layout.CALL_OPS), Profile.load("vf2"), 1000, 8))
 *     System.out.println(r.situation() + " " + r.via() + " " + r.modelled().overheadNs());
 * }</pre>
 */
public final class DirectCallCost {
    private DirectCallCost() {
    }

    /** Where the direct ops' trampoline lies and who else is on the site. */
    public enum Situation {
        ALONE_NEAR("alone, trampoline near", DirectCall.NEAR, 1),
        ALONE_FAR("alone, trampoline out of reach", DirectCall.FAR, 1),
        SHARED("sharing the site with one ops", DirectCall.NEAR, 2);

        private final String label;
        private final DirectCall direct;
        private final int relevant;

        Situation(String label, DirectCall direct, int relevant) {
            this.label = label;
            this.direct = direct;
            this.relevant = relevant;
        }

        /** A short description for captions. */
        public String label() {
            return label;
        }

        /** Where the sample puts the trampoline. */
        public DirectCall direct() {
            return direct;
        }

        /** The sample point: R relevant ops (the first is the direct one), no irrelevant ones. */
        public Point point() {
            return new Point(relevant, 0);
        }
    }

    /**
     * One situation priced.
     *
     * @param modelled the priced point (median seed's site, overhead and interval)
     */
    public record Row(Situation situation, ModelledSample.Row modelled) {
        /** How the site dispatched. */
        public Callsite site() {
            return modelled.median().dispatch().site();
        }

        /** The way the call reached the trampoline, in words: see {@link #via(Callsite)}. */
        public String via() {
            return DirectCallCost.via(site());
        }
    }

    /**
     * The way a call through {@code site} reaches a direct trampoline: {@code "site -> trampoline"},
     * {@code "ftrace_caller -> ops->direct_call"} (CALL_OPS literal naming the direct ops) or
     * {@code "ftrace_caller -> list -> call_direct_funcs"}.
     */
    public static String via(Callsite site) {
        return switch (site.dispatch()) {
            case DIRECT -> "site -> trampoline";
            case CALL_OPS -> "ftrace_caller -> ops->direct_call";
            case LIST -> "ftrace_caller -> list -> call_direct_funcs";
            case PER_CALLSITE_TRAMPOLINE -> "per-callsite trampoline";
            case UNTRACED -> "untraced";
        };
    }

    /**
     * Prices every {@link Situation} on {@code design} (its arch, layout and strategy; its own
     * direct setting is replaced) over {@code seeds} heap layouts and {@code pricedCalls} calls.
     */
    public static List<Row> price(FtraceOpsSample design, Profile profile, long pricedCalls, int seeds) {
        List<Row> rows = new ArrayList<>();
        for (Situation s : Situation.values()) {
            ModelledSample m = ModelledSample.builder(design.direct(s.direct()), profile).pricedCalls(pricedCalls)
                    .seeds(seeds).build();
            rows.add(new Row(s, m.run(List.of(s.point())).get(0)));
        }
        return rows;
    }
}
