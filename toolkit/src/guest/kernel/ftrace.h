/*
 * The guest kernel image's ftrace structures: the data the toolkit places in guest memory when
 * it boots the image and that the guest code walks on every traced call. The shapes follow the
 * kernel's (an ops with a function, flags, filter and notrace hashes, a private trampoline and a
 * direct-call address; chained hash buckets keyed by call address; per-task recursion bits) so
 * a traced call does the same loads, tests and calls as in Linux. All fields are 8 bytes.
 *
 * The offsets are shared three ways: C (checked below with static asserts), the trampolines in
 * <arch>.S, and the toolkit (dev.ftracelab.ftrace.GuestAbi), which compares them with the
 * ftrace_abi[] table in core.c before it boots an image.
 */
#ifndef FTRACE_H
#define FTRACE_H

#define ABI_MAGIC 0x3149424174727466 /* "ftrtABI1" little-endian */

/* struct ftrace_ops */
#define OPS_FUNC 0
#define OPS_NEXT 8
#define OPS_FLAGS 16
#define OPS_PRIVATE 24
#define OPS_FILTER_HASH 32 /* local_hash.filter_hash */
#define OPS_NOTRACE_HASH 40 /* local_hash.notrace_hash */
#define OPS_FUNC_HASH 48 /* -> local_hash, as in the kernel */
#define OPS_TRAMPOLINE 56
#define OPS_TRAMPOLINE_SIZE 64
#define OPS_DIRECT_CALL 72
#define OPS_SIZE 80
/* struct sample_ops: an ops and the counter its func increments (like samples/ftrace/ftrace-ops.c) */
#define SAMPLE_COUNT 80
#define SAMPLE_SIZE 88

/* struct ftrace_hash and struct ftrace_func_entry */
#define HASH_SIZE_BITS 0
#define HASH_BUCKETS 8
#define HASH_COUNT 16
#define HASH_FLAGS 24
#define HASH_SIZE 32
#define ENTRY_NEXT 0
#define ENTRY_PPREV 8
#define ENTRY_IP 16
#define ENTRY_DIRECT 24
#define ENTRY_SIZE 32

/* struct task_ctx: what the kernel keeps in task_struct / thread_info; `current` is tp / TPIDR_EL0 */
#define TASK_TRACE_RECURSION 0
#define TASK_PREEMPT_COUNT 8
#define TASK_NEED_RESCHED 16
#define TASK_RCU_WATCHING 24
#define TASK_SCHEDULES 32
#define TASK_SIZE 40

/* struct ftrace_regs: the frame the trampolines build (riscv a0-a7, arm64 x0-x8) */
#define FREGS_ARGS 0
#define FREGS_PC 72 /* where the traced function goes on: its entry + 8 */
#define FREGS_LR 80 /* the traced function's caller */
#define FREGS_FP 88
#define FREGS_DIRECT 96 /* set by call_direct_funcs: a direct trampoline to go to instead */
#define FREGS_SIZE 112

/* bytes reserved between the common trampolines for private ones (see <arch>.S) */
#define FTRACE_TRAMP_POOL_SIZE 1024

/* ftrace_ops flags (the kernel's names, the toolkit's numbering) */
#define FL_ENABLED (1 << 0)
#define FL_DYNAMIC (1 << 1)
#define FL_SAVE_REGS (1 << 2)
#define FL_RECURSION (1 << 3) /* the ops wants ftrace's recursion protection: wrapped by ftrace_ops_assist_func */
#define FL_STUB (1 << 4)
#define FL_RCU (1 << 5) /* call only where RCU is watching: also wrapped */
#define FL_ALLOC_TRAMP (1 << 6)
#define FL_DIRECT (1 << 7)

#ifndef __ASSEMBLER__

typedef unsigned long u64;

struct ftrace_ops;
struct ftrace_regs;
typedef void (*ftrace_func_t)(u64 ip, u64 parent_ip, struct ftrace_ops *op, struct ftrace_regs *fregs);

struct ftrace_func_entry {
	struct ftrace_func_entry *next;
	struct ftrace_func_entry **pprev;
	u64 ip;
	u64 direct;
};

struct ftrace_hash {
	u64 size_bits;
	struct ftrace_func_entry **buckets;
	u64 count;
	u64 flags;
};

struct ftrace_ops_hash {
	struct ftrace_hash *filter_hash;
	struct ftrace_hash *notrace_hash;
};

struct ftrace_ops {
	ftrace_func_t func;
	struct ftrace_ops *next;
	u64 flags;
	void *private;
	struct ftrace_ops_hash local_hash;
	struct ftrace_ops_hash *func_hash;
	u64 trampoline;
	u64 trampoline_size;
	u64 direct_call;
};

struct sample_ops {
	struct ftrace_ops ops;
	u64 count;
};

struct task_ctx {
	u64 trace_recursion;
	u64 preempt_count;
	u64 need_resched;
	u64 rcu_watching;
	u64 schedules;
};

struct ftrace_regs {
	u64 args[9];
	u64 pc;
	u64 lr;
	u64 fp;
	u64 direct_tramp;
	u64 pad;
};

#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#define barrier() __asm__ volatile("" ::: "memory")
#define NOINLINE __attribute__((noinline))

/* core.c: the ftrace core, built without patchable entries (the kernel's notrace) */
extern struct ftrace_ops *ftrace_ops_list;
extern struct ftrace_ops ftrace_list_end, ftrace_list_ops, ftrace_nop_ops;
extern struct ftrace_ops *function_trace_op;
extern u64 ftrace_call_dest;
extern struct task_ctx init_task;
void ftrace_stub(u64 ip, u64 parent_ip, struct ftrace_ops *op, struct ftrace_regs *fregs);
void ftrace_ops_list_func(u64 ip, u64 parent_ip, struct ftrace_ops *op, struct ftrace_regs *fregs);
void ftrace_ops_assist_func(u64 ip, u64 parent_ip, struct ftrace_ops *op, struct ftrace_regs *fregs);
void call_direct_funcs(u64 ip, u64 parent_ip, struct ftrace_ops *op, struct ftrace_regs *fregs);

#endif /* __ASSEMBLER__ */
#endif
