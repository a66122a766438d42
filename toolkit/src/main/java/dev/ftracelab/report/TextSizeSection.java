package dev.ftracelab.report;

import dev.ftracelab.census.CensusResult;
import dev.ftracelab.census.DirectReach;
import dev.ftracelab.census.KernelDataset;
import dev.ftracelab.census.KernelImage;
import dev.ftracelab.census.ModuleGrowth;
import dev.ftracelab.census.ModuleText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The report section on text size and direct-call reach, from the census datasets of real
 * kernels ({@code datasets/kernels}): what each patch-site layout does to module and kernel text,
 * how functions are sized and aligned, and which callsites reach a direct trampoline.
 *
 * @param datasets the functions files of the census datasets to use
 */
public record TextSizeSection(List<Path> datasets) implements ReportSection {
    public TextSizeSection {
        datasets = List.copyOf(datasets);
    }

    /** Every census dataset committed under {@code datasets/kernels}. */
    public static TextSizeSection committed() {
        return new TextSizeSection(KernelDataset.committed());
    }

    @Override
    public String title() {
        return "Text size and direct-call reach on real kernels";
    }

    @Override
    public long steps() {
        return datasets.size();
    }

    @Override
    public void addTo(Bundle.Builder b, Progress progress) {
        b.heading(title());
        List<ModuleText> modules = new ArrayList<>();
        List<DirectReach.ReachRow> reach = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path p : datasets) {
            progress.note("text size: " + p.getFileName().toString().replace("linux-image-", "")
                    .replace(KernelDataset.FUNCTIONS_SUFFIX, ""));
            KernelDataset d = KernelDataset.read(p);
            names.add(d.name() + " " + d.version());
            modules.addAll(d.modules());
            KernelImage.readIfRecorded(d, p).ifPresent(k -> reach.addAll(DirectReach.table(k)));
            progress.step();
        }
        List<ModuleGrowth> rows = new CensusResult(modules, List.of(), List.of()).growth();
        List<ModuleGrowth> totals = CensusResult.totals(rows);
        b.text("Census of " + String.join(", ", names) + ": " + modules.size() + " modules and kernel images. Each module's text"
                + " is laid out again under every patch-site layout of its arch: call-ops puts an 8-byte literal before each"
                + " traceable entry and aligns functions to 8 bytes, atomic aligns them to 4, and arm64 without CALL_OPS falls"
                + " back to GCC's default alignment (16 bytes unless that needs more than 11 bytes of padding). Growth is"
                + " against the text as built.");
        b.table("text-growth", CensusTables.growth(totals), CensusTables.GROWTH_LAYOUT);
        b.chart("text-growth-chart", CensusTables.growthChart(totals));
        b.text("What CALL_OPS costs, against the layout before it (nop-nop on riscv64, pre-call-ops on arm64), in total, for each"
                + " kernel image and for the modules it costs most:");
        List<ModuleGrowth> costRows = CensusTables.costRows(totals, rows, 10);
        b.table("callops-cost", CensusTables.callOpsCost(costRows), CensusTables.COST_LAYOUT);
        b.chart("function-sizes", CensusTables.sizeChart(modules));
        b.table("function-alignment", CensusTables.alignments(modules));
        if (!reach.isEmpty()) {
            b.text("Direct calls: % of callsites whose patch site can branch straight to a direct trampoline placed anywhere in"
                    + " the region. riscv64 nop-nop rewrites AUIPC+JALR; atomic and call-ops keep the AUIPC aimed at"
                    + " ftrace_caller and rewrite only the JALR (±2 KiB of its base); arm64 uses BL (±128 MiB).");
            b.table("direct-call-reach", CensusTables.reach(reach), CensusTables.REACH_LAYOUT);
            b.text(CensusTables.REACH_LEGEND);
        }
    }
}
