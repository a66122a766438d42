/*
 * Return (riscv ret, arm64 ret): calls to a function that only returns, against the same number
 * of direct jumps. A call costs 1 + the direct-jump bubble, its return 1 + the return's bubble, so
 * result = cycles per call+return - cycles per jump - 1: the bubble after a return the return
 * address stack predicted (the profile prices it as branch.indirect_jump).
 */
#include "probe.h"

#if defined(__riscv)
#define SAVE "mv t6, ra"
#define CALL "jal ra, probe_leaf"
#define JUMP "j .+8\nunimp"
#define EXIT "mv ra, t6\nret"
__asm__(".text\n.balign 64\n.globl probe_leaf\nprobe_leaf:\nret\n");
#else
#define SAVE "mov x9, x30"
#define CALL "bl probe_leaf"
#define JUMP "b .+8\nudf #0"
#define EXIT "mov x30, x9\nret"
__asm__(".text\n.balign 64\n.globl probe_leaf\nprobe_leaf:\nret\n");
#endif
LOOP_FN(call_8, SAVE, CALL, 8, EXIT);
LOOP_FN(call_16, SAVE, CALL, 16, EXIT);
LOOP_FN(jump_8, "", JUMP, 8, RETURN);
LOOP_FN(jump_16, "", JUMP, 16, RETURN);
void call_8(u64 iters);
void call_16(u64 iters);
void jump_8(u64 iters);
void jump_16(u64 iters);

int main(int argc, char **argv)
{
	probe_init(argc, argv, "return");
	i64 call = UNIT_X100(call_8(opt_iters), call_16(opt_iters), 8, opt_iters);
	i64 jump = UNIT_X100(jump_8(opt_iters), jump_16(opt_iters), 8, opt_iters);
	print_fixed("cycles_per_call_and_return", call);
	print_fixed("cycles_per_jump", jump);
	print_fixed("result", call - jump - 100);
	return 0;
}
