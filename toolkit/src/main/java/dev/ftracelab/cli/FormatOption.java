package dev.ftracelab.cli;

import dev.ftracelab.report.TableFormat;
import picocli.CommandLine.Option;

/** {@code --format text|csv|json|md} (a picocli mixin). */
final class FormatOption {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = FormatConverter.class,
            completionCandidates = FormatConverter.class, description = "text (mail layout), csv, json or md. Default: ${DEFAULT-VALUE}.")
    TableFormat format;
}
