package dev.ftracelab.cli;

import dev.ftracelab.cost.Profile;
import picocli.CommandLine.Option;

/** {@code --profile P --priced-calls M}: price a run on a hardware profile (a picocli mixin). */
final class PricingOptions {
    @Option(names = "--profile", paramLabel = "PROFILE",
            description = "Price on a hardware profile (vf2, k1, m1 or a .yaml file): cycles, ns and their breakdown.")
    String profile;

    @Option(names = "--priced-calls", paramLabel = "M", defaultValue = "1000",
            description = "With --profile: calls priced per row, in the steady state. Default: ${DEFAULT-VALUE}.")
    long pricedCalls;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "8",
            description = "With --profile: heap layouts (seeds) priced per row; figures are their median, the interval"
                    + " spans them and the model's error on published hardware. Default: ${DEFAULT-VALUE}.")
    int seeds;

    /** The profile, or null without --profile. */
    Profile load() {
        return profile == null ? null : Profile.load(profile);
    }
}
