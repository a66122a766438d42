package dev.ftracelab.cli;

import dev.ftracelab.ftrace.DirectCall;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.ftrace.ModulePlacement;
import dev.ftracelab.ftrace.Strategy;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.vmlinux.KernelCache;
import dev.ftracelab.vmlinux.Vmlinux;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --arch A --layout L --strategy S}, or {@code --vmlinux FILE}: the dispatch design a
 * command runs, on the guest image or on a real kernel's own code (a picocli mixin).
 */
final class DesignOptions {
    @Option(names = "--arch", paramLabel = "ARCH", converter = ArchConverter.class,
            completionCandidates = ArchConverter.class, description = "riscv64 or arm64. Required without --vmlinux.")
    Arch arch;

    @Option(names = "--layout", paramLabel = "LAYOUT", converter = LayoutConverter.class,
            completionCandidates = LayoutConverter.class,
            description = "riscv64: nop-nop, atomic, call-ops; arm64: pre-call-ops, call-ops. Default: call-ops, or"
                    + " with --vmlinux the one the image is built with.")
    Layout layout;

    @Option(names = "--vmlinux", paramLabel = "FILE",
            description = "Run a real kernel's own dispatch code (its ftrace_caller, list function, hash lookups) instead"
                    + " of the guest image: a vmlinux with symbols and BTF, or the name of an image package fetched by"
                    + " datasets/fetch-kernels.sh, such as linux-image-6.12.117+deb13-riscv64. Sets --arch and --layout.")
    String vmlinuxArg;

    @Option(names = "--module", paramLabel = "WHERE", converter = ModuleConverter.class,
            completionCandidates = ModuleConverter.class,
            description = "With --vmlinux: where the sample module goes, near (default: 64 MiB below the image, in a"
                    + " BL's reach) or far (1 GiB below: an arm64 site calls ftrace_caller through the module's PLT).")
    ModulePlacement module;

    private Vmlinux vmlinux;

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

    /** The layout, checked against the arch (or the image's, with {@code --vmlinux}). */
    Layout layout() {
        if (vmlinux() != null) {
            Layout built = FtraceOpsSample.of(vmlinux).layout();
            if (layout != null && layout != built) {
                throw new BadInputException("--layout " + layout.id() + ": " + vmlinux + " is built with " + built.id()
                        + "; leave --layout out");
            }
            return built;
        }
        try {
            return (layout == null ? Layout.CALL_OPS : layout).checkArch(arch());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--layout: " + e.getMessage());
        }
    }

    /** The arch: {@code --arch}, or the image's. */
    Arch arch() {
        if (vmlinux() != null) {
            if (arch != null && arch != vmlinux.arch()) {
                throw new BadInputException("--arch " + arch.id() + ": " + vmlinux + " is a " + vmlinux.arch().id() + " image");
            }
            return vmlinux.arch();
        }
        if (arch == null) {
            throw new BadInputException("--arch is required (riscv64 or arm64), or --vmlinux FILE");
        }
        return arch;
    }

    /** The image of {@code --vmlinux}, read once; null without it. */
    Vmlinux vmlinux() {
        if (vmlinux == null && vmlinuxArg != null) {
            vmlinux = Vmlinux.open(KernelCache.standard().resolve(vmlinuxArg));
        }
        return vmlinux;
    }

    /** The sample this design runs, {@code calls} calls per row. */
    FtraceOpsSample sample(long calls) {
        if (vmlinux() != null) {
            if (strategy != Strategy.COMMON) {
                throw new BadInputException("--strategy " + strategy.id() + ": a real kernel image has only the common"
                        + " trampoline; leave --strategy out with --vmlinux");
            }
            if (direct != DirectCall.NONE) {
                throw new BadInputException("--direct: direct calls are modelled on the guest image only; leave it out"
                        + " with --vmlinux");
            }
            arch();
            layout();
            return FtraceOpsSample.of(vmlinux).calls(calls).module(module == null ? ModulePlacement.NEAR : module);
        }
        if (module != null) {
            throw new BadInputException("--module places the sample module beside a --vmlinux image; the guest image"
                    + " has its sites in reach");
        }
        return new FtraceOpsSample(arch(), layout(), strategy, calls).direct(direct);
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

    static final class ModuleConverter extends Converter<ModulePlacement> {
        ModuleConverter() {
            super(ModulePlacement::parse, Arrays.stream(ModulePlacement.values()).map(ModulePlacement::id).toList());
        }
    }

    static final class StrategyConverter extends Converter<Strategy> {
        StrategyConverter() {
            super(Strategy::parse, Arrays.stream(Strategy.values()).map(Strategy::id).toList());
        }
    }
}
