typedef unsigned long u64; typedef long s64; typedef unsigned int u32; typedef int s32;
static long sys3(long n, long a, long b, long c) {
  register long x8 __asm__("x8") = n; register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b; register long x2 __asm__("x2") = c;
  __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
  return x0;
}
static char buf[256];
static int pos;
static void putc_(char c) { buf[pos++] = c; if (pos == sizeof buf || c == '\n') { sys3(64, 1, (long)buf, pos); pos = 0; } }
static void puts_(const char *s) { while (*s) putc_(*s++); }
static void putu(u64 v) { char t[24]; int i = 0; do { t[i++] = '0' + v % 10; v /= 10; } while (v); while (i) putc_(t[--i]); }
static void puts64(s64 v) { if (v < 0) { putc_('-'); v = -(u64)v; } putu(v); }
static void puthex(u64 v) { static const char h[] = "0123456789abcdef"; for (int i = 60; i >= 0; i -= 4) putc_(h[(v >> i) & 15]); }
__attribute__((noinline)) u64 fib(u32 n) { u64 a = 0, b = 1; while (n--) { u64 t = a + b; a = b; b = t; } return a; }
__attribute__((noinline)) u64 mix(u64 x) { x ^= x >> 33; x *= 0xff51afd7ed558ccdUL; x ^= x >> 33; x *= 0xc4ceb9fe1a85ec53UL; x ^= x >> 33; return x; }
__attribute__((noinline)) int popc(u64 x) { int c = 0; while (x) { x &= x - 1; c++; } return c; }
__attribute__((noinline)) s64 sdivs(s64 a, s64 b) { return b ? a / b + a % b : -1; }
__attribute__((noinline)) u32 bits(u32 x, u32 y) { return ((x >> 3) & 0x1f) | ((y & 0xff) << 8) | (__builtin_clz(x | 1) << 20) | (x > y); }
__attribute__((noinline)) u64 rev(u64 x) { return __builtin_bswap64(x) ^ __builtin_bswap32((u32)x) ^ (u64)__builtin_ctzl(x | 0x100); }
__attribute__((noinline)) s64 sel(s64 a, s64 b) { return a < b ? a : (a == b ? -a : b + 1); }
__attribute__((noinline)) void sortn(s32 *v, int n) { for (int i = 1; i < n; i++) { s32 k = v[i]; int j = i - 1; while (j >= 0 && v[j] > k) { v[j + 1] = v[j]; j--; } v[j + 1] = k; } }
__attribute__((noinline)) u64 mulh(u64 a, u64 b) { return (u64)(((unsigned __int128)a * b) >> 64) + (u64)(((__int128)(s64)a * (s64)b) >> 64); }
__attribute__((noinline)) s64 sum16(const short *p, int n, const signed char *q) { s64 s = 0; for (int i = 0; i < n; i++) s += p[i] * q[i]; return s; }
static int counter;
__attribute__((noinline)) int atom(int v) { return __atomic_add_fetch(&counter, v, __ATOMIC_SEQ_CST) + __sync_val_compare_and_swap(&counter, v, 3); }
struct node { struct node *next; long v; };
__attribute__((noinline)) long walk(struct node *n) { long s = 0; for (; n; n = n->next) s = s * 31 + n->v; return s; }
static int (*volatile fp)(u64) = popc;
void _start(void) {
  s32 v[8] = {5, -3, 9, 0, 12, -7, 2, 2};
  sortn(v, 8);
  for (int i = 0; i < 8; i++) { puts64(v[i]); putc_(' '); }
  putc_('\n');
  puts_("fib "); putu(fib(90)); putc_('\n');
  puts_("mix "); puthex(mix(12345)); putc_('\n');
  puts_("popc "); putu(fp(0xdeadbeefcafebabeUL)); putc_('\n');
  puts_("div "); puts64(sdivs(-1000001, 37)); putc_(' '); puts64(sdivs(-9223372036854775807L - 1, -1)); putc_('\n');
  puts_("bits "); putu(bits(0xabcdef, 77)); putc_('\n');
  puts_("rev "); puthex(rev(0x0102030405060708UL)); putc_('\n');
  puts_("sel "); puts64(sel(3, 4)); puts64(sel(4, 4)); puts64(sel(5, 4)); putc_('\n');
  puts_("mulh "); puthex(mulh(0xfedcba9876543210UL, 0x8000000000000001UL)); putc_('\n');
  short p[5] = {100, -200, 300, -400, 32767}; signed char q[5] = {1, 2, -3, 4, -128};
  puts_("sum "); puts64(sum16(p, 5, q)); putc_('\n');
  puts_("atom "); puts64(atom(5)); puts64(counter); putc_('\n');
  struct node c3 = {0, 3}, c2 = {&c3, 2}, c1 = {&c2, 1};
  puts_("walk "); puts64(walk(&c1)); putc_('\n');
  sys3(93, (int)(fib(10) & 0x7f), 0, 0);
  for (;;) ;
}
