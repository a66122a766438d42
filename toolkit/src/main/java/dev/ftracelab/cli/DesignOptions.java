package dev.ftracelab.cli;

import dev.ftracelab.ftrace.DirectCall;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.ftrace.Strategy;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
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
            description = "common (default) or per-callsite-trampoline (x86 style: a site traced by one ops"
                    + " calls a trampoline generated for that ops).")
    Strategy strategy = Strategy.COMMON;

    @Option(names = "--direct", paramLabel = "WHERE", arity = "0..1", fallbackValue = "near",
            converter = DirectConverter.class, completionCandidates = DirectConverter.class,
            description = "Make the first relevant ops a direct call (a BPF trampoline stand-in): near (the default"
                    + " with --direct; its trampoline in the module area, which BL and AUIPC+JALR reach) or far (out"
                    + " of every site's reach: through ftrace_caller and ops->direct_call). With R=2 it shares the"
                    + " site with another ops. Default: none.")
    DirectCall direct = DirectCall.NONE;

    /** The layout, checked against the arch. */
    Layout layout() {
        try {
            return layout.checkArch(arch);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--layout: " + e.getMessage());
        }
    }

    /** A picocli converter from a parse function that throws IllegalArgumentException, with completion candidates. */
    abstract static class Converter<T> implements CommandLine.ITypeConverter<T>, Iterable<String> {
        private final Function<String, T> parse;
        private final List<String> candidates;

        Converter(Function<String, T> parse, List<String> candidates) {
            this.parse = parse;
            this.candidates = candidates;
        }

        @Override
        public T convert(String value) {
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }

        @Override
        public Iterator<String> iterator() {
            return candidates.iterator();
        }
    }

    static final class ArchConverter extends Converter<Arch> {
        ArchConverter() {
            super(Arch::parse, Arrays.stream(Arch.values()).map(Arch::id).toList());
        }
    }

    static final class LayoutConverter extends Converter<Layout> {
        LayoutConverter() {
            super(Layout::parse, Arrays.stream(Layout.values()).map(Layout::id).toList());
        }
    }

    static final class DirectConverter extends Converter<DirectCall> {
        DirectConverter() {
            super(DirectCall::parse, Arrays.stream(DirectCall.values()).map(DirectCall::id).toList());
        }
    }

    static final class StrategyConverter extends Converter<Strategy> {
        StrategyConverter() {
            super(Strategy::parse, Arrays.stream(Strategy.values()).map(Strategy::id).toList());
        }
    }
}
