/* A bytecode interpreter whose dense switch GCC compiles to a jump table (an indirect branch
 * through a table of offsets), running a small program that sums squares and counts primes. */
#include "guest.h"

enum op { PUSH, POP, DUP, SWAP, ADD, SUB, MUL, DIV, MOD, JMP, JZ, JNZ, LT, INC, DEC, LOAD, STORE, PRINT, HALT, NOP };

struct vm {
	i64 stack[32];
	i64 vars[8];
	int sp;
};

static NOINLINE i64 run(const i64 *code, struct vm *vm)
{
	int pc = 0;
	i64 steps = 0;
	for (;;) {
		i64 a, b;
		steps++;
		switch ((enum op)code[pc++]) {
		case PUSH: vm->stack[vm->sp++] = code[pc++]; break;
		case POP: vm->sp--; break;
		case DUP: vm->stack[vm->sp] = vm->stack[vm->sp - 1]; vm->sp++; break;
		case SWAP: a = vm->stack[vm->sp - 1]; vm->stack[vm->sp - 1] = vm->stack[vm->sp - 2]; vm->stack[vm->sp - 2] = a; break;
		case ADD: b = vm->stack[--vm->sp]; vm->stack[vm->sp - 1] += b; break;
		case SUB: b = vm->stack[--vm->sp]; vm->stack[vm->sp - 1] -= b; break;
		case MUL: b = vm->stack[--vm->sp]; vm->stack[vm->sp - 1] *= b; break;
		case DIV: b = vm->stack[--vm->sp]; vm->stack[vm->sp - 1] /= b; break;
		case MOD: b = vm->stack[--vm->sp]; vm->stack[vm->sp - 1] %= b; break;
		case JMP: pc = (int)code[pc]; break;
		case JZ: a = vm->stack[--vm->sp]; pc = a == 0 ? (int)code[pc] : pc + 1; break;
		case JNZ: a = vm->stack[--vm->sp]; pc = a != 0 ? (int)code[pc] : pc + 1; break;
		case LT: b = vm->stack[--vm->sp]; vm->stack[vm->sp - 1] = vm->stack[vm->sp - 1] < b; break;
		case INC: vm->vars[code[pc++]]++; break;
		case DEC: vm->vars[code[pc++]]--; break;
		case LOAD: vm->stack[vm->sp++] = vm->vars[code[pc++]]; break;
		case STORE: vm->vars[code[pc++]] = vm->stack[--vm->sp]; break;
		case PRINT: print_kv("vm", vm->stack[vm->sp - 1]); break;
		case HALT: return steps;
		case NOP: break;
		default: return -1;
		}
	}
}

/* sum = 0; for (i = 0; i < 200; i++) sum += i * i % 97; print sum */
static const i64 program[] = {
	PUSH, 0, STORE, 0,          /* 0: i = 0 */
	PUSH, 0, STORE, 1,          /* 4: sum = 0 */
	LOAD, 0, PUSH, 200, LT,     /* 8: i < 200 ? */
	JZ, 32,                     /* 13 */
	LOAD, 0, DUP, MUL, PUSH, 97, MOD, /* 15: i*i % 97 */
	LOAD, 1, ADD, STORE, 1,     /* 22: sum += */
	INC, 0, NOP, JMP, 8,        /* 27 */
	LOAD, 1, PRINT, HALT,       /* 32 */
};

int main(void)
{
	static struct vm vm;
	i64 steps = run(program, &vm);
	print_kv("steps", steps);
	i64 expect = 0;
	for (i64 i = 0; i < 200; i++)
		expect += i * i % 97;
	check(vm.vars[1] == expect);
	check(steps == 4 + 200 * 15 + 7);
	return check_status();
}
