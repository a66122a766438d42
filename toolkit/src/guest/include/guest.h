/*
 * Freestanding helpers for the guest corpus: Linux write/exit system calls and tiny number
 * printers. No libc: the programs are linked with -nostdlib and run on qemu-user and on the
 * toolkit's emulator, which implements only write (64) and exit (93).
 */
#ifndef GUEST_H
#define GUEST_H

typedef unsigned long u64;
typedef long i64;
typedef unsigned int u32;
typedef int i32;
typedef unsigned char u8;
typedef unsigned long usize;

#define NOINLINE __attribute__((noinline))

static inline long guest_syscall3(long nr, long a0, long a1, long a2)
{
#if defined(__riscv)
	register long r_a0 __asm__("a0") = a0;
	register long r_a1 __asm__("a1") = a1;
	register long r_a2 __asm__("a2") = a2;
	register long r_nr __asm__("a7") = nr;
	__asm__ volatile("ecall" : "+r"(r_a0) : "r"(r_a1), "r"(r_a2), "r"(r_nr) : "memory");
	return r_a0;
#elif defined(__aarch64__)
	register long r_x0 __asm__("x0") = a0;
	register long r_x1 __asm__("x1") = a1;
	register long r_x2 __asm__("x2") = a2;
	register long r_nr __asm__("x8") = nr;
	__asm__ volatile("svc #0" : "+r"(r_x0) : "r"(r_x1), "r"(r_x2), "r"(r_nr) : "memory");
	return r_x0;
#else
#error "guest.h supports riscv64 and aarch64 only"
#endif
}

static inline long sys_write(int fd, const void *buf, usize len)
{
	return guest_syscall3(64, fd, (long)buf, (long)len);
}

static inline __attribute__((noreturn)) void sys_exit(int status)
{
	guest_syscall3(93, status, 0, 0);
	for (;;)
		;
}

static inline usize str_len(const char *s)
{
	usize n = 0;
	while (s[n])
		n++;
	return n;
}

static inline void print_str(const char *s)
{
	sys_write(1, s, str_len(s));
}

static inline void print_u64(u64 v)
{
	char buf[20];
	int i = sizeof(buf);
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	sys_write(1, buf + i, sizeof(buf) - i);
}

static inline void print_i64(i64 v)
{
	if (v < 0) {
		print_str("-");
		/* Negate in unsigned arithmetic so INT64_MIN does not overflow. */
		print_u64(0 - (u64)v);
	} else {
		print_u64((u64)v);
	}
}

static inline void print_hex(u64 v)
{
	static const char digits[] = "0123456789abcdef";
	char buf[18];
	int i = sizeof(buf);
	do {
		buf[--i] = digits[v & 15];
		v >>= 4;
	} while (v);
	buf[--i] = 'x';
	buf[--i] = '0';
	sys_write(1, buf + i, sizeof(buf) - i);
}

/* "name=value\n" lines keep the outputs easy to compare between qemu and the emulator. */
static inline void print_kv(const char *k, i64 v)
{
	print_str(k);
	print_str("=");
	print_i64(v);
	print_str("\n");
}

static inline void print_kx(const char *k, u64 v)
{
	print_str(k);
	print_str("=");
	print_hex(v);
	print_str("\n");
}

/*
 * Self-checks: each CHECK gets the next number; main returns 0 when all pass, otherwise the number
 * of the first failed check, so the exit status alone says whether the run was right.
 */
static int guest_checks;
static int guest_first_failure;

static inline void check(int ok)
{
	guest_checks++;
	if (!ok && !guest_first_failure)
		guest_first_failure = guest_checks;
}

static inline int check_status(void)
{
	return guest_first_failure;
}

int main(void);

#endif
