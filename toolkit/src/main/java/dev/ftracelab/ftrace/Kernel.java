package dev.ftracelab.ftrace;

import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.elf.PatchSite;
import dev.ftracelab.elf.Symbol;
import dev.ftracelab.elf.SymbolType;
import dev.ftracelab.emu.LinuxUser;
import dev.ftracelab.emu.Machine;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.emu.arm64.A64Hart;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.BranchReach;
import dev.ftracelab.isa.arm64.A64SysReg;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.Resources;
import dev.ftracelab.vmlinux.SampleModule;
import dev.ftracelab.vmlinux.Vmlinux;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link FtraceModel} runs: the project's guest kernel image ({@link Guest}), or a shipped
 * vmlinux with the sample module loaded beside it as a module ({@link Real}). The model's
 * decisions are the same for both; this says where things are and how a call is set up.
 */
sealed interface Kernel permits Kernel.Guest, Kernel.Real {
    Arch arch();

    Machine machine();

    KernelStructs structs();

    /** The address of any symbol (kernel or sample module), if there is one. */
    Optional<Long> find(String name);

    /** Whether {@code name} is a function a tracer or a loop can be (defined, of type FUNC). */
    boolean isFunction(String name);

    /** The traceable functions of the sample and their entries, in address order. */
    Map<String, Long> sites();

    /** Where a call made by the toolkit returns: a breakpoint. */
    long returnAddress();

    /** The gp a riscv kernel runs with, or 0. */
    long globalPointer();

    /** The image whose symbols name kernel addresses (listings, traces). */
    ElfFile image();

    /** {@code function+0xoff} for {@code pc}, or "?". */
    String where(long pc);

    /** The common trampoline of {@code layout}. */
    String commonTrampoline(Layout layout);

    /** The call instruction in the common trampoline that the list function is patched into (not CALL_OPS or atomic). */
    String trampolineCall(Layout layout);

    /** What to call this kernel in messages and stamps. */
    String describe();

    /** The project's guest image, booted as a static executable. */
    record Guest(Arch arch, ElfFile image, Machine machine) implements Kernel {
        /** The committed guest image of {@code arch}. */
        static ElfFile load(Arch arch) {
            String path = "/dev/ftracelab/kernel/" + arch.id() + "/kimage.elf";
            return ElfFile.parse(Resources.read(path), path);
        }

        static Guest boot(Arch arch, int harts) {
            ElfFile image = load(arch);
            Machine m = LinuxUser.load(image, harts);
            GuestAbi.check(image, m.memory());
            return new Guest(arch, image, m);
        }

        @Override
        public KernelStructs structs() {
            return KernelStructs.guest(arch);
        }

        @Override
        public Optional<Long> find(String name) {
            return image.symbol(name).map(Symbol::value);
        }

        @Override
        public boolean isFunction(String name) {
            return image.symbol(name).filter(s -> s.isInSection() && s.type() == SymbolType.FUNC).isPresent();
        }

        @Override
        public Map<String, Long> sites() {
            Map<String, Long> out = new LinkedHashMap<>();
            for (PatchSite p : image.patchSites()) {
                long entry = p.address() + 8; // both layouts leave 8 bytes of NOPs before the entry
                Symbol f = image.functionAt(entry).filter(s -> s.value() == entry).orElseThrow(() ->
                        new IllegalStateException(image.source() + ": no function starts 8 bytes into the patch area at 0x"
                                + Long.toHexString(p.address())));
                out.put(f.name(), entry);
            }
            return out;
        }

        @Override
        public long returnAddress() {
            return find("guest_call_return").orElseThrow();
        }

        @Override
        public long globalPointer() {
            return find("__global_pointer$").orElse(0L);
        }

        @Override
        public String where(long pc) {
            return image.functionAt(pc).map(Symbol::name).orElse("?");
        }

        @Override
        public String commonTrampoline(Layout layout) {
            return switch (layout) {
                case NOP_NOP -> "ftrace_caller_nopnop";
                case ATOMIC -> "ftrace_caller_atomic";
                case PRE_CALL_OPS -> "ftrace_caller_precallops";
                case CALL_OPS -> "ftrace_caller_callops";
            };
        }

        @Override
        public String trampolineCall(Layout layout) {
            return layout == Layout.NOP_NOP ? "ftrace_call_nopnop" : "ftrace_call_precallops";
        }

        @Override
        public String describe() {
            return "the " + arch + " guest image";
        }
    }

    /**
     * A shipped vmlinux mapped at its link addresses, with the sample module loaded below its
     * lowest address ({@link ModulePlacement}: 64 MiB, in reach of a direct BL on arm64 and of
     * AUIPC+JALR on riscv, where each kernel prefers its modules; or 1 GiB, where an arm64 site
     * needs the module's PLT).
     */
    record Real(Vmlinux vmlinux, Machine machine, SampleModule module, KernelStructs structs) implements Kernel {
        static Real boot(Vmlinux vmlinux, int harts, ModulePlacement placement) {
            Machine m = Machine.create(vmlinux.arch(), harts);
            Memory mem = m.memory();
            vmlinux.load(mem);
            long base = (vmlinux.extent()[0] - placement.below()) & -(long) Memory.PAGE_SIZE;
            SampleModule module = SampleModule.load(vmlinux.arch(), mem, base);
            perCpuArea(vmlinux, m);
            return new Real(vmlinux, m, module, KernelStructs.of(vmlinux.btf(), vmlinux.arch()));
        }

        /** Where CPU 0's per-CPU area goes: above the image, past anything it maps. */
        static final long PER_CPU_ABOVE = 16L << 20;

        /**
         * CPU 0's per-CPU area, as boot sets it up: a copy of the image's per-CPU template
         * ({@code __per_cpu_start} to {@code __per_cpu_end}), its distance from the template in
         * {@code __per_cpu_offset[0]} and, on arm64, in {@code TPIDR_EL1} and {@code TPIDR_EL2}
         * (which one the code reads depends on alternatives the emulator does not apply). Every
         * hart is CPU 0: {@code thread_info.cpu} of a zeroed task is 0.
         */
        private static void perCpuArea(Vmlinux v, Machine m) {
            if (!v.has("__per_cpu_start") || !v.has("__per_cpu_end") || !v.has("__per_cpu_offset")) {
                return; // a uniprocessor build: per-CPU variables are plain ones
            }
            long start = v.symbol("__per_cpu_start");
            long size = v.symbol("__per_cpu_end") - start;
            if (size <= 0 || size > (64L << 20)) {
                throw new BadInputException(v.source(), null, "__per_cpu_end - __per_cpu_start is " + size
                        + " bytes: expected a per-CPU template of up to 64 MiB");
            }
            Memory mem = m.memory();
            long offsets = v.symbol("__per_cpu_offset");
            if (!mem.isMapped(start) || !mem.isMapped(start + size - 1) || (offsets & 7) != 0 || !mem.isMapped(offsets)
                    || !mem.isMapped(offsets + 7)) {
                throw new BadInputException(v.source(), null, "the per-CPU template or __per_cpu_offset lies outside"
                        + " the loaded image: expected both in its segments");
            }
            long area = (v.extent()[1] + PER_CPU_ABOVE) & -(long) Memory.PAGE_SIZE;
            mem.map(area, (size + Memory.PAGE_SIZE - 1) & -(long) Memory.PAGE_SIZE, Memory.R | Memory.W);
            mem.write(area, mem.read(start, (int) size));
            long offset = area - start;
            mem.writeValue(offsets, offset, 8);
            for (dev.ftracelab.emu.Hart h : m.harts()) {
                if (h instanceof A64Hart a) {
                    a.setSystemRegister(A64SysReg.TPIDR_EL1, offset);
                    a.setSystemRegister(A64SysReg.TPIDR_EL2, offset);
                }
            }
        }

        /** CPU 0's copy of per-CPU variable {@code name}. */
        long perCpu(String name) {
            return vmlinux.symbol(name) + machine.memory().load64(vmlinux.symbol("__per_cpu_offset"));
        }

        @Override
        public Arch arch() {
            return vmlinux.arch();
        }

        @Override
        public Optional<Long> find(String name) {
            Optional<Long> own = module.symbol(name);
            return own.isPresent() ? own : vmlinux.elf().symbol(name).map(Symbol::value);
        }

        @Override
        public boolean isFunction(String name) {
            return module.isFunction(name);
        }

        @Override
        public Map<String, Long> sites() {
            return module.patchSites();
        }

        @Override
        public long returnAddress() {
            return module.returnAddress();
        }

        @Override
        public long globalPointer() {
            return vmlinux.elf().symbol("__global_pointer$").map(Symbol::value).orElse(0L);
        }

        @Override
        public ElfFile image() {
            return vmlinux.elf();
        }

        @Override
        public String where(long pc) {
            return module.where(pc).map(w -> "sample module " + w).orElseGet(() -> vmlinux.where(pc));
        }

        @Override
        public String commonTrampoline(Layout layout) {
            return "ftrace_caller";
        }

        @Override
        public String trampolineCall(Layout layout) {
            return "ftrace_call";
        }

        @Override
        public String describe() {
            return vmlinux.toString();
        }

        /**
         * The layout the image was built with, from its symbols: CALL_OPS has
         * {@code ftrace_list_ops}; riscv atomic patching has {@code ftrace_call_dest}.
         */
        static Layout layoutOf(Vmlinux v) {
            if (v.has("ftrace_list_ops")) {
                return Layout.CALL_OPS;
            }
            if (v.arch() == Arch.ARM64) {
                return Layout.PRE_CALL_OPS;
            }
            return v.has("ftrace_call_dest") ? Layout.ATOMIC : Layout.NOP_NOP;
        }

        /** The largest struct sizes a kernel has (task_struct is 4-5 KiB, ftrace_ops a few hundred bytes). */
        static final long MAX_TASK = 1L << 20, MAX_STRUCT = 64L << 10;

        /**
         * Refuses, before anything is written, an image whose symbols or struct layouts the model
         * cannot use: a symbol it writes or points at outside the loaded segments, code that is
         * not executable or not aligned, struct sizes or member offsets no kernel has, the list
         * function out of reach of the call patched to it. (Found by VmlinuxFuzzTest.)
         */
        void checkLayout(Layout layout) {
            Memory mem = machine.memory();
            String src = vmlinux.source();
            List<String> data = new java.util.ArrayList<>(List.of("ftrace_ops_list", "ftrace_list_end", "empty_hash"));
            for (String opt : List.of("function_trace_op", "ftrace_call_dest", "ftrace_list_ops", "ftrace_nop_ops")) {
                if (vmlinux.has(opt)) {
                    data.add(opt);
                }
            }
            for (String name : data) {
                long a = vmlinux.symbol(name);
                if ((a & 7) != 0 || !mem.isMapped(a) || !mem.isMapped(a + 7)) {
                    throw new BadInputException(src, null, String.format(java.util.Locale.ROOT,
                            "%s at 0x%x is not an aligned word of the loaded image", name, a));
                }
            }
            List<String> code = new java.util.ArrayList<>(List.of("ftrace_caller", "ftrace_stub", "ftrace_ops_list_func"));
            if (layout == Layout.NOP_NOP || layout == Layout.PRE_CALL_OPS) {
                code.add("ftrace_call");
            }
            for (String name : code) {
                long a = vmlinux.symbol(name);
                if ((a & (arch() == Arch.ARM64 ? 3 : 1)) != 0 || !mem.isMapped(a) || (mem.permissions(a) & Memory.X) == 0) {
                    throw new BadInputException(src, null, String.format(java.util.Locale.ROOT,
                            "%s at 0x%x is not aligned code of the loaded image", name, a));
                }
            }
            if (code.contains("ftrace_call")) {
                long at = vmlinux.symbol("ftrace_call");
                for (String dest : List.of("ftrace_ops_list_func", "ftrace_stub")) {
                    long to = vmlinux.symbol(dest);
                    if (!(arch() == Arch.ARM64 ? BranchReach.BL : BranchReach.AUIPC_JALR).reaches(to - at)) {
                        throw new BadInputException(src, null, "ftrace_call cannot reach " + dest
                                + ": expected them in one kernel image");
                    }
                }
            }
            long[] sizes = {structs.taskSize(), structs.sampleSize(), structs.hashSize(), structs.entrySize()};
            long[] limits = {MAX_TASK, MAX_STRUCT, MAX_STRUCT, MAX_STRUCT};
            for (int i = 0; i < sizes.length; i++) {
                if (sizes[i] <= 0 || sizes[i] > limits[i]) {
                    throw new BadInputException(src, ".BTF", "a struct size of " + sizes[i] + " bytes (task_struct,"
                            + " ftrace_ops, ftrace_hash, ftrace_func_entry): expected 1 to " + limits[i]);
                }
            }
            long ops = structs.sampleSize() - structs.opsInSample();
            inside(structs.taskNeedResched(), 4, structs.taskSize(), "task_struct");
            inside(structs.taskStackCanary(), 8, structs.taskSize(), "task_struct");
            for (long off : new long[] {structs.opsFunc(), structs.opsNext(), structs.opsFlags(), structs.opsFuncHash(),
                structs.opsFilterHash(), structs.opsNotraceHash()}) {
                inside(off, 8, ops, "ftrace_ops");
            }
            for (long off : new long[] {structs.hashSizeBits(), structs.hashBuckets(), structs.hashCount()}) {
                inside(off, 8, structs.hashSize(), "ftrace_hash");
            }
            for (long off : new long[] {structs.entryNext(), structs.entryPprev(), structs.entryIp()}) {
                inside(off, 8, structs.entrySize(), "ftrace_func_entry");
            }
        }

        /** Refuses a member of {@code width} bytes at {@code offset} (-1: absent) that is not inside its struct. */
        private void inside(long offset, int width, long size, String struct) {
            if (offset != -1 && (offset < 0 || offset + width > size)) {
                throw new BadInputException(vmlinux.source(), ".BTF", "a member of struct " + struct + " at offset "
                        + offset + ", " + width + " bytes wide, in " + size + " bytes: expected it inside");
            }
        }

        /** Refuses an image without what every model run needs. */
        static void check(Vmlinux v) {
            for (String s : new String[] {"ftrace_caller", "ftrace_ops_list", "ftrace_list_end", "ftrace_stub",
                "ftrace_ops_list_func", "empty_hash"}) {
                if (!v.has(s)) {
                    throw new BadInputException(v.source(), null, "no symbol " + s
                            + ": expected a vmlinux built with DYNAMIC_FTRACE, with its symbol table");
                }
            }
        }
    }
}
