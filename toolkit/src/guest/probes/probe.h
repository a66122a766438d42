/*
 * Harness of the microbenchmark probes: argument parsing, the cycle counter, timing and a
 * fixed-point printer. Every probe times two loops that differ only in how many copies of the
 * measured unit they hold (K and 2K): the difference divided by K x iterations is the unit's
 * cost, with the loop overhead, the timer reads and the call to the loop cancelled out.
 *
 * Counters (argument counter=...):
 *   riscv64: cycle (default, rdcycle; Linux >= 6.6 needs `sysctl kernel.perf_user_access=2`)
 *            or time (rdtime, always readable).
 *   arm64:   time (default, CNTVCT_EL0: readable from user space on Linux and macOS)
 *            or pmccntr (PMCCNTR_EL0: needs the kernel to allow user access; not on Apple cores).
 * A timer ticks at a fixed frequency, not with the core clock: the probe converts ticks to cycles
 * with a chain of dependent adds (one cycle each on every core we model) timed the same way.
 *
 * Arguments are key=value words: iters=N (loop iterations per timing), reps=N (timings; the
 * fastest counts), plus each probe's own. Output: key=value lines; result= is the parameter.
 */
#ifndef PROBE_H
#define PROBE_H

/* guest.h declares main(void); probes take arguments */
#define main guest_main_without_arguments
#include "guest.h"
#undef main

static u64 opt_iters = 100000;
static u64 opt_reps = 5;
static int opt_timer; /* the counter is a fixed-frequency timer: convert with the add chain */
static int opt_pmccntr __attribute__((unused));
static u64 cal_cycles = 1, cal_ticks = 1; /* cycles = ticks * cal_cycles / cal_ticks */

static int str_eq_prefix(const char *s, const char *key)
{
	usize i = 0;
	while (key[i]) {
		if (s[i] != key[i])
			return 0;
		i++;
	}
	return s[i] == '=';
}

/* The value of key=... among the arguments, or null. */
static const char *arg_str(int argc, char **argv, const char *key)
{
	for (int i = 1; i < argc; i++)
		if (str_eq_prefix(argv[i], key))
			return argv[i] + str_len(key) + 1;
	return 0;
}

/* A decimal argument, with an optional k/m suffix (x1024 / x1024*1024). */
static u64 arg_u64(int argc, char **argv, const char *key, u64 dflt)
{
	const char *s = arg_str(argc, argv, key);
	if (!s)
		return dflt;
	u64 v = 0;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (u64)(*s++ - '0');
	if (*s == 'k' || *s == 'K')
		v <<= 10;
	else if (*s == 'm' || *s == 'M')
		v <<= 20;
	return v;
}

static inline u64 counter_read(void)
{
	u64 v;
#if defined(__riscv)
	if (opt_timer)
		__asm__ volatile("rdtime %0" : "=r"(v));
	else
		__asm__ volatile("rdcycle %0" : "=r"(v));
#else
	/* isb: the read waits for the loop before it instead of running ahead of it */
	if (opt_pmccntr)
		__asm__ volatile("isb\n\tmrs %0, pmccntr_el0" : "=r"(v) : : "memory");
	else
		__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v) : : "memory");
#endif
	return v;
}

/* Fastest of opt_reps timings of CALL, each after one untimed CALL that warms caches and predictors. */
#define TIMED(CALL)                                                   \
	({                                                            \
		u64 best_ = ~0ul;                                     \
		for (u64 r_ = 0; r_ < opt_reps; r_++) {               \
			CALL;                                         \
			u64 t0_ = counter_read();                     \
			CALL;                                         \
			u64 t1_ = counter_read();                     \
			if (t1_ - t0_ < best_)                        \
				best_ = t1_ - t0_;                    \
		}                                                     \
		best_;                                                \
	})

/* Hundredths of a cycle per unit for a tick difference over `units` units, rounded. */
static i64 per_unit_x100(i64 ticks, u64 units)
{
	u64 den = cal_ticks * units;
	u64 mag = (u64)(ticks < 0 ? -ticks : ticks) * cal_cycles * 100;
	i64 v = (i64)((mag + den / 2) / den);
	return ticks < 0 ? -v : v;
}

static void print_fixed(const char *key, i64 x100)
{
	print_str(key);
	print_str("=");
	if (x100 < 0) {
		print_str("-");
		x100 = -x100;
	}
	print_u64((u64)x100 / 100);
	print_str(".");
	char frac[2] = {(char)('0' + x100 % 100 / 10), (char)('0' + x100 % 10)};
	sys_write(1, frac, 2);
	print_str("\n");
}

/*
 * Loop functions: NAME(iters) runs UNIT, COPIES times over, iters times. SETUP runs once before
 * the loop, EXIT after it (it must return). RVC is off so every instruction is 4 bytes and the
 * layout is the same on every assembler.
 */
#if defined(__riscv)
#define LOOP_FN(NAME, SETUP, UNIT, COPIES, EXIT)                                              \
	__asm__(".text\n.balign 64\n.globl " #NAME "\n.type " #NAME ", @function\n" #NAME ":\n" \
		".option push\n.option norvc\n" SETUP "\n1:\n.rept " #COPIES "\n" UNIT "\n.endr\n"  \
		"addi a0, a0, -1\nbnez a0, 1b\n" EXIT "\n.option pop\n.size " #NAME ", . - " #NAME "\n")
#define RETURN "ret"
#else
#define LOOP_FN(NAME, SETUP, UNIT, COPIES, EXIT)                                              \
	__asm__(".text\n.balign 64\n.globl " #NAME "\n.type " #NAME ", %function\n" #NAME ":\n" \
		SETUP "\n1:\n.rept " #COPIES "\n" UNIT "\n.endr\n"                                  \
		"subs x0, x0, #1\nb.ne 1b\n" EXIT "\n.size " #NAME ", . - " #NAME "\n")
#define RETURN "ret"
#endif

/* A chain of dependent adds: one cycle each; what converts timer ticks to cycles. */
#if defined(__riscv)
LOOP_FN(probe_adds_8, "li a1, 0", "add a1, a1, a0", 8, RETURN);
LOOP_FN(probe_adds_16, "li a1, 0", "add a1, a1, a0", 16, RETURN);
#else
LOOP_FN(probe_adds_8, "mov x1, #0", "add x1, x1, x0", 8, RETURN);
LOOP_FN(probe_adds_16, "mov x1, #0", "add x1, x1, x0", 16, RETURN);
#endif
void probe_adds_8(u64 iters);
void probe_adds_16(u64 iters);

/* Reads the common arguments and, for a timer, measures cycles per tick; prints both. */
static void probe_init(int argc, char **argv, const char *name)
{
	opt_iters = arg_u64(argc, argv, "iters", opt_iters);
	opt_reps = arg_u64(argc, argv, "reps", opt_reps);
	if (opt_iters == 0)
		opt_iters = 1;
	if (opt_reps == 0)
		opt_reps = 1;
	const char *c = arg_str(argc, argv, "counter");
#if defined(__riscv)
	opt_timer = c && c[0] == 't';
	print_str("probe=");
	print_str(name);
	print_str(opt_timer ? "\ncounter=time\n" : "\ncounter=cycle\n");
#else
	opt_pmccntr = c && c[0] == 'p';
	opt_timer = !opt_pmccntr;
	print_str("probe=");
	print_str(name);
	print_str(opt_timer ? "\ncounter=cntvct_el0\n" : "\ncounter=pmccntr_el0\n");
#endif
	print_kv("iters", (i64)opt_iters);
	print_kv("reps", (i64)opt_reps);
	if (opt_timer) {
		u64 iters = opt_iters * 4;
		u64 a = TIMED(probe_adds_8(iters));
		u64 b = TIMED(probe_adds_16(iters));
		cal_cycles = 8 * iters;
		cal_ticks = b > a ? b - a : 1;
		/* the clock the add chain implies, in MHz: ticks/s is CNTFRQ on arm64 */
#if defined(__aarch64__)
		u64 freq;
		__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(freq));
		print_kv("timer_hz", (i64)freq);
		print_kv("clock_mhz", (i64)(freq / 1000 * cal_cycles / cal_ticks / 1000));
#endif
		print_fixed("cycles_per_tick", per_unit_x100(1, 1));
	}
}

/* Cycles x 100 per unit: loop B holds `units` more units per iteration than loop A. */
#define UNIT_X100(CALL_A, CALL_B, UNITS, ITERS)                          \
	({                                                                 \
		u64 a_ = TIMED(CALL_A);                                    \
		u64 b_ = TIMED(CALL_B);                                    \
		per_unit_x100((i64)b_ - (i64)a_, (u64)(UNITS) * (ITERS)); \
	})

#endif
