/*
 * CPU-heavy integer C, the kind of code an emulator's speed is judged on: six kernels, each a
 * loop nest over a few KiB of data. Integer only (builds with -mgeneral-regs-only / rv64imac).
 *
 *   sha     SHA-256-like message schedule and rounds (rotates, xors, adds)
 *   crc     table-driven CRC-32 over a buffer (byte loads, table lookups)
 *   sort    quicksort with an insertion-sort cutoff on pseudo-random words
 *   interp  a bytecode interpreter: a switch on opcodes in a loop (an indirect jump per op)
 *   matmul  24x24 integer matrix multiply
 *   lz      an LZ77-style greedy compressor (hash of 3 bytes, match extension) and its decoder
 *
 * The amount of work is SCALE times a base that keeps the committed builds small (a few
 * million instructions at -O2: CorpusAgainstQemuTest runs every build at four -O levels);
 * toolkit/src/guest/speed-vs-qemu.sh builds it with a large SCALE, and with ONLY=n (1..6) to
 * time one kernel. Each kernel prints a checksum; the exit status is 0 when the self-checks
 * (sorted output, LZ round trip) pass.
 */
#include "guest.h"

typedef unsigned short u16;

#ifndef SCALE
#define SCALE 1
#endif
#ifndef ONLY
#define ONLY 0
#endif
#define RUN(n) (ONLY == 0 || ONLY == (n))

static u32 ror32(u32 x, int n)
{
	return (x >> n) | (x << (32 - n));
}

static u8 buf[4096];

static NOINLINE u32 sha(int rounds)
{
	static const u32 h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
				  0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	u32 h[8];
	for (int i = 0; i < 8; i++) /* not an initializer: GCC -Os would call memcpy */
		h[i] = h0[i];
	for (int round = 0; round < rounds; round++) {
		for (int i = 0; i < 1024; i += 64) {
			u32 w[16];
			for (int j = 0; j < 16; j++)
				w[j] = (u32)buf[i + 4 * j] << 24 | (u32)buf[i + 4 * j + 1] << 16 | (u32)buf[i + 4 * j + 2] << 8
				       | buf[i + 4 * j + 3];
			u32 a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
			for (int j = 0; j < 64; j++) {
				u32 wj = w[j & 15] ^ ror32(w[(j + 1) & 15], 7) ^ (w[(j + 14) & 15] >> 3);
				w[j & 15] = wj;
				u32 t1 = hh + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) + ((e & f) ^ (~e & g)) + wj
					 + 0x428a2f98u * (u32)j;
				u32 t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
				hh = g;
				g = f;
				f = e;
				e = d + t1;
				d = c;
				c = b;
				b = a;
				a = t1 + t2;
			}
			h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
		}
		buf[round & 4095] ^= (u8)h[round & 7];
	}
	return h[0] ^ h[7];
}

static u32 crc_table[256];

static NOINLINE u32 crc(int rounds)
{
	for (u32 i = 0; i < 256; i++) {
		u32 c = i;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320 ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
	u32 c = ~0u;
	for (int round = 0; round < rounds; round++)
		for (int i = 0; i < 4096; i++)
			c = crc_table[(c ^ buf[i]) & 0xff] ^ (c >> 8);
	return ~c;
}

static u32 lcg_state = 12345;

static u32 lcg(void)
{
	lcg_state = lcg_state * 1103515245u + 12345u;
	return lcg_state ^ (lcg_state >> 16);
}

static void quicksort(u32 *a, int lo, int hi)
{
	while (hi - lo > 16) {
		u32 pivot = a[lo + (hi - lo) / 2];
		int i = lo, j = hi - 1;
		while (i <= j) {
			while (a[i] < pivot)
				i++;
			while (a[j] > pivot)
				j--;
			if (i <= j) {
				u32 t = a[i];
				a[i] = a[j];
				a[j] = t;
				i++;
				j--;
			}
		}
		if (j + 1 - lo < hi - i) { /* recurse into the smaller half */
			quicksort(a, lo, j + 1);
			lo = i;
		} else {
			quicksort(a, i, hi);
			hi = j + 1;
		}
	}
	for (int i = lo + 1; i < hi; i++) {
		u32 v = a[i];
		int j = i - 1;
		while (j >= lo && a[j] > v) {
			a[j + 1] = a[j];
			j--;
		}
		a[j + 1] = v;
	}
}

static u32 sort_data[2048];

static NOINLINE u32 sort(int rounds)
{
	u32 sum = 0;
	for (int round = 0; round < rounds; round++) {
		for (int i = 0; i < 2048; i++)
			sort_data[i] = lcg();
		quicksort(sort_data, 0, 2048);
		for (int i = 1; i < 2048; i++)
			check(sort_data[i - 1] <= sort_data[i]);
		sum = sum * 31 + sort_data[round & 2047];
	}
	return sum;
}

enum { OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_XOR, OP_SHR, OP_DUP, OP_JNZ, OP_HALT };

/* for (i = n; i != 0; i--) { acc = acc * 33 ^ i; x += acc >> 3; }  as stack code; vars: 0 i, 1 acc, 2 x */
static const int program[] = {
	OP_LOAD, 1, OP_PUSH, 33, OP_MUL, OP_LOAD, 0, OP_XOR, OP_STORE, 1,
	OP_LOAD, 2, OP_LOAD, 1, OP_PUSH, 3, OP_SHR, OP_ADD, OP_STORE, 2,
	OP_LOAD, 0, OP_PUSH, 1, OP_SUB, OP_DUP, OP_STORE, 0, OP_JNZ, 0,
	OP_HALT,
};

static NOINLINE u64 interp(int n)
{
	u64 vars[4] = {(u64)n, 1, 0, 0};
	u64 stack[16];
	int sp = 0;
	int pc = 0;
	for (;;) {
		int op = program[pc++];
		switch (op) {
		case OP_PUSH: stack[sp++] = (u64)program[pc++]; break;
		case OP_LOAD: stack[sp++] = vars[program[pc++]]; break;
		case OP_STORE: vars[program[pc++]] = stack[--sp]; break;
		case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
		case OP_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
		case OP_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
		case OP_XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
		case OP_SHR: sp--; stack[sp - 1] >>= stack[sp]; break;
		case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
		case OP_JNZ: {
			int target = program[pc++];
			if (stack[--sp] != 0)
				pc = target;
			break;
		}
		default: return vars[1] ^ vars[2];
		}
	}
}

#define N 24
static u32 ma[N][N], mb[N][N], mc[N][N];

static NOINLINE u32 matmul(int rounds)
{
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			ma[i][j] = lcg() & 0xffff;
			mb[i][j] = lcg() & 0xffff;
		}
	u32 sum = 0;
	for (int round = 0; round < rounds; round++) {
		for (int i = 0; i < N; i++)
			for (int j = 0; j < N; j++) {
				u32 s = 0;
				for (int k = 0; k < N; k++)
					s += ma[i][k] * mb[k][j];
				mc[i][j] = s;
			}
		sum ^= mc[round % N][(round * 7) % N];
		ma[round % N][round % N] = sum & 0xffff;
	}
	return sum;
}

static u8 text[8192], packed[16384], unpacked[8192];
static u16 head[4096];

/* Literal runs and (length, distance) pairs: [0, n] + n bytes, or [128 + len - 3, dist lo, dist hi]. */
static NOINLINE int lz_pack(const u8 *in, int n, u8 *out)
{
	for (int i = 0; i < 4096; i++)
		head[i] = 0xffff;
	int o = 0, lit = 0, i = 0;
	while (i < n) {
		int best = 0, dist = 0;
		if (i + 3 <= n) {
			u32 h = ((u32)in[i] << 16 | (u32)in[i + 1] << 8 | in[i + 2]) * 2654435761u >> 20;
			int cand = head[h];
			head[h] = (u16)i;
			if (cand != 0xffff && i - cand < 65536) {
				int len = 0;
				while (i + len < n && len < 130 && in[cand + len] == in[i + len])
					len++;
				if (len >= 3) {
					best = len;
					dist = i - cand;
				}
			}
		}
		if (best) {
			if (lit) {
				out[o - lit - 1] = (u8)(lit - 1);
				lit = 0;
			}
			out[o++] = (u8)(128 + best - 3);
			out[o++] = (u8)dist;
			out[o++] = (u8)(dist >> 8);
			i += best;
		} else {
			if (lit == 0)
				o++; /* the run's length byte, filled in when it ends */
			out[o++] = in[i++];
			if (++lit == 128) {
				out[o - lit - 1] = 127;
				lit = 0;
			}
		}
	}
	if (lit)
		out[o - lit - 1] = (u8)(lit - 1);
	return o;
}

static NOINLINE int lz_unpack(const u8 *in, int n, u8 *out)
{
	int o = 0;
	for (int i = 0; i < n;) {
		int c = in[i++];
		if (c < 128) {
			for (int k = 0; k <= c; k++)
				out[o++] = in[i++];
		} else {
			int len = c - 128 + 3;
			int dist = in[i] | in[i + 1] << 8;
			i += 2;
			for (int k = 0; k < len; k++, o++)
				out[o] = out[o - dist];
		}
	}
	return o;
}

static NOINLINE u32 lz(int rounds)
{
	static const char *words[] = {"the ", "quick ", "brown ", "fox ", "jumps ", "over ", "lazy ", "dog ",
				      "ftrace ", "trampoline ", "callsite ", "patch "};
	u32 sum = 0;
	for (int round = 0; round < rounds; round++) {
		int n = 0;
		while (n < 8000) { /* text with repeats, and some noise so not everything matches */
			const char *w = words[lcg() % 12];
			while (*w && n < 8000)
				text[n++] = (u8)*w++;
			if ((lcg() & 7) == 0)
				text[n++] = (u8)lcg();
		}
		int p = lz_pack(text, n, packed);
		int u = lz_unpack(packed, p, unpacked);
		check(u == n);
		for (int i = 0; i < n; i++)
			check(unpacked[i] == text[i]);
		sum = sum * 31 + (u32)p;
	}
	return sum;
}

int main(void)
{
	for (int i = 0; i < 4096; i++)
		buf[i] = (u8)(i * 131 + 7);
	if (RUN(1))
		print_kx("sha", sha(12 * SCALE));
	if (RUN(2))
		print_kx("crc", crc(30 * SCALE));
	if (RUN(3))
		print_kx("sort", sort(3 * SCALE));
	if (RUN(4))
		print_kx("interp", interp(3000 * SCALE));
	if (RUN(5))
		print_kx("matmul", matmul(6 * SCALE));
	if (RUN(6))
		print_kx("lz", lz(2 * SCALE));
	return check_status();
}
