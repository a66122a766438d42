package dev.ftracelab.ftrace;

import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.elf.Symbol;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.util.BadInputException;

/**
 * Offsets and flags of the guest kernel image's ftrace structures, mirroring
 * {@code toolkit/src/guest/kernel/ftrace.h}. The image carries the same numbers in
 * {@code ftrace_abi[]}; {@link #check} refuses an image whose layout differs from this class.
 */
final class GuestAbi {
    static final long MAGIC = 0x3149424174727466L;
    static final int OPS_FUNC = 0, OPS_NEXT = 8, OPS_FLAGS = 16, OPS_PRIVATE = 24, OPS_FILTER_HASH = 32,
            OPS_NOTRACE_HASH = 40, OPS_FUNC_HASH = 48, OPS_TRAMPOLINE = 56, OPS_TRAMPOLINE_SIZE = 64,
            OPS_DIRECT_CALL = 72, OPS_SIZE = 80, SAMPLE_COUNT = 80, SAMPLE_SIZE = 88;
    static final int HASH_SIZE_BITS = 0, HASH_BUCKETS = 8, HASH_COUNT = 16, HASH_FLAGS = 24, HASH_SIZE = 32;
    static final int ENTRY_NEXT = 0, ENTRY_PPREV = 8, ENTRY_IP = 16, ENTRY_DIRECT = 24, ENTRY_SIZE = 32;
    static final int TASK_TRACE_RECURSION = 0, TASK_PREEMPT_COUNT = 8, TASK_NEED_RESCHED = 16,
            TASK_RCU_WATCHING = 24, TASK_SCHEDULES = 32, TASK_SIZE = 40;
    static final int FREGS_PC = 72, FREGS_LR = 80, FREGS_DIRECT = 96, FREGS_SIZE = 112;
    static final long FL_ENABLED = 1, FL_DYNAMIC = 2, FL_SAVE_REGS = 4, FL_RECURSION = 8, FL_STUB = 16, FL_RCU = 32,
            FL_ALLOC_TRAMP = 64, FL_DIRECT = 128;
    /** The kernel caps filter hashes at 2^12 buckets. */
    static final int HASH_MAX_BITS = 12;
    /** {@code GOLDEN_RATIO_64}: the multiplier of the kernel's {@code hash_64}. */
    static final long GOLDEN_RATIO_64 = 0x61c8864680b583ebL;

    /** In the order of {@code ftrace_abi[]} in core.c. */
    private static final long[] EXPECTED = {MAGIC, OPS_FUNC, OPS_NEXT, OPS_FLAGS, OPS_PRIVATE, OPS_FILTER_HASH,
        OPS_NOTRACE_HASH, OPS_FUNC_HASH, OPS_TRAMPOLINE, OPS_TRAMPOLINE_SIZE, OPS_DIRECT_CALL, OPS_SIZE, SAMPLE_COUNT,
        SAMPLE_SIZE, HASH_SIZE_BITS, HASH_BUCKETS, HASH_COUNT, HASH_FLAGS, HASH_SIZE, ENTRY_NEXT, ENTRY_PPREV, ENTRY_IP,
        ENTRY_DIRECT, ENTRY_SIZE, TASK_TRACE_RECURSION, TASK_PREEMPT_COUNT, TASK_NEED_RESCHED, TASK_RCU_WATCHING,
        TASK_SCHEDULES, TASK_SIZE, FREGS_PC, FREGS_LR, FREGS_DIRECT, FREGS_SIZE, FL_ENABLED, FL_DYNAMIC, FL_SAVE_REGS,
        FL_RECURSION, FL_STUB, FL_RCU, FL_ALLOC_TRAMP, FL_DIRECT};
    private static final String[] NAMES = {"magic", "OPS_FUNC", "OPS_NEXT", "OPS_FLAGS", "OPS_PRIVATE",
        "OPS_FILTER_HASH", "OPS_NOTRACE_HASH", "OPS_FUNC_HASH", "OPS_TRAMPOLINE", "OPS_TRAMPOLINE_SIZE",
        "OPS_DIRECT_CALL", "OPS_SIZE", "SAMPLE_COUNT", "SAMPLE_SIZE", "HASH_SIZE_BITS", "HASH_BUCKETS", "HASH_COUNT",
        "HASH_FLAGS", "HASH_SIZE", "ENTRY_NEXT", "ENTRY_PPREV", "ENTRY_IP", "ENTRY_DIRECT", "ENTRY_SIZE",
        "TASK_TRACE_RECURSION", "TASK_PREEMPT_COUNT", "TASK_NEED_RESCHED", "TASK_RCU_WATCHING", "TASK_SCHEDULES",
        "TASK_SIZE", "FREGS_PC", "FREGS_LR", "FREGS_DIRECT", "FREGS_SIZE", "FL_ENABLED", "FL_DYNAMIC", "FL_SAVE_REGS",
        "FL_RECURSION", "FL_STUB", "FL_RCU", "FL_ALLOC_TRAMP", "FL_DIRECT"};

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
        if (abi.size() != EXPECTED.length * 8L) {
            throw new BadInputException(image.source(), null, "ftrace_abi[] has " + abi.size() / 8 + " entries, expected "
                    + EXPECTED.length + ": the image and the toolkit are from different versions");
        }
        for (int i = 0; i < EXPECTED.length; i++) {
            long v = memory.load64(abi.value() + 8L * i);
            if (v != EXPECTED[i]) {
                throw new BadInputException(image.source(), String.format("ftrace_abi[%d]", i), NAMES[i] + " is " + v
                        + " in the image, expected " + EXPECTED[i] + ": rebuild it with toolkit/src/guest/build.sh");
            }
        }
    }
}
