package dev.ftracelab.report;

import dev.ftracelab.dataset.PublishedMeasurements.Sweep;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.ftrace.Strategy;
import dev.ftracelab.isa.Arch;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * The report section for tracer dispatch on the model: the ftrace-ops sample matrix for every
 * layout of each arch, and per-callsite trampolines on the pre-CALL_OPS layout, in instructions
 * per call; a plot of cost against registered ops and one of the instruction mix.
 *
 * @param calls the calls per row (instructions per call are exact for any number)
 */
public record DispatchSection(long calls) implements ReportSection {
    /** The designs the section compares on {@code arch}: every layout, then per-callsite trampolines. */
    public static List<FtraceOpsSample> designs(Arch arch, long calls) {
        List<FtraceOpsSample> d = new ArrayList<>();
        for (Layout l : Layout.of(arch)) {
            d.add(FtraceOpsSample.of(arch, l).calls(calls));
        }
        d.add(FtraceOpsSample.of(arch, Layout.before(arch)).strategy(Strategy.PER_CALLSITE_TRAMPOLINE).calls(calls));
        return d;
    }

    /** "riscv64 nop-nop", "arm64 pre-call-ops tramp": a design in a progress note, short beside the bar. */
    static String label(FtraceOpsSample s) {
        return s.arch().id() + " " + s.layout().id() + (s.strategy() == Strategy.COMMON ? "" : " tramp");
    }

    @Override
    public String title() {
        return "Tracer dispatch on the model (instructions per call)";
    }

    @Override
    public long steps() {
        long n = 0;
        for (Arch arch : Arch.values()) {
            n += (long) designs(arch, calls).size() * FtraceOpsSample.PUBLISHED_MATRIX.size();
        }
        return n;
    }

    @Override
    public void addTo(Bundle.Builder b, Progress progress) {
        b.heading(title());
        b.text("The kernel's ftrace-ops sample run on the emulated guest kernel image: R relevant ops filtered"
                + " on tracee_relevant, I irrelevant ops on tracee_irrelevant, " + calls + " calls of"
                + " tracee_relevant per row. Counts are instructions retired per call (call, loop step and"
                + " function included); the overhead is per call beyond the untraced row of the same design."
                + " Every row was checked: each relevant tracer ran once per call, no irrelevant one ran, and"
                + " the function's results were unchanged.");
        for (Arch arch : Arch.values()) {
            List<Table> tables = new ArrayList<>();
            for (FtraceOpsSample s : designs(arch, calls)) {
                Table t = DispatchTables.sample(s, s.run(FtraceOpsSample.PUBLISHED_MATRIX, p -> {
                    progress.note("dispatch: " + label(s) + " " + p.relevant() + "/" + p.irrelevant());
                    progress.step();
                }));
                tables.add(t);
                String name = DispatchTables.designName(t);
                b.text("**" + name + "**");
                b.table("dispatch-" + name.replace(' ', '-'), t, DispatchTables.INSTRUCTIONS_LAYOUT);
            }
            // one question per plot: the two sweeps apart, each with a line per design
            b.chart("dispatch-" + arch.id() + "-irrelevant",
                    DispatchTables.perCallChart("(" + arch + ", instructions)", tables, Sweep.IRRELEVANT));
            b.chart("dispatch-" + arch.id() + "-relevant",
                    DispatchTables.perCallChart("(" + arch + ", instructions)", tables, Sweep.RELEVANT));
            b.chart("dispatch-" + arch.id() + "-mix",
                    DispatchTables.mixChart("Where do a traced call's instructions go? (" + arch + ", R=1 I=10)",
                            tables, 1, 10));
        }
    }
}
