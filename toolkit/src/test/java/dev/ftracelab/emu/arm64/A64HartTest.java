package dev.ftracelab.emu.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.emu.Access;
import dev.ftracelab.emu.Counter;
import dev.ftracelab.emu.CounterSource;
import dev.ftracelab.emu.Machine;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.emu.Trap;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.arm64.A64Encoder;
import dev.ftracelab.isa.arm64.A64SysReg;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Instruction semantics of {@link A64Hart}; words are from gas listings or {@link A64Encoder}. */
class A64HartTest {
    static final long TEXT = 0x10000;
    static final long DATA = 0x20000;
    static final int N = 8, Z = 4, C = 2, V = 1;

    private final Machine m = new Machine(Arch.ARM64, 2, A64Hart::new);
    private final A64Hart h = (A64Hart) m.hart(0);

    A64HartTest() {
        m.memory().map(TEXT, 0x1000, Memory.R | Memory.X);
        m.memory().map(DATA, 0x1000, Memory.R | Memory.W);
    }

    private void code(long at, int... words) {
        for (int i = 0; i < words.length; i++) {
            m.memory().writeValue(at + 4L * i, words[i], 4);
        }
    }

    /** Places {@code words} at TEXT and runs them once, expecting no trap. */
    private void exec(int... words) {
        code(TEXT, words);
        h.flushFetchCache();
        h.setPc(TEXT);
        assertNull(h.run(words.length));
    }

    @Test
    void addsAndSubsSetNzcv() {
        h.setReg(1, Long.MAX_VALUE);
        h.setReg(2, 1);
        exec(0xab020020); // adds x0, x1, x2
        assertEquals(Long.MIN_VALUE, h.reg(0));
        assertEquals(N | V, h.flags());

        h.setReg(1, 5);
        h.setReg(2, 5);
        exec(0xeb020020); // subs x0, x1, x2
        assertEquals(0, h.reg(0));
        assertEquals(Z | C, h.flags(), "equal: no borrow, so C is set");

        h.setReg(1, 0xffff_ffff_0000_0000L);
        h.setReg(2, 1);
        exec(0x6b020020); // subs w0, w1, w2: 0 - 1 in 32 bits
        assertEquals(0xffff_ffffL, h.reg(0), "32-bit results are zero-extended");
        assertEquals(N, h.flags());

        h.setReg(1, -1);
        h.setReg(2, 1);
        exec(0xab020020); // adds: -1 + 1 carries out
        assertEquals(Z | C, h.flags());

        h.setFlags(C);
        h.setReg(1, 1);
        h.setReg(2, 2);
        exec(0xba020020); // adcs x0, x1, x2
        assertEquals(4, h.reg(0));
    }

    @Test
    void ccmpComparesOnlyWhenTheConditionHolds() {
        h.setReg(1, 3);
        h.setReg(2, 3);
        h.setFlags(Z);
        exec(0xfa420025); // ccmp x1, x2, #0x5, eq
        assertEquals(Z | C, h.flags(), "eq held: flags of 3 - 3");
        h.setFlags(0);
        exec(0xfa420025);
        assertEquals(0x5, h.flags(), "eq failed: the immediate nzcv");
    }

    @Test
    void conditionalSelectFamily() {
        h.setReg(1, 10);
        h.setReg(2, 20);
        h.setFlags(N); // lt holds (N != V), ge fails, eq fails, ne holds
        exec(0x9a82b020); // csel x0, x1, x2, lt
        assertEquals(10, h.reg(0));
        exec(0x9a82a420); // csinc x0, x1, x2, ge
        assertEquals(21, h.reg(0));
        exec(0xda820020); // csinv x0, x1, x2, eq
        assertEquals(~20L, h.reg(0));
        exec(0xda821420); // csneg x0, x1, x2, ne
        assertEquals(10, h.reg(0));
        h.setFlags(Z);
        exec(0xda821420);
        assertEquals(-20, h.reg(0));
    }

    @Test
    void bitfieldMovesAndExtract() {
        h.setReg(1, 0xfedc_ba98_7654_3210L);
        exec(0xd3442c20); // ubfx x0, x1, #4, #8
        assertEquals(0x21, h.reg(0));
        h.setReg(1, 0xf80);
        exec(0x93442c20); // sbfx x0, x1, #4, #8
        assertEquals(-8, h.reg(0));
        h.setReg(0, -1);
        h.setReg(1, 0x5);
        exec(0xb3780c20); // bfi x0, x1, #8, #4
        assertEquals(0xffff_ffff_ffff_f5ffL, h.reg(0));
        h.setReg(1, 0x1f);
        exec(0x131d1020); // sbfiz w0, w1, #3, #5
        assertEquals(0xffff_fff8L, h.reg(0));
        h.setReg(1, 0x8000_0000L);
        exec(0x13047c20); // asr w0, w1, #4
        assertEquals(0xf800_0000L, h.reg(0));
        h.setReg(1, 0x11);
        h.setReg(2, 0x2233_0000_0000_0044L);
        exec(0x93c22020); // extr x0, x1, x2, #8
        assertEquals(0x1122_3300_0000_0000L, h.reg(0));
    }

    @Test
    void divisionAndMultiplication() {
        h.setReg(1, 7);
        h.setReg(2, 0);
        exec(0x9ac20820); // udiv x0, x1, x2
        assertEquals(0, h.reg(0), "division by zero gives 0");
        h.setReg(1, Long.MIN_VALUE);
        h.setReg(2, -1);
        exec(0x9ac20c20); // sdiv x0, x1, x2
        assertEquals(Long.MIN_VALUE, h.reg(0), "MIN / -1 wraps");
        h.setReg(1, 0x8000_0000L);
        h.setReg(2, 0xffff_ffffL);
        exec(0x1ac20c20); // sdiv w0, w1, w2
        assertEquals(0x8000_0000L, h.reg(0));
        h.setReg(1, -7);
        h.setReg(2, 2);
        exec(0x9ac20c20);
        assertEquals(-3, h.reg(0), "sdiv rounds toward zero");

        h.setReg(1, 6);
        h.setReg(2, 7);
        h.setReg(3, 100);
        exec(0x9b020c20); // madd x0, x1, x2, x3
        assertEquals(142, h.reg(0));
        h.setReg(1, -1);
        h.setReg(2, -1);
        exec(0x9bc27c20); // umulh x0, x1, x2
        assertEquals(-2, h.reg(0));
        exec(0x9b427c20); // smulh x0, x1, x2
        assertEquals(0, h.reg(0));
    }

    @Test
    void oneAndTwoSourceOperations() {
        h.setReg(1, 0x0000_00ff_0000_0000L);
        exec(0xdac01020); // clz x0, x1
        assertEquals(24, h.reg(0));
        h.setReg(1, 0xffff_fff0L);
        exec(0x5ac01420); // cls w0, w1
        assertEquals(27, h.reg(0));
        h.setReg(1, 1);
        exec(0x5ac00020); // rbit w0, w1
        assertEquals(0x8000_0000L, h.reg(0));
        h.setReg(1, 0x0102_0304_0506_0708L);
        exec(0xdac00420); // rev16 x0, x1
        assertEquals(0x0201_0403_0605_0807L, h.reg(0));
        h.setReg(1, 0xffff_ffff_8000_0000L);
        h.setReg(2, 33); // shift amounts are taken modulo the width
        exec(0x1ac22420); // lsr w0, w1, w2
        assertEquals(0x4000_0000L, h.reg(0));
    }

    @Test
    void registerOffsetAndExtendedOperands() {
        m.memory().writeValue(DATA + 0x18, 0x5a5a, 8);
        h.setReg(1, DATA + 0x20);
        h.setReg(2, 0xffff_ffffL); // -1 as a w register
        exec(0xf862d820); // ldr x0, [x1, w2, sxtw #3]
        assertEquals(0x5a5a, h.reg(0));
        h.setReg(31, 0x1000);
        h.setReg(1, 3);
        exec(0x8b214be0); // add x0, sp, w1, uxtw #2
        assertEquals(0x100c, h.reg(0));
    }

    @Test
    void badControlFlowBecomesTraps() {
        h.setReg(1, TEXT + 2);
        code(TEXT, A64Encoder.br(1));
        h.setPc(TEXT);
        assertInstanceOf(Trap.Misaligned.class, h.run(2));
        assertEquals(TEXT + 2, h.pc());
        code(TEXT, 0x00000000); // udf #0
        h.flushFetchCache();
        h.setPc(TEXT);
        assertInstanceOf(Trap.IllegalInstruction.class, h.run(1));
        code(TEXT, 0x04200000); // SVE: outside the supported subset
        h.flushFetchCache();
        Trap.IllegalInstruction ill = assertInstanceOf(Trap.IllegalInstruction.class, h.run(1));
        assertEquals(TEXT, ill.pc());
        assertEquals(0x04200000, ill.word());
    }

    @Test
    void preAndPostIndexWriteBack() {
        m.memory().writeValue(DATA + 8, 0x1111, 8);
        h.setReg(1, DATA);
        exec(0xf8408c20); // ldr x0, [x1, #8]!
        assertEquals(0x1111, h.reg(0));
        assertEquals(DATA + 8, h.reg(1));
        exec(0xf8408420); // ldr x0, [x1], #8
        assertEquals(0x1111, h.reg(0));
        assertEquals(DATA + 16, h.reg(1));
        h.setReg(0, 0xabcd_1234L);
        exec(0xb81fcc20); // str w0, [x1, #-4]!
        assertEquals(DATA + 12, h.reg(1));
        assertEquals(0xabcd_1234L, m.memory().readValue(DATA + 12, 4));
    }

    @Test
    void aFaultingAccessChangesNothing() {
        long unmapped = 0x50000;
        h.setReg(1, unmapped);
        code(TEXT, 0xf8408c20); // ldr x0, [x1, #8]!
        h.setPc(TEXT);
        Trap.AccessFault f = assertInstanceOf(Trap.AccessFault.class, h.run(1));
        assertEquals(unmapped + 8, f.address());
        assertEquals(Access.READ, f.access());
        assertEquals(TEXT, h.pc());
        assertEquals(unmapped, h.reg(1), "no writeback");
        assertEquals(0, h.retired());

        // a store pair straddling into a read-only page writes neither half
        m.memory().map(DATA + 0x1000, 0x1000, Memory.R);
        h.setReg(1, DATA + 0x1000 - 8);
        h.setReg(2, 0x77);
        h.setReg(3, 0x88);
        code(TEXT, 0xa8bf0c22); // stp x2, x3, [x1], #-16
        h.flushFetchCache();
        h.setPc(TEXT);
        assertInstanceOf(Trap.AccessFault.class, h.run(1));
        assertEquals(0, m.memory().readValue(DATA + 0x1000 - 8, 8));
        assertEquals(DATA + 0x1000 - 8, h.reg(1));
    }

    @Test
    void pairsAndSignExtendingLoads() {
        m.memory().writeValue(DATA + 16, 0x10, 8);
        m.memory().writeValue(DATA + 24, 0x20, 8);
        h.setReg(1, DATA);
        exec(0xa9c10c22); // ldp x2, x3, [x1, #16]!
        assertEquals(0x10, h.reg(2));
        assertEquals(0x20, h.reg(3));
        assertEquals(DATA + 16, h.reg(1));
        exec(0xa8bf0c22); // stp x2, x3, [x1], #-16
        assertEquals(DATA, h.reg(1));
        assertEquals(0x10, m.memory().readValue(DATA + 16, 8));
        assertEquals(0x20, m.memory().readValue(DATA + 24, 8));

        m.memory().writeValue(DATA, 0x8000_0080L, 4);
        h.setReg(1, DATA);
        exec(0x39800020); // ldrsb x0, [x1]
        assertEquals(-128, h.reg(0));
        exec(0x79c00020); // ldrsh w0, [x1]
        assertEquals(0x80L, h.reg(0));
        exec(0xb9800020); // ldrsw x0, [x1]
        assertEquals(0xffff_ffff_8000_0080L, h.reg(0));
        h.setReg(1, DATA + 1);
        exec(A64Encoder.ldr(0, 1, 0));
        assertEquals(0x80_0000L, h.reg(0), "plain loads may be unaligned");
    }

    @Test
    void exclusivesNeedTheMonitor() {
        m.memory().writeValue(DATA, 41, 8);
        h.setReg(1, DATA);
        h.setReg(3, 42);
        exec(0xc85f7c20, 0xc8027c23); // ldxr x0, [x1]; stxr w2, x3, [x1]
        assertEquals(41, h.reg(0));
        assertEquals(0, h.reg(2), "success");
        assertEquals(42, m.memory().readValue(DATA, 8));
        exec(0xc8027c23);
        assertEquals(1, h.reg(2), "the first stxr cleared the monitor");

        // another hart's successful store-exclusive breaks this hart's reservation
        A64Hart other = (A64Hart) m.hart(1);
        other.setReg(1, DATA);
        other.setReg(3, 7);
        exec(0xc85f7c20);
        other.setPc(TEXT);
        assertNull(other.run(2)); // ldxr; stxr
        assertEquals(0, other.reg(2));
        h.setPc(TEXT + 4);
        assertNull(h.run(1));
        assertEquals(1, h.reg(2));
        assertEquals(7, m.memory().readValue(DATA, 8));

        h.setReg(1, DATA + 4);
        code(TEXT, 0xc85f7c20);
        h.setPc(TEXT);
        Trap.Misaligned mis = assertInstanceOf(Trap.Misaligned.class, h.run(1));
        assertEquals(DATA + 4, mis.address());
    }

    @Test
    void lseAtomics() {
        m.memory().writeValue(DATA, 10, 8);
        h.setReg(1, DATA);
        h.setReg(2, 5);
        exec(0xf8e20020); // ldaddal x2, x0, [x1]
        assertEquals(10, h.reg(0));
        assertEquals(15, m.memory().readValue(DATA, 8));
        h.setReg(0, 15);
        h.setReg(2, 99);
        exec(0xc8e0fc22); // casal x0, x2, [x1]
        assertEquals(15, h.reg(0));
        assertEquals(99, m.memory().readValue(DATA, 8));
        h.setReg(0, 15);
        exec(0xc8e0fc22);
        assertEquals(99, h.reg(0), "compare failed: old value returned, memory unchanged");
        assertEquals(99, m.memory().readValue(DATA, 8));
    }

    @Test
    void svcAndBrkAreTrapsWithThePcOnThem() {
        code(TEXT, A64Encoder.nop(), 0xd40000a1, 0xd42000e0); // nop; svc #5; brk #7
        h.setPc(TEXT);
        Trap.EnvironmentCall svc = assertInstanceOf(Trap.EnvironmentCall.class, h.run(10));
        assertEquals(TEXT + 4, svc.pc());
        assertEquals(5, svc.immediate());
        assertEquals(TEXT + 4, h.pc());
        assertEquals(1, h.retired(), "the svc has not retired");
        h.setPc(TEXT + 8);
        Trap.Breakpoint brk = assertInstanceOf(Trap.Breakpoint.class, h.run(10));
        assertEquals(7, brk.immediate());
        assertEquals(TEXT + 8, h.pc());
    }

    @Test
    void systemRegisters() {
        h.setReg(1, 0x1234);
        exec(0xd51bd041, 0xd53bd040); // msr tpidr_el0, x1; mrs x0, tpidr_el0
        assertEquals(0x1234, h.reg(0));
        assertEquals(0x1234, h.threadPointer());
    }

    @Test
    void kernelSystemRegistersHoldWhatWasWrittenOrSet() {
        h.setSystemRegister(A64SysReg.SP_EL0, 0xffff_0000_1234_5000L);
        h.setReg(3, 0x42);
        h.setReg(4, 0x77);
        h.setReg(6, 0xe0);
        // mrs x0, sp_el0; msr tpidr_el1, x3; mrs x2, tpidr_el1; msr tpidr_el2, x4; mrs x5, tpidr_el2;
        // msr icc_pmr_el1, x6; mrs x7, icc_pmr_el1
        exec(0xd5384100, 0xd518d083, 0xd538d082, 0xd51cd044, 0xd53cd045, 0xd5184606, 0xd5384607);
        assertEquals(0xffff_0000_1234_5000L, h.reg(0));
        assertEquals(0x42, h.reg(2));
        assertEquals(0x77, h.reg(5));
        assertEquals(0xe0, h.reg(7));
        assertEquals(0x42, h.systemRegister(A64SysReg.TPIDR_EL1));
    }

    @Test
    void daifKeepsItsMaskBitsAndTheImmediateFormsSetAndClearThem() {
        h.setReg(1, -1L);
        // msr daif, x1; mrs x0, daif; msr daifclr, #0xf; msr daifset, #0x3 (I and F); mrs x2, daif;
        // msr daifclr, #0x2 (I); mrs x3, daif
        exec(0xd51b4221, 0xd53b4220, 0xd5034fff, 0xd50343df, 0xd53b4222, 0xd50342ff, 0xd53b4223);
        assertEquals(0x3c0, h.reg(0), "D, A, I, F = bits 9:6");
        assertEquals(0xc0, h.reg(2));
        assertEquals(0x40, h.reg(3));
    }

    @Test
    void countersReadTheCounterSource() {
        // mrs x0, cntvct_el0; mrs x1, pmccntr_el0; mrs x2, cntpct_el0; mrs x3, cntfrq_el0
        int[] words = {0xd53be040, 0xd53b9d01, 0xd53be022, 0xd53be003};
        exec(words);
        assertEquals(0, h.reg(0), "without a source: the retired instructions before the read");
        assertEquals(1, h.reg(1));
        assertEquals(2, h.reg(2));
        assertEquals(1_000_000_000L, h.reg(3));
        h.setCounterSource((hart, kind) -> kind == CounterSource.Kind.CYCLE ? 1000 + hart.retired() : 7);
        h.setSystemRegister(A64SysReg.CNTFRQ_EL0, 24_000_000);
        exec(words);
        assertEquals(7, h.reg(0));
        assertEquals(1005, h.reg(1));
        assertEquals(7, h.reg(2));
        assertEquals(24_000_000, h.reg(3));
        assertThrows(IllegalArgumentException.class, () -> h.setSystemRegister(A64SysReg.CNTVCT_EL0, 1));
    }

    @Test
    void unknownSystemRegistersTrapAsIllegalInstructions() {
        code(TEXT, 0xd538f20e); // mrs x14, s3_0_c15_c2_0
        h.flushFetchCache();
        h.setPc(TEXT);
        Trap.IllegalInstruction t = assertInstanceOf(Trap.IllegalInstruction.class, h.run(1));
        assertEquals(0xd538f20e, t.word());
        assertEquals(TEXT, h.pc());
        assertTrue(t.reason().contains("mrs of s3_0_c15_c2_0"), t.reason());
        // objdump names it, the hart does not emulate it: the trap names it both ways
        code(TEXT, 0xd5382043); // mrs x3, tcr_el1
        h.flushFetchCache();
        h.setPc(TEXT);
        t = assertInstanceOf(Trap.IllegalInstruction.class, h.run(1));
        assertTrue(t.reason().contains("mrs of tcr_el1 (s3_0_c2_c0_2)"), t.reason());
        code(TEXT, 0xd51b0020); // msr ctr_el0, x0
        h.flushFetchCache();
        h.setPc(TEXT);
        t = assertInstanceOf(Trap.IllegalInstruction.class, h.run(1));
        assertTrue(t.reason().contains("msr to ctr_el0") && t.reason().contains("read-only"), t.reason());
    }

    @Test
    void countersByClass() {
        code(TEXT,
                A64Encoder.movz(1, 3, 0),                  // 0
                0xf1000421,                                // 4: subs x1, x1, #1
                A64Encoder.bCond(1, TEXT + 8, TEXT + 4),   // 8: b.ne 4
                A64Encoder.bl(TEXT + 12, TEXT + 20),       // 12
                A64Encoder.brk(0),                         // 16
                A64Encoder.ret());                         // 20
        h.setPc(TEXT);
        assertInstanceOf(Trap.Breakpoint.class, h.run(100));
        assertEquals(4, h.count(Counter.ALU));
        assertEquals(2, h.count(Counter.BRANCH_TAKEN));
        assertEquals(1, h.count(Counter.BRANCH_NOT_TAKEN));
        assertEquals(1, h.count(Counter.DIRECT_CALL));
        assertEquals(1, h.count(Counter.RETURN));
        assertEquals(9, h.retired());
    }

    @Test
    void listenerSeesPcAddressAndTakenness() {
        record Event(long pc, long mem, boolean taken) {
        }
        List<Event> events = new ArrayList<>();
        h.setListener((hart, pc, insn, mem, taken) -> events.add(new Event(pc, mem, taken)));
        h.setReg(1, DATA);
        code(TEXT, A64Encoder.ldr(0, 1, 8), A64Encoder.b(TEXT + 4, TEXT + 12), A64Encoder.nop(), A64Encoder.nop());
        h.setPc(TEXT);
        assertNull(h.run(3));
        assertEquals(List.of(new Event(TEXT, DATA + 8, false), new Event(TEXT + 4, -1, true),
                new Event(TEXT + 12, -1, false)), events);
    }

    @Test
    void patchedTextStaysStaleUntilIcAndIsb() {
        // TEXT: add x0, x0, #1; b TEXT+0x100      TEXT+0x100: ic ivau, x1 ... (isb) ... b TEXT
        code(TEXT, A64Encoder.addImm(true, 0, 0, 1), A64Encoder.b(TEXT + 4, TEXT + 0x100));
        code(TEXT + 0x100, A64Encoder.icIvau(1), A64Encoder.b(TEXT + 0x104, TEXT + 0x200));
        code(TEXT + 0x200, A64Encoder.dsbIsh(), A64Encoder.isb(), A64Encoder.b(TEXT + 0x208, TEXT));
        A64Hart other = (A64Hart) m.hart(1);
        h.setReg(1, TEXT);
        h.setPc(TEXT);
        other.setPc(TEXT);
        assertNull(h.run(1));
        assertNull(other.run(1));
        assertEquals(1, h.reg(0));

        m.memory().write(TEXT, intBytes(A64Encoder.addImm(true, 0, 0, 100)));
        h.setPc(TEXT);
        assertNull(h.run(1));
        assertEquals(2, h.reg(0), "stale: the hart still runs its fetched copy");

        h.setPc(TEXT + 0x100);
        assertNull(h.run(2)); // ic ivau; b -> TEXT+0x200, no ISB yet
        h.setPc(TEXT);
        assertNull(h.run(1));
        assertEquals(3, h.reg(0), "IC alone does not resynchronise the fetch stream");

        h.setPc(TEXT + 0x200);
        assertNull(h.run(4)); // dsb; isb; b TEXT; add
        assertEquals(103, h.reg(0), "after IC + ISB the patched instruction runs");

        other.setPc(TEXT);
        assertNull(other.run(1));
        assertEquals(2, other.reg(0), "the other hart is stale until its own ISB");
        other.setPc(TEXT + 0x204);
        assertNull(other.run(3)); // isb; b TEXT; add
        assertEquals(102, other.reg(0));
    }

    private static byte[] intBytes(int w) {
        return new byte[] {(byte) w, (byte) (w >>> 8), (byte) (w >>> 16), (byte) (w >>> 24)};
    }
}
