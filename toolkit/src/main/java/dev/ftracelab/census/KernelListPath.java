package dev.ftracelab.census;

import dev.ftracelab.elf.Btf;
import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.elf.Symbol;
import dev.ftracelab.emu.Hart;
import dev.ftracelab.emu.InstructionMix;
import dev.ftracelab.emu.ListPathMix;
import dev.ftracelab.emu.Machine;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.emu.MixCounter;
import dev.ftracelab.emu.Trap;
import dev.ftracelab.emu.arm64.A64Hart;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.arm64.A64Encoder;
import dev.ftracelab.isa.arm64.A64SysReg;
import dev.ftracelab.isa.riscv.RvEncoder;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.vmlinux.Vmlinux;
import java.nio.file.Files;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The instruction mix of a real kernel's ftrace list path, found by <b>executing</b> the kernel's
 * own machine code: the {@code vmlinux}'s loadable segments are mapped at their link addresses in
 * the emulator's memory, the ftrace-ops sample's data is built beside them (ops linked into the
 * image's {@code ftrace_ops_list} and ending at its {@code ftrace_list_end}, a filter hash per ops
 * with one entry, the image's {@code empty_hash} as notrace hash, a {@code task_struct} for
 * {@code current}), with every struct offset taken from the image's own BTF; then one traced call
 * enters the image's {@code ftrace_caller} as a patch site would, and a {@link MixCounter}
 * classifies what retires. {@link ListPathMix#measure} differences runs with more ops.
 *
 * <p>How each arch reaches the list: riscv64 (6.12, the nop-nop layout) — {@code ftrace_call}
 * in {@code ftrace_caller} is patched to call {@code arch_ftrace_ops_list_func}, as the kernel
 * does for dynamic ops; arm64 (CALL_OPS) — the site's ops literal points at the image's
 * {@code ftrace_list_ops}, what the kernel writes when more than one ops traces a function. The
 * tracer is a one-instruction {@code ret} outside the image and not counted (the call to it is).
 *
 * <pre>{@code
 * KernelListPath.Result r = KernelListPath.derive(Path.of(System.getProperty("user.home"),
 *         ".cache/ftrace-lab/kernels/linux-image-6.12.117+deb13-riscv64"));
 * r.mix().get(ListPathMix.Component.PER_IRRELEVANT_OPS);   // {instructions=..., loads=..., ...}
 * }</pre>
 */
public final class KernelListPath implements ListPathMix.Runner {
    /**
     * The derivation of one package.
     *
     * @param arch           the image's arch
     * @param packageName    e.g. {@code linux-image-6.12.117+deb13-riscv64}
     * @param packageVersion e.g. {@code 6.12.117-1}
     * @param buildId        the vmlinux's GNU build id (hex), or "" if it has none
     * @param sha256         SHA-256 of the vmlinux file (hex)
     * @param mix            the list path's parts
     */
    public record Result(Arch arch, String packageName, String packageVersion, String buildId, String sha256,
            ListPathMix mix) {
    }

    // Where the sample's data and the stand-in text go: user addresses, far from a kernel image's.
    private static final long TEXT = 0x3000_0000L;
    private static final long DATA = 0x4000_0000L;
    private static final long DATA_SIZE = 4L << 20;
    private static final long STACK_SIZE = 64L << 10;
    /** The fake traced function (its patch site) and the one the irrelevant ops filter on. */
    private static final long SITE = TEXT + 0x100;
    private static final long OTHER_SITE = TEXT + 0x180;
    private static final long TRACER = TEXT + 0x200;
    private static final long PARENT = TEXT + 0x300;
    private static final long ASSIST_RETURN = TEXT + 0x400;
    private static final long BUDGET = 1_000_000;

    // ftrace_ops flags (include/linux/ftrace.h): what registration leaves on a module's ops
    private static final long FL_ENABLED = 1L << 0;
    private static final long FL_DYNAMIC = 1L << 1;
    private static final long FL_INITIALIZED = 1L << 6;

    private final Vmlinux vmlinux;
    private final ElfFile elf;
    private final Arch arch;
    private final Btf btf;

    private KernelListPath(Vmlinux vmlinux) {
        this.vmlinux = vmlinux;
        this.elf = vmlinux.elf();
        this.arch = vmlinux.arch();
        this.btf = vmlinux.btf();
    }

    /**
     * Derives the mix of the package extracted by {@code datasets/fetch-kernels.sh} into
     * {@code packageDir}: its {@code PACKAGE} file names package and version, its vmlinux is
     * {@code usr/lib/debug/boot/vmlinux-*}.
     *
     * @throws BadInputException if the folder lacks either, or the vmlinux is not a usable image
     */
    public static Result derive(Path packageDir) {
        Map<String, String> meta = packageMetadata(packageDir);
        Path boot = packageDir.resolve("usr/lib/debug/boot");
        Path vmlinux;
        try (Stream<Path> s = Files.list(boot)) {
            vmlinux = s.filter(p -> p.getFileName().toString().startsWith("vmlinux-")).sorted().findFirst()
                    .orElseThrow(() -> new BadInputException(boot.toString(), null, "no vmlinux-* (fetch with the -dbg package)"));
        } catch (IOException e) {
            throw new BadInputException(boot.toString(), null, "cannot list: " + e.getMessage()
                    + " (expected a package folder made by datasets/fetch-kernels.sh)");
        }
        return derive(vmlinux, meta.get("package"), meta.get("version"));
    }

    /** The {@code key=value} lines of {@code packageDir/PACKAGE}; package and version must be there. */
    static Map<String, String> packageMetadata(Path packageDir) {
        Path f = packageDir.resolve("PACKAGE");
        List<String> lines;
        try {
            lines = Files.readAllLines(f);
        } catch (IOException e) {
            throw new BadInputException(f.toString(), null, "cannot read (expected the metadata file of datasets/fetch-kernels.sh)");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String l : lines) {
            int eq = l.indexOf('=');
            if (eq > 0) {
                m.putIfAbsent(l.substring(0, eq), l.substring(eq + 1).trim());
            }
        }
        for (String k : List.of("package", "version")) {
            if (!m.containsKey(k)) {
                throw new BadInputException(f.toString(), null, "no " + k + "= line");
            }
        }
        return m;
    }

    /**
     * Derives the mix of {@code vmlinux}, recording {@code packageName} and {@code packageVersion}.
     *
     * @throws BadInputException if the file is not a riscv64 or arm64 vmlinux with symbols and BTF,
     *     or its code does not run the path to the end
     */
    public static Result derive(Path vmlinux, String packageName, String packageVersion) {
        Vmlinux v = Vmlinux.open(vmlinux);
        KernelListPath k = new KernelListPath(v);
        ListPathMix mix = ListPathMix.measure(k);
        return new Result(k.arch, packageName, packageVersion, v.buildId(), v.sha256(), mix);
    }

    @Override
    public InstructionMix listPath(int relevant, int irrelevant) {
        Run r = new Run();
        long list = r.opsList(relevant, irrelevant);
        r.store(sym("ftrace_ops_list"), list);
        Hart h = r.hart;
        if (arch == Arch.RISCV64 && !callOps()) {
            // ftrace_call: what ftrace_update_ftrace_func writes for dynamic ops
            long at = sym("ftrace_call");
            int[] pair = RvEncoder.auipcJalr(RvEncoder.RA, RvEncoder.RA, at, sym("arch_ftrace_ops_list_func"));
            r.mem.writeValue(at, pair[0] & 0xffffffffL, 4);
            r.mem.writeValue(at + 4, pair[1] & 0xffffffffL, 4);
            r.store(sym("function_trace_op"), sym("ftrace_list_end"));
            h.setReg(RvEncoder.T0, SITE + 8); // the site's AUIPC+JALR pair links past itself
            h.setReg(RvEncoder.RA, PARENT);
            r.stopAt(SITE + 8);
        } else {
            // CALL_OPS: the literal 8 bytes before the function names ftrace_list_ops; the arm64 site
            // is `mov x9, x30; bl ftrace_caller` at entry, so x30 = entry + 8 and x9 = the caller;
            // the riscv one `auipc t0; jalr t0` (v6.16 on), so t0 = entry + 8 and ra = the caller
            long listOps = sym("ftrace_list_ops");
            long func = r.mem.load64(listOps + btf.offset("ftrace_ops", "func"));
            if (func != sym("ftrace_ops_list_func")) {
                throw new BadInputException(elf.source(), null, String.format(Locale.ROOT,
                        "ftrace_list_ops.func is 0x%x, expected ftrace_ops_list_func at 0x%x", func, sym("ftrace_ops_list_func")));
            }
            r.mem.writeValue(SITE - 8, listOps, 8);
            if (arch == Arch.ARM64) {
                h.setReg(30, SITE + 8);
                h.setReg(9, PARENT);
            } else {
                h.setReg(RvEncoder.T0, SITE + 8);
                h.setReg(RvEncoder.RA, PARENT);
            }
            r.stopAt(SITE + 8);
        }
        return r.run(sym("ftrace_caller"));
    }

    @Override
    public InstructionMix assist() {
        Run r = new Run();
        long ops = r.opsList(1, 0);
        Hart h = r.hart;
        long fregs = r.alloc(512);
        h.setReg(arch.argument(0), ip(SITE));
        h.setReg(arch.argument(1), PARENT);
        h.setReg(arch.argument(2), ops);
        h.setReg(arch.argument(3), fregs);
        h.setReg(arch.linkRegister(), ASSIST_RETURN);
        r.stopAt(ASSIST_RETURN);
        return r.run(sym("ftrace_ops_assist_func"));
    }

    /** The address ftrace records for a site: the BL on arm64, the JALR on riscv with CALL_OPS, else the entry. */
    private long ip(long entry) {
        return arch == Arch.ARM64 || callOps() ? entry + 4 : entry;
    }

    /** Whether the image is built with CALL_OPS (it has the list ops a site's literal names). */
    private boolean callOps() {
        return vmlinux.has("ftrace_list_ops");
    }

    /** One run: a fresh machine with the image, the stand-in text, a task and the data area. */
    private final class Run {
        final Machine machine = Machine.create(arch, 1);
        final Memory mem = machine.memory();
        final Hart hart = machine.hart(0);
        private long next = DATA;

        Run() {
            vmlinux.load(mem);
            mem.map(TEXT, Memory.PAGE_SIZE, Memory.R | Memory.X);
            int stop = arch == Arch.ARM64 ? A64Encoder.brk(0) : RvEncoder.ebreak();
            for (long a = TEXT; a < TEXT + Memory.PAGE_SIZE; a += 4) {
                mem.writeValue(a, stop & 0xffffffffL, 4);
            }
            mem.writeValue(TRACER, (arch == Arch.ARM64 ? A64Encoder.ret() : RvEncoder.ret()) & 0xffffffffL, 4);
            mem.map(DATA, DATA_SIZE, Memory.R | Memory.W);
            long stack = alloc(STACK_SIZE);
            hart.setReg(arch.stackPointer(), stack + STACK_SIZE - 64);
            long task = task();
            if (arch == Arch.RISCV64) {
                hart.setReg(4, task); // tp: current
                elf.symbol("__global_pointer$").ifPresent(gp -> hart.setReg(3, gp.value()));
            } else {
                setSpEl0(hart, task);
            }
        }

        long alloc(long size) {
            long a = next;
            next = (next + size + 63) & -64L; // cache-line apart, like distinct slab objects
            if (next > DATA + DATA_SIZE) {
                throw new IllegalStateException("data area full");
            }
            return a;
        }

        void store(long address, long value) {
            mem.writeValue(address, value, 8);
        }

        /** A task_struct for {@code current}: process context, nothing recursing, a stack canary. */
        private long task() {
            long t = alloc(btf.size("task_struct"));
            store(t + btf.offset("task_struct", "stack_canary"), 0x2f8a_4c1e_93d6_b750L);
            if (arch == Arch.ARM64) {
                // arm64 keeps need_resched inverted in the upper half: 1 = nothing to do
                mem.writeValue(t + btf.offset("task_struct", "thread_info.preempt.need_resched"), 1, 4);
            }
            return t;
        }

        /**
         * R relevant then I irrelevant ops, each added at the head of the list as registration
         * does; returns the head (the last irrelevant ops), which ends at ftrace_list_end.
         */
        long opsList(int relevant, int irrelevant) {
            long head = sym("ftrace_list_end");
            for (int i = 0; i < relevant + irrelevant; i++) {
                head = ops(i < relevant ? SITE : OTHER_SITE, head);
            }
            return head;
        }

        /** One ops with flags 0 from the sample, its filter hash holding {@code site}, linked before {@code next}. */
        private long ops(long site, long nextOps) {
            long entry = alloc(btf.size("ftrace_func_entry"));
            // size_bits 0, one hlist_head: __ftrace_hash_move sizes the committed hash fls(count / 2)
            // bits, capped at 12 (read in both images' code), so a one-entry filter gets one bucket
            long buckets = alloc(8);
            long hash = alloc(btf.size("ftrace_hash"));
            store(entry + btf.offset("ftrace_func_entry", "hlist.next"), 0);
            store(entry + btf.offset("ftrace_func_entry", "hlist.pprev"), buckets);
            store(entry + btf.offset("ftrace_func_entry", "ip"), ip(site));
            store(buckets, entry);
            store(hash + btf.offset("ftrace_hash", "size_bits"), 0);
            store(hash + btf.offset("ftrace_hash", "buckets"), buckets);
            store(hash + btf.offset("ftrace_hash", "count"), 1);
            long ops = alloc(btf.size("ftrace_ops"));
            long local = ops + btf.offset("ftrace_ops", "local_hash");
            store(ops + btf.offset("ftrace_ops", "func"), TRACER);
            store(ops + btf.offset("ftrace_ops", "next"), nextOps);
            store(ops + btf.offset("ftrace_ops", "flags"), FL_ENABLED | FL_DYNAMIC | FL_INITIALIZED);
            store(ops + btf.offset("ftrace_ops", "func_hash"), local);
            store(local + btf.offset("ftrace_ops_hash", "filter_hash"), hash);
            store(local + btf.offset("ftrace_ops_hash", "notrace_hash"), sym("empty_hash"));
            return ops;
        }

        private long stopPc;

        void stopAt(long pc) {
            stopPc = pc;
        }

        /** Runs from {@code pc} to the breakpoint at the stop address, counting all but the stand-in text. */
        InstructionMix run(long pc) {
            MixCounter c = new MixCounter(p -> p < TEXT || p >= TEXT + Memory.PAGE_SIZE);
            hart.setListener(c);
            hart.setPc(pc);
            Trap t = hart.run(BUDGET);
            if (t == null) {
                throw new BadInputException(elf.source(), null, "the list path did not return within " + BUDGET
                        + " instructions (pc 0x" + Long.toHexString(hart.pc()) + " in " + where(hart.pc()) + ")");
            }
            if (!(t instanceof Trap.Breakpoint) || t.pc() != stopPc) {
                throw new BadInputException(elf.source(), null, "the list path trapped: " + t.describe() + " in "
                        + where(t.pc()) + String.format(Locale.ROOT, " (expected to return to 0x%x)", stopPc));
            }
            return c.mix();
        }
    }

    private String where(long pc) {
        return elf.functionAt(pc).map(s -> s.name() + "+0x" + Long.toHexString(pc - s.value()))
                .orElse(pc >= TEXT && pc < TEXT + Memory.PAGE_SIZE ? "the stand-in text" : "?");
    }

    /** Sets SP_EL0, which an arm64 kernel keeps {@code current} in. */
    private static void setSpEl0(Hart h, long task) {
        ((A64Hart) h).setSystemRegister(A64SysReg.SP_EL0, task);
    }

    private long sym(String name) {
        return elf.symbol(name).map(Symbol::value).orElseThrow(() -> new BadInputException(elf.source(), null,
                "no symbol " + name + ": expected a 6.x vmlinux with its symbol table (the -dbg package's)"));
    }
}
