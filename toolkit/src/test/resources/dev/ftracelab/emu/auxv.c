/*
 * Prints the initial stack's auxiliary vector, one "key=... val=..." pair per line, then what
 * the pointer entries point at: compared between qemu-user and the emulator (AuxvAgainstQemuTest).
 * Its own _start hands main the initial stack pointer (argc is at sp[0]).
 */
#include "guest.h"

#if defined(__aarch64__)
__asm__(".globl _start\n_start:\n\tmov x0, sp\n\tbl cmain\n\tmov x8, #93\n\tsvc #0\n");
#else
__asm__(".globl _start\n_start:\n\tmv a0, sp\n\tcall cmain\n\tli a7, 93\n\tecall\n");
#endif

extern char _start[];
extern char __ehdr_start[];

int cmain(u64 *sp);

int cmain(u64 *sp)
{
	u64 argc = sp[0];
	u64 *p = sp + 1 + argc + 1;
	u64 random = 0, execfn = 0, platform = 0, phdr = 0, entry = 0;
	while (*p)
		p++;
	p++;
	for (; p[0] != 0; p += 2) {
		print_kv("key", (i64)p[0]);
		print_kx("val", p[1]);
		switch (p[0]) {
		case 3: phdr = p[1]; break;
		case 9: entry = p[1]; break;
		case 15: platform = p[1]; break;
		case 25: random = p[1]; break;
		case 31: execfn = p[1]; break;
		}
	}
	print_kv("entry_is_start", entry == (u64)_start);
	print_kv("phdr_after_ehdr", phdr == (u64)__ehdr_start + 64);
	print_kv("random_above_sp", random > (u64)sp);
	if (execfn) {
		print_str("execfn=");
		print_str((const char *)execfn);
		print_str("\n");
	}
	if (platform) {
		print_str("platform=");
		print_str((const char *)platform);
		print_str("\n");
	}
	return 0;
}
