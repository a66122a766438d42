/*
 * The traced side of the guest kernel image, built with the kernel's patchable-entry flags: the
 * functions a benchmark calls (each with a loop that calls it n times, like the ftrace-ops
 * sample module), and the sample's tracer functions. _start (in <arch>.S) calls main, which runs
 * every loop untraced and prints the sums, so qemu-user can check the image as it was compiled.
 */
#include "ftrace.h"
#ifndef SAMPLE_MODULE
#include "guest.h"
#endif

#define container_of(p, t, m) ((t *)((char *)(p) - __builtin_offsetof(t, m)))

/* Each traced function f(x) has a loop_f(n) returning the sum of f(0..n-1): what the toolkit
 * runs to time n calls and to check that tracing leaves every result unchanged. */
#define TRACEE(name, expr)                      \
	NOINLINE long name(long x)              \
	{                                       \
		barrier();                      \
		return expr;                    \
	}                                       \
	NOINLINE long loop_##name(long n)       \
	{                                       \
		long acc = 0;                   \
		for (long i = 0; i < n; i++)    \
			acc += name(i);         \
		return acc;                     \
	}

TRACEE(tracee_relevant, x * 3 + 1)
TRACEE(tracee_irrelevant, x ^ 0x5a)
TRACEE(tracee_leaf, x - 7)

/* A traced function that calls another traced one: tracing nests (and recursion protection shows). */
TRACEE(tracee_nested, tracee_leaf(x) * 2)

/*
 * Built with SAMPLE_MODULE, this file is the sample module the toolkit loads into a real vmlinux
 * (sample-module.o): there struct ftrace_ops has that kernel's size, so the count sits in the 8
 * bytes before the ops instead of after it; one immediate offset either way.
 */
#ifdef SAMPLE_MODULE
#define SAMPLE_COUNT_OF(op) (*(unsigned int *)((char *)(op) - 8))
#else
#define SAMPLE_COUNT_OF(op) (container_of(op, struct sample_ops, ops)->count)
#endif

/* The sample module's tracers: count calls, or do nothing. */
void ops_func_count(u64 ip, u64 parent_ip, struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	(void)ip, (void)parent_ip, (void)fregs;
	SAMPLE_COUNT_OF(op)++;
}

void ops_func_nop(u64 ip, u64 parent_ip, struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	(void)ip, (void)parent_ip, (void)op, (void)fregs;
}

/* A tracer that calls a traced function: without recursion protection it would trace itself. */
void ops_func_calls_traced(u64 ip, u64 parent_ip, struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	(void)ip, (void)parent_ip, (void)fregs;
	SAMPLE_COUNT_OF(op) += 1 + (tracee_leaf(0) == -7 ? 0 : 1000);
}

#ifndef SAMPLE_MODULE
int main(void)
{
	print_kv("loop_tracee_relevant", loop_tracee_relevant(1000));
	print_kv("loop_tracee_irrelevant", loop_tracee_irrelevant(1000));
	print_kv("loop_tracee_nested", loop_tracee_nested(1000));
	check(loop_tracee_relevant(1000) == 1000L * 999 / 2 * 3 + 1000);
	check(loop_tracee_leaf(10) == 45 - 70);
	return check_status();
}
#endif
