package dev.ftracelab.cli;

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

    static PricedSample priced(FtraceOpsSample s, Profile profile, long pricedCalls) {
        if (pricedCalls < 1) {
            throw new BadInputException("--priced-calls must be at least 1, got " + pricedCalls);
        }
        return new PricedSample(s, profile, pricedCalls);
    }

    /**
     * The sample's table for {@code points}: instructions per call, or priced on {@code profile}
     * (if not null) over {@code pricedCalls} calls per point.
     */
    static Table table(FtraceOpsSample s, Profile profile, long pricedCalls, List<FtraceOpsSample.Point> points,
            Consumer<FtraceOpsSample.Point> progress) {
        if (profile == null) {
            return DispatchTables.sample(s, s.run(points, progress));
        }
        PricedSample ps = priced(s, profile, pricedCalls);
        return DispatchTables.priced(ps, ps.run(points, progress));
    }

    static Provenance provenance(String command, FtraceOpsSample s) {
        return provenance(command, s, null, 0);
    }

    /** With a profile: its name in the stamp's profile line, the priced calls among the parameters. */
    static Provenance provenance(String command, FtraceOpsSample s, Profile profile, long pricedCalls) {
        Provenance p = Provenance.capture().with("command", command).with("arch", s.arch().id())
                .with("layout", s.layout().id()).with("strategy", s.strategy().id()).with("calls", s.calls());
        return profile == null ? p : p.withProfile(profile.name()).with("priced_calls", pricedCalls)
                .with("warmup_calls", PricedSample.WARMUP);
    }
}
