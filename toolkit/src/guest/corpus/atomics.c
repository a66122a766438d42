/* Atomic read-modify-write: fetch-add, exchange, compare-exchange loops (LR/SC or AMOs on RISC-V;
 * LDXR/STXR, or LSE atomics in the .lse build, on arm64), and a ticket lock built from them. */
#include "guest.h"

static u64 counter;
static u32 counter32;
static u64 flags;
static i64 maxval;

struct ticket_lock {
	u32 next;
	u32 owner;
};

static NOINLINE void lock(struct ticket_lock *l)
{
	u32 me = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);
	while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != me)
		;
}

static NOINLINE void unlock(struct ticket_lock *l)
{
	__atomic_store_n(&l->owner, l->owner + 1, __ATOMIC_RELEASE);
}

static NOINLINE void atomic_max(i64 *p, i64 v)
{
	i64 old = __atomic_load_n(p, __ATOMIC_RELAXED);
	while (old < v && !__atomic_compare_exchange_n(p, &old, v, 1, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		;
}

int main(void)
{
	struct ticket_lock l = { 0, 0 };
	u64 prev_sum = 0;
	for (u64 i = 1; i <= 1000; i++) {
		prev_sum += __atomic_fetch_add(&counter, i, __ATOMIC_SEQ_CST);
		__atomic_add_fetch(&counter32, 3, __ATOMIC_RELAXED);
		__atomic_fetch_or(&flags, 1UL << (i % 64), __ATOMIC_RELEASE);
		atomic_max(&maxval, (i64)((i * 7919) % 1009));
		lock(&l);
		unlock(&l);
	}
	print_kv("counter", (i64)counter);
	print_kv("counter32", counter32);
	print_kx("flags", flags);
	print_kv("max", maxval);
	check(counter == 500500 && counter32 == 3000 && flags == ~0UL);
	check(maxval == 1008);
	check(prev_sum == 166666500);
	check(l.next == 1000 && l.owner == 1000);

	u64 old = __atomic_exchange_n(&counter, 42, __ATOMIC_ACQ_REL);
	check(old == 500500 && counter == 42);
	u64 expected = 41;
	int ok = __atomic_compare_exchange_n(&counter, &expected, 7, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	check(!ok && expected == 42);
	ok = __atomic_compare_exchange_n(&counter, &expected, 7, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	check(ok && counter == 7);
	u32 o32 = __atomic_fetch_and(&counter32, 0xff, __ATOMIC_SEQ_CST);
	check(o32 == 3000 && counter32 == (3000 & 0xff));
	return check_status();
}
