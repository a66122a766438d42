/*
 * The ftrace core of the guest kernel image: the list function, the recursion-protection
 * wrapper, filter-hash lookups and the built-in ops. Compiled without patchable entries, as the
 * kernel builds its ftrace core notrace. The toolkit (dev.ftracelab.ftrace) writes the ops,
 * hashes and patch sites; this code only reads them, on every traced call, doing the kernel's
 * work: so the instructions it retires are what a dispatch design costs.
 */
#include "ftrace.h"

#define offsetof(t, m) __builtin_offsetof(t, m)
_Static_assert(offsetof(struct ftrace_ops, func) == OPS_FUNC, "ops.func");
_Static_assert(offsetof(struct ftrace_ops, next) == OPS_NEXT, "ops.next");
_Static_assert(offsetof(struct ftrace_ops, flags) == OPS_FLAGS, "ops.flags");
_Static_assert(offsetof(struct ftrace_ops, private) == OPS_PRIVATE, "ops.private");
_Static_assert(offsetof(struct ftrace_ops, local_hash.filter_hash) == OPS_FILTER_HASH, "ops.filter");
_Static_assert(offsetof(struct ftrace_ops, local_hash.notrace_hash) == OPS_NOTRACE_HASH, "ops.notrace");
_Static_assert(offsetof(struct ftrace_ops, func_hash) == OPS_FUNC_HASH, "ops.func_hash");
_Static_assert(offsetof(struct ftrace_ops, trampoline) == OPS_TRAMPOLINE, "ops.trampoline");
_Static_assert(offsetof(struct ftrace_ops, trampoline_size) == OPS_TRAMPOLINE_SIZE, "ops.trampoline_size");
_Static_assert(offsetof(struct ftrace_ops, direct_call) == OPS_DIRECT_CALL, "ops.direct_call");
_Static_assert(sizeof(struct ftrace_ops) == OPS_SIZE, "ops size");
_Static_assert(offsetof(struct sample_ops, count) == SAMPLE_COUNT, "sample.count");
_Static_assert(sizeof(struct sample_ops) == SAMPLE_SIZE, "sample size");
_Static_assert(offsetof(struct ftrace_hash, buckets) == HASH_BUCKETS, "hash.buckets");
_Static_assert(offsetof(struct ftrace_hash, count) == HASH_COUNT, "hash.count");
_Static_assert(sizeof(struct ftrace_hash) == HASH_SIZE, "hash size");
_Static_assert(offsetof(struct ftrace_func_entry, ip) == ENTRY_IP, "entry.ip");
_Static_assert(sizeof(struct ftrace_func_entry) == ENTRY_SIZE, "entry size");
_Static_assert(offsetof(struct task_ctx, preempt_count) == TASK_PREEMPT_COUNT, "task.preempt_count");
_Static_assert(offsetof(struct task_ctx, schedules) == TASK_SCHEDULES, "task.schedules");
_Static_assert(sizeof(struct task_ctx) == TASK_SIZE, "task size");
_Static_assert(offsetof(struct ftrace_regs, pc) == FREGS_PC, "fregs.pc");
_Static_assert(offsetof(struct ftrace_regs, direct_tramp) == FREGS_DIRECT, "fregs.direct");
_Static_assert(sizeof(struct ftrace_regs) == FREGS_SIZE, "fregs size");

/* Read by the toolkit before it boots the image: it refuses an image whose layout differs. */
const u64 ftrace_abi[] = {
	ABI_MAGIC, OPS_FUNC, OPS_NEXT, OPS_FLAGS, OPS_PRIVATE, OPS_FILTER_HASH, OPS_NOTRACE_HASH,
	OPS_FUNC_HASH, OPS_TRAMPOLINE, OPS_TRAMPOLINE_SIZE, OPS_DIRECT_CALL, OPS_SIZE, SAMPLE_COUNT,
	SAMPLE_SIZE, HASH_SIZE_BITS, HASH_BUCKETS, HASH_COUNT, HASH_FLAGS, HASH_SIZE, ENTRY_NEXT,
	ENTRY_PPREV, ENTRY_IP, ENTRY_DIRECT, ENTRY_SIZE, TASK_TRACE_RECURSION, TASK_PREEMPT_COUNT,
	TASK_NEED_RESCHED, TASK_RCU_WATCHING, TASK_SCHEDULES, TASK_SIZE, FREGS_PC, FREGS_LR,
	FREGS_DIRECT, FREGS_SIZE, FL_ENABLED, FL_DYNAMIC, FL_SAVE_REGS, FL_RECURSION, FL_STUB,
	FL_RCU, FL_ALLOC_TRAMP, FL_DIRECT,
};

void ftrace_stub(u64 ip, u64 parent_ip, struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	(void)ip, (void)parent_ip, (void)op, (void)fregs;
}

NOINLINE void ftrace_ops_nop_func(u64 ip, u64 parent_ip, struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	(void)ip, (void)parent_ip, (void)op, (void)fregs;
}

/* The list ends with a stub ops, never NULL, so the walk needs no NULL test on the first op. */
struct ftrace_ops ftrace_list_end = { .func = ftrace_stub, .flags = FL_STUB };
struct ftrace_ops *ftrace_ops_list = &ftrace_list_end;
/* What a CALL_OPS literal points at when several ops trace a site, and when none does. */
struct ftrace_ops ftrace_list_ops = { .func = ftrace_ops_list_func, .flags = FL_STUB };
struct ftrace_ops ftrace_nop_ops = { .func = ftrace_ops_nop_func, .flags = FL_STUB };
/* The ops the common trampoline passes without CALL_OPS, and (riscv atomic) where it calls. */
struct ftrace_ops *function_trace_op = &ftrace_list_end;
u64 ftrace_call_dest = (u64)ftrace_stub;
struct task_ctx init_task = { .rcu_watching = 1 };

/* ---- recursion protection (per task; `current` is in tp / TPIDR_EL0 as in the kernel) ---- */

#define SOFTIRQ_OFFSET 0x100UL
#define HARDIRQ_MASK 0xf0000UL
#define NMI_MASK 0xf00000UL
/* Bits per user of the recursion word: one per context (NMI, IRQ, softirq, normal) + transition. */
#define TRACE_CTX_BITS 5
#define TRACE_CTX_TRANSITION 4
#define TRACE_FTRACE_START 0
#define TRACE_LIST_START TRACE_CTX_BITS

static inline struct task_ctx *current_task(void)
{
	struct task_ctx *t;
#if defined(__riscv)
	__asm__("mv %0, tp" : "=r"(t));
#else
	__asm__("mrs %0, tpidr_el0" : "=r"(t));
#endif
	return t;
}

static inline int context_bit(u64 pc)
{
	/* normal = 3, softirq = 2, hardirq = 1, NMI = 0: the deeper the context, the lower the bit */
	int level = !!(pc & NMI_MASK) + !!(pc & (NMI_MASK | HARDIRQ_MASK)) +
		    !!(pc & (NMI_MASK | HARDIRQ_MASK | SOFTIRQ_OFFSET));
	return 3 - level;
}

NOINLINE void preempt_schedule_notrace(void)
{
	struct task_ctx *t = current_task();
	t->need_resched = 0;
	t->schedules++;
}

/* Claims this context's recursion bit and disables preemption; -1 if the bit is already taken. */
static inline int recursion_enter(struct task_ctx *t, int start)
{
	u64 val = READ_ONCE(t->trace_recursion);
	int bit = start + context_bit(READ_ONCE(t->preempt_count));
	if (val & (1UL << bit)) {
		/* An interrupt that arrived before the context switched over: allowed once. */
		bit = start + TRACE_CTX_TRANSITION;
		if (val & (1UL << bit))
			return -1;
	}
	WRITE_ONCE(t->trace_recursion, val | (1UL << bit));
	barrier();
	WRITE_ONCE(t->preempt_count, t->preempt_count + 1);
	barrier();
	return bit;
}

static inline void recursion_exit(struct task_ctx *t, int bit)
{
	barrier();
	u64 pc = t->preempt_count - 1;
	WRITE_ONCE(t->preempt_count, pc);
	if (pc == 0 && READ_ONCE(t->need_resched))
		preempt_schedule_notrace();
	barrier();
	WRITE_ONCE(t->trace_recursion, t->trace_recursion & ~(1UL << bit));
}

NOINLINE int rcu_is_watching(void)
{
	return READ_ONCE(current_task()->rcu_watching) & 1;
}

/* ---- filter hashes ---- */

static inline u64 hash_64(u64 val, unsigned int bits)
{
	return val * 0x61c8864680b583ebUL >> (64 - bits);
}

static inline int hash_empty(const struct ftrace_hash *hash)
{
	return !hash || !hash->count;
}

NOINLINE struct ftrace_func_entry *ftrace_lookup_ip(const struct ftrace_hash *hash, u64 ip)
{
	u64 key = hash->size_bits ? hash_64(ip, hash->size_bits) : 0;
	for (struct ftrace_func_entry *e = READ_ONCE(hash->buckets[key]); e; e = READ_ONCE(e->next))
		if (e->ip == ip)
			return e;
	return 0;
}

/* Whether `op` traces `ip`: in its filter (or the filter is empty) and not in its notrace hash. */
static inline int ftrace_ops_test(struct ftrace_ops *op, u64 ip)
{
	struct ftrace_hash *filter = READ_ONCE(op->func_hash->filter_hash);
	struct ftrace_hash *notrace = READ_ONCE(op->func_hash->notrace_hash);
	return (hash_empty(filter) || ftrace_lookup_ip(filter, ip)) &&
	       (hash_empty(notrace) || !ftrace_lookup_ip(notrace, ip));
}

/* ---- the functions a trampoline calls ---- */

/* List processing: every registered ops is tested against the call address, relevant or not. */
void ftrace_ops_list_func(u64 ip, u64 parent_ip, struct ftrace_ops *ignored, struct ftrace_regs *fregs)
{
	(void)ignored;
	struct task_ctx *t = current_task();
	int bit = recursion_enter(t, TRACE_LIST_START);
	if (bit < 0)
		return;
	struct ftrace_ops *op = READ_ONCE(ftrace_ops_list);
	do {
		if (op->flags & FL_STUB)
			continue;
		if ((!(op->flags & FL_RCU) || rcu_is_watching()) && ftrace_ops_test(op, ip))
			op->func(ip, parent_ip, op, fregs);
	} while ((op = READ_ONCE(op->next)) && op != &ftrace_list_end);
	recursion_exit(t, bit);
}

/* The wrapper for an ops that asked for recursion protection or RCU checks. */
void ftrace_ops_assist_func(u64 ip, u64 parent_ip, struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	struct task_ctx *t = current_task();
	int bit = recursion_enter(t, TRACE_FTRACE_START);
	if (bit < 0)
		return;
	if (!(op->flags & FL_RCU) || rcu_is_watching())
		op->func(ip, parent_ip, op, fregs);
	recursion_exit(t, bit);
}

/* The func of a direct ops reached through the list: the trampoline goes on to direct_tramp. */
void call_direct_funcs(u64 ip, u64 parent_ip, struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	(void)ip, (void)parent_ip;
	u64 addr = READ_ONCE(op->direct_call);
	if (addr)
		WRITE_ONCE(fregs->direct_tramp, addr);
}
