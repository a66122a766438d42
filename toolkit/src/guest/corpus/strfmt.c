/* A small printf-style formatter (%d %u %x %s %c %%, width, zero padding, '-' for left
 * alignment) into a buffer, with variadic arguments (va_list is a compiler builtin). */
#include "guest.h"
#include <stdarg.h>

static NOINLINE int format_num(char *out, u64 v, int base, int neg, int width, int zero, int left)
{
	char tmp[24];
	int n = 0, len = 0;
	do {
		tmp[n++] = "0123456789abcdef"[v % (u64)base];
		v /= (u64)base;
	} while (v);
	int total = n + neg;
	int pad = width > total ? width - total : 0;
	if (!left && !zero)
		while (pad-- > 0)
			out[len++] = ' ';
	if (neg)
		out[len++] = '-';
	if (!left && zero)
		while (pad-- > 0)
			out[len++] = '0';
	while (n)
		out[len++] = tmp[--n];
	if (left)
		while (pad-- > 0)
			out[len++] = ' ';
	return len;
}

static NOINLINE int format(char *out, const char *fmt, ...)
{
	va_list ap;
	int len = 0;
	va_start(ap, fmt);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			out[len++] = *p;
			continue;
		}
		int left = 0, zero = 0, width = 0;
		p++;
		if (*p == '-') {
			left = 1;
			p++;
		}
		if (*p == '0') {
			zero = 1;
			p++;
		}
		while (*p >= '0' && *p <= '9')
			width = width * 10 + (*p++ - '0');
		switch (*p) {
		case 'd': {
			i64 v = va_arg(ap, i64);
			len += format_num(out + len, v < 0 ? 0 - (u64)v : (u64)v, 10, v < 0, width, zero, left);
			break;
		}
		case 'u':
			len += format_num(out + len, va_arg(ap, u64), 10, 0, width, zero, left);
			break;
		case 'x':
			len += format_num(out + len, va_arg(ap, u64), 16, 0, width, zero, left);
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			int n = (int)str_len(s);
			for (int i = n; !left && i < width; i++)
				out[len++] = ' ';
			for (int i = 0; i < n; i++)
				out[len++] = s[i];
			for (int i = n; left && i < width; i++)
				out[len++] = ' ';
			break;
		}
		case 'c':
			out[len++] = (char)va_arg(ap, int);
			break;
		default:
			out[len++] = '%';
		}
	}
	va_end(ap);
	out[len] = 0;
	return len;
}

static NOINLINE int same(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

int main(void)
{
	char buf[256];
	format(buf, "[%d|%5d|%-5d|%05d]\n", (i64)-42, (i64)42, (i64)7, (i64)-3);
	print_str(buf);
	check(same(buf, "[-42|   42|7    |-0003]\n"));
	format(buf, "%s=%x (%u%%) %c%-4s|\n", "ip", (u64)0xffffffff81000000UL, (u64)18446744073709551615UL, 'Z', "ok");
	print_str(buf);
	check(same(buf, "ip=ffffffff81000000 (18446744073709551615%) Zok  |\n"));
	int n = format(buf, "%d", (i64)(-0x7fffffffffffffffL - 1));
	print_str(buf);
	print_str("\n");
	check(n == 20 && same(buf, "-9223372036854775808"));
	return check_status();
}
