package dev.ftracelab.ftrace;

import dev.ftracelab.emu.Counter;
import dev.ftracelab.isa.Arch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.vmlinux.Vmlinux;

/**
 * The kernel's ftrace-ops sample ({@code samples/ftrace/ftrace-ops.c}) on the model: R relevant
 * ops filtered on {@code tracee_relevant}, I irrelevant ones filtered on
 * {@code tracee_irrelevant}, then N calls of {@code tracee_relevant}. Every run checks what the
 * sample's {@code check_count} checks (each relevant tracer ran N times, no irrelevant one ran)
 * and that the function's results did not change, and fails loudly otherwise.
 *
 * <pre>{@code
 * FtraceOpsSample s = FtraceOpsSample.of(Arch.RISCV64, Layout.CALL_OPS).calls(10_000);
 * List<FtraceOpsSample.Row> rows = s.run(FtraceOpsSample.PUBLISHED_MATRIX);
 * }</pre>
 *
 * <p>The ops are allocated as the sample allocates them: one {@code kcalloc}'d array per kind,
 * each ops' filter hash, buckets and entry separate kmalloc objects, placed by {@link #heap()}.
 * A real board's run has one such layout; {@link #seed(long)} gives others.
 *
 * @param calls N, the calls per row (the kernel's default is 100,000; instruction counts per call
 *     are exact for any N, so fewer is fine for a notebook)
 * @param heap the kernel's kmalloc rules and the seed of the layout
 * @param direct whether the first relevant ops is a direct call, and where its trampoline lies
 *     ({@link DirectCall}; the published sample has none)
 * @param vmlinux the real kernel whose own dispatch code runs ({@link #of(Vmlinux)}), or null for
 *     the project's guest image
 * @param module where the sample module goes beside the vmlinux (unused on the guest image)
 */
public record FtraceOpsSample(Arch arch, Layout layout, Strategy strategy, long calls, KernelHeap heap,
        DirectCall direct, Vmlinux vmlinux, ModulePlacement module) {
    /** The function the sample calls. */
    public static final String RELEVANT = "tracee_relevant";
    /** The function the irrelevant ops filter on. */
    public static final String IRRELEVANT = "tracee_irrelevant";

    /** One configuration of the sample: R relevant, I irrelevant ops. */
    public record Point(int relevant, int irrelevant) {
        public Point {
            if (relevant < 0 || irrelevant < 0) {
                throw new IllegalArgumentException("numbers of ops must not be negative: R=" + relevant + " I=" + irrelevant);
            }
        }
    }

    /** The 13 (R, I) rows of the published arm64 CALL_OPS measurements, in their order. */
    public static final List<Point> PUBLISHED_MATRIX = List.of(new Point(0, 0), new Point(0, 1), new Point(0, 2),
            new Point(0, 10), new Point(0, 100), new Point(1, 1), new Point(1, 2), new Point(1, 10), new Point(1, 100),
            new Point(1, 0), new Point(2, 0), new Point(10, 0), new Point(100, 0));

    /**
     * One measured row.
     *
     * @param instructions all instructions retired for the N calls
     * @param overheadPerCall instructions per call beyond the untraced baseline (R = I = 0) of the
     *     same arch, layout and strategy
     * @param counters retired instructions by {@link Counter}, over the N calls
     * @param site how {@code tracee_relevant}'s site dispatched
     */
    public record Row(int relevant, int irrelevant, long calls, long instructions, double instructionsPerCall,
            double overheadPerCall, long[] counters, Callsite site) {
        public Row {
            counters = counters.clone();
        }

        @Override
        public long[] counters() {
            return counters.clone();
        }

        /** Retired instructions of class {@code c} per call. */
        public double perCall(Counter c) {
            return (double) counters[c.ordinal()] / calls;
        }
    }

    public FtraceOpsSample {
        Objects.requireNonNull(arch, "arch");
        layout.checkArch(arch);
        Objects.requireNonNull(strategy, "strategy");
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be at least 1, got " + calls);
        }
        Objects.requireNonNull(heap, "heap");
        if (heap.arch() != arch) {
            throw new IllegalArgumentException("a " + heap.arch() + " kernel heap for a " + arch + " sample");
        }
        Objects.requireNonNull(direct, "direct");
        Objects.requireNonNull(module, "module");
        if (vmlinux != null) {
            if (vmlinux.arch() != arch) {
                throw new IllegalArgumentException("a " + vmlinux.arch() + " vmlinux for a " + arch + " sample");
            }
            if (direct != DirectCall.NONE) {
                throw new BadInputException(vmlinux.source(), null, "direct calls are modelled on the guest image only");
            }
        }
    }

    /** The sample on the guest image. */
    public FtraceOpsSample(Arch arch, Layout layout, Strategy strategy, long calls, KernelHeap heap, DirectCall direct) {
        this(arch, layout, strategy, calls, heap, direct, null, ModulePlacement.NEAR);
    }

    /** The sample with {@code heap} and no direct call. */
    public FtraceOpsSample(Arch arch, Layout layout, Strategy strategy, long calls, KernelHeap heap) {
        this(arch, layout, strategy, calls, heap, DirectCall.NONE, null, ModulePlacement.NEAR);
    }

    /** The sample on the default heap ({@link KernelHeap#of}). */
    public FtraceOpsSample(Arch arch, Layout layout, Strategy strategy, long calls) {
        this(arch, layout, strategy, calls, KernelHeap.of(arch));
    }

    /** The sample with the common-trampoline strategy and the kernel's 100,000 calls. */
    public static FtraceOpsSample of(Arch arch, Layout layout) {
        return new FtraceOpsSample(arch, layout, Strategy.COMMON, 100_000);
    }

    public FtraceOpsSample strategy(Strategy s) {
        return new FtraceOpsSample(arch, layout, s, calls, heap, direct, vmlinux, module);
    }

    public FtraceOpsSample calls(long n) {
        return new FtraceOpsSample(arch, layout, strategy, n, heap, direct, vmlinux, module);
    }

    /** This sample with its objects placed by {@code h}. */
    public FtraceOpsSample heap(KernelHeap h) {
        return new FtraceOpsSample(arch, layout, strategy, calls, h, direct, vmlinux, module);
    }

    /**
     * This sample with its first relevant ops ({@code relevant0}) a direct call whose trampoline
     * lies {@code d} ({@link DirectCall#NEAR}: in the module area above the image; {@link DirectCall#FAR}:
     * out of every site's reach). The other ops stay as they are: at R=1 the direct ops is alone
     * on the site, at R=2 it shares it with {@code relevant1} (through the list function and
     * {@code call_direct_funcs}).
     *
     * <pre>{@code
     * FtraceOpsSample.of(Arch.ARM64, Layout.CALL_OPS).direct(DirectCall.NEAR).run(1, 0).site().route(); // DIRECT
     * }</pre>
     */
    public FtraceOpsSample direct(DirectCall d) {
        return new FtraceOpsSample(arch, layout, strategy, calls, heap, d, vmlinux, module);
    }

    /**
     * The sample on a real kernel: its arch, the layout it was built with, the common trampoline,
     * the kernel's 100,000 calls and the default heap.
     *
     * <pre>{@code
     * FtraceOpsSample s = FtraceOpsSample.of(Vmlinux.open(path)).calls(1000);
     * s.layout();                              // nop-nop for Debian's riscv64 6.12
     * s.run(FtraceOpsSample.PUBLISHED_MATRIX);  // the kernel's own ftrace_caller and list function
     * }</pre>
     */
    public static FtraceOpsSample of(Vmlinux v) {
        return new FtraceOpsSample(v.arch(), Kernel.Real.layoutOf(v), Strategy.COMMON, 100_000, KernelHeap.of(v.arch()),
                DirectCall.NONE, v, ModulePlacement.NEAR);
    }

    /**
     * This sample with the module placed {@code p} beside its vmlinux: {@link ModulePlacement#FAR}
     * sends an arm64 site through the module's PLT.
     *
     * @throws IllegalStateException on the guest image, which has no module placement
     */
    public FtraceOpsSample module(ModulePlacement p) {
        if (vmlinux == null && p != ModulePlacement.NEAR) {
            throw new IllegalStateException("the module placement is for a sample on a vmlinux");
        }
        return new FtraceOpsSample(arch, layout, strategy, calls, heap, direct, vmlinux, p);
    }

    /** This sample with the heap's layout drawn from {@code seed}. */
    public FtraceOpsSample seed(long seed) {
        return heap(heap.withSeed(seed));
    }

    /** Runs every point (plus the untraced baseline, once) and returns a row per point. */
    public List<Row> run(List<Point> points) {
        return run(points, p -> { });
    }

    /** As {@link #run(List)}, telling {@code progress} before each point runs. */
    public List<Row> run(List<Point> points, Consumer<Point> progress) {
        double baseline = measure(new Point(0, 0), 0).instructionsPerCall();
        List<Row> rows = new ArrayList<>();
        for (Point p : points) {
            progress.accept(p);
            rows.add(measure(p, baseline));
        }
        return rows;
    }

    /** One point, with the overhead computed against its own untraced baseline. */
    public Row run(int relevant, int irrelevant) {
        return run(List.of(new Point(relevant, irrelevant))).get(0);
    }

    private Row measure(Point p, double baseline) {
        return row(p, boot(p).call(RELEVANT, calls), baseline);
    }

    /**
     * A model booted with this sample's layout, strategy and heap and the point's ops registered
     * as the sample module does it: the relevant ones first, each kind one kcalloc'd array.
     */
    public FtraceModel boot(Point p) {
        FtraceModel.Builder b = FtraceModel.builder(arch).layout(layout).strategy(strategy).heap(heap);
        if (vmlinux != null) {
            b.vmlinux(vmlinux).modulePlacement(module);
        }
        if (direct == DirectCall.FAR) {
            b.moduleArea(DirectCall.FAR_MODULE_AREA);
        }
        FtraceModel m = b.boot();
        registerKind(m, "relevant", RELEVANT, p.relevant(), direct != DirectCall.NONE);
        registerKind(m, "irrelevant", IRRELEVANT, p.irrelevant(), false);
        return m;
    }

    private static void registerKind(FtraceModel m, String prefix, String function, int n, boolean firstDirect) {
        if (n == 0) {
            return; // the sample allocates no array for a kind it has none of
        }
        List<Ops> group = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Ops ops = Ops.named(prefix + i).filter(function);
            group.add(i == 0 && firstDirect ? ops.directCall() : ops);
        }
        m.registerArray(group);
    }

    /**
     * The row for calls {@code s} made on a model from {@link #boot(Point)}, after checking them
     * like the sample's check_count.
     *
     * @throws IllegalStateException if a tracer ran the wrong number of times or a result changed
     *     on the guest image (a bug); {@link BadInputException} on a vmlinux, whose code did it
     */
    public Row row(Point p, CallStats s, double baseline) {
        check(s, p);
        return new Row(p.relevant(), p.irrelevant(), s.calls(), s.instructions(), s.instructionsPerCall(),
                s.instructionsPerCall() - baseline, s.counters(), s.site());
    }

    private void check(CallStats s, Point p) {
        long n = s.calls();
        long expected = 3 * (n * (n - 1) / 2) + n; // the sum of tracee_relevant(x) = 3x + 1 over x < N
        if (s.result() != expected) {
            throw failed(p, "tracing changed the results: " + s.result() + " instead of " + expected);
        }
        s.tracerCalls().forEach((name, ran) -> {
            long want = name.startsWith("relevant") ? n : 0;
            if (ran != want) {
                throw failed(p, "ops " + name + " ran " + ran + " times, expected " + want);
            }
        });
    }

    /** A failed check: the guest image's bug, or what a vmlinux's own code did (its file named). */
    private RuntimeException failed(Point p, String what) {
        return vmlinux == null ? new IllegalStateException(this + " " + p + ": " + what)
                : new BadInputException(vmlinux.source(), null, "the kernel's code at R=" + p.relevant() + " I="
                        + p.irrelevant() + ": " + what + " (as the sample's check_count would report)");
    }
}
