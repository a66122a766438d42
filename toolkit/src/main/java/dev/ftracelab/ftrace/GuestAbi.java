package dev.ftracelab.ftrace;

import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.elf.Symbol;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;

/**
 * Offsets and flags of the guest kernel image's ftrace structures, mirroring
 * {@code toolkit/src/guest/kernel/ftrace.h}. The image carries the same numbers in
 * {@code ftrace_abi[]}; {@link #check} refuses an image whose layout differs from this class.
 *
 * <p>The layouts are Debian 6.12's (pahole on the DWARF of {@code linux-image-6.12.117+deb13-<arch>-dbg}
 * 6.12.117-1): {@code struct ftrace_ops}, {@code ftrace_hash} and {@code ftrace_func_entry} are the
 * same on both arches, {@code task_struct} and {@code ftrace_regs} are not ({@link #of(Arch)}).
 */
final class GuestAbi {
    static final long MAGIC = 0x3249424174727466L;
    static final int OPS_FUNC = 0, OPS_NEXT = 8, OPS_FLAGS = 16, OPS_PRIVATE = 24, OPS_LOCAL_HASH = 40,
            OPS_NOTRACE_HASH = 40, OPS_FILTER_HASH = 48, OPS_FUNC_HASH = 88, OPS_TRAMPOLINE = 144,
            OPS_TRAMPOLINE_SIZE = 152, OPS_DIRECT_CALL = 208, OPS_SIZE = 216, SAMPLE_COUNT = 216, SAMPLE_SIZE = 224;
    static final int HASH_SIZE_BITS = 0, HASH_BUCKETS = 8, HASH_COUNT = 16, HASH_FLAGS = 24, HASH_SIZE = 48;
    static final int ENTRY_NEXT = 0, ENTRY_PPREV = 8, ENTRY_IP = 16, ENTRY_DIRECT = 24, ENTRY_SIZE = 32;
    /** The kernel's ftrace_ops flag bits (include/linux/ftrace.h, v6.12). */
    static final long FL_ENABLED = 1, FL_DYNAMIC = 2, FL_SAVE_REGS = 4, FL_RECURSION = 1 << 4, FL_STUB = 1 << 5,
            FL_RCU = 1 << 14, FL_ALLOC_TRAMP = 1 << 11, FL_DIRECT = 1 << 17;
    /** The kernel caps filter hashes at 2^12 buckets. */
    static final int HASH_MAX_BITS = 12;
    /** {@code GOLDEN_RATIO_64}: the multiplier of the kernel's {@code hash_64}. */
    static final long GOLDEN_RATIO_64 = 0x61c8864680b583ebL;
    /** The static hash every ops without a filter (or notrace filter) points at: never NULL. */
    static final String EMPTY_HASH = "empty_hash";

    /**
     * The per-arch part: where {@code current}'s fields are ({@code task_struct}: thread_info's
     * preempt count, the stack canary, the recursion word; the guest's RCU-watching word) and the
     * trampolines' {@code ftrace_regs} frame.
     */
    record ArchAbi(int taskPreemptCount, int taskRcuWatching, int taskStackCanary, int taskTraceRecursion,
                   int taskSize, int fregsPc, int fregsLr, int fregsDirect, int fregsSize, int fregsFrame) {
    }

    private static final ArchAbi RISCV64 = new ArchAbi(8, 72, 1400, 2888, 3648, 0, 8, 32, 104, 112);
    private static final ArchAbi ARM64 = new ArchAbi(8, 24, 1384, 2832, 4736, 104, 88, 72, 112, 144);

    /** The per-arch offsets of {@code arch}'s image. */
    static ArchAbi of(Arch arch) {
        return arch == Arch.RISCV64 ? RISCV64 : ARM64;
    }

    private static final String[] NAMES = {"magic", "OPS_FUNC", "OPS_NEXT", "OPS_FLAGS", "OPS_PRIVATE",
        "OPS_LOCAL_HASH", "OPS_NOTRACE_HASH", "OPS_FILTER_HASH", "OPS_FUNC_HASH", "OPS_TRAMPOLINE",
        "OPS_TRAMPOLINE_SIZE", "OPS_DIRECT_CALL", "OPS_SIZE", "SAMPLE_COUNT", "SAMPLE_SIZE", "HASH_SIZE_BITS",
        "HASH_BUCKETS", "HASH_COUNT", "HASH_FLAGS", "HASH_SIZE", "ENTRY_NEXT", "ENTRY_PPREV", "ENTRY_IP",
        "ENTRY_DIRECT", "ENTRY_SIZE", "TASK_PREEMPT_COUNT", "TASK_RCU_WATCHING", "TASK_STACK_CANARY",
        "TASK_TRACE_RECURSION", "TASK_SIZE", "FREGS_PC", "FREGS_LR", "FREGS_DIRECT", "FREGS_SIZE", "FREGS_FRAME",
        "FL_ENABLED", "FL_DYNAMIC", "FL_SAVE_REGS", "FL_RECURSION", "FL_STUB", "FL_RCU", "FL_ALLOC_TRAMP",
        "FL_DIRECT"};

    /** In the order of {@code ftrace_abi[]} in core.c. */
    private static long[] expected(Arch arch) {
        ArchAbi a = of(arch);
        return new long[] {MAGIC, OPS_FUNC, OPS_NEXT, OPS_FLAGS, OPS_PRIVATE, OPS_LOCAL_HASH, OPS_NOTRACE_HASH,
            OPS_FILTER_HASH, OPS_FUNC_HASH, OPS_TRAMPOLINE, OPS_TRAMPOLINE_SIZE, OPS_DIRECT_CALL, OPS_SIZE, SAMPLE_COUNT,
            SAMPLE_SIZE, HASH_SIZE_BITS, HASH_BUCKETS, HASH_COUNT, HASH_FLAGS, HASH_SIZE, ENTRY_NEXT, ENTRY_PPREV,
            ENTRY_IP, ENTRY_DIRECT, ENTRY_SIZE, a.taskPreemptCount(), a.taskRcuWatching(), a.taskStackCanary(),
            a.taskTraceRecursion(), a.taskSize(), a.fregsPc(), a.fregsLr(), a.fregsDirect(), a.fregsSize(),
            a.fregsFrame(), FL_ENABLED, FL_DYNAMIC, FL_SAVE_REGS, FL_RECURSION, FL_STUB, FL_RCU, FL_ALLOC_TRAMP,
            FL_DIRECT};
    }

    private GuestAbi() {
    }

    /**
     * Checks the image's {@code ftrace_abi[]} (already loaded at its address in {@code memory}).
     *
     * @throws BadInputException naming the first field that differs
     */
    static void check(ElfFile image, Memory memory) {
        Symbol abi = image.symbol("ftrace_abi").orElseThrow(() -> new BadInputException(image.source(), null,
                "expected a guest kernel image with an ftrace_abi[] table (see toolkit/src/guest/kernel)"));
        long[] expected = expected(image.arch());
        if (abi.size() != expected.length * 8L) {
            throw new BadInputException(image.source(), null, "ftrace_abi[] has " + abi.size() / 8 + " entries, expected "
                    + expected.length + ": the image and the toolkit are from different versions");
        }
        for (int i = 0; i < expected.length; i++) {
            long v = memory.load64(abi.value() + 8L * i);
            if (v != expected[i]) {
                throw new BadInputException(image.source(), String.format("ftrace_abi[%d]", i), NAMES[i] + " is " + v
                        + " in the image, expected " + expected[i] + ": rebuild it with toolkit/src/guest/build.sh");
            }
        }
    }
}
