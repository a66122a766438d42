package dev.ftracelab.isa.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.isa.DecodeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decodes and disassembles every instruction objdump finds in freshly compiled snippets (and in
 * the committed guest corpus, when present) and requires the same text, address by address.
 */
class RvObjdumpAgreementTest {
    /** The committed guest corpus, seen from the module directory (Maven) or the repository root (IDEs). */
    static final List<Path> CORPUS = List.of(Path.of("src/main/resources/dev/ftracelab/guest/riscv64"),
            Path.of("toolkit/src/main/resources/dev/ftracelab/guest/riscv64"));

    /** Freestanding code exercising loops, calls, switch tables, M and A, CSRs and fences. */
    static final String SNIPPETS = """
            typedef unsigned long u64;
            long counter;
            int table[64];
            long sum(const long *p, long n) { long s = 0; for (long i = 0; i < n; i++) s += p[i] ^ (s >> 3); return s; }
            int absall(int *p, int n) { int s = 0; for (int i = 0; i < n; i++) s += p[i] < 0 ? -p[i] : p[i]; return s; }
            long divs(long a, long b, unsigned c, unsigned d) { return a / b + a % b + c / d + (long)(c % d) + (int)a / (int)b; }
            u64 mulhu(u64 a, u64 b) { return (u64)(((unsigned __int128)a * b) >> 64); }
            long mulh(long a, long b) { return (long)(((__int128)a * b) >> 64); }
            long atom(long *p, long v) { long o = __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
              __atomic_fetch_or(p, 4, __ATOMIC_ACQUIRE); __atomic_fetch_and(p, 7, __ATOMIC_RELEASE);
              __atomic_fetch_xor(p, 1, __ATOMIC_RELAXED); return o + __atomic_exchange_n(p, v, __ATOMIC_ACQ_REL); }
            int cas(int *p, int o, int n) { return __sync_bool_compare_and_swap(p, o, n); }
            long casl(long *p, long o, long n) { return __sync_val_compare_and_swap(p, o, n); }
            long amo(long *p, long v) { long a, b; __asm__ volatile("amomin.w.aq %0,%2,(%3); amomaxu.d.rl %1,%2,(%3); amoswap.d.aqrl %1,%1,(%3); amominu.w %0,%0,(%3); amomax.w zero,%0,(%3)" : "=&r"(a), "=&r"(b) : "r"(v), "r"(p) : "memory"); return a + b; }
            int sw(int k, int v) { switch (k) { case 0: return v + 1; case 1: return v * 3; case 2: return v - 7;
              case 3: return v << 2; case 4: return v >> 1; case 5: return v ^ 9; case 6: return ~v; default: return -v; } }
            long shifts(long a, int b, unsigned long c) { return (a << b) + (a >> (b & 63)) + (long)(c >> 5) + ((int)a << 3) + ((unsigned)a >> 7); }
            u64 cycles(void) { u64 c, t, i; __asm__ volatile("rdcycle %0; rdtime %1; rdinstret %2" : "=r"(c), "=r"(t), "=r"(i)); return c + t + i; }
            void fences(void) { __asm__ volatile("fence rw,rw; fence.i; fence; fence r,rw; fence.tso; ebreak; ecall" ::: "memory"); }
            void csrs(long v) { __asm__ volatile("csrw sscratch, %0; csrs sie, %0; csrci sie, 3; csrrw %0, sscratch, %0" : "+r"(v)); }
            typedef long (*fn)(long);
            long twice(long x) { return 2 * x; }
            long callit(fn f, long x) { return f(x) + f(x + 1); }
            long fib(long n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
            int cmp(long a, long b, unsigned long c, unsigned long d) { return (a < b) + (c < d) * 2 + (a == 0) * 4 + (b != 0) * 8 + (c >= 10) * 16; }
            void fill(char *d, const char *s, long n) { for (long i = 0; i < n; i++) d[i] = s[i] + 1; }
            long big(void) { return 0x123456789abcdefL + counter; }
            void _start(void) { counter = sum((long *)table, 8) + callit(twice, 3) + fib(5); for (;;) { } }
            """;

    /** Every supported instruction form once, including all compressed ones and alias corner cases. */
    static final String ALL_FORMS = """
            .globl _start
            _start:
            .option norvc
            addi a0,a1,5
            addi a0,zero,5
            addi a0,a1,0
            addi zero,zero,0
            addi sp,sp,-16
            slti a0,a1,3
            sltiu a0,a1,3
            sltiu a0,a1,1
            xori a0,a1,3
            xori a0,a1,-1
            ori a0,a1,3
            andi a0,a1,3
            slli a0,a1,3
            srli a0,a1,3
            srai a0,a1,3
            addiw a0,a1,3
            addiw a0,a1,0
            slliw a0,a1,3
            srliw a0,a1,3
            sraiw a0,a1,3
            add a0,a1,a2
            add a0,zero,a2
            sub a0,a1,a2
            sub a0,zero,a2
            subw a0,zero,a2
            sll a0,a1,a2
            slt a0,a1,a2
            slt a0,a1,zero
            slt a0,zero,a2
            sltu a0,a1,a2
            sltu a0,zero,a2
            xor a0,a1,a2
            srl a0,a1,a2
            sra a0,a1,a2
            or a0,a1,a2
            and a0,a1,a2
            addw a0,a1,a2
            subw a0,a1,a2
            sllw a0,a1,a2
            srlw a0,a1,a2
            sraw a0,a1,a2
            lui a0,0x12345
            lui a0,0xfffff
            auipc a0,0
            auipc ra,0x1
            lb a0,4(a1)
            lh a0,-4(a1)
            lw a0,4(a1)
            ld a0,4(a1)
            lbu a0,4(a1)
            lhu a0,4(a1)
            lwu a0,4(a1)
            sb a0,4(a1)
            sh a0,4(a1)
            sw a0,4(a1)
            sd a0,-8(a1)
            1:
            beq a0,a1,1b
            bne a0,a1,1b
            blt a0,a1,1b
            bge a0,a1,1b
            bltu a0,a1,1b
            bgeu a0,a1,1b
            beq a0,zero,1b
            bne a0,zero,1b
            beq zero,a0,1b
            bge zero,a0,1b
            bge a0,zero,1b
            blt a0,zero,1b
            blt zero,a0,1b
            bltu zero,a0,1b
            bgeu zero,a0,1b
            jal zero,1b
            jal ra,1b
            jal t0,1b
            jal a0,1b
            jalr zero,0(ra)
            jalr zero,0(t0)
            jalr zero,0(a5)
            jalr zero,8(a5)
            jalr ra,0(a5)
            jalr ra,8(a5)
            jalr t0,0(t0)
            jalr t0,8(a5)
            jalr a0,0(a1)
            ecall
            ebreak
            fence
            fence rw,rw
            fence r,rw
            fence.tso
            fence.i
            fence iorw,iorw
            fence ow,ir
            csrrs a0,cycle,zero
            csrrs a0,time,zero
            csrrs a0,instret,zero
            csrrs a0,0xc03,zero
            csrrs a0,sstatus,zero
            csrrw zero,sscratch,a0
            csrrw a1,sscratch,a0
            csrrs zero,sie,a0
            csrrc zero,sie,a0
            csrrs a1,sie,a0
            csrrc a1,sie,a0
            csrrwi zero,sie,5
            csrrsi zero,sie,5
            csrrci zero,sie,5
            csrrwi a0,sie,5
            csrrsi a0,sie,5
            csrrci a0,sie,5
            csrrs a0,fflags,zero
            csrrs a0,frm,zero
            csrrs a0,fcsr,zero
            csrrw a0,fcsr,a1
            csrrw zero,fcsr,a1
            csrrw zero,frm,a1
            csrrw a0,fflags,a1
            csrrwi zero,frm,3
            csrrwi a0,fflags,1
            csrrs zero,fcsr,a0
            csrrs a0,cycle,a1
            csrrs zero,cycle,zero
            andi a0,a1,255
            andi a0,a1,-1
            csrrs a0,mhartid,zero
            csrrs a0,0x7c0,zero
            mul a0,a1,a2
            mulh a0,a1,a2
            mulhsu a0,a1,a2
            mulhu a0,a1,a2
            div a0,a1,a2
            divu a0,a1,a2
            rem a0,a1,a2
            remu a0,a1,a2
            mulw a0,a1,a2
            divw a0,a1,a2
            divuw a0,a1,a2
            remw a0,a1,a2
            remuw a0,a1,a2
            lr.w a0,(a1)
            lr.d.aq a0,(a1)
            sc.w a0,a2,(a1)
            sc.d.rl a0,a2,(a1)
            amoswap.w a0,a2,(a1)
            amoadd.w.aqrl a0,a2,(a1)
            amoxor.d.aq a0,a2,(a1)
            amoand.d a0,a2,(a1)
            amoor.w a0,a2,(a1)
            amomin.w a0,a2,(a1)
            amomax.d a0,a2,(a1)
            amominu.d a0,a2,(a1)
            amomaxu.w a0,a2,(a1)
            amoadd.w zero,a2,(a1)
            .option rvc
            c.addi4spn a0,sp,16
            c.lw a0,4(a1)
            c.ld a0,8(a1)
            c.sw a0,4(a1)
            c.sd a0,8(a1)
            c.nop
            c.addi a0,-3
            c.addiw a0,3
            c.addiw a0,0
            c.li a0,-5
            c.li a0,0
            c.addi16sp sp,-32
            c.lui a0,0x1
            c.lui a0,0xfffff
            c.srli a0,3
            c.srai a0,3
            c.andi a0,3
            c.sub a0,a1
            c.xor a0,a1
            c.or a0,a1
            c.and a0,a1
            c.subw a0,a1
            c.addw a0,a1
            2:
            c.j 2b
            c.beqz a0,2b
            c.bnez a0,2b
            c.slli a0,3
            c.lwsp a0,4(sp)
            c.ldsp a0,8(sp)
            c.jr a0
            c.jr ra
            c.jr t0
            c.mv a0,a1
            c.ebreak
            c.jalr a0
            c.add a0,a1
            c.swsp a0,4(sp)
            c.sdsp a0,8(sp)
            """;

    /** Every F, D, Zba, Zbb and Zbs form, rounding modes and aliases included, and RV64C's D loads/stores. */
    static final String FP_AND_BITMANIP_FORMS = """
            .globl _start
            _start:
            .option norvc
            flw fa0,4(a1)
            fsw fa0,-4(a1)
            fld fs0,8(sp)
            fsd ft11,16(t0)
            fadd.s fa0,fa1,fa2
            fadd.s fa0,fa1,fa2,rne
            fadd.s fa0,fa1,fa2,rtz
            fadd.s fa0,fa1,fa2,rdn
            fadd.s fa0,fa1,fa2,rup
            fadd.s fa0,fa1,fa2,rmm
            fadd.s fa0,fa1,fa2,dyn
            fsub.d fa0,fa1,fa2
            fmul.d fa0,fa1,fa2,rtz
            fdiv.d fa0,fa1,fa2
            fsqrt.d fa0,fa1
            fsqrt.s fa0,fa1,rup
            fmin.d fa0,fa1,fa2
            fmax.s fa0,fa1,fa2
            fmadd.d fa0,fa1,fa2,fa3
            fmsub.s fa0,fa1,fa2,fa3,rtz
            fnmadd.d fa0,fa1,fa2,fa3
            fnmsub.d fa0,fa1,fa2,fa3
            fsgnj.d fa0,fa1,fa2
            fsgnj.d fa0,fa1,fa1
            fsgnjn.d fa0,fa1,fa1
            fsgnjx.d fa0,fa1,fa1
            fsgnjn.s fa0,fa1,fa2
            fsgnjx.s fa0,fa1,fa2
            fcvt.w.s a0,fa0
            fcvt.w.s a0,fa0,rtz
            fcvt.wu.s a0,fa0,rtz
            fcvt.l.s a0,fa0,rtz
            fcvt.lu.s a0,fa0,rtz
            fcvt.w.d a0,fa0,rtz
            fcvt.l.d a0,fa0
            fcvt.s.w fa0,a0
            fcvt.s.w fa0,a0,rtz
            fcvt.d.w fa0,a0
            fcvt.d.wu fa0,a0
            fcvt.d.l fa0,a0
            fcvt.d.l fa0,a0,rtz
            fcvt.d.lu fa0,a0
            fcvt.s.l fa0,a0
            fcvt.s.lu fa0,a0
            fcvt.s.wu fa0,a0
            fcvt.s.d fa0,fa1
            fcvt.s.d fa0,fa1,rtz
            fcvt.d.s fa0,fa1
            fmv.x.w a0,fa0
            fmv.w.x fa0,a0
            fmv.x.d a0,fa0
            fmv.d.x fa0,a0
            feq.s a0,fa0,fa1
            flt.d a0,fa0,fa1
            fle.d a0,fa0,fa1
            fclass.d a0,fa0
            fclass.s a0,fa0
            frcsr a0
            fscsr a1
            fscsr a0,a1
            frrm a0
            fsrm a0
            fsrmi 2
            fsrmi a0,2
            frflags a0
            fsflags a0
            fsflagsi 3
            csrr a0,fcsr
            csrw fcsr,a0
            csrs fflags,a0
            csrc frm,a0
            csrrs a0,fflags,a1
            sh1add a0,a1,a2
            sh2add a0,a1,a2
            sh3add a0,a1,a2
            sh1add.uw a0,a1,a2
            sh2add.uw a0,a1,a2
            sh3add.uw a0,a1,a2
            add.uw a0,a1,a2
            add.uw a0,a1,zero
            slli.uw a0,a1,3
            andn a0,a1,a2
            orn a0,a1,a2
            xnor a0,a1,a2
            clz a0,a1
            ctz a0,a1
            cpop a0,a1
            clzw a0,a1
            ctzw a0,a1
            cpopw a0,a1
            max a0,a1,a2
            min a0,a1,a2
            maxu a0,a1,a2
            minu a0,a1,a2
            sext.b a0,a1
            sext.h a0,a1
            zext.h a0,a1
            rol a0,a1,a2
            ror a0,a1,a2
            rolw a0,a1,a2
            rorw a0,a1,a2
            rori a0,a1,3
            rori a0,a1,63
            roriw a0,a1,5
            orc.b a0,a1
            rev8 a0,a1
            bclr a0,a1,a2
            bset a0,a1,a2
            binv a0,a1,a2
            bext a0,a1,a2
            bclri a0,a1,3
            bseti a0,a1,63
            binvi a0,a1,33
            bexti a0,a1,5
            fmadd.s ft0,ft1,ft2,ft3,rne
            fmsub.d fs11,fs10,ft11,ft10,rdn
            fnmadd.s fa7,fs2,fs3,ft8,rup
            fnmsub.s fa0,fa1,fa2,fa3,rmm
            fcvt.wu.d a0,fa0,rup
            fcvt.lu.d a0,fa0,rdn
            fcvt.s.wu fa0,a0,rmm
            fcvt.d.lu fa0,a0,rne
            fcvt.s.d fa0,fa1,rne
            fdiv.s ft0,ft1,ft2,rne
            fsub.s fs0,fs1,fs2
            fmul.s fs3,fs4,fs5,rmm
            fmin.s fa0,fa1,fa2
            fmax.d fa0,fa1,fa2
            feq.d a0,fa0,fa1
            flt.s a0,fa0,fa1
            fle.s a0,fa0,fa1
            fmv.s fa0,fa1
            fneg.s fa0,fa1
            fabs.s fa0,fa1
            fsgnjx.d fa0,fa1,fa2
            fsgnjn.d fa0,fa1,fa2
            fsgnj.s fa0,fa1,fa2
            fcvt.wu.s a0,fa0
            fcvt.lu.d a0,fa0
            fcvt.w.d a0,fa0
            .insn 4, 0xd2051553
            .insn 4, 0x42059553
            .insn 4, 0x00c5d553
            .insn 4, 0x6ac5e543
            .insn i 0x0f, 0, x0, x0, 0x010
            .option rvc
            c.fld fa0,8(a1)
            c.fsd fa0,16(a1)
            c.fldsp fs0,24(sp)
            c.fsdsp fs1,256(sp)
            """;

    /** Compiler output for float and double code: loads, arithmetic, conversions, compares, calls. */
    static final String FP_SNIPPETS = """
            double dot(const double *a, const double *b, int n) { double s = 0; for (int i = 0; i < n; i++) s += a[i] * b[i]; return s; }
            float scale(float *a, int n, float k) { float m = 0; for (int i = 0; i < n; i++) { a[i] *= k; if (a[i] > m) m = a[i]; } return m; }
            long conv(double d, float f, unsigned u, long l) { return (long)d + (int)f + (long)(unsigned)d + (long)(double)u + (long)(float)l + (long)(double)f; }
            double mix(double a, double b, double c) { return __builtin_fma(a, b, c) + __builtin_sqrt(a) - __builtin_fabs(b) / (c == 0 ? 1 : c); }
            int cmps(double a, double b, float c, float d) { return (a < b) + (a <= b) * 2 + (a == b) * 4 + (c < d) * 8 + (c >= d) * 16; }
            float fmins(float a, float b) { return (a < b ? a : b) + (a > b ? b : a) + __builtin_copysignf(a, b) + __builtin_sqrtf(b); }
            int isnanx(double x) { return __builtin_isnan(x) + __builtin_isinf(x) * 2; }
            unsigned long bits(unsigned long a, unsigned long b, unsigned c) { return __builtin_popcountl(a) + __builtin_ctzl(a | 1) + __builtin_clzl(b | 1) + __builtin_clz(c | 1) + ((a << 7) | (a >> 57)) + (a & ~b) + (a > b ? a : b) + (unsigned short)c + (signed char)c + __builtin_bswap64(b) + (b + ((unsigned long)c << 3)) + (a & (1UL << (c & 63))); }
            void _start(void) { for (;;) { } }
            """;

    @Test
    void floatingPointAndBitManipulationFormsDisassembleLikeObjdump(@TempDir Path dir) throws Exception {
        RvToolchain.require(RvToolchain.GCC, RvToolchain.OBJDUMP);
        Path elf = RvToolchain.compile(dir, "fpforms.S", FP_AND_BITMANIP_FORMS, "-march=rv64gc_zba_zbb_zbs", "-mabi=lp64d");
        assertAgrees(elf, 140);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rv64gc", "rv64gc_zba_zbb_zbs"})
    void floatingPointSnippetsDisassembleLikeObjdump(String march, @TempDir Path dir) throws Exception {
        RvToolchain.require(RvToolchain.GCC, RvToolchain.OBJDUMP);
        Path elf = RvToolchain.compile(dir, "fp.c", FP_SNIPPETS, "-march=" + march, "-mabi=lp64d", "-O2", "-fno-math-errno");
        assertAgrees(elf, 100);
    }

    @Test
    void everyInstructionFormDisassemblesLikeObjdump(@TempDir Path dir) throws Exception {
        RvToolchain.require(RvToolchain.GCC, RvToolchain.OBJDUMP);
        // rv64gc: objdump's floating-point CSR aliases (frflags, fsrm...) depend on F being present
        Path elf = RvToolchain.compile(dir, "forms.S", ALL_FORMS, "-march=rv64gc", "-mabi=lp64d");
        assertAgrees(elf, 180);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rv64gc", "rv64imac_zicsr_zifencei"})
    void snippetsDisassembleLikeObjdump(String march, @TempDir Path dir) throws Exception {
        RvToolchain.require(RvToolchain.GCC, RvToolchain.OBJDUMP);
        String abi = march.equals("rv64gc") ? "lp64d" : "lp64";
        Path elf = RvToolchain.compile(dir, "snippets.c", SNIPPETS, "-march=" + march, "-mabi=" + abi,
                "-fpatchable-function-entry=8,4");
        assertAgrees(elf, 200);
    }

    @Test
    void committedGuestCorpusDisassemblesLikeObjdump() throws Exception {
        List<Path> elves = new ArrayList<>();
        Path corpus = CORPUS.stream().filter(Files::isDirectory).findFirst().orElse(null);
        if (corpus != null) {
            try (Stream<Path> s = Files.walk(corpus)) {
                s.filter(p -> p.toString().endsWith(".elf")).sorted().forEach(elves::add);
            }
        }
        if (elves.isEmpty()) {
            return; // nothing committed yet
        }
        RvToolchain.require(RvToolchain.OBJDUMP);
        for (Path elf : elves) {
            assertAgrees(elf, 1);
        }
    }

    /**
     * Every CSR number in every Zicsr form (csrrw/s/c and their immediate forms, with and without
     * a destination, so the csrr/csrw/csrs/csrc aliases too): the names are objdump's, from the
     * generated {@link RvCsrNames} table, or the number in hex.
     */
    @Test
    void everyCsrPrintsWithObjdumpsName(@TempDir Path dir) throws Exception {
        RvToolchain.require(RvToolchain.GCC, RvToolchain.OBJDUMP);
        StringBuilder src = new StringBuilder(".text\n.globl _start\n_start:\n");
        int[][] forms = {{1, 0, 11}, {2, 10, 0}, {2, 10, 11}, {3, 0, 11}, {3, 10, 12}, {5, 10, 3}, {6, 0, 4}, {7, 12, 0}};
        for (int csr = 0; csr < 4096; csr++) {
            for (int[] f : forms) {
                int w = csr << 20 | f[2] << 15 | f[0] << 12 | f[1] << 7 | 0x73;
                src.append(".insn 0x").append(Integer.toHexString(w)).append('\n');
            }
        }
        // rv64gc: objdump's floating-point CSR aliases (frflags, fsrm...) depend on F being present
        Path elf = RvToolchain.compile(dir, "csrs.S", src.toString(), "-march=rv64gc", "-mabi=lp64d");
        assertAgrees(elf, 4096 * forms.length);
    }

    /** The cross toolchain's glibc, when installed: some 290 000 instructions of real compiler output. */
    @Test
    void crossGlibcDisassemblesLikeObjdump() throws Exception {
        Path libc = Path.of("/usr/riscv64-linux-gnu/lib/libc.so.6");
        Assumptions.assumeTrue(Files.isRegularFile(libc), "no riscv64 cross glibc installed");
        RvToolchain.require(RvToolchain.OBJDUMP);
        assertAgrees(libc, 100_000);
    }

    /**
     * Compares every objdump line: what we decode must print the same; what we reject must be
     * something objdump does not know either. Requires at least {@code minimum}
     * decoded instructions.
     */
    private static void assertAgrees(Path elf, int minimum) throws IOException, InterruptedException {
        int decoded = 0;
        List<String> mismatches = new ArrayList<>();
        for (RvToolchain.Line line : RvToolchain.objdump(elf)) {
            int word = (int) Long.parseLong(line.hex(), 16);
            String expected = RvToolchain.normalise(line.text());
            boolean objdumpUnknown = expected.startsWith(".") || expected.equals("unimp");
            RvInsn insn;
            try {
                insn = RvIsa.INSTANCE.decode(line.address(), word);
            } catch (DecodeException e) {
                if (!objdumpUnknown) {
                    mismatches.add(String.format("%x: %s: objdump '%s', we reject it: %s", line.address(), line.hex(),
                            expected, e.getMessage()));
                }
                continue;
            }
            assertEquals(line.hex().length() / 2, insn.length(), () -> "length of " + line);
            String ours = RvToolchain.normalise(RvIsa.INSTANCE.disassemble(line.address(), insn));
            if (!objdumpUnknown && !ours.equals(expected)) {
                mismatches.add(String.format("%x: %s: objdump '%s', ours '%s'", line.address(), line.hex(), expected, ours));
            }
            decoded++;
        }
        assertTrue(mismatches.isEmpty(), () -> elf + ": " + mismatches.size() + " mismatches\n"
                + String.join("\n", mismatches.subList(0, Math.min(60, mismatches.size()))));
        assertTrue(decoded >= minimum, elf + ": only " + decoded + " instructions");
    }
}
