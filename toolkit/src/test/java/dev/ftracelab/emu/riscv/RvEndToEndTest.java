package dev.ftracelab.emu.riscv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ftracelab.emu.Counter;
import dev.ftracelab.emu.Hart;
import dev.ftracelab.emu.Machine;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.emu.Trap;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.riscv.RvToolchain;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles a small freestanding C program, runs it on an {@link RvHart} with a minimal
 * write/exit system-call shim, and requires the same output and exit status as qemu-riscv64 on
 * the same ELF. The loader here is deliberately minimal (a flat {@code objcopy -O binary} image
 * at its link address); the real ELF loader and syscall layer live elsewhere.
 */
class RvEndToEndTest {
    static final String PROGRAM = """
            typedef unsigned long u64;
            static long sys(long n, long a, long b, long c) {
                register long a0 __asm__("a0") = a;
                register long a1 __asm__("a1") = b;
                register long a2 __asm__("a2") = c;
                register long a7 __asm__("a7") = n;
                __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
                return a0;
            }
            void *memset(void *d, int c, unsigned long n) { char *p = d; while (n--) *p++ = (char)c; return d; }
            void *memcpy(void *d, const void *s, unsigned long n) { char *p = d; const char *q = s; while (n--) *p++ = *q++; return d; }
            static void put(const char *s, long n) { sys(64, 1, (long)s, n); }
            static char buf[32];
            static void putnum(long v) {
                char *p = buf + 31; int neg = v < 0; u64 u = neg ? -(u64)v : (u64)v;
                *p = '\\n';
                do { *--p = (char)('0' + u % 10); u /= 10; } while (u);
                if (neg) *--p = '-';
                put(p, buf + 32 - p);
            }
            static long fib(long n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
            static char composite[20000];
            static int sieve(int n) {
                int c = 0;
                for (int i = 2; i < n; i++) if (!composite[i]) { c++; for (int j = 2 * i; j < n; j += i) composite[j] = 1; }
                return c;
            }
            static int op(int k, int v) {
                switch (k) { case 0: return v + 1; case 1: return v * 3; case 2: return v - 7; case 3: return v << 2;
                             case 4: return v >> 1; case 5: return v ^ 9; case 6: return ~v; default: return -v; }
            }
            struct pt { long x, y, z; int tag; };
            static struct pt mirror(struct pt p) { struct pt q = p; q.x = -p.x; q.tag ^= 0x55; return q; }
            long counter;
            int main_(void) {
                put("hello from rv64\\n", 16);
                putnum(fib(22));
                putnum(sieve(20000));
                u64 h = 1469598103934665603UL;
                for (int i = 0; i < 5000; i++) { h ^= (u64)i; h *= 1099511628211UL; }
                putnum((long)h);
                putnum((long)(((unsigned __int128)h * 0x9e3779b97f4a7c15UL) >> 64));
                putnum((long)(((__int128)(long)h * -12345) >> 64));
                putnum(-123456789L / 1000 + (-123456789L % 1000) + (long)((u64)h % 977) + (int)h / 3);
                int acc = 0;
                for (int i = 0; i < 64; i++) acc = op(i & 7, acc + i);
                putnum(acc);
                for (int i = 0; i < 100; i++) __atomic_fetch_add(&counter, i, __ATOMIC_SEQ_CST);
                long expected = 4950;
                __atomic_compare_exchange_n(&counter, &expected, 7, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
                putnum(counter + __atomic_exchange_n(&counter, 3, __ATOMIC_ACQ_REL));
                struct pt p = {1, 2, 3, 4};
                struct pt q = mirror(p);
                putnum(q.x * 1000 + q.y * 100 + q.z * 10 + q.tag);
                return (int)(h & 0x7f);
            }
            __asm__(".globl _start\\n_start:\\n"
                    ".option push\\n.option norelax\\nlla gp, __global_pointer$\\n.option pop\\n"
                    "call main_\\nli a7, 93\\necall\\n");
            """;

    static final long STACK_TOP = 0x7fff_0000L;

    record Outcome(byte[] stdout, int exit) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"rv64imac_zicsr_zifencei", "rv64ima_zicsr_zifencei"})
    void aCompiledProgramBehavesAsUnderQemu(String march, @TempDir Path dir) throws Exception {
        RvToolchain.require(RvToolchain.GCC, RvToolchain.OBJCOPY, RvToolchain.OBJDUMP, RvToolchain.QEMU);
        Path elf = RvToolchain.compile(dir, "prog.c", PROGRAM, "-march=" + march, "-mabi=lp64");
        RvToolchain.Result qemu = RvToolchain.run(List.of(RvToolchain.QEMU, elf.toString()));

        Machine m = new Machine(Arch.RISCV64, 1, RvHart::new);
        Hart h = m.hart(0);
        load(m, h, dir, elf);
        Outcome ours = run(h);

        assertEquals(new String(qemu.stdout(), StandardCharsets.UTF_8), new String(ours.stdout(), StandardCharsets.UTF_8));
        assertArrayEquals(qemu.stdout(), ours.stdout());
        assertEquals(qemu.exit(), ours.exit(), "exit status");
        assertTrue(h.count(Counter.MUL_DIV) > 0 && h.count(Counter.ATOMIC) > 0 && h.count(Counter.RETURN) > 0);
    }

    /** Loads the flat image at its lowest section address, maps a stack, sets pc and sp. */
    private static void load(Machine m, Hart h, Path dir, Path elf) throws Exception {
        Path bin = dir.resolve("prog.bin");
        RvToolchain.Result r = RvToolchain.run(List.of(RvToolchain.OBJCOPY, "-O", "binary", elf.toString(), bin.toString()));
        assertEquals(0, r.exit(), r.stderr());
        byte[] image = Files.readAllBytes(bin);
        long base = lowestLoadedSection(elf);
        m.memory().map(base, image.length + 0x10_0000L, Memory.R | Memory.W | Memory.X); // + room for .bss
        m.memory().write(base, image);
        m.memory().map(STACK_TOP - 0x10000, 0x10000, Memory.R | Memory.W);
        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(elf)).order(ByteOrder.LITTLE_ENDIAN);
        h.setPc(header.getLong(24)); // e_entry
        h.setReg(2, STACK_TOP - 64);
    }

    private static long lowestLoadedSection(Path elf) throws Exception {
        RvToolchain.Result r = RvToolchain.run(List.of(RvToolchain.OBJDUMP, "-h", elf.toString()));
        String[] lines = new String(r.stdout(), StandardCharsets.UTF_8).split("\n");
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i + 1 < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            if (f.length >= 7 && f[0].matches("\\d+") && lines[i + 1].contains("LOAD")) {
                lowest = Math.min(lowest, Long.parseUnsignedLong(f[3], 16));
            }
        }
        assertTrue(lowest != Long.MAX_VALUE, "no loadable section");
        return lowest;
    }

    /** Runs until exit, serving write(64) and exit(93/94). */
    private static Outcome run(Hart h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long budget = 0; budget < 2_000_000_000L; ) {
            Trap t = h.run(10_000_000);
            if (t == null) {
                budget += 10_000_000;
                continue;
            }
            if (!(t instanceof Trap.EnvironmentCall)) {
                fail("unexpected trap: " + t.describe());
            }
            long nr = h.reg(17);
            if (nr == 93 || nr == 94) {
                return new Outcome(out.toByteArray(), (int) h.reg(10) & 0xff);
            }
            if (nr != 64) {
                fail("unexpected system call " + nr);
            }
            int len = (int) h.reg(12);
            out.writeBytes(h.machine().memory().read(h.reg(11), len));
            h.setReg(10, len);
            h.setPc(h.pc() + 4);
        }
        return fail("did not exit");
    }
}
