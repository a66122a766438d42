/*
 * Indirect-call mispredict: calls through a register to one of two functions that only return,
 * the target read from a table. With every entry the same the branch target buffer predicts each
 * call; with entries chosen at random (a history-based predictor cannot learn them either) a call
 * mispredicts when its target differs from its call site's last one. Both runs execute the same
 * instructions, so
 *   result = (cycles random - cycles predictable) / target changes
 * = the extra cycles of a mispredicted indirect call over a predicted one: the profile's
 * branch.mispredict_penalty minus branch.indirect_jump (the predicted call's bubble).
 * Four call sites in turn, each call's target loaded four calls ahead, so it is known long before
 * the call issues and a mispredict is found as soon as the call executes. calls=N targets per
 * table (at most 512: 4 KiB, in the L1D), walked iters/64 times per timing.
 */
#include "probe.h"

/* 512 targets = 4 KiB per table: both stay in any L1D, so the table loads never stall a call */
#define MAX_CALLS 512
static u64 predictable[MAX_CALLS + 4];
static u64 random_targets[MAX_CALLS + 4];

#if defined(__riscv)
__asm__(".text\n.balign 64\n.globl target_a\ntarget_a:\nret\n"
	".balign 64\n.globl target_b\ntarget_b:\nret\n"
	".balign 64\n.globl icall_run\nicall_run:\n.option push\n.option norvc\n"
	"mv t6, ra\nmv a3, a1\nld t0, 0(a1)\nld t1, 8(a1)\nld t2, 16(a1)\nld t3, 24(a1)\n"
	"2:\nmv a1, a3\nmv a4, a2\n"
	"1:\njalr ra, t0\nld t0, 32(a1)\njalr ra, t1\nld t1, 40(a1)\n"
	"jalr ra, t2\nld t2, 48(a1)\njalr ra, t3\nld t3, 56(a1)\n"
	"addi a1, a1, 32\naddi a4, a4, -4\nbnez a4, 1b\n"
	"addi a0, a0, -1\nbnez a0, 2b\nmv ra, t6\nret\n.option pop\n");
#else
__asm__(".text\n.balign 64\n.globl target_a\ntarget_a:\nret\n"
	".balign 64\n.globl target_b\ntarget_b:\nret\n"
	".balign 64\n.globl icall_run\nicall_run:\n"
	"mov x9, x30\nmov x10, x1\nldr x3, [x1]\nldr x4, [x1, #8]\nldr x5, [x1, #16]\nldr x6, [x1, #24]\n"
	"2:\nmov x1, x10\nmov x11, x2\n"
	"1:\nblr x3\nldr x3, [x1, #32]\nblr x4\nldr x4, [x1, #40]\n"
	"blr x5\nldr x5, [x1, #48]\nblr x6\nldr x6, [x1, #56]\n"
	"add x1, x1, #32\nsubs x11, x11, #4\nb.ne 1b\n"
	"subs x0, x0, #1\nb.ne 2b\nmov x30, x9\nret\n");
#endif
void target_a(void);
void target_b(void);
/*
 * Walks table[0..calls-1] (calls a multiple of 4) `rounds` times, one call per entry;
 * table[calls..calls+3] repeat the start, so the loads four calls ahead run on across rounds.
 */
void icall_run(u64 rounds, const u64 *table, u64 calls);

int main(int argc, char **argv)
{
	probe_init(argc, argv, "indirect-call");
	u64 calls = arg_u64(argc, argv, "calls", MAX_CALLS) & ~3ul;
	if (calls < 4 || calls > MAX_CALLS)
		calls = MAX_CALLS;
	u64 rounds = opt_iters / 64 ? opt_iters / 64 : 1;
	u64 state = 0x9e3779b97f4a7c15ul;
	for (u64 i = 0; i < calls; i++) {
		state ^= state << 13;
		state ^= state >> 7;
		state ^= state << 17;
		predictable[i] = (u64)target_a;
		random_targets[i] = (state >> 40) & 1 ? (u64)target_a : (u64)target_b;
	}
	for (u64 i = 0; i < 4; i++) {
		predictable[calls + i] = predictable[i];
		random_targets[calls + i] = random_targets[i];
	}
	/* each call site sees every fourth entry; a change from its previous target is a mispredict */
	u64 changes = 0;
	for (u64 i = 0; i < calls; i++)
		changes += random_targets[i] != random_targets[(i + calls - 4) % calls];
	print_kv("calls", (i64)calls);
	print_kv("rounds", (i64)rounds);
	print_kv("target_changes", (i64)changes);
	u64 a = TIMED(icall_run(rounds, predictable, calls));
	u64 b = TIMED(icall_run(rounds, random_targets, calls));
	print_fixed("cycles_per_predicted_call", per_unit_x100((i64)a, calls * rounds));
	print_fixed("result", per_unit_x100((i64)b - (i64)a, (changes ? changes : 1) * rounds));
	return 0;
}
