package dev.ftracelab.cli;

import dev.ftracelab.cost.ModelledSample;
import dev.ftracelab.cost.PricedSample;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.ftrace.DirectCall;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.report.DispatchTables;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.util.BadInputException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import tech.tablesaw.api.Table;

/** What the dispatch commands share: the sample from the options, and its provenance. */
final class SampleArgs {
    private SampleArgs() {
    }

    /** The kernel sample's 100,000 calls, counted when there is no profile. */
    static final long DEFAULT_CALLS = 100_000;
    /** Most {@code --calls}: 10^9 calls already take the emulator hours. */
    static final long MAX_CALLS = 1_000_000_000L;

    /**
     * {@code --calls}: one meaning, the calls run and counted for instruction counts. A priced run
     * makes its own (warm-up, {@code --priced-calls}, trailing), so {@code --calls} with
     * {@code --profile} is refused rather than silently ignored.
     */
    static long calls(Long calls, Profile profile) {
        if (calls != null && profile != null) {
            throw new BadInputException("--calls counts instructions over N calls; with --profile a row runs "
                    + PricedSample.WARMUP + " warm-up calls, --priced-calls M priced calls and " + PricedSample.WARMUP
                    + " more: use --priced-calls");
        }
        if (calls != null && (calls < 1 || calls > MAX_CALLS)) {
            throw new BadInputException(String.format(Locale.ROOT, "--calls: expected 1..%,d calls, got %,d", MAX_CALLS, calls));
        }
        return calls == null ? DEFAULT_CALLS : calls;
    }

    /**
     * What one row ran, for a header: {@code "10 calls of tracee_relevant"}, or priced:
     * {@code "1,000 calls of tracee_relevant priced after 200 warm-up calls (1,400 run), on each of 8 heap seeds"}.
     */
    static String callsRun(FtraceOpsSample s, Profile profile, PricingOptions pricing) {
        if (profile == null) {
            return String.format(Locale.ROOT, "%,d calls of %s", s.calls(), FtraceOpsSample.RELEVANT);
        }
        return String.format(Locale.ROOT, "%,d calls of %s priced after %d warm-up calls (%,d run), on each of %d"
                + " heap seeds", pricing.pricedCalls, FtraceOpsSample.RELEVANT, PricedSample.WARMUP,
                pricing.pricedCalls + 2L * PricedSample.WARMUP, pricing.seeds);
    }

    static FtraceOpsSample sample(DesignOptions design, long calls) {
        if (calls < 1) {
            throw new BadInputException("--calls must be at least 1, got " + calls);
        }
        return design.sample(calls);
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

    /** With a profile: the profile in the stamp's modelled line, the priced calls among the parameters (not N). */
    static Provenance provenance(String command, FtraceOpsSample s, Profile profile, PricingOptions pricing) {
        Provenance p = Provenance.capture().with("command", command).with("arch", s.arch().id())
                .with("layout", s.layout().id()).with("strategy", s.strategy().id());
        if (s.direct() != DirectCall.NONE) {
            p = p.with("direct", s.direct().id());
        }
        if (s.vmlinux() != null) {
            p = p.with("vmlinux", s.vmlinux().source()).with("vmlinux_version", s.vmlinux().version())
                    .with("vmlinux_build_id", s.vmlinux().buildId()).with("vmlinux_sha256", s.vmlinux().sha256())
                    .with("module", s.module().id() + " (" + (s.module().below() >> 20) + " MiB below the image)");
        }
        // a priced run makes warm-up + priced + trailing calls; the sample's N is not run then
        return profile == null ? p.with("calls", s.calls()) : p.withProfile(profile)
                .with("priced_calls", pricing.pricedCalls)
                .with("warmup_calls", PricedSample.WARMUP + " before, " + PricedSample.WARMUP + " after")
                .with("seeds", pricing.seeds)
                .with("heap", s.heap().kernel() + " kmalloc, min align " + s.heap().minAlign());
    }
}
