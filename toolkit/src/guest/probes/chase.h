/*
 * Pointer chase: `size` bytes linked line by line into one cycle in random order (so neither a
 * stride prefetcher nor the next-line one helps), walked by a chain of dependent loads.
 */
#ifndef CHASE_H
#define CHASE_H

#include "probe.h"

#define CHASE_MAX (64ul << 20)
static u64 chase_buf[CHASE_MAX / 8] __attribute__((aligned(4096)));
static u32 chase_order[CHASE_MAX / 64];

#if defined(__riscv)
#define CHASE_UNIT "ld a1, 0(a1)"
#define CHASE_EXIT "mv a0, a1\nret"
#else
#define CHASE_UNIT "ldr x1, [x1]"
#define CHASE_EXIT "mov x0, x1\nret"
#endif
LOOP_FN(chase_8, "", CHASE_UNIT, 8, CHASE_EXIT);
LOOP_FN(chase_16, "", CHASE_UNIT, 16, CHASE_EXIT);
/* iters x 8 (16) dependent loads from p; returns where the walk stopped. */
u64 *chase_8(u64 iters, u64 *p);
u64 *chase_16(u64 iters, u64 *p);

/* Links the first `size` bytes of the buffer (lines of `line` bytes) into one random cycle. */
static u64 *chase_build(u64 size, u64 line)
{
	if (line < 8 || line > 4096)
		line = 64;
	if (size > CHASE_MAX)
		size = CHASE_MAX;
	u64 lines = size / line;
	if (lines > CHASE_MAX / 64)
		lines = CHASE_MAX / 64;
	if (lines < 2)
		lines = 2;
	for (u64 i = 0; i < lines; i++)
		chase_order[i] = (u32)i;
	/* Sattolo's shuffle: a uniformly random permutation that is a single cycle */
	u64 state = 0x2545f4914f6cdd1dul;
	for (u64 i = lines - 1; i > 0; i--) {
		state ^= state << 13;
		state ^= state >> 7;
		state ^= state << 17;
		u64 j = state % i;
		u32 t = chase_order[i];
		chase_order[i] = chase_order[j];
		chase_order[j] = t;
	}
	u64 words = line / 8;
	for (u64 i = 0; i < lines; i++)
		chase_buf[i * words] = (u64)&chase_buf[chase_order[i] * words];
	return chase_buf;
}

/* Hundredths of a cycle per load on a chase over `size` bytes; each timing walks the whole set at least once. */
static i64 chase_x100(u64 size, u64 line)
{
	u64 *p = chase_build(size, line);
	u64 lines = size / (line < 8 ? 64 : line);
	u64 iters = opt_iters;
	if (iters < lines / 8 + 1)
		iters = lines / 8 + 1;
	return UNIT_X100(p = chase_8(iters, p), p = chase_16(iters, p), 8, iters);
}

#endif
