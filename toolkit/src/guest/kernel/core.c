/*
 * The ftrace core of the guest kernel image: the list function, the recursion-protection
 * wrapper, filter-hash lookups and the built-in ops. Compiled without patchable entries, as the
 * kernel builds its ftrace core notrace, and with the code-generation options of Debian's 6.12
 * kernels (frame pointers, per-task stack protector, zero-initialised locals, arm64 pac-ret; see
 * build.sh). The toolkit (dev.ftracelab.ftrace) writes the ops, hashes and patch sites; this code
 * only reads them, on every traced call, doing the kernel's work: so the instructions it retires
 * are what a dispatch design costs.
 *
 * The structure follows Debian 6.12's compiled list path (arch_ftrace_ops_list_func,
 * hash_contains_ip.isra.0, ftrace_ops_assist_func in vmlinux-6.12.117+deb13-<arch>), written
 * here from what that machine code does (FtraceModelTest holds an irrelevant ops' instruction
 * mix to the real one). Where GCC 12 lays code out differently from Debian's GCC 14, a hint or
 * flag below says so.
 */
#include "ftrace.h"

#define offsetof(t, m) __builtin_offsetof(t, m)
_Static_assert(offsetof(struct ftrace_ops, func) == OPS_FUNC, "ops.func");
_Static_assert(offsetof(struct ftrace_ops, next) == OPS_NEXT, "ops.next");
_Static_assert(offsetof(struct ftrace_ops, flags) == OPS_FLAGS, "ops.flags");
_Static_assert(offsetof(struct ftrace_ops, private) == OPS_PRIVATE, "ops.private");
_Static_assert(offsetof(struct ftrace_ops, local_hash) == OPS_LOCAL_HASH, "ops.local_hash");
_Static_assert(offsetof(struct ftrace_ops, local_hash.notrace_hash) == OPS_NOTRACE_HASH, "ops.notrace");
_Static_assert(offsetof(struct ftrace_ops, local_hash.filter_hash) == OPS_FILTER_HASH, "ops.filter");
_Static_assert(offsetof(struct ftrace_ops, func_hash) == OPS_FUNC_HASH, "ops.func_hash");
_Static_assert(offsetof(struct ftrace_ops, trampoline) == OPS_TRAMPOLINE, "ops.trampoline");
_Static_assert(offsetof(struct ftrace_ops, trampoline_size) == OPS_TRAMPOLINE_SIZE, "ops.trampoline_size");
_Static_assert(offsetof(struct ftrace_ops, direct_call) == OPS_DIRECT_CALL, "ops.direct_call");
_Static_assert(sizeof(struct ftrace_ops) == OPS_SIZE, "ops size");
_Static_assert(offsetof(struct sample_ops, count) == SAMPLE_COUNT, "sample.count");
_Static_assert(sizeof(struct sample_ops) == SAMPLE_SIZE, "sample size");
_Static_assert(offsetof(struct ftrace_ops_hash, notrace_hash) == OPS_HASH_NOTRACE, "ops_hash.notrace");
_Static_assert(offsetof(struct ftrace_ops_hash, filter_hash) == OPS_HASH_FILTER, "ops_hash.filter");
_Static_assert(sizeof(struct ftrace_ops_hash) == OPS_HASH_SIZE, "ops_hash size");
_Static_assert(offsetof(struct ftrace_hash, buckets) == HASH_BUCKETS, "hash.buckets");
_Static_assert(offsetof(struct ftrace_hash, count) == HASH_COUNT, "hash.count");
_Static_assert(offsetof(struct ftrace_hash, flags) == HASH_FLAGS, "hash.flags");
_Static_assert(sizeof(struct ftrace_hash) == HASH_SIZE, "hash size");
_Static_assert(offsetof(struct ftrace_func_entry, ip) == ENTRY_IP, "entry.ip");
_Static_assert(sizeof(struct ftrace_func_entry) == ENTRY_SIZE, "entry size");
_Static_assert(offsetof(struct task_struct, preempt_count) == TASK_PREEMPT_COUNT, "task.preempt_count");
_Static_assert(offsetof(struct task_struct, rcu_watching) == TASK_RCU_WATCHING, "task.rcu_watching");
_Static_assert(offsetof(struct task_struct, stack_canary) == TASK_STACK_CANARY, "task.stack_canary");
_Static_assert(offsetof(struct task_struct, trace_recursion) == TASK_TRACE_RECURSION, "task.trace_recursion");
_Static_assert(sizeof(struct task_struct) == TASK_SIZE, "task size");
_Static_assert(offsetof(struct ftrace_regs, pc) == FREGS_PC, "fregs.pc");
_Static_assert(offsetof(struct ftrace_regs, lr) == FREGS_LR, "fregs.lr");
_Static_assert(offsetof(struct ftrace_regs, fp) == FREGS_FP, "fregs.fp");
_Static_assert(offsetof(struct ftrace_regs, sp) == FREGS_SP, "fregs.sp");
_Static_assert(offsetof(struct ftrace_regs, args) == FREGS_ARGS, "fregs.args");
_Static_assert(offsetof(struct ftrace_regs, direct_tramp) == FREGS_DIRECT, "fregs.direct");
_Static_assert(sizeof(struct ftrace_regs) == FREGS_SIZE, "fregs size");

/* Read by the toolkit before it boots the image: it refuses an image whose layout differs. */
const u64 ftrace_abi[] = {
	ABI_MAGIC, OPS_FUNC, OPS_NEXT, OPS_FLAGS, OPS_PRIVATE, OPS_LOCAL_HASH, OPS_NOTRACE_HASH,
	OPS_FILTER_HASH, OPS_FUNC_HASH, OPS_TRAMPOLINE, OPS_TRAMPOLINE_SIZE, OPS_DIRECT_CALL, OPS_SIZE,
	SAMPLE_COUNT, SAMPLE_SIZE, HASH_SIZE_BITS, HASH_BUCKETS, HASH_COUNT, HASH_FLAGS, HASH_SIZE,
	ENTRY_NEXT, ENTRY_PPREV, ENTRY_IP, ENTRY_DIRECT, ENTRY_SIZE, TASK_PREEMPT_COUNT, TASK_RCU_WATCHING,
	TASK_STACK_CANARY, TASK_TRACE_RECURSION, TASK_SIZE, FREGS_PC, FREGS_LR, FREGS_DIRECT, FREGS_SIZE,
	FREGS_FRAME, FL_ENABLED, FL_DYNAMIC, FL_SAVE_REGS, FL_RECURSION, FL_STUB, FL_RCU, FL_ALLOC_TRAMP,
	FL_DIRECT,
};

/*
 * riscv: Debian's GCC 14 gives every function a frame record of both s0 and ra when frame
 * pointers are on, leaf functions included (so the unwinder can walk them); GCC 12 saves only s0
 * in a leaf. An empty asm that clobbers ra makes GCC 12 save and restore it the same way. arm64
 * leaf functions have no frame with either compiler.
 */
#if defined(__riscv)
#define LEAF_FRAME_AS_DEBIAN() __asm__ volatile("" ::: "ra")
#else
#define LEAF_FRAME_AS_DEBIAN() do { } while (0)
#endif

/* ftrace_stub (a bare return) is in <arch>.S, as in the kernel. */

NOINLINE void ftrace_ops_nop_func(u64 ip, u64 parent_ip, struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	(void)ip, (void)parent_ip, (void)op, (void)fregs;
	LEAF_FRAME_AS_DEBIAN();
}

/* What a stack-protector check calls when the canary changed: the kernel panics, the guest traps. */
void __stack_chk_fail(void)
{
	for (;;)
		__builtin_trap();
}

/* The hash every ops without a filter (or notrace filter) points at: count 0, one empty bucket. */
static struct hlist_head empty_buckets[1];
struct ftrace_hash empty_hash = { .buckets = empty_buckets };

#define STATIC_OPS(name, fn)                                                                \
	struct ftrace_ops name = { .func = fn, .flags = FL_STUB,                            \
				   .local_hash = { .notrace_hash = &empty_hash, .filter_hash = &empty_hash }, \
				   .func_hash = &name.local_hash }

/* The list ends with a stub ops, never NULL, so the walk needs no NULL test on the first op. */
STATIC_OPS(ftrace_list_end, ftrace_stub);
struct ftrace_ops *ftrace_ops_list = &ftrace_list_end;
/* What a CALL_OPS literal points at when several ops trace a site, and when none does. */
STATIC_OPS(ftrace_list_ops, ftrace_ops_list_func);
STATIC_OPS(ftrace_nop_ops, ftrace_ops_nop_func);
/* The ops the common trampoline passes without CALL_OPS, and (riscv atomic) where it calls. */
struct ftrace_ops *function_trace_op = &ftrace_list_end;
u64 ftrace_call_dest = (u64)ftrace_stub;
struct task_struct init_task = { .rcu_watching = 1 };

/* What a failed FTRACE_WARN_ON leaves behind: ftrace switched off for good. */
int ftrace_disabled, ftrace_enabled = 1;
ftrace_func_t ftrace_trace_function = ftrace_stub;

#if defined(__riscv)
/* riscv keeps `current` in tp for good: a global register variable, as the kernel declares it */
register struct task_struct *current_in_tp __asm__("tp");
static inline struct task_struct *get_current(void)
{
	return current_in_tp;
}
#else
/* arm64 keeps `current` in SP_EL0 while in the kernel, as the kernel does */
static inline struct task_struct *get_current(void)
{
	struct task_struct *t;
	__asm__("mrs %0, sp_el0" : "=r"(t));
	return t;
}
#endif
#define current get_current()

/*
 * `current` once more, for the recursion word's store: Debian's arm64 GCC 14 reads SP_EL0 again
 * there (the register holding it is reused on the way), where GCC 12 would keep it. Same value.
 */
#if defined(__riscv)
#define current_again() get_current()
#else
static inline struct task_struct *current_again(void)
{
	struct task_struct *t;
	__asm__ volatile("mrs %0, sp_el0" : "=r"(t));
	return t;
}
#endif

/*
 * rcu_assign_pointer(): a store-release, so a reader that sees the pointer sees what it points
 * at. arm64: STLR; riscv: FENCE RW,W then a plain store (the kernel's smp_store_release).
 */
#if defined(__riscv)
#define store_release(p, v)                                        \
	do {                                                       \
		__asm__ volatile("fence rw,w" ::: "memory");       \
		WRITE_ONCE(p, v);                                  \
	} while (0)
#else
#define store_release(p, v) __asm__ volatile("stlr %x1, %0" : "=Q"(p) : "r"(v) : "memory")
#endif

/*
 * Debian's riscv64 kernel (GCC 14) has no stack canary in ftrace_ops_test or the list function;
 * GCC 12 would add one for the on-stack hash pair. arm64's has one in both (the STLR's memory
 * operand takes the pair's address), and GCC 12 emits it the same way.
 */
#if defined(__riscv)
#define NO_CANARY_AS_DEBIAN __attribute__((no_stack_protector))
#else
#define NO_CANARY_AS_DEBIAN
#endif

/* ---- recursion protection (per task: current->trace_recursion) ---- */

#define SOFTIRQ_OFFSET 0x100U
#define HARDIRQ_MASK 0xf0000U
#define NMI_MASK 0xf00000U
/* The list function's bits of the recursion word: one per context, then a transition bit. */
#define TRACE_LIST_START 5
#define TRACE_CTX_NORMAL 3
#define TRACE_CTX_TRANSITION 4

/* 0 in task context, 1 in softirq, 2 in hardirq, 3 in NMI: from thread_info's preempt count. */
static inline unsigned char interrupt_level(void)
{
	unsigned int pc = READ_ONCE(current->preempt_count);
	unsigned char level = !!(pc & NMI_MASK);
	level += !!(pc & (NMI_MASK | HARDIRQ_MASK));
	level += !!(pc & (NMI_MASK | HARDIRQ_MASK | SOFTIRQ_OFFSET));
	return level;
}

/*
 * Claims this context's recursion bit; -1 if it is taken twice over. The kernel then disables
 * preemption, which in Debian's 6.12 configs (PREEMPT_VOLUNTARY, no PREEMPT_COUNT) is only a
 * compiler barrier: so no preempt count is written here.
 */
static inline __attribute__((always_inline)) int recursion_trylock(int start)
{
	unsigned int val = READ_ONCE(current->trace_recursion);
	int bit = start + TRACE_CTX_NORMAL - interrupt_level();
	if (__builtin_expect(val & (1U << bit), 0)) {
		/* An interrupt that arrived before the context switched over: allowed once. */
		bit = start + TRACE_CTX_TRANSITION;
		if (val & (1U << bit))
			return -1;
	}
	val |= 1U << bit;
	current_again()->trace_recursion = val;
	barrier();
	return bit;
}

static inline __attribute__((always_inline)) void recursion_unlock(int bit)
{
	barrier();
	current->trace_recursion &= ~(1 << bit);
}

/* Cold: Debian's GCC 14 lays the call out of the straight line in both callers, GCC 12 does so
 * when told; the sample's ops never ask for it. */
NOINLINE __attribute__((cold)) int rcu_is_watching(void)
{
	LEAF_FRAME_AS_DEBIAN();
	return READ_ONCE(current->rcu_watching) & 1;
}

/* ---- filter hashes ---- */

#define GOLDEN_RATIO_64 0x61c8864680b583ebUL

/* Empty: no hash, or no entries and no module filter pending. */
static inline int hash_is_empty(const struct ftrace_hash *hash)
{
	return !hash || !(hash->count || (hash->flags & HASH_FL_MOD));
}

/* hash_long(): the top `bits` bits of ip * golden ratio, as a 32-bit bucket number. */
static inline unsigned int bucket_of(u64 ip, unsigned int bits)
{
	return (unsigned int)((ip * GOLDEN_RATIO_64) >> (64 - bits));
}

/* Walks the bucket's hlist for an entry with this ip (the kernel's __ftrace_lookup_ip). */
static inline struct ftrace_func_entry *lookup_in_bucket(const struct ftrace_hash *hash, u64 ip)
{
	/*
	 * The hint keeps the multiply off the straight line, where Debian's GCC 14 puts it. The
	 * READ_ONCE keeps size_bits a load of its own, before the buckets pointer's, as GCC 14 has
	 * them on arm64; GCC 12 would merge the two into one LDP (no volatile access is paired).
	 * Bucket 0 is then `bits` itself, which is 0 there: GCC 14 indexes with that register, GCC 12
	 * would set a new one to 0 unless told.
	 */
	u64 bits = READ_ONCE(hash->size_bits);
	unsigned long key = __builtin_expect(bits != 0, 0) ? bucket_of(ip, (unsigned int)bits) : bits;
	for (struct hlist_node *n = READ_ONCE(hash->buckets[key].first); n; n = READ_ONCE(n->next)) {
		struct ftrace_func_entry *e = (struct ftrace_func_entry *)n; /* hlist is the first member */
		if (e->ip == ip)
			return e;
	}
	return 0;
}

/* Exported like the kernel's: an empty hash has no entries. Not on the call path. */
struct ftrace_func_entry *ftrace_lookup_ip(struct ftrace_hash *hash, u64 ip)
{
	LEAF_FRAME_AS_DEBIAN();
	return hash_is_empty(hash) ? 0 : lookup_in_bucket(hash, ip);
}

/*
 * In the filter (or the filter is empty) and not in the notrace hash. Out of line, as in the
 * kernel, where GCC passes it the two pointers of the on-stack pair by value
 * (hash_contains_ip.isra.0): the caller reads them back from the stack. Written with the two
 * arguments here, because GCC 12 does not scalarise a function that contains an asm statement.
 */
static NOINLINE int hash_contains_ip(u64 ip, struct ftrace_hash *notrace_hash, struct ftrace_hash *filter_hash)
{
	LEAF_FRAME_AS_DEBIAN();
	return (hash_is_empty(filter_hash) || lookup_in_bucket(filter_hash, ip)) &&
	       (hash_is_empty(notrace_hash) || !lookup_in_bucket(notrace_hash, ip));
}

/*
 * Whether `ops` traces `ip`. The hash pointers are published into a local copy with
 * rcu_assign_pointer(), as the kernel does, so the lookup sees one consistent pair even if the
 * ops' hashes are swapped meanwhile. The kernel returns 0 first for a SAVE_REGS ops called
 * without regs, but only with DYNAMIC_FTRACE_WITH_REGS, which neither Debian arch has (both use
 * WITH_ARGS): so that test is not compiled in either.
 */
NO_CANARY_AS_DEBIAN int ftrace_ops_test(struct ftrace_ops *ops, u64 ip, void *regs)
{
	struct ftrace_ops_hash hash; /* zeroed: -ftrivial-auto-var-init=zero, the kernel's INIT_STACK_ALL_ZERO */
	(void)regs;
	store_release(hash.filter_hash, ops->func_hash->filter_hash);
	store_release(hash.notrace_hash, ops->func_hash->notrace_hash);
	return hash_contains_ip(ip, hash.notrace_hash, hash.filter_hash);
}

/* FTRACE_WARN_ON(!op->func): switch ftrace off rather than jump to address 0. */
static inline __attribute__((always_inline)) void ftrace_kill_null_func(void)
{
	ftrace_disabled = 1;
	ftrace_enabled = 0;
	ftrace_trace_function = ftrace_stub;
}

/* ---- the functions a trampoline calls ---- */

/*
 * arm64: Debian's GCC 14 keeps &ftrace_list_end in a callee-saved register of its own for the
 * whole walk; GCC 12 would recompute it from the section anchor in every iteration. An empty asm
 * makes the address opaque, so GCC 12 keeps it too. (riscv's GCC 14 recomputes it, as GCC 12
 * does with -fno-move-loop-invariants: see build.sh.)
 */
#if defined(__riscv)
#define END_IN_REGISTER_AS_DEBIAN(p) do { } while (0)
#else
#define END_IN_REGISTER_AS_DEBIAN(p) __asm__("" : "+r"(p))
#endif

/*
 * List processing: every registered ops is tested against the call address, relevant or not.
 * arm64: per call this retires 2 instructions fewer than Debian's: GCC 14 puts stack-protected
 * locals below the saved registers and so moves sp with a `sub` / `add` of its own, where GCC 12
 * folds the move into the frame record's `stp` / `ldp`; no flag of GCC 12 changes that.
 */
NO_CANARY_AS_DEBIAN void ftrace_ops_list_func(u64 ip, u64 parent_ip, struct ftrace_ops *ignored,
					 struct ftrace_regs *fregs)
{
	(void)ignored;
	int bit = recursion_trylock(TRACE_LIST_START);
	if (bit < 0)
		return;
	struct ftrace_ops *op = READ_ONCE(ftrace_ops_list);
	struct ftrace_ops *end = &ftrace_list_end;
	END_IN_REGISTER_AS_DEBIAN(end);
	do {
		if (op->flags & FL_STUB)
			continue;
		/* WITH_ARGS: ftrace_get_regs(fregs) is NULL, so regs is 0 */
		if ((!(op->flags & FL_RCU) || rcu_is_watching()) && ftrace_ops_test(op, ip, 0)) {
			if (__builtin_expect(!op->func, 0)) {
				ftrace_kill_null_func();
				break;
			}
			op->func(ip, parent_ip, op, fregs);
		}
		/* the kernel's walk expects the list to be short: likely a next op, unlikely not the end */
	} while (__builtin_expect((op = READ_ONCE(op->next)) != 0, 1) &&
		 __builtin_expect(op != end, 0));
	recursion_unlock(bit);
}

/* The wrapper for an ops that asked for recursion protection or RCU checks. */
void ftrace_ops_assist_func(u64 ip, u64 parent_ip, struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	int bit = recursion_trylock(TRACE_LIST_START);
	if (bit < 0)
		return;
	if (!(op->flags & FL_RCU) || rcu_is_watching())
		op->func(ip, parent_ip, op, fregs);
	recursion_unlock(bit);
}

/* The func of a direct ops reached through the list: the trampoline goes on to direct_tramp. */
void call_direct_funcs(u64 ip, u64 parent_ip, struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	(void)ip, (void)parent_ip;
	LEAF_FRAME_AS_DEBIAN();
	u64 addr = READ_ONCE(op->direct_call);
	if (addr)
		WRITE_ONCE(fregs->direct_tramp, addr);
}
