package dev.ftracelab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ftrace-lab profiles}: the hardware profiles the cost model can use. */
@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = "List the hardware profiles (datasets/profiles) the cost model can price runs on.")
final class ProfilesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // The cost model (and with it the profile format) does not exist yet; say so plainly.
        spec.commandLine().getOut().println("No hardware profiles yet: the cost model and its profiles"
                + " (vf2, k1, m1 in datasets/profiles/) are not built in this version.");
        return 0;
    }
}
