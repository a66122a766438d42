/* Indirect calls: an operation table, callbacks with context, and an insertion sort with a
 * comparator (the shape of ftrace's ops->func dispatch). */
#include "guest.h"

typedef i64 (*binop)(i64, i64);

static NOINLINE i64 op_add(i64 a, i64 b) { return a + b; }
static NOINLINE i64 op_sub(i64 a, i64 b) { return a - b; }
static NOINLINE i64 op_mul(i64 a, i64 b) { return a * b; }
static NOINLINE i64 op_xor(i64 a, i64 b) { return a ^ b; }

static binop const ops[] = { op_add, op_sub, op_mul, op_xor };

struct callback {
	void (*func)(struct callback *self, i64 value);
	i64 acc;
};

static NOINLINE void cb_sum(struct callback *self, i64 v) { self->acc += v; }
static NOINLINE void cb_max(struct callback *self, i64 v) { if (v > self->acc) self->acc = v; }

static NOINLINE int cmp_asc(i64 a, i64 b) { return a < b ? -1 : a > b; }
static NOINLINE int cmp_desc(i64 a, i64 b) { return cmp_asc(b, a); }

static NOINLINE void sort(i64 *v, int n, int (*cmp)(i64, i64))
{
	for (int i = 1; i < n; i++) {
		i64 x = v[i];
		int j = i - 1;
		while (j >= 0 && cmp(v[j], x) > 0) {
			v[j + 1] = v[j];
			j--;
		}
		v[j + 1] = x;
	}
}

static volatile int in_seed = 12345;

int main(void)
{
	i64 acc = 1;
	for (int i = 0; i < 40; i++)
		acc = ops[i & 3](acc, i + 3);
	print_kv("ops", acc);
	check(acc == 6216792540943L);

	struct callback cbs[2] = { { cb_sum, 0 }, { cb_max, -1000 } };
	i64 v[32];
	u32 s = (u32)in_seed;
	for (int i = 0; i < 32; i++) {
		s = s * 1103515245u + 12345u;
		v[i] = (i64)((s >> 16) % 1000) - 500;
		for (int c = 0; c < 2; c++)
			cbs[c].func(&cbs[c], v[i]);
	}
	print_kv("sum", cbs[0].acc);
	print_kv("max", cbs[1].acc);
	sort(v, 32, cmp_desc);
	check(v[0] == cbs[1].acc);
	sort(v, 32, cmp_asc);
	int sorted = 1;
	i64 total = 0;
	for (int i = 0; i < 32; i++) {
		total += v[i];
		if (i && v[i - 1] > v[i])
			sorted = 0;
	}
	print_kv("min", v[0]);
	check(sorted && total == cbs[0].acc);
	return check_status();
}
