package dev.ftracelab.cli;

import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.ftrace.Strategy;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --arch A --layout L --strategy S}: the dispatch design a command runs (a picocli mixin). */
final class DesignOptions {
    @Option(names = "--arch", paramLabel = "ARCH", required = true, converter = ArchConverter.class,
            completionCandidates = ArchConverter.class, description = "riscv64 or arm64.")
    Arch arch;

    @Option(names = "--layout", paramLabel = "LAYOUT", converter = LayoutConverter.class,
            completionCandidates = LayoutConverter.class,
            description = "riscv64: nop-nop, atomic, call-ops; arm64: pre-call-ops, call-ops. Default: call-ops.")
    Layout layout = Layout.CALL_OPS;

    @Option(names = "--strategy", paramLabel = "STRATEGY", converter = StrategyConverter.class,
            completionCandidates = StrategyConverter.class,
            description = "common (default) or per-callsite-trampoline (x86 style private trampolines).")
    Strategy strategy = Strategy.COMMON;

    /** The layout, checked against the arch. */
    Layout layout() {
        try {
            return layout.checkArch(arch);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--layout: " + e.getMessage());
        }
    }

    static final class ArchConverter implements CommandLine.ITypeConverter<Arch>, Iterable<String> {
        @Override
        public Arch convert(String value) {
            try {
                return Arch.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }

        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("riscv64", "arm64").iterator();
        }
    }

    static final class LayoutConverter implements CommandLine.ITypeConverter<Layout>, Iterable<String> {
        @Override
        public Layout convert(String value) {
            try {
                return Layout.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }

        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(Layout.values()).map(Layout::id).iterator();
        }
    }

    static final class StrategyConverter implements CommandLine.ITypeConverter<Strategy>, Iterable<String> {
        @Override
        public Strategy convert(String value) {
            try {
                return Strategy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }

        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(Strategy.values()).map(Strategy::id).iterator();
        }
    }
}
