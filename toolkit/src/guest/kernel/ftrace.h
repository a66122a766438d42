/*
 * The guest kernel image's ftrace structures: the data the toolkit places in guest memory when
 * it boots the image and that the guest code walks on every traced call. The offsets and sizes
 * of every field the dispatch path reads are those of Debian's Linux 6.12 build, so a traced
 * call does the same loads, at the same distances, as the real kernel; fields the path never
 * reads are padding of the right size.
 *
 * Source of every layout below: pahole -C <struct> on the DWARF of
 *   linux-image-6.12.117+deb13-riscv64-dbg 6.12.117-1 and linux-image-6.12.117+deb13-arm64-dbg 6.12.117-1
 *   (usr/lib/debug/boot/vmlinux-6.12.117+deb13-<arch>, as datasets/fetch-kernels.sh fetches them).
 * struct ftrace_ops / ftrace_hash / ftrace_func_entry / ftrace_ops_hash are the same on both
 * arches; task_struct and ftrace_regs differ.
 *
 * The offsets are shared three ways: C (checked below with static asserts), the trampolines in
 * <arch>.S, and the toolkit (dev.ftracelab.ftrace.GuestAbi), which compares them with the
 * ftrace_abi[] table in core.c before it boots an image.
 */
#ifndef FTRACE_H
#define FTRACE_H

#define ABI_MAGIC 0x3249424174727466 /* "ftrtABI2" little-endian */

/* struct ftrace_ops (216 bytes): func, next, flags, private, saved_func, local_hash (a struct
 * ftrace_ops_hash), func_hash, old_hash, trampoline, trampoline_size, list, subop_list,
 * ops_func, managed, direct_call */
#define OPS_FUNC 0
#define OPS_NEXT 8
#define OPS_FLAGS 16
#define OPS_PRIVATE 24
#define OPS_LOCAL_HASH 40
#define OPS_NOTRACE_HASH 40 /* local_hash.notrace_hash: the kernel puts notrace first */
#define OPS_FILTER_HASH 48 /* local_hash.filter_hash */
#define OPS_FUNC_HASH 88 /* -> local_hash */
#define OPS_TRAMPOLINE 144
#define OPS_TRAMPOLINE_SIZE 152
#define OPS_DIRECT_CALL 208
#define OPS_SIZE 216
/* struct sample_ops in samples/ftrace/ftrace-ops.c: an ops and an unsigned int counter */
#define SAMPLE_COUNT 216
#define SAMPLE_SIZE 224

/* struct ftrace_ops_hash (48): notrace_hash, filter_hash, struct mutex regex_lock (32) */
#define OPS_HASH_NOTRACE 0
#define OPS_HASH_FILTER 8
#define OPS_HASH_SIZE 48

/* struct ftrace_hash (48): size_bits, buckets, count, flags, struct rcu_head rcu (16) */
#define HASH_SIZE_BITS 0
#define HASH_BUCKETS 8
#define HASH_COUNT 16
#define HASH_FLAGS 24
#define HASH_SIZE 48
#define HASH_FL_MOD 1 /* FTRACE_HASH_FL_MOD: a hash with only a module filter is not empty */
/* struct ftrace_func_entry (32): struct hlist_node hlist {next, pprev}, ip, direct */
#define ENTRY_NEXT 0
#define ENTRY_PPREV 8
#define ENTRY_IP 16
#define ENTRY_DIRECT 24
#define ENTRY_SIZE 32

/*
 * struct task_struct, the fields the path touches; `current` is tp on riscv and SP_EL0 on arm64,
 * as in the kernel (the emulator runs the image's ftrace code as kernel code). preempt_count is
 * thread_info's, read 32 bits wide on both. TASK_RCU_WATCHING is the guest's own word standing
 * in for the per-CPU context-tracking state rcu_is_watching() reads; it sits where the kernel's
 * __state follows thread_info, a field the path never reads.
 */
#if defined(__riscv)
#define TASK_PREEMPT_COUNT 8
#define TASK_RCU_WATCHING 72
#define TASK_STACK_CANARY 1400
#define TASK_TRACE_RECURSION 2888
#define TASK_SIZE 3648
#else
#define TASK_PREEMPT_COUNT 8
#define TASK_RCU_WATCHING 24
#define TASK_STACK_CANARY 1384
#define TASK_TRACE_RECURSION 2832
#define TASK_SIZE 4736
#endif

/*
 * struct ftrace_regs, the frame the trampolines build (the kernel's __arch_ftrace_regs):
 * riscv: epc, ra, sp, s0, t1 (a direct trampoline to go to), a0-a7; 104 bytes in a 112-byte frame.
 * arm64: x0-x8, direct_tramp, fp, lr, sp, pc; 112 bytes, then two frame records (144-byte frame).
 */
#if defined(__riscv)
#define FREGS_PC 0 /* where the traced function goes on: its entry + 8 */
#define FREGS_LR 8 /* the traced function's caller */
#define FREGS_SP 16
#define FREGS_FP 24
#define FREGS_DIRECT 32 /* t1: set by call_direct_funcs, a direct trampoline to go to instead */
#define FREGS_ARGS 40
#define FREGS_SIZE 104
#define FREGS_FRAME 112
#else
#define FREGS_ARGS 0
#define FREGS_DIRECT 72
#define FREGS_FP 80
#define FREGS_LR 88
#define FREGS_SP 96
#define FREGS_PC 104
#define FREGS_SIZE 112
#define FREGS_FRAME 144
#endif

/* bytes reserved between the common trampolines for private ones (see <arch>.S) */
#define FTRACE_TRAMP_POOL_SIZE 1024

/* ftrace_ops flags: the kernel's bits (include/linux/ftrace.h, v6.12) */
#define FL_ENABLED (1 << 0)
#define FL_DYNAMIC (1 << 1)
#define FL_SAVE_REGS (1 << 2)
#define FL_RECURSION (1 << 4) /* the ops wants ftrace's recursion protection: wrapped by ftrace_ops_assist_func */
#define FL_STUB (1 << 5)
#define FL_ALLOC_TRAMP (1 << 11)
#define FL_RCU (1 << 14) /* call only where RCU is watching: also wrapped */
#define FL_DIRECT (1 << 17)

#ifndef __ASSEMBLER__

typedef unsigned long u64;

struct ftrace_ops;
struct ftrace_regs;
typedef void (*ftrace_func_t)(u64 ip, u64 parent_ip, struct ftrace_ops *op, struct ftrace_regs *fregs);

struct hlist_node {
	struct hlist_node *next;
	struct hlist_node **pprev;
};

struct hlist_head {
	struct hlist_node *first;
};

struct ftrace_func_entry {
	struct hlist_node hlist;
	u64 ip;
	u64 direct;
};

struct ftrace_hash {
	u64 size_bits;
	struct hlist_head *buckets;
	u64 count;
	u64 flags;
	u64 rcu[2]; /* struct rcu_head: freeing is the toolkit's business */
};

/* The kernel's struct mutex (owner, wait_lock, osq, wait_list): never taken on the call path. */
struct guest_mutex {
	u64 words[4];
};

struct ftrace_ops_hash {
	struct ftrace_hash *notrace_hash;
	struct ftrace_hash *filter_hash;
	struct guest_mutex regex_lock;
};

struct ftrace_ops {
	ftrace_func_t func;
	struct ftrace_ops *next;
	u64 flags;
	void *private;
	ftrace_func_t saved_func;
	struct ftrace_ops_hash local_hash;
	struct ftrace_ops_hash *func_hash;
	struct ftrace_ops_hash old_hash;
	u64 trampoline;
	u64 trampoline_size;
	u64 list[2];
	u64 subop_list[2];
	void *ops_func;
	struct ftrace_ops *managed;
	u64 direct_call;
};

struct sample_ops {
	struct ftrace_ops ops;
	unsigned int count;
};

struct task_struct {
	union {
		struct {
			u64 flags;
			unsigned int preempt_count; /* thread_info; arm64's is the low half of a u64 */
		};
		char pad0[TASK_RCU_WATCHING];
	};
	union {
		u64 rcu_watching; /* the guest's stand-in, see above */
		char pad1[TASK_STACK_CANARY - TASK_RCU_WATCHING];
	};
	union {
		u64 stack_canary; /* read by -fstack-protector's per-task guard */
		char pad2[TASK_TRACE_RECURSION - TASK_STACK_CANARY];
	};
	union {
		u64 trace_recursion;
		char pad3[TASK_SIZE - TASK_TRACE_RECURSION];
	};
};

struct ftrace_regs {
#if defined(__riscv)
	u64 pc, lr, sp, fp, direct_tramp;
	u64 args[8];
#else
	u64 args[9];
	u64 direct_tramp, fp, lr, sp, pc;
#endif
};

#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#define barrier() __asm__ volatile("" ::: "memory")
#define NOINLINE __attribute__((noinline))

/* core.c: the ftrace core, built without patchable entries (the kernel's notrace) */
extern struct ftrace_ops *ftrace_ops_list;
extern struct ftrace_ops ftrace_list_end, ftrace_list_ops, ftrace_nop_ops;
extern struct ftrace_ops *function_trace_op;
extern struct ftrace_hash empty_hash;
extern u64 ftrace_call_dest;
extern struct task_struct init_task;
void ftrace_stub(u64 ip, u64 parent_ip, struct ftrace_ops *op, struct ftrace_regs *fregs);
void ftrace_ops_list_func(u64 ip, u64 parent_ip, struct ftrace_ops *op, struct ftrace_regs *fregs);
void ftrace_ops_assist_func(u64 ip, u64 parent_ip, struct ftrace_ops *op, struct ftrace_regs *fregs);
void call_direct_funcs(u64 ip, u64 parent_ip, struct ftrace_ops *op, struct ftrace_regs *fregs);
int ftrace_ops_test(struct ftrace_ops *ops, u64 ip, void *regs);

#endif /* __ASSEMBLER__ */
#endif
