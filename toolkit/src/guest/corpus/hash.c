/* Hash tables keyed by function addresses, like ftrace's filter hash: a chained table with
 * hlist-style buckets and an open-addressing table with linear probing and tombstones. */
#include "guest.h"

struct entry {
	struct entry *next;
	u64 ip;
	u64 hits;
};

#define BUCKET_BITS 6
static struct entry *buckets[1 << BUCKET_BITS];
static struct entry pool[512];
static int pool_used;

static inline u64 hash_ip(u64 ip)
{
	/* hash_64 from include/linux/hash.h */
	return (ip * 0x61C8864680B583EBUL) >> (64 - BUCKET_BITS);
}

static NOINLINE struct entry *lookup(u64 ip)
{
	for (struct entry *e = buckets[hash_ip(ip)]; e; e = e->next)
		if (e->ip == ip)
			return e;
	return 0;
}

static NOINLINE struct entry *add(u64 ip)
{
	struct entry *e = lookup(ip);
	if (e)
		return e;
	e = &pool[pool_used++];
	e->ip = ip;
	e->hits = 0;
	e->next = buckets[hash_ip(ip)];
	buckets[hash_ip(ip)] = e;
	return e;
}

#define OA_SIZE 1024
#define TOMBSTONE 1UL
static u64 oa_keys[OA_SIZE];

static NOINLINE int oa_insert(u64 key)
{
	u64 i = hash_ip(key) * (OA_SIZE >> BUCKET_BITS);
	for (int n = 0; n < OA_SIZE; n++, i = (i + 1) & (OA_SIZE - 1)) {
		if (oa_keys[i] == key)
			return 0;
		if (oa_keys[i] == 0 || oa_keys[i] == TOMBSTONE) {
			oa_keys[i] = key;
			return 1;
		}
	}
	return -1;
}

static NOINLINE int oa_find(u64 key)
{
	u64 i = hash_ip(key) * (OA_SIZE >> BUCKET_BITS);
	for (int n = 0; n < OA_SIZE; n++, i = (i + 1) & (OA_SIZE - 1)) {
		if (oa_keys[i] == key)
			return (int)i;
		if (oa_keys[i] == 0)
			return -1;
	}
	return -1;
}

static NOINLINE void traced_a(void) { }
static NOINLINE void traced_b(void) { }

int main(void)
{
	/* Synthetic "function addresses" spaced like real text, plus two real ones. */
	u64 base = (u64)&traced_a;
	for (int i = 0; i < 400; i++)
		add(base + (u64)i * 52)->hits += (u64)i;
	add((u64)&traced_b)->hits += 7;
	check(pool_used == 400 || pool_used == 401);
	u64 total = 0;
	int found = 0;
	for (int i = 0; i < 800; i++) {
		struct entry *e = lookup(base + (u64)i * 52);
		if (e) {
			found++;
			total += e->hits;
		}
	}
	print_kv("found", found);
	print_kv("total_hits", (i64)total);
	check(found == 400 && total >= 399 * 200);

	int inserted = 0;
	for (int i = 0; i < 700; i++)
		inserted += oa_insert(base + (u64)(i % 500) * 16);
	print_kv("oa_inserted", inserted);
	check(inserted == 500);
	for (int i = 0; i < 500; i += 2)
		oa_keys[oa_find(base + (u64)i * 16)] = TOMBSTONE;
	int present = 0;
	for (int i = 0; i < 500; i++)
		present += oa_find(base + (u64)i * 16) >= 0;
	print_kv("oa_present", present);
	check(present == 250);
	check(oa_insert(base) == 1 && oa_find(base) >= 0);
	return check_status();
}
