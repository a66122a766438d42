/* Library-like code for the disassembler agreement test; linked but never run. */
typedef unsigned long u64; typedef long s64; typedef unsigned int u32; typedef int s32;
typedef unsigned short u16; typedef short s16; typedef unsigned char u8;

__attribute__((noinline)) u64 slen(const char *s) { const char *p = s; while (*p) p++; return p - s; }
__attribute__((noinline)) void *mcpy(void *d, const void *s, u64 n) { u8 *a = d; const u8 *b = s; while (n--) *a++ = *b++; return d; }
__attribute__((noinline)) void mset(u32 *d, u32 v, u64 n) { for (u64 i = 0; i < n; i++) d[i] = v; }
__attribute__((noinline)) int sw(int k, int v) {
  switch (k) { case 0: return v + 1; case 1: return v * 3; case 2: return v ^ 0x55; case 3: return v >> 2;
  case 4: return -v; case 5: return v & 0xf0f; case 6: return ~v; case 7: return v << 7; default: return 0; }
}
struct bf { u32 a : 3, b : 7, c : 12, d : 10; };
__attribute__((noinline)) u32 bfset(struct bf *p, u32 v) { p->b = v; p->d = v >> 3; return p->a + p->c; }
__attribute__((noinline)) int ucmp(u32 a, u32 b, s64 c) { return (a < b) + (a >= b * 2) * 2 + (c > 0) * 4 + (c == -5) * 8; }
__attribute__((noinline)) int callp(int (*f)(int, int), int x) { return f(x, 1) + f(x, 2); }
__attribute__((noinline)) u64 fact(u64 n) { return n < 2 ? 1 : n * fact(n - 1); }
__attribute__((noinline)) unsigned __int128 add128(unsigned __int128 a, unsigned __int128 b) { return a + b * 3; }
__attribute__((noinline)) __int128 sub128(__int128 a, __int128 b) { return a - b; }
static long flag;
__attribute__((noinline)) long xchg(long v) { return __atomic_exchange_n(&flag, v, __ATOMIC_ACQ_REL); }
__attribute__((noinline)) int cas(int *p, int o, int n) { return __atomic_compare_exchange_n(p, &o, n, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED); }
__attribute__((noinline)) long ldacq(long *p) { long v = __atomic_load_n(p, __ATOMIC_ACQUIRE); __atomic_store_n(p + 1, v, __ATOMIC_RELEASE); return v; }
__attribute__((noinline)) u64 rot(u64 x, u32 n) { return (x << n) | (x >> (64 - n)) ; }
__attribute__((noinline)) u32 rot32(u32 x) { return (x >> 13) | (x << 19); }
__attribute__((noinline)) u16 bs16(u16 x) { return __builtin_bswap16(x); }
__attribute__((noinline)) int lz(u64 x, u32 y) { return __builtin_clzll(x) + __builtin_ctz(y) + __builtin_clrsbl((long)x); }
__attribute__((noinline)) void *tp(void) { return __builtin_thread_pointer(); }
__attribute__((noinline)) void die(int c) { if (c) __builtin_trap(); }
__attribute__((noinline)) void pf(const void *p) { __builtin_prefetch(p); __builtin_prefetch(p, 1); __sync_synchronize(); }
__attribute__((noinline)) void flush(void *p) {
  __asm__ volatile("dc cvau, %0\n\tdsb ish\n\tic ivau, %0\n\tdsb ish\n\tisb" : : "r"(p) : "memory");
}
__attribute__((noinline)) s64 sext(s32 a, s16 b, signed char c, u8 d, u16 e) { return (s64)a * b + c - d + (s64)e * a; }
__attribute__((noinline)) s64 idx(const s64 *p, s32 i, u32 j, const s32 *q, const u16 *h) { return p[i] + p[j] + q[i] + h[j] + p[(u64)j << 1]; }
__attribute__((noinline)) u64 mulk(u64 x, u32 y) { return x * 0x123456789abcdefUL + (u64)y * 1000003u + (x / 7) + (y % 10); }
__attribute__((noinline)) s32 divs(s32 a, s32 b, s64 c) { return a / b + a % b + c / 3; }
__attribute__((noinline)) u64 cnst(int i) { static const u64 t[] = {0xffff0000ffff0000UL, 0x5555555555555555UL, 0x7fffffffffffffffUL, 0x8000000000000001UL}; return t[i & 3] ^ 0x00ff00ff00ff00ffUL; }
__attribute__((noinline)) int selx(int a, int b, int c) { return a > b ? c + 1 : (a == c ? ~b : -c); }
__attribute__((noinline)) long minmax(long a, long b) { return (a < b ? a : b) * 3 + (a > b ? a : b); }
__attribute__((noinline)) u32 popcount_sw(u64 x) { x = x - ((x >> 1) & 0x5555555555555555UL); x = (x & 0x3333333333333333UL) + ((x >> 2) & 0x3333333333333333UL); return (((x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fUL) * 0x0101010101010101UL) >> 56; }
void _start(void) { for (;;) __asm__ volatile("svc #0"); }
