package dev.ftracelab.cli;

import dev.ftracelab.cost.ModelledSample;
import dev.ftracelab.cost.PricedSample;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.report.DispatchTables;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.util.BadInputException;
import java.util.List;
import java.util.function.Consumer;
import tech.tablesaw.api.Table;

/** What the dispatch commands share: the sample from the options, and its provenance. */
final class SampleArgs {
    private SampleArgs() {
    }

    static FtraceOpsSample sample(DesignOptions design, long calls) {
        if (calls < 1) {
            throw new BadInputException("--calls must be at least 1, got " + calls);
        }
        return new FtraceOpsSample(design.arch, design.layout(), design.strategy, calls);
    }

    static ModelledSample priced(FtraceOpsSample s, Profile profile, PricingOptions pricing) {
        if (pricing.pricedCalls < 1) {
            throw new BadInputException("--priced-calls must be at least 1, got " + pricing.pricedCalls);
        }
        if (pricing.seeds < 1) {
            throw new BadInputException("--seeds must be at least 1, got " + pricing.seeds);
        }
        return ModelledSample.builder(s, profile).pricedCalls(pricing.pricedCalls).seeds(pricing.seeds).build();
    }

    /**
     * The sample's table for {@code points}: instructions per call, or priced on {@code profile}
     * (if not null) over {@code pricedCalls} calls per point.
     */
    static Table table(FtraceOpsSample s, Profile profile, PricingOptions pricing, List<FtraceOpsSample.Point> points,
            Consumer<FtraceOpsSample.Point> progress) {
        if (profile == null) {
            return DispatchTables.sample(s, s.run(points, progress));
        }
        ModelledSample ms = priced(s, profile, pricing);
        return DispatchTables.priced(ms, ms.run(points, progress));
    }

    static Provenance provenance(String command, FtraceOpsSample s) {
        return provenance(command, s, null, null);
    }

    /** With a profile: its name in the stamp's profile line, the priced calls among the parameters. */
    static Provenance provenance(String command, FtraceOpsSample s, Profile profile, PricingOptions pricing) {
        Provenance p = Provenance.capture().with("command", command).with("arch", s.arch().id())
                .with("layout", s.layout().id()).with("strategy", s.strategy().id()).with("calls", s.calls());
        return profile == null ? p : p.withProfile(profile).with("priced_calls", pricing.pricedCalls)
                .with("warmup_calls", PricedSample.WARMUP).with("seeds", pricing.seeds)
                .with("heap", s.heap().kernel() + " kmalloc, min align " + s.heap().minAlign());
    }
}
