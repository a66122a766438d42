package dev.ftracelab.patch;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.testing.FuzzInputs;
import dev.ftracelab.util.BadInputException;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/**
 * A patch plan from arbitrary YAML or JSON text, resolved against the riscv64 call-ops scenario
 * as {@code check-patch --plan} does, then checked with the smallest options (one task, one
 * call, no preemption bound): {@link PlanFile#parseFor} and {@link Explorer#check} refuse bad
 * input only with a {@link BadInputException} (and {@code check} with its documented
 * IllegalArgumentException for a plan that cannot run). Committed inputs:
 * {@code src/test/resources/dev/ftracelab/patch/PlanFileFuzzTestInputs/parseAndCheck/};
 * {@code JAZZER_FUZZ=1 ./mvnw -B test -Dtest=PlanFileFuzzTest} fuzzes.
 */
class PlanFileFuzzTest {
    private static final CheckOptions SMALL = CheckOptions.builder().tasks(1).harts(2).calls(1).preemptionBound(0).build();

    @FuzzTest(maxDuration = "2m")
    @Timeout(30)
    void parseAndCheck(byte[] data) {
        // Scenarios are immutable models; one per op and input, like the CLI makes them.
        Map<PatchPlan.Op, Scenario> made = new EnumMap<>(PatchPlan.Op.class);
        PatchPlan plan;
        try {
            plan = PlanFile.parseFor(FuzzInputs.text(data), "fuzz-plan.yaml",
                    op -> made.computeIfAbsent(op, o -> Scenario.of(Arch.RISCV64, Layout.CALL_OPS, o, 2))::symbolAddress);
        } catch (BadInputException expected) {
            return;
        }
        Scenario sc = made.computeIfAbsent(plan.op(), o -> Scenario.of(Arch.RISCV64, Layout.CALL_OPS, o, 2));
        try {
            Explorer.check(sc, plan, SMALL).toString();
        } catch (BadInputException | IllegalArgumentException expected) {
            // documented: a plan that cannot run (check-patch maps this to exit 2 with the file)
        }
    }
}
