package dev.ftracelab.ftrace;

import dev.ftracelab.elf.Btf;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.vmlinux.SampleModule;

/**
 * Where the fields the model writes are, in the kernel it runs: the guest image's layout
 * ({@link GuestAbi}) or a real vmlinux's, read from its BTF. Ops offsets are from the
 * {@code struct ftrace_ops}; a sample ops sits in a {@code struct sample_ops} of
 * {@link #sampleSize} bytes, the ops {@link #opsInSample} bytes in, its call count
 * {@link #countFromOps} bytes from the ops.
 *
 * @param taskRcuWatching the guest's RCU-watching word in the task, or -1 (a real kernel keeps it per CPU)
 * @param taskNeedResched arm64's inverted need_resched word (1: nothing to do), or -1
 * @param taskStackCanary the task's stack canary, or -1 if the kernel has none there
 * @param flags the {@code FTRACE_OPS_FL_*} bits the model sets
 */
record KernelStructs(long opsFunc, long opsNext, long opsFlags, long opsFuncHash, long opsLocalHash, long opsFilterHash,
        long opsNotraceHash, long opsTrampoline, long opsTrampolineSize, long opsDirectCall, long opsInSample,
        long countFromOps, long sampleSize, long hashSizeBits, long hashBuckets, long hashCount, long hashSize,
        long entryNext, long entryPprev, long entryIp, long entrySize, long taskSize, long taskRcuWatching,
        long taskNeedResched, long taskStackCanary, Flags flags) {

    /** The {@code FTRACE_OPS_FL_*} bits registration leaves on an ops (include/linux/ftrace.h). */
    record Flags(long enabled, long dynamic, long recursion, long rcu, long direct, long allocTramp, long initialized) {
        /** v6.12's values, which the guest image uses ({@link GuestAbi}). */
        static final Flags V6_12 = new Flags(GuestAbi.FL_ENABLED, GuestAbi.FL_DYNAMIC, GuestAbi.FL_RECURSION,
                GuestAbi.FL_RCU, GuestAbi.FL_DIRECT, GuestAbi.FL_ALLOC_TRAMP, 0);

        /** The kernel's own values, from the enumerators in its BTF (v6.12's where one is missing). */
        static Flags of(Btf btf) {
            return new Flags(bit(btf, "ENABLED", GuestAbi.FL_ENABLED), bit(btf, "DYNAMIC", GuestAbi.FL_DYNAMIC),
                    bit(btf, "RECURSION", GuestAbi.FL_RECURSION), bit(btf, "RCU", GuestAbi.FL_RCU),
                    bit(btf, "DIRECT", GuestAbi.FL_DIRECT), bit(btf, "ALLOC_TRAMP", GuestAbi.FL_ALLOC_TRAMP),
                    bit(btf, "INITIALIZED", 1 << 6));
        }

        private static long bit(Btf btf, String name, long fallback) {
            return btf.enumValue("FTRACE_OPS_FL_" + name).orElse(fallback);
        }
    }

    /** The guest image's layout (Debian 6.12's, checked against the image's ftrace_abi[]). */
    static KernelStructs guest(Arch arch) {
        GuestAbi.ArchAbi a = GuestAbi.of(arch);
        return new KernelStructs(GuestAbi.OPS_FUNC, GuestAbi.OPS_NEXT, GuestAbi.OPS_FLAGS, GuestAbi.OPS_FUNC_HASH,
                GuestAbi.OPS_LOCAL_HASH, GuestAbi.OPS_FILTER_HASH, GuestAbi.OPS_NOTRACE_HASH, GuestAbi.OPS_TRAMPOLINE,
                GuestAbi.OPS_TRAMPOLINE_SIZE, GuestAbi.OPS_DIRECT_CALL, 0, GuestAbi.SAMPLE_COUNT, GuestAbi.SAMPLE_SIZE,
                GuestAbi.HASH_SIZE_BITS, GuestAbi.HASH_BUCKETS, GuestAbi.HASH_COUNT, GuestAbi.HASH_SIZE,
                GuestAbi.ENTRY_NEXT, GuestAbi.ENTRY_PPREV, GuestAbi.ENTRY_IP, GuestAbi.ENTRY_SIZE, a.taskSize(),
                a.taskRcuWatching(), -1, a.taskStackCanary(), Flags.V6_12);
    }

    /**
     * A real kernel's layout, from its BTF; the sample module keeps each ops' count in the 8 bytes
     * before it ({@link SampleModule#COUNT_FROM_OPS}).
     *
     * @throws BadInputException naming the struct or member the BTF lacks
     */
    static KernelStructs of(Btf btf, Arch arch) {
        long local = btf.offset("ftrace_ops", "local_hash");
        long ops = btf.size("ftrace_ops");
        return new KernelStructs(btf.offset("ftrace_ops", "func"), btf.offset("ftrace_ops", "next"),
                btf.offset("ftrace_ops", "flags"), btf.offset("ftrace_ops", "func_hash"), local,
                local + btf.offset("ftrace_ops_hash", "filter_hash"), local + btf.offset("ftrace_ops_hash", "notrace_hash"),
                optional(btf, "ftrace_ops", "trampoline"), optional(btf, "ftrace_ops", "trampoline_size"),
                optional(btf, "ftrace_ops", "direct_call"), -SampleModule.COUNT_FROM_OPS, SampleModule.COUNT_FROM_OPS,
                (ops - SampleModule.COUNT_FROM_OPS + 7) & -8L, btf.offset("ftrace_hash", "size_bits"),
                btf.offset("ftrace_hash", "buckets"), btf.offset("ftrace_hash", "count"), btf.size("ftrace_hash"),
                btf.offset("ftrace_func_entry", "hlist.next"), btf.offset("ftrace_func_entry", "hlist.pprev"),
                btf.offset("ftrace_func_entry", "ip"), btf.size("ftrace_func_entry"), btf.size("task_struct"), -1,
                arch == Arch.ARM64 ? btf.offset("task_struct", "thread_info.preempt.need_resched") : -1,
                optional(btf, "task_struct", "stack_canary"), Flags.of(btf));
    }

    /** The member's offset, or -1 if the kernel's config left it out. */
    private static long optional(Btf btf, String struct, String member) {
        try {
            return btf.offset(struct, member);
        } catch (BadInputException e) {
            return -1;
        }
    }
}
