package dev.ftracelab.cli;

import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.util.BadInputException;

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

    static Provenance provenance(String command, FtraceOpsSample s) {
        return Provenance.capture().with("command", command).with("arch", s.arch().id())
                .with("layout", s.layout().id()).with("strategy", s.strategy().id()).with("calls", s.calls());
    }
}
