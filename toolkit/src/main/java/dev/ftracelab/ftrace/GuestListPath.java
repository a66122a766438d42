package dev.ftracelab.ftrace;

import dev.ftracelab.elf.Symbol;
import dev.ftracelab.emu.Hart;
import dev.ftracelab.emu.InstructionMix;
import dev.ftracelab.emu.ListPathMix;
import dev.ftracelab.emu.MixCounter;
import dev.ftracelab.emu.Trap;
import dev.ftracelab.isa.Arch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongPredicate;

/**
 * The guest kernel's list-path instruction mix, measured the way {@code census.KernelListPath}
 * measures a real kernel's, with the same classifier ({@link dev.ftracelab.emu.MixClass}) and
 * the same differencing ({@link ListPathMix#measure}): what the conformance test compares with
 * the committed real mix. The sample's ops use the empty tracer ({@link Ops#NOP}); what retires
 * in the traced function (its patch site), in its calling loop and in the tracer's body is not
 * counted, everything else from the trampoline on is.
 *
 * <pre>{@code
 * ListPathMix guest = ListPathMix.measure(new GuestListPath(Arch.ARM64, Layout.CALL_OPS));
 * }</pre>
 *
 * @param arch   the guest image's arch
 * @param layout the patch-site layout; with {@link Layout#CALL_OPS} the list is reached through
 *               {@code ftrace_list_ops} (two or more relevant ops, see {@link ListPathMix#BASE_RELEVANT})
 */
public record GuestListPath(Arch arch, Layout layout) implements ListPathMix.Runner {
    /** Calls per measurement: the mix per call must come out the same for each. */
    static final int CALLS = 4;

    public GuestListPath {
        Objects.requireNonNull(arch, "arch");
        layout.checkArch(arch);
    }

    /** The layout Debian's 6.12 kernel of {@code arch} uses: nop-nop on riscv64, CALL_OPS on arm64. */
    public static GuestListPath debian612(Arch arch) {
        return new GuestListPath(arch, arch == Arch.ARM64 ? Layout.CALL_OPS : Layout.NOP_NOP);
    }

    @Override
    public InstructionMix listPath(int relevant, int irrelevant) {
        FtraceModel m = boot(relevant, irrelevant);
        MixCounter c = new MixCounter(notIn(m, FtraceOpsSample.RELEVANT, "loop_" + FtraceOpsSample.RELEVANT, Ops.NOP));
        m.call(FtraceOpsSample.RELEVANT, CALLS, c);
        return c.mix().dividedBy(CALLS);
    }

    @Override
    public InstructionMix assist() {
        FtraceModel m = boot(1, 0);
        Hart h = m.machine().hart(0);
        FtraceModel.GuestTask task = m.newTask();
        long ret = m.symbolAddress("guest_call_return");
        long ip = m.site(FtraceOpsSample.RELEVANT).ip();
        // the frame the trampoline would pass sits above the callee's stack
        long sp = task.stackTop() - 512;
        m.prepareCall(h, task, m.symbolAddress("ftrace_ops_assist_func"), ip);
        h.setReg(arch.stackPointer(), sp);
        h.setReg(arch.argument(1), ret);
        h.setReg(arch.argument(2), m.opsAddress("relevant0"));
        h.setReg(arch.argument(3), sp + 256);
        MixCounter c = new MixCounter(notIn(m, Ops.NOP, "guest_call_return"));
        h.setListener(c);
        try {
            Trap t = h.run(1_000_000);
            if (!(t instanceof Trap.Breakpoint) || t.pc() != ret) {
                throw new IllegalStateException("ftrace_ops_assist_func did not return: "
                        + (t == null ? "no trap within the budget" : t.describe()));
            }
        } finally {
            h.setListener(null);
        }
        return c.mix();
    }

    private FtraceModel boot(int relevant, int irrelevant) {
        FtraceModel m = FtraceModel.builder(arch).layout(layout).boot();
        for (int i = 0; i < relevant; i++) {
            m.register(Ops.named("relevant" + i).filter(FtraceOpsSample.RELEVANT).tracer(Ops.NOP));
        }
        for (int i = 0; i < irrelevant; i++) {
            m.register(Ops.named("irrelevant" + i).filter(FtraceOpsSample.IRRELEVANT).tracer(Ops.NOP));
        }
        return m;
    }

    /** PCs outside the named functions of the image (each must exist and have a size). */
    private static LongPredicate notIn(FtraceModel m, String... functions) {
        List<long[]> ranges = new ArrayList<>();
        for (String f : functions) {
            Symbol s = m.image().symbol(f).orElseThrow(() -> new IllegalStateException("no symbol " + f + " in the guest image"));
            ranges.add(new long[] {s.value(), s.value() + Math.max(s.size(), 4)});
        }
        return pc -> {
            for (long[] r : ranges) {
                if (pc >= r[0] && pc < r[1]) {
                    return false;
                }
            }
            return true;
        };
    }
}
