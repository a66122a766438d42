package dev.ftracelab.ftrace;

import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.elf.Listing;
import dev.ftracelab.elf.PatchSite;
import dev.ftracelab.elf.Symbol;
import dev.ftracelab.elf.SymbolType;
import dev.ftracelab.emu.Hart;
import dev.ftracelab.emu.LinuxUser;
import dev.ftracelab.emu.Machine;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.emu.RetireListener;
import dev.ftracelab.emu.Trap;
import dev.ftracelab.emu.arm64.A64Hart;
import dev.ftracelab.isa.arm64.A64SysReg;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.BranchOutOfReachException;
import dev.ftracelab.isa.BranchReach;
import dev.ftracelab.isa.arm64.A64Encoder;
import dev.ftracelab.isa.riscv.RvEncoder;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.vmlinux.Vmlinux;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ftrace model: a guest kernel image booted on an emulated hart, with ops registered and
 * patch sites written the way the kernel does it, and traced calls measured by running them.
 *
 * <p>Boot does what {@code ftrace_init} does: every compiler-emitted patch area is rewritten
 * into the layout's untraced state ({@link SiteCode#boot}), CALL_OPS literals point at
 * {@code ftrace_nop_ops}. Each {@link #register}, {@link #unregister} or {@link #setFilter} then
 * writes the ops and its filter hashes into guest memory, links it into {@code ftrace_ops_list},
 * and recomputes every site as the kernel does: no ops → untraced; one ops that is direct and in
 * reach → straight to its direct trampoline; one ops with a private trampoline in reach (strategy
 * {@link Strategy#PER_CALLSITE_TRAMPOLINE}) → that trampoline; otherwise the common trampoline,
 * whose CALL_OPS literal names the one ops if it needs no wrapper, else {@code ftrace_list_ops}.
 * Changed sites are written literal first, then the call, and every hart's fetch cache flushed.
 *
 * <p>Ops, filter hashes, bucket arrays and entries are kmalloc objects placed by a seeded
 * {@link KernelHeap} ({@link Builder#heap}, {@link Builder#seed}, {@link Builder#kernel}), in the
 * order the kernel's sample and {@code ftrace_set_filter_ip()} allocate them.
 *
 * <pre>{@code
 * FtraceModel m = FtraceModel.boot(Arch.RISCV64, Layout.CALL_OPS);
 * m.register(Ops.named("r0").filter("tracee_relevant"));
 * CallStats s = m.call("tracee_relevant", 100_000);
 * s.instructionsPerCall();          // the cost of one traced call
 * s.tracerCalls().get("r0");        // 100000
 * }</pre>
 *
 * <p>Not thread-safe: one model per thread (models are cheap: the image is a few KiB).
 */
public final class FtraceModel {
    /** Where the toolkit keeps ops, hashes and the task in guest memory. */
    static final long DATA_BASE = 0x4000_0000L;
    static final long DATA_SIZE = 64L << 20;
    static final long MODULE_AREA_SIZE = 4L << 20;
    /** {@code FTRACE_HASH_DEFAULT_BITS}: the size of the scratch hash a filter is built in. */
    private static final int FTRACE_HASH_DEFAULT_BITS = 10;
    /** Instructions a call may take before the model gives up on it (per call, plus a base). */
    private static final long BUDGET_PER_CALL = 1_000_000;

    private final Arch arch;
    private final Layout layout;
    private final Strategy strategy;
    private final Kernel kernel;
    private final KernelStructs abi;
    private final Machine machine;
    private final Memory mem;
    private final long common;
    private final Map<String, SiteCode> sites = new LinkedHashMap<>();
    private final Map<Long, String> functionAtIp = new TreeMap<>();
    private final Map<String, Registered> registered = new LinkedHashMap<>();
    /** ftrace_ops_list as the model wrote it: most recently registered first. */
    private final List<Registered> list = new ArrayList<>();
    private final Map<String, Callsite> state = new LinkedHashMap<>();
    private final List<TextWrite> patchLog = new ArrayList<>();
    private final Arena data;
    /** Where ops, hashes and entries go: kmalloc objects, as the sample module and ftrace allocate them. */
    private final SlabHeap heap;
    private final Arena pool;
    private final Arena module;
    private final long task;
    /** The stack {@link #call} runs on. */
    private final long stackTop;
    /** The module's ftrace PLT entry, or 0 until a site out of reach needs it. */
    private long modulePlt;
    /** The function {@link #call} is calling, for a trap's message; null between calls. */
    private String calling;
    /** Where the common trampoline (without CALL_OPS) calls now; 0 before boot wrote it. */
    private long commonDestination;

    /** An ops as placed in guest memory. */
    private static final class Registered {
        final Ops ops;
        final long address;
        long filterHash;
        long notraceHash;
        long trampoline;
        long direct;

        Registered(Ops ops, long address) {
            this.ops = ops;
            this.address = address;
        }
    }

    private FtraceModel(Builder b) {
        this.arch = b.arch;
        this.strategy = b.strategy;
        if (b.vmlinux == null) {
            this.layout = b.layout.checkArch(b.arch);
            this.kernel = Kernel.Guest.boot(arch, b.harts);
        } else {
            Kernel.Real.check(b.vmlinux);
            Layout built = Kernel.Real.layoutOf(b.vmlinux);
            if (b.layoutSet && b.layout != built) {
                throw new BadInputException(b.vmlinux.source(), null, "layout " + b.layout.id()
                        + " asked for, but the image is built with " + built.id() + ": leave the layout out");
            }
            if (strategy != Strategy.COMMON) {
                throw new BadInputException(b.vmlinux.source(), null, "strategy " + strategy.id()
                        + ": a real " + arch + " kernel has no per-callsite trampolines; expected " + Strategy.COMMON.id());
            }
            this.layout = built;
            Kernel.Real real = Kernel.Real.boot(b.vmlinux, b.harts, b.placement);
            real.checkLayout(built);
            this.kernel = real;
        }
        this.machine = kernel.machine();
        this.mem = machine.memory();
        this.abi = kernel.structs();
        this.common = symbol(kernel.commonTrampoline(layout));
        mem.map(DATA_BASE, DATA_SIZE, Memory.R | Memory.W);
        this.data = new Arena("ftrace data", DATA_BASE, DATA_SIZE);
        this.heap = b.heap().start();
        this.pool = kernel.find("ftrace_tramp_pool").map(p -> new Arena("trampoline pool", p,
                symbol("ftrace_tramp_pool_end") - p)).orElse(null);
        long moduleBase = b.moduleArea != 0 ? b.moduleArea : defaultModuleArea();
        mem.map(moduleBase, MODULE_AREA_SIZE, Memory.R | Memory.X);
        this.module = new Arena("module area", moduleBase, MODULE_AREA_SIZE);
        this.task = newTaskStruct();
        this.stackTop = kernel instanceof Kernel.Guest ? LinuxUser.STACK_TOP - 64 : data.alloc(TASK_STACK) + TASK_STACK - 64;
        if (kernel instanceof Kernel.Real r) {
            checkReach(r, moduleBase);
        }
        kernel.sites().forEach((name, entry) -> {
            SiteCode code = new SiteCode(arch, layout, name, entry, common);
            sites.put(name, code);
            functionAtIp.put(code.ip(), name);
            write(code.boot());
            if (layout.hasLiteral()) {
                write(List.of(TextWrite.quad(code.literal(), symbol("ftrace_nop_ops"), name + "-8: ops literal = ftrace_nop_ops")));
            }
            state.put(name, new Callsite(name, entry, List.of(), Callsite.Route.UNTRACED, "",
                    layout.hasLiteral() ? "ftrace_nop_ops" : "", ""));
        });
        updateCommonTrampoline();
        patchLog.clear();
        machine.flushFetchCaches();
    }

    /** Boots the arch's guest kernel image with {@code layout} and the common-trampoline strategy. */
    public static FtraceModel boot(Arch arch, Layout layout) {
        return builder(arch).layout(layout).boot();
    }

    /** A builder; the layout defaults to CALL_OPS, the strategy to {@link Strategy#COMMON}. */
    public static Builder builder(Arch arch) {
        return new Builder(arch);
    }

    /** Configuration of a model: layout, strategy and where trampolines go. */
    public static final class Builder {
        private final Arch arch;
        private Layout layout = Layout.CALL_OPS;
        private Strategy strategy = Strategy.COMMON;
        private long moduleArea;
        private int harts = 1;
        private KernelHeap heap;
        private boolean layoutSet;
        private Vmlinux vmlinux;
        private ModulePlacement placement = ModulePlacement.NEAR;

        private Builder(Arch arch) {
            this.arch = Objects.requireNonNull(arch);
        }

        /**
         * Where ops, filter hashes and hash entries are allocated (default
         * {@link KernelHeap#of}: Debian 6.12's kmalloc with {@link KernelHeap#DEFAULT_SEED}).
         */
        public Builder heap(KernelHeap spec) {
            if (spec.arch() != arch) {
                throw new IllegalArgumentException("a " + spec.arch() + " kernel heap for a " + arch + " model");
            }
            this.heap = spec;
            return this;
        }

        /** The heap's seed: another layout of the same kernel's objects. */
        public Builder seed(long seed) {
            this.heap = heap().withSeed(seed);
            return this;
        }

        /**
         * The kernel version whose kmalloc rules place the objects ({@code "6.12"}, {@code "6.2"});
         * keeps the heap's seed, CPUs and busy setting, takes the version's minimum alignment.
         */
        public Builder kernel(String version) {
            KernelHeap h = heap();
            this.heap = KernelHeap.builder(arch).kernel(version).seed(h.seed()).cpus(h.cpus()).busy(h.busy()).build();
            return this;
        }

        private KernelHeap heap() {
            return heap != null ? heap : KernelHeap.of(arch);
        }

        public Builder layout(Layout layout) {
            this.layout = Objects.requireNonNull(layout);
            this.layoutSet = true;
            return this;
        }

        /**
         * Runs the kernel side on {@code v}'s own machine code instead of the guest image: its
         * {@code ftrace_caller}, list function and hash lookups, with the sample module loaded
         * beside it as a module and every struct laid out by its BTF. The layout is the one the
         * image was built with (a different {@link #layout} is refused); the strategy must be
         * {@link Strategy#COMMON}; direct calls are not modelled on a real image.
         *
         * <pre>{@code
         * FtraceModel m = FtraceModel.builder(Arch.RISCV64).vmlinux(Vmlinux.open(path)).boot();
         * m.layout();   // NOP_NOP for Debian's 6.12
         * }</pre>
         */
        /** Where the sample module goes beside a vmlinux (default {@link ModulePlacement#NEAR}). */
        public Builder modulePlacement(ModulePlacement p) {
            this.placement = Objects.requireNonNull(p);
            return this;
        }

        public Builder vmlinux(Vmlinux v) {
            if (v.arch() != arch) {
                throw new IllegalArgumentException("a " + v.arch() + " vmlinux for a " + arch + " model");
            }
            this.vmlinux = v;
            return this;
        }

        public Builder strategy(Strategy strategy) {
            this.strategy = Objects.requireNonNull(strategy);
            return this;
        }

        /**
         * Where direct trampolines (and private ones that do not fit the pool beside the common
         * trampolines) are allocated: by default just above the image, in reach of every call. Put
         * it far away (say {@code 0x10_0000_0000L}) to see sites fall back to the common trampoline.
         */
        public Builder moduleArea(long address) {
            if ((address & (Memory.PAGE_SIZE - 1)) != 0) {
                throw new IllegalArgumentException("the module area must be page-aligned: 0x" + Long.toHexString(address));
            }
            this.moduleArea = address;
            return this;
        }

        /**
         * Harts sharing the image's memory (default 1). {@link FtraceModel#call} runs on hart 0; the
         * others are for callers that schedule tasks themselves, such as the patch-safety explorer.
         */
        public Builder harts(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("a model needs at least one hart, got " + n);
            }
            this.harts = n;
            return this;
        }

        public FtraceModel boot() {
            return new FtraceModel(this);
        }
    }

    public Arch arch() {
        return arch;
    }

    public Layout layout() {
        return layout;
    }

    public Strategy strategy() {
        return strategy;
    }

    /** The rules and seed the ops, hashes and entries were placed by. */
    public KernelHeap heap() {
        return heap.spec();
    }

    /** The emulated machine (one hart) the image runs on. */
    public Machine machine() {
        return machine;
    }

    /** The kernel image whose symbols name kernel addresses: the guest image, or the vmlinux. */
    public ElfFile image() {
        return kernel.image();
    }

    /** What the model runs (tests reach the per-CPU area through it). */
    Kernel kernel() {
        return kernel;
    }

    /** The vmlinux the model runs, or null if it runs the guest image. */
    public Vmlinux vmlinux() {
        return kernel instanceof Kernel.Real r ? r.vmlinux() : null;
    }

    /** {@code function+0xoff} (or the function's name) of {@code pc} in the kernel or the sample. */
    public String where(long pc) {
        return kernel.where(pc);
    }

    /** The functions with a patch site, in address order. */
    public List<String> traceableFunctions() {
        return List.copyOf(sites.keySet());
    }

    /** The registered ops, in registration order. */
    public List<Ops> ops() {
        return registered.values().stream().map(r -> r.ops).toList();
    }

    /** How each traceable function dispatches now, in address order. */
    public List<Callsite> callsites() {
        return List.copyOf(state.values());
    }

    /** How {@code function} dispatches now. */
    public Callsite callsite(String function) {
        site(function);
        return state.get(function);
    }

    /**
     * The listing of {@code function} as it is now in guest memory: its patch area as the layout
     * and the registered ops have it (objdump-like text with {@link dev.ftracelab.elf.Listing#toText()}).
     * A CALL_OPS literal is listed as data, {@code .quad 0x... <ops>}, not disassembled.
     */
    public Listing listing(String function) {
        SiteCode code = site(function);
        java.util.Map<Long, String> quads = layout.hasLiteral()
                ? java.util.Map.of(code.literal(), callsite(function).literal()) : java.util.Map.of();
        if (!(kernel instanceof Kernel.Guest g)) {
            throw new UnsupportedOperationException("listings are of the guest image; on " + kernel.describe()
                    + " disassemble the sample module with `ftrace-lab disasm`");
        }
        return Listing.of(g.image(), s -> mem.read(s.address(), (int) s.size()), quads).function(function);
    }

    /** The text and literal writes of the last register/unregister/filter change, in order. */
    public List<TextWrite> lastPatch() {
        return List.copyOf(patchLog);
    }

    /** The patch site of {@code function}: its addresses and the layout's encodings. */
    public SiteCode site(String function) {
        SiteCode s = sites.get(function);
        if (s == null) {
            throw new IllegalArgumentException("no traceable function '" + function + "' in the " + arch
                    + " image: expected one of " + String.join(", ", sites.keySet()));
        }
        return s;
    }

    /** The address of symbol {@code name} in the kernel image (or the sample module beside a vmlinux). */
    public long symbolAddress(String name) {
        return symbol(name);
    }

    /**
     * A guest task: the {@code struct task_struct} that {@code current} (tp / SP_EL0) points at,
     * and the top of the task's own stack.
     */
    public record GuestTask(long ctx, long stackTop) {
    }

    /**
     * Offsets, in a task's {@code struct task_struct}, of the 8-byte words the ftrace path reads or
     * writes (thread_info's flags and preempt count, the guest's RCU-watching word, the stack canary,
     * the recursion bits): a task's ftrace state, for callers that compare tasks' states.
     */
    public int[] taskStateWords() {
        if (!(kernel instanceof Kernel.Guest)) {
            throw new UnsupportedOperationException("task states are compared on the guest image only");
        }
        GuestAbi.ArchAbi a = GuestAbi.of(arch);
        return new int[] {0, a.taskPreemptCount(), a.taskRcuWatching(), a.taskStackCanary(), a.taskTraceRecursion()};
    }

    /** Bytes of one registered ops in guest memory (a {@code struct sample_ops}: the ops and its counter). */
    public static final long OPS_SIZE = GuestAbi.SAMPLE_SIZE;

    /** Bytes of stack each {@link #newTask()} gets. */
    public static final long TASK_STACK = 16 << 10;

    /** Allocates another task (context and stack) in the data area, for callers that run several. */
    public GuestTask newTask() {
        long ctx = newTaskStruct();
        long stack = data.alloc(TASK_STACK);
        return new GuestTask(ctx, stack + TASK_STACK - 64);
    }

    /**
     * A zeroed {@code task_struct} in process context with nothing recursing; the guest's
     * RCU-watching word set, arm64's inverted need_resched set to "nothing to do", a canary.
     */
    private long newTaskStruct() {
        long t = data.alloc(abi.taskSize());
        if (abi.taskRcuWatching() >= 0) {
            mem.writeValue(t + abi.taskRcuWatching(), 1, 8);
        }
        if (abi.taskNeedResched() >= 0) {
            mem.writeValue(t + abi.taskNeedResched(), 1, 4);
        }
        if (abi.taskStackCanary() >= 0 && kernel instanceof Kernel.Real) {
            mem.writeValue(t + abi.taskStackCanary(), 0x2f8a_4c1e_93d6_b750L, 8);
        }
        return t;
    }

    /**
     * Sets {@code h} up to call {@code fn(arg)} as {@code task}: argument, stack, {@code current},
     * gp, and a return address at {@code guest_call_return}, whose breakpoint ends the call.
     * Other registers keep what they hold, as a caller's temporaries would.
     */
    public void prepareCall(Hart h, GuestTask task, long fn, long arg) {
        h.setReg(arch.argument(0), arg);
        h.setReg(arch.linkRegister(), kernel.returnAddress());
        h.setReg(arch.stackPointer(), task.stackTop());
        if (h instanceof A64Hart a) {
            a.setSystemRegister(A64SysReg.SP_EL0, task.ctx()); // `current`, as the arm64 kernel keeps it
        } else {
            h.setReg(4, task.ctx()); // tp: `current`
            h.setReg(3, kernel.globalPointer()); // gp: the linker relaxes accesses to small data against it
        }
        h.setPc(fn);
    }

    /** The guest address of the registered ops {@code name} (in its {@code struct sample_ops}). */
    public long opsAddress(String name) {
        return ops(name).address;
    }

    /** The ops' private trampoline, or 0 if it has none. */
    public long trampolineAddress(String name) {
        return ops(name).trampoline;
    }

    /** The direct trampoline of direct-call ops {@code name}, or 0 if it is not one. */
    public long directAddress(String name) {
        return ops(name).direct;
    }

    /** The times ops {@code name}'s tracer (or direct trampoline) ran since it was registered. */
    public long tracerCalls(String name) {
        return Integer.toUnsignedLong(mem.load32(ops(name).address + abi.countFromOps())); // an unsigned int
    }

    /**
     * Registers {@code ops} (a {@code struct sample_ops} of its own, kmalloc'd; added at the head of
     * {@code ftrace_ops_list}, as the kernel does) and updates every site.
     *
     * @throws IllegalArgumentException if the name is taken or a filtered function has no patch site
     */
    public void register(Ops ops) {
        registerArray(List.of(ops));
    }

    /**
     * Registers {@code group} the way the sample's {@code ops_alloc_init} does: one
     * {@code kcalloc}'d array of {@code struct sample_ops} (ops {@code i} at
     * {@code opsAddress(first) + i * }{@link #OPS_SIZE}), then for each ops in order its filter
     * set (hash objects allocated) and its registration.
     *
     * <pre>{@code
     * m.registerArray(List.of(Ops.named("r0").filter("tracee_relevant"), Ops.named("r1").filter("tracee_relevant")));
     * m.opsAddress("r1") - m.opsAddress("r0");   // OPS_SIZE
     * }</pre>
     *
     * @throws IllegalArgumentException if a name is taken (or repeated) or a filtered function has
     *     no patch site; then nothing is registered
     */
    public void registerArray(List<Ops> group) {
        if (group.isEmpty()) {
            throw new IllegalArgumentException("an ops array needs at least one ops");
        }
        Set<String> names = new HashSet<>();
        for (Ops ops : group) {
            if (registered.containsKey(ops.name()) || !names.add(ops.name())) {
                throw new IllegalArgumentException("an ops named '" + ops.name() + "' is already registered");
            }
            checkFunctions(ops.filter());
            checkFunctions(ops.notrace());
            if (!ops.direct()) {
                symbolOrThrow(ops.tracer(), "tracer function");
            }
        }
        long array = kcalloc(group.size(), abi.sampleSize());
        for (int i = 0; i < group.size(); i++) {
            link(group.get(i), array + (long) i * abi.sampleSize() + abi.opsInSample());
        }
    }

    /** Fills in the ops at {@code a}, writes its hashes, links it at the head of the list and updates every site. */
    private void link(Ops ops, long a) {
        long tracer = ops.direct() ? symbol("call_direct_funcs") : symbolOrThrow(ops.tracer(), "tracer function");
        Registered r = new Registered(ops, a);
        KernelStructs.Flags fl = abi.flags();
        long flags = fl.enabled() | fl.dynamic() | fl.initialized() | (ops.recursion() ? fl.recursion() : 0)
                | (ops.rcu() ? fl.rcu() : 0) | (ops.direct() ? fl.direct() : 0)
                | (strategy == Strategy.PER_CALLSITE_TRAMPOLINE ? fl.allocTramp() : 0);
        store(a + abi.opsFunc(), tracer);
        store(a + abi.opsFlags(), flags);
        store(a + abi.opsFuncHash(), a + abi.opsLocalHash());
        r.filterHash = writeHash(ops.filter());
        r.notraceHash = writeHash(ops.notrace());
        store(a + abi.opsFilterHash(), r.filterHash);
        store(a + abi.opsNotraceHash(), r.notraceHash);
        if (ops.direct()) {
            r.direct = copyTemplate(module.alloc(templateSize("ftrace_direct_tramp")), "ftrace_direct_tramp");
            store(r.direct + symbol("ftrace_direct_tramp_counter") - symbol("ftrace_direct_tramp_template"),
                    a + abi.countFromOps());
            store(a + abi.opsDirectCall(), r.direct);
        }
        store(a + abi.opsNext(), list.isEmpty() ? symbol("ftrace_list_end") : list.get(0).address);
        registered.put(ops.name(), r);
        list.add(0, r);
        store(symbol("ftrace_ops_list"), a);
        update();
    }

    /** Unregisters ops {@code name}: unlinks it from the list and updates every site. */
    public void unregister(String name) {
        Registered r = ops(name);
        Registered previous = null;
        for (Registered x : list) {
            if (x == r) {
                break;
            }
            previous = x;
        }
        long next = mem.load64(r.address + abi.opsNext());
        store(previous == null ? symbol("ftrace_ops_list") : previous.address + abi.opsNext(), next);
        list.remove(r);
        registered.remove(name);
        if (r.trampoline != 0) {
            // its sites are rewritten by the update below, before anything runs: the room can be reused
            (pool != null && pool.contains(r.trampoline) ? pool : module).free(r.trampoline, templateSize("ftrace_ops_tramp"));
        }
        update();
    }

    /** Replaces ops {@code name}'s filter (a new hash is written, then swapped in) and updates every site. */
    public void setFilter(String name, String... functions) {
        Registered old = ops(name);
        Ops changed = old.ops.filter(functions);
        checkFunctions(changed.filter());
        Registered r = new Registered(changed, old.address);
        r.filterHash = writeHash(changed.filter());
        r.notraceHash = old.notraceHash;
        r.trampoline = old.trampoline;
        r.direct = old.direct;
        store(r.address + abi.opsFilterHash(), r.filterHash);
        registered.put(name, r);
        list.replaceAll(x -> x == old ? r : x);
        update();
    }

    /**
     * Calls {@code function} {@code calls} times from its guest loop ({@code loop_<function>})
     * and returns what the hart retired and which tracers ran.
     *
     * @throws IllegalArgumentException if the image has no such traced function
     */
    public CallStats call(String function, long calls) {
        return call(function, calls, null);
    }

    /** As {@link #call(String, long)}, reporting every retired instruction to {@code listener} (may be null). */
    public CallStats call(String function, long calls, RetireListener listener) {
        site(function);
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be at least 1, got " + calls);
        }
        long loop = symbolOrThrow("loop_" + function, "loop function");
        Map<String, Long> before = new LinkedHashMap<>();
        registered.keySet().forEach(n -> before.put(n, tracerCalls(n)));
        Hart h = machine.hart(0);
        long[] c0 = h.counters();
        h.setListener(listener);
        long result;
        calling = function;
        try {
            // saturated: a budget past 2^63 is no budget, not a negative one
            long budget = calls >= Long.MAX_VALUE / BUDGET_PER_CALL - 1 ? Long.MAX_VALUE : BUDGET_PER_CALL * (calls + 1);
            result = invoke(loop, calls, budget);
        } finally {
            h.setListener(null);
            calling = null;
        }
        long[] c1 = h.counters();
        for (int i = 0; i < c1.length; i++) {
            c1[i] -= c0[i];
        }
        Map<String, Long> tracers = new LinkedHashMap<>();
        before.forEach((n, v) -> tracers.put(n, tracerCalls(n) - v));
        return new CallStats(function, calls, result, c1, tracers, state.get(function));
    }

    // ---- dispatch decisions ----

    /** Recomputes every site (and the common trampoline's destination) and writes what changed. */
    private void update() {
        patchLog.clear();
        updateCommonTrampoline();
        Map<String, List<Registered>> bySite = new LinkedHashMap<>();
        for (String f : sites.keySet()) {
            bySite.put(f, list.stream().filter(r -> r.ops.traces(f)).toList());
        }
        if (strategy == Strategy.PER_CALLSITE_TRAMPOLINE) {
            allocateTrampolines(bySite);
        }
        bySite.forEach((f, on) -> apply(sites.get(f), on));
        machine.flushFetchCaches();
    }

    private void apply(SiteCode site, List<Registered> on) {
        String f = site.function();
        List<String> names = on.stream().map(r -> r.ops.name()).toList();
        Callsite.Route route;
        long target = 0;
        String targetName = "";
        String fallback = "";
        Registered only = on.size() == 1 ? on.get(0) : null;
        if (on.isEmpty()) {
            route = Callsite.Route.UNTRACED;
        } else if (only != null && only.direct != 0 && site.reaches(only.direct)) {
            route = Callsite.Route.DIRECT;
            target = only.direct;
            targetName = "direct(" + only.ops.name() + ")";
        } else if (only != null && only.trampoline != 0 && site.reaches(only.trampoline)) {
            route = Callsite.Route.PER_CALLSITE_TRAMPOLINE;
            target = only.trampoline;
            targetName = "trampoline(" + only.ops.name() + ")";
        } else {
            route = Callsite.Route.COMMON_TRAMPOLINE;
            target = common;
            targetName = kernel.commonTrampoline(layout);
            if (!site.reaches(common)) {
                // a module past the BL's reach calls ftrace_caller through its ftrace PLT, as
                // ftrace_find_callable_addr() picks it
                target = modulePlt();
                targetName += " via the module PLT";
            }
            if (only != null && (only.direct != 0 || only.trampoline != 0)) {
                fallback = (only.direct != 0 ? "direct" : "per-callsite") + " trampoline at 0x"
                        + Long.toHexString(only.direct != 0 ? only.direct : only.trampoline) + " out of reach";
            }
        }
        String literal = "";
        long literalValue = 0;
        if (layout.hasLiteral()) {
            if (on.isEmpty()) {
                literal = "ftrace_nop_ops";
                literalValue = symbol(literal);
            } else if (only != null && !only.ops.wrapped()) {
                literal = only.ops.name();
                literalValue = only.address;
            } else {
                literal = "ftrace_list_ops";
                literalValue = symbol(literal);
            }
        }
        Callsite now = new Callsite(f, site.entry(), names, route, targetName, literal, fallback);
        Callsite was = state.put(f, now);
        List<TextWrite> writes = new ArrayList<>();
        if (layout.hasLiteral() && !literal.equals(was.literal())) {
            writes.add(TextWrite.quad(site.literal(), literalValue, f + "-8: ops literal = " + literal));
        }
        if (route != was.route() || !targetName.equals(was.target())) {
            writes.addAll(route == Callsite.Route.UNTRACED ? site.disable() : site.enable(target, targetName));
        }
        write(writes);
    }

    /**
     * Gives each ops that is alone on some site a private trampoline (once; it keeps it until
     * unregistered, like x86), placed where it reaches the most of those sites: the pool beside
     * the common trampolines, else the module area.
     */
    private void allocateTrampolines(Map<String, List<Registered>> bySite) {
        Map<Registered, List<SiteCode>> alone = new LinkedHashMap<>();
        bySite.forEach((f, on) -> {
            if (on.size() == 1 && !on.get(0).ops.direct()) {
                alone.computeIfAbsent(on.get(0), k -> new ArrayList<>()).add(sites.get(f));
            }
        });
        long size = templateSize("ftrace_ops_tramp");
        alone.forEach((r, mySites) -> {
            if (r.trampoline != 0) {
                return;
            }
            Arena best = null;
            long bestAt = 0;
            long bestReached = -1;
            for (Arena a : pool == null ? List.of(module) : List.of(pool, module)) {
                for (long at : a.candidates(size)) {
                    long reached = mySites.stream().filter(s -> s.reaches(at)).count();
                    if (reached > bestReached) {
                        best = a;
                        bestAt = at;
                        bestReached = reached;
                    }
                }
            }
            if (best == null || bestReached == 0) {
                return; // no room in reach of any of its sites: they use the common trampoline
            }
            r.trampoline = makeTrampoline(best.take(bestAt, size), r);
            store(r.address + abi.opsTrampoline(), r.trampoline);
            store(r.address + abi.opsTrampolineSize(), size);
        });
    }

    /** A copy of the trampoline template with the ops baked in and a direct call to its function. */
    private long makeTrampoline(long t, Registered r) {
        copyTemplate(t, "ftrace_ops_tramp");
        long base = symbol("ftrace_ops_tramp_template");
        if (arch == Arch.RISCV64 && layout != Layout.NOP_NOP) {
            // the copy passes the ip the layout records: the JALR, 4 bytes before where t0 points
            long ipAt = t + symbol("ftrace_ops_tramp_ip") - base;
            write(List.of(TextWrite.word(ipAt, RvEncoder.addi(RvEncoder.A0, RvEncoder.T0, -4),
                    "trampoline(" + r.ops.name() + "): ip = t0 - 4")));
        }
        store(t + symbol("ftrace_ops_tramp_ops") - base, r.address);
        long call = t + symbol("ftrace_ops_tramp_call") - base;
        long func = r.ops.wrapped() ? symbol("ftrace_ops_assist_func") : mem.load64(r.address + abi.opsFunc());
        String what = "trampoline(" + r.ops.name() + "): call " + (r.ops.wrapped() ? "ftrace_ops_assist_func" : r.ops.tracer());
        List<TextWrite> code = new ArrayList<>();
        if (arch == Arch.ARM64) {
            code.add(TextWrite.word(call, A64Encoder.bl(call, func), what));
        } else {
            try {
                code.add(TextWrite.word(call, RvEncoder.jal(RvEncoder.RA, call, func), what));
                code.add(TextWrite.word(call + 4, RvEncoder.nop(), what));
            } catch (BranchOutOfReachException e) {
                int[] pair = RvEncoder.auipcJalr(RvEncoder.RA, RvEncoder.RA, call, func);
                code.add(TextWrite.word(call, pair[0], what));
                code.add(TextWrite.word(call + 4, pair[1], what));
            }
        }
        write(code);
        return t;
    }

    /**
     * Refuses a vmlinux whose common trampoline no site of the sample module can call: riscv
     * modules sit within an AUIPC+JALR's ±2 GiB of the kernel; an arm64 site out of BL reach
     * goes through the module's PLT, whose ADRP reaches ±4 GiB.
     */
    private void checkReach(Kernel.Real r, long pltArea) {
        for (Map.Entry<String, Long> site : r.sites().entrySet()) {
            SiteCode code = new SiteCode(arch, layout, site.getKey(), site.getValue(), common);
            long off = common - pltArea;
            boolean viaPlt = arch == Arch.ARM64 && off >= -(4L << 30) && off < (4L << 30);
            // (checkLayout has refused misaligned code; the boot AUIPC of riscv's atomic and CALL_OPS
            // sites aims at the trampoline, so the pair's reach is what matters on riscv)
            boolean reaches = arch == Arch.RISCV64 ? BranchReach.AUIPC_JALR.reaches(common - site.getValue())
                    : code.reaches(common);
            if (!viaPlt && !reaches) {
                throw new BadInputException(r.vmlinux().source(), null, String.format(Locale.ROOT,
                        "%s at 0x%x is out of reach of the sample module at 0x%x: expected the image within %s of"
                        + " its lowest address", kernel.commonTrampoline(layout), common, r.module().base(),
                        arch == Arch.RISCV64 ? "2 GiB" : "4 GiB"));
            }
        }
    }

    /** The module's ftrace PLT entry, written once: {@code adrp x16; add x16, x16, lo; br x16} to the common trampoline. */
    private long modulePlt() {
        if (modulePlt == 0) {
            if (arch != Arch.ARM64) {
                throw new IllegalStateException("a riscv site's AUIPC+JALR reaches " + kernel.commonTrampoline(layout)
                        + " from every module: no PLT");
            }
            long plt = module.alloc(16);
            int[] adrpAdd = A64Encoder.adrpAdd(16, plt, common);
            write(List.of(TextWrite.word(plt, adrpAdd[0], "module PLT: adrp x16"),
                    TextWrite.word(plt + 4, adrpAdd[1], "module PLT: add x16"),
                    TextWrite.word(plt + 8, A64Encoder.br(16), "module PLT: br x16 -> " + kernel.commonTrampoline(layout))));
            modulePlt = plt;
        }
        return modulePlt;
    }

    /** Copies the template {@code <prefix>_template} of the image to {@code t}. */
    private long copyTemplate(long t, String prefix) {
        long start = symbol(prefix + "_template");
        write(List.of(new TextWrite(t, mem.read(start, (int) templateSize(prefix)), prefix + " copy")));
        return t;
    }

    private long templateSize(String prefix) {
        return symbol(prefix + "_template_end") - symbol(prefix + "_template");
    }

    /**
     * Points the common trampoline (without CALL_OPS) at the list function while any ops is
     * registered, else at {@code ftrace_stub}. The sample's ops are dynamic (module) ops, for
     * which the kernel always goes through the list function, even with one registered.
     */
    private void updateCommonTrampoline() {
        String dest = list.isEmpty() ? "ftrace_stub" : "ftrace_ops_list_func";
        if (kernel instanceof Kernel.Real && layout != Layout.CALL_OPS) {
            // what update_ftrace_function() leaves for the trampoline's op argument: the one ops,
            // or ftrace_list_end for several (the list function ignores it; the trampoline loads it)
            long op = list.size() == 1 ? list.get(0).address : symbol("ftrace_list_end");
            if (kernel.find("function_trace_op").isPresent() && mem.load64(symbol("function_trace_op")) != op) {
                write(List.of(TextWrite.quad(symbol("function_trace_op"), op, "function_trace_op")));
            }
        }
        long d = symbol(dest);
        if (d == commonDestination) {
            return;
        }
        commonDestination = d;
        switch (layout) {
            case NOP_NOP -> {
                long at = symbol(kernel.trampolineCall(layout));
                int[] pair = RvEncoder.auipcJalr(RvEncoder.RA, RvEncoder.RA, at, d);
                write(List.of(TextWrite.word(at, pair[0], "ftrace_call: auipc ra"),
                        TextWrite.word(at + 4, pair[1], "ftrace_call: jalr ra -> " + dest)));
            }
            case ATOMIC -> write(List.of(TextWrite.quad(symbol("ftrace_call_dest"), d, "ftrace_call_dest = " + dest)));
            case PRE_CALL_OPS -> {
                long at = symbol(kernel.trampolineCall(layout));
                write(List.of(TextWrite.word(at, A64Encoder.bl(at, d), "ftrace_call: bl " + dest)));
            }
            case CALL_OPS -> {
                // the trampoline calls ops->func from the literal
            }
        }
    }

    // ---- guest memory ----

    /** Writes a filter or notrace hash for {@code functions}; the static {@code EMPTY_HASH} for none, never 0. */
    private long writeHash(Set<String> functions) {
        if (functions.isEmpty()) {
            return symbol(GuestAbi.EMPTY_HASH);
        }
        int count = functions.size();
        // ftrace_set_filter_ip() builds the new filter in a scratch hash of 2^10 buckets, allocates
        // each entry, then moves the entries into a hash sized to the count and frees the scratch
        // one: the allocations (and the LIFO reuse of the freed objects) follow that order
        long scratch = kmalloc(abi.hashSize());
        long scratchBuckets = kcalloc(1L << FTRACE_HASH_DEFAULT_BITS, 8);
        List<Long> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(kmalloc(abi.entrySize()));
        }
        // the kernel sizes a committed hash to about half its entries, at most 2^12 buckets
        int bits = Math.min(GuestAbi.HASH_MAX_BITS, 64 - Long.numberOfLeadingZeros(count / 2));
        long hash = kmalloc(abi.hashSize());
        long buckets = kcalloc(1L << bits, 8);
        heap.kfree(scratchBuckets);
        heap.kfree(scratch);
        var nextEntry = entries.iterator();
        store(hash + abi.hashSizeBits(), bits);
        store(hash + abi.hashBuckets(), buckets);
        store(hash + abi.hashCount(), count);
        for (String f : functions.stream().sorted(Comparator.comparingLong(x -> sites.get(x).entry())).toList()) {
            long ip = sites.get(f).ip();
            long key = bits == 0 ? 0 : (ip * GuestAbi.GOLDEN_RATIO_64) >>> (64 - bits);
            long bucket = buckets + 8 * key;
            long e = nextEntry.next();
            long head = mem.load64(bucket);
            store(e + abi.entryNext(), head);
            store(e + abi.entryPprev(), bucket);
            if (head != 0) {
                store(head + abi.entryPprev(), e + abi.entryNext());
            }
            store(e + abi.entryIp(), ip);
            store(bucket, e);
        }
        return hash;
    }

    /** A zeroed kmalloc object (kzalloc), its pages mapped in guest memory. */
    private long kmalloc(long size) {
        long a = heap.kmalloc(size);
        mem.map(a, heap.ksize(a), Memory.R | Memory.W);
        mem.write(a, new byte[(int) size]);
        return a;
    }

    private long kcalloc(long n, long size) {
        return kmalloc(Math.multiplyExact(n, size));
    }

    private void store(long address, long value) {
        mem.writeValue(address, value, 8);
    }

    private void write(List<TextWrite> writes) {
        for (TextWrite w : writes) {
            mem.write(w.address(), w.bytes());
            patchLog.add(w);
        }
    }

    /** Runs the guest function at {@code fn} with one argument until it returns; its result. */
    private long invoke(long fn, long arg, long budget) {
        Hart h = machine.hart(0);
        prepareCall(h, new GuestTask(task, stackTop), fn, arg);
        long left = budget;
        while (true) {
            long before = h.retired();
            Trap t = h.run(left);
            left -= h.retired() - before;
            if (t == null) {
                if (left <= 0) {
                    String msg = "did not return from 0x" + Long.toHexString(fn) + " within " + budget
                            + " instructions (pc 0x" + Long.toHexString(h.pc()) + " in " + kernel.where(h.pc()) + ")";
                    throw kernel instanceof Kernel.Real r ? new BadInputException(r.vmlinux().source(), null,
                            "the kernel's code " + msg) : new IllegalStateException("the guest " + msg);
                }
                continue;
            }
            if (t instanceof Trap.Breakpoint && t.pc() == kernel.returnAddress()) {
                return h.reg(arch.argument(0));
            }
            throw trapped(t);
        }
    }

    private void checkFunctions(Set<String> functions) {
        for (String f : functions) {
            site(f);
        }
    }

    private Registered ops(String name) {
        Registered r = registered.get(name);
        if (r == null) {
            throw new IllegalArgumentException("no registered ops named '" + name + "'");
        }
        return r;
    }

    /**
     * A trap on the way: on the guest image a bug; on a real image the place where the kernel's
     * code needed something outside a kernel (a lock, a WARN), named with its call chain.
     */
    private RuntimeException trapped(Trap t) {
        if (kernel instanceof Kernel.Real r) {
            return new BadInputException(r.vmlinux().source(), null, "the kernel's code trapped: " + t.describe()
                    + " in " + String.join(", called from ", callChain(machine.hart(0), t.pc()))
                    + (calling == null ? "" : ", on a traced call of " + calling)
                    + ": a function the path calls cannot run outside a kernel, or the emulator lacks an instruction");
        }
        return new IllegalStateException("the guest kernel trapped: " + t.describe() + " (" + kernel.where(t.pc()) + ")");
    }

    /**
     * Where {@code pc} is, then its callers: the return address register, then the frame-pointer
     * chain (kernels are built with frame pointers: riscv keeps the caller's ra at fp - 8 and its
     * fp at fp - 16, arm64 the fp at [x29] and the lr at [x29 + 8]), at most 12 frames.
     */
    private List<String> callChain(Hart h, long pc) {
        List<String> chain = new ArrayList<>();
        chain.add(kernel.where(pc));
        long ra = h.reg(arch.linkRegister());
        if (ra != 0) {
            chain.add(kernel.where(ra));
        }
        long fp = h.reg(arch == Arch.ARM64 ? 29 : 8);
        for (int i = 0; i < 12 && fp != 0 && (fp & 7) == 0; i++) {
            long raAt = arch == Arch.ARM64 ? fp + 8 : fp - 8;
            long fpAt = arch == Arch.ARM64 ? fp : fp - 16;
            if (!mem.isMapped(raAt) || !mem.isMapped(fpAt)) {
                break;
            }
            long ret = mem.load64(raAt);
            String w = kernel.where(ret);
            if (ret == 0 || w.equals("?") || w.startsWith("0x")) {
                break; // not a return address: the chain ends (or the frame is not a frame record)
            }
            if (!w.equals(chain.get(chain.size() - 1))) {
                chain.add(w);
            }
            long next = mem.load64(fpAt);
            if (next == fp) {
                break;
            }
            fp = next;
        }
        return chain;
    }

    private long symbol(String name) {
        return kernel.find(name).orElseThrow(() -> kernel instanceof Kernel.Real r
                ? new BadInputException(r.vmlinux().source(), null, "no symbol " + name + ": expected a vmlinux with DYNAMIC_FTRACE")
                : new IllegalStateException(kernel.image().source() + " has no symbol " + name
                        + ": rebuild it with toolkit/src/guest/build.sh"));
    }

    private long symbolOrThrow(String name, String what) {
        if (!kernel.isFunction(name)) {
            throw new IllegalArgumentException("no " + what + " '" + name + "' in " + kernel.describe());
        }
        return symbol(name);
    }

    /** Just above the guest image, or above the sample module beside a vmlinux: in reach of every site. */
    private long defaultModuleArea() {
        if (kernel instanceof Kernel.Real r) {
            return (r.module().end() + (1 << 20)) & -(1L << 20);
        }
        long end = 0;
        for (var s : kernel.image().segments()) {
            if (s.isLoad()) {
                end = Math.max(end, s.vaddr() + s.memSize());
            }
        }
        return (end + (1 << 20)) & -(1L << 20);
    }

    /**
     * A bump allocator over a guest address range, from both ends (so a trampoline can go to the
     * end nearer its callsites). Only private trampolines are given back, when their ops is
     * unregistered; ops and hashes stay readable, as the kernel frees them only after a grace period.
     */
    private static final class Arena {
        final String name;
        final long base;
        final long limit;
        long low;
        long high;
        /** Freed blocks (private trampolines of unregistered ops), by address. */
        final Map<Long, Long> freed = new TreeMap<>();

        Arena(String name, long base, long size) {
            this.name = name;
            this.base = base;
            this.limit = base + size;
            this.low = base;
            this.high = limit;
        }

        /** The addresses where {@code size} bytes could go: freed blocks, the low end, the high end; empty if full. */
        List<Long> candidates(long size) {
            List<Long> c = new ArrayList<>();
            freed.forEach((at, n) -> {
                if (n == size) {
                    c.add(at);
                }
            });
            long lo = (low + 7) & -8L;
            long hi = (high - size) & -8L;
            if (lo + size <= high && hi >= lo) {
                c.add(lo);
                if (hi != lo) {
                    c.add(hi);
                }
            }
            return c;
        }

        /** Takes one of {@link #candidates}. */
        long take(long at, long size) {
            if (freed.remove(at, size)) {
                return at;
            }
            long lo = (low + 7) & -8L;
            if (at == lo && lo + size <= high) {
                low = at + size;
            } else if (at == ((high - size) & -8L) && at >= lo) {
                high = at;
            } else {
                throw new IllegalStateException("the " + name + " is full (" + (limit - base) + " bytes)");
            }
            return at;
        }

        void free(long at, long size) {
            freed.put(at, size);
        }

        boolean contains(long address) {
            return address >= base && address < limit;
        }

        long alloc(long size) {
            List<Long> c = candidates(size);
            if (c.isEmpty()) {
                throw new IllegalStateException("the " + name + " is full (" + (limit - base) + " bytes)");
            }
            return take(c.get(0), size);
        }
    }
}
