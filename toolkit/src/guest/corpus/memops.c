/* Byte-, word- and overlapping copies and fills with our own memcpy/memset/memmove (built with
 * -ffreestanding -fno-tree-loop-distribute-patterns so GCC does not turn the loops into calls). */
#include "guest.h"

static NOINLINE void *copy(void *dst, const void *src, usize n)
{
	u8 *d = dst;
	const u8 *s = src;
	/* Word copies when both are 8-aligned: unaligned heads are copied bytewise. */
	if ((((usize)d | (usize)s) & 7) == 0) {
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*(u64 *)d = *(const u64 *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

static NOINLINE void *fill(void *dst, int c, usize n)
{
	u8 *d = dst;
	while (n--)
		*d++ = (u8)c;
	return dst;
}

static NOINLINE void *move(void *dst, const void *src, usize n)
{
	u8 *d = dst;
	const u8 *s = src;
	if (d < s) {
		while (n--)
			*d++ = *s++;
	} else {
		d += n;
		s += n;
		while (n--)
			*--d = *--s;
	}
	return dst;
}

static NOINLINE u64 checksum(const u8 *p, usize n)
{
	u64 h = 1469598103934665603UL;
	for (usize i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211UL;
	return h;
}

static u8 a[4096] __attribute__((aligned(16)));
static u8 b[4096] __attribute__((aligned(16)));

int main(void)
{
	for (int i = 0; i < 4096; i++)
		a[i] = (u8)(i * 31 + 7);
	copy(b, a, 4096);
	check(checksum(a, 4096) == checksum(b, 4096));
	copy(b + 3, a + 1, 1000);
	check(b[3] == a[1] && b[1002] == a[1000] && b[1003] == a[1003]);
	fill(b, 0xa5, 777);
	check(b[0] == 0xa5 && b[776] == 0xa5 && b[777] == a[777 - 2]);
	copy(b, a, 4096);
	move(b + 16, b, 2048);
	check(b[16] == a[0] && b[2063] == a[2047]);
	move(b, b + 16, 2048);
	check(b[0] == a[0] && b[2047] == a[2047]);
	u64 h = checksum(b, 4096);
	print_kx("checksum", h);
	check(checksum(b, 2048) == checksum(a, 2048) && b[2063] == a[2047]);
	/* A struct copy through our own copy(): assignment could become a memcpy call. */
	struct { u64 x[9]; u8 tail[5]; } s1, s2;
	fill(&s1, 1, sizeof(s1));
	copy(&s2, &s1, sizeof(s2));
	check(s2.x[8] == 0x0101010101010101UL && s2.tail[4] == 1);
	return check_status();
}
