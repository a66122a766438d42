package dev.ftracelab.census;

import dev.ftracelab.isa.Arch;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Census} found: the modules it measured, the files it skipped, and the layout of
 * any kernel image among them (for the direct-call reach model).
 *
 * <pre>{@code
 * for (ModuleGrowth g : result.growth()) System.out.println(g.module() + " " + g.growth(Layout.CALL_OPS));
 * }</pre>
 */
public record CensusResult(List<ModuleText> modules, List<Skipped> skipped, List<KernelImage> images) {
    public CensusResult {
        modules = List.copyOf(modules);
        skipped = List.copyOf(skipped);
        images = List.copyOf(images);
    }

    /** One row per module, in the order found. */
    public List<ModuleGrowth> growth() {
        return modules.stream().map(ModuleGrowth::of).toList();
    }

    /** One total per arch present, riscv64 first. */
    public List<ModuleGrowth> totals() {
        return totals(growth());
    }

    /** Sums {@code rows} per arch into rows named {@code total}. */
    public static List<ModuleGrowth> totals(List<ModuleGrowth> rows) {
        Map<Arch, ModuleGrowth> sums = new EnumMap<>(Arch.class);
        for (ModuleGrowth g : rows) {
            sums.merge(g.arch(), g, (a, b) -> a.plus(b, "total"));
        }
        List<ModuleGrowth> out = new ArrayList<>();
        sums.values().forEach(g -> out.add(g.named("total")));
        return out;
    }
}
