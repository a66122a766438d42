package dev.ftracelab.emu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.emu.arm64.A64Hart;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.arm64.A64Encoder;
import dev.ftracelab.isa.arm64.A64SysReg;
import dev.ftracelab.isa.riscv.RvEncoder;
import dev.ftracelab.util.Hash;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hart state the patch-safety explorer saves and restores: {@link Hart#context()} /
 * {@link Hart#setContext}, {@link Hart#hashContext}, the fetched-line API
 * ({@link Hart#fetchedLine}, {@link Hart#restoreFetchedLine}, {@link Hart#hashFetchedLine},
 * {@link Hart#lineFills()}, {@link Hart#lastFilledLine()}), and single steps against runs.
 */
class HartContextTest {
    static final long TEXT = 0x10000;
    static final long DATA = 0x20000;
    static final int A0 = RvEncoder.A0, A1 = 11, A2 = 12, A3 = 13, A4 = 14, T0 = RvEncoder.T0;

    /** A machine of {@code arch} with 2 harts, TEXT mapped R|X and DATA R|W. */
    private static Machine machine(Arch arch) {
        Machine m = Machine.create(arch, 2);
        m.memory().map(TEXT, Memory.PAGE_SIZE, Memory.R | Memory.X);
        m.memory().map(DATA, Memory.PAGE_SIZE, Memory.R | Memory.W);
        return m;
    }

    /** Writes instruction words at {@code at} (RISC-V: a word whose low bits are not 11 is 16-bit). */
    private static long code(Machine m, long at, int... words) {
        for (int w : words) {
            int len = m.arch() == Arch.RISCV64 && (w & 3) != 3 ? 2 : 4;
            m.memory().writeValue(at, w, len);
            at += len;
        }
        return at;
    }

    // RISC-V forms RvEncoder has no method for
    static int rvBranch(int funct3, int rs1, int rs2, long from, long to) {
        int o = (int) (to - from);
        return (o >>> 12 & 1) << 31 | (o >>> 5 & 0x3f) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12
                | (o >>> 1 & 0xf) << 8 | (o >>> 11 & 1) << 7 | 0x63;
    }

    static int rvAndi(int rd, int rs1, int imm) {
        return imm << 20 | rs1 << 15 | 7 << 12 | rd << 7 | 0x13;
    }

    static int rvLrD(int rd, int rs1) {
        return 0b00010 << 27 | rs1 << 15 | 3 << 12 | rd << 7 | 0x2f;
    }

    static int rvScD(int rd, int rs1, int rs2) {
        return 0b00011 << 27 | rs2 << 20 | rs1 << 15 | 3 << 12 | rd << 7 | 0x2f;
    }

    // AArch64 forms A64Encoder has no method for
    static final int A64_MRS_X2_TPIDR = 0xd53bd042; // mrs x2, tpidr_el0
    static final int A64_CSEL_X3_X4_X5_EQ = 0x9a850083; // csel x3, x4, x5, eq
    static final int A64_ADD_X1_X1_X0 = 0x8b000021; // add x1, x1, x0
    static final int A64_TST_X0_3 = 0xf240041f; // tst x0, #3
    static final int A64_LDXR_X0_X1 = 0xc85f7c20; // ldxr x0, [x1]
    static final int EQ = 0, NE = 1;
    static final int FLAG_Z = 4, FLAG_C = 2;

    /** "Add {@code k} to the result register", and the result register, per arch. */
    private static int addResult(Arch arch, int k) {
        return arch == Arch.RISCV64 ? RvEncoder.addi(A0, A0, k) : A64Encoder.addImm(true, 0, 0, k);
    }

    private static int resultReg(Arch arch) {
        return arch == Arch.RISCV64 ? A0 : 0;
    }

    private static int stop(Arch arch) {
        return arch == Arch.RISCV64 ? RvEncoder.ebreak() : A64Encoder.brk(0);
    }

    /** Runs {@code h} from {@code pc} to its breakpoint and returns the result register. */
    private static long runToBreak(Hart h, long pc) {
        h.setPc(pc);
        assertInstanceOf(Trap.Breakpoint.class, h.run(100));
        return h.reg(resultReg(h.arch()));
    }

    // ---- context / setContext / hashContext ----

    @Test
    void riscvContextRoundTripsRegistersAndPc() {
        Machine m = machine(Arch.RISCV64);
        Hart h = m.hart(0);
        for (int i = 1; i < 32; i++) {
            h.setReg(i, 0x1000L * i + 3);
        }
        h.setPc(TEXT + 0x40);
        long[] saved = h.context();
        assertEquals(33, saved.length, "32 registers and the PC");
        assertEquals(0, saved[0]);
        assertEquals(0x1000L * 5 + 3, saved[5]);
        assertEquals(TEXT + 0x40, saved[32]);

        for (int i = 1; i < 32; i++) {
            h.setReg(i, -i);
        }
        h.setPc(TEXT);
        assertEquals(0x1000L * 5 + 3, saved[5], "the context is a copy: changing the hart did not change it");
        assertEquals(TEXT + 0x40, saved[32]);
        h.setContext(saved);
        assertArrayEquals(saved, h.context());
        assertEquals(0x1000L * 31 + 3, h.reg(31));
        assertEquals(TEXT + 0x40, h.pc());

        long[] bogus = saved.clone();
        bogus[0] = 99;
        h.setContext(bogus);
        assertEquals(0, h.reg(0), "x0 stays zero whatever the context says");
    }

    @Test
    void riscvContextMovesATaskToAnotherHart() {
        Machine m = machine(Arch.RISCV64);
        // a0 = a1 + a2; a0 += a0; a0 += 5; ebreak
        code(m, TEXT, RvEncoder.add(A0, A1, A2), RvEncoder.add(A0, A0, A0), RvEncoder.addi(A0, A0, 5),
                RvEncoder.ebreak());
        Hart h0 = m.hart(0);
        Hart h1 = m.hart(1);
        h0.setReg(A1, 20);
        h0.setReg(A2, 1);
        h0.setPc(TEXT);
        long[] start = h0.context();
        assertNull(h0.run(2)); // preempted after two instructions
        long[] mid = h0.context();
        assertInstanceOf(Trap.Breakpoint.class, h0.run(10));
        long[] end = h0.context();
        assertEquals(47, h0.reg(A0));

        h1.setReg(A0, 1000);
        h1.setReg(A1, 1000);
        h1.setPc(TEXT + 0x100);
        h1.setContext(mid); // resumed on hart 1
        assertInstanceOf(Trap.Breakpoint.class, h1.run(10));
        assertArrayEquals(end, h1.context(), "same code from the same context: same result");

        h0.setContext(start); // and back at the beginning on hart 0
        assertInstanceOf(Trap.Breakpoint.class, h0.run(10));
        assertArrayEquals(end, h0.context());
    }

    @Test
    void riscvSetContextBreaksAnLrScPair() {
        Machine m = machine(Arch.RISCV64);
        Hart h = m.hart(0);
        m.memory().store64(DATA, 5);
        code(m, TEXT, rvLrD(A0, A1), rvScD(A3, A1, A2), RvEncoder.ebreak());
        h.setReg(A1, DATA);
        h.setReg(A2, 9);
        h.setPc(TEXT);
        assertNull(h.run(1));
        assertInstanceOf(Trap.Breakpoint.class, h.run(10));
        assertEquals(0, h.reg(A3), "control: sc.d after lr.d succeeds");
        assertEquals(9, m.memory().load64(DATA));

        m.memory().store64(DATA, 5);
        h.setPc(TEXT);
        assertNull(h.run(1)); // lr.d
        h.setContext(h.context()); // switched out and back in
        assertInstanceOf(Trap.Breakpoint.class, h.run(10));
        assertEquals(1, h.reg(A3), "the reservation did not survive the context switch");
        assertEquals(5, m.memory().load64(DATA));
    }

    @Test
    void arm64ContextIncludesFlagsThreadPointerAndCurrent() {
        Machine m = machine(Arch.ARM64);
        A64Hart h = (A64Hart) m.hart(0);
        for (int i = 0; i < 32; i++) {
            h.setReg(i, 0x100L * i + 1); // 31 is SP
        }
        h.setPc(TEXT + 8);
        h.setFlags(FLAG_Z | FLAG_C);
        h.setThreadPointer(0x7f00_1234_5000L);
        h.setSystemRegister(A64SysReg.SP_EL0, 0xffff_0000_0000_8000L); // a kernel's `current`
        long[] saved = h.context();
        assertEquals(36, saved.length, "x0-x30, SP, PC, NZCV, TPIDR_EL0, SP_EL0");
        assertEquals(0x100L * 31 + 1, saved[31]);
        assertEquals(TEXT + 8, saved[32]);

        for (int i = 0; i < 32; i++) {
            h.setReg(i, 0);
        }
        h.setPc(0);
        h.setFlags(0);
        h.setThreadPointer(0);
        h.setSystemRegister(A64SysReg.SP_EL0, 0);
        h.setContext(saved);
        assertArrayEquals(saved, h.context());
        assertEquals(FLAG_Z | FLAG_C, h.flags());
        assertEquals(0x7f00_1234_5000L, h.threadPointer());
        assertEquals(0xffff_0000_0000_8000L, h.systemRegister(A64SysReg.SP_EL0));
        assertEquals(0x100L * 31 + 1, h.reg(31));
        assertEquals(TEXT + 8, h.pc());
    }

    @Test
    void arm64ContextMovesATaskToAnotherHart() {
        Machine m = machine(Arch.ARM64);
        // nop; mrs x2, tpidr_el0; csel x3, x4, x5, eq; b.ne skip; add x0, x0, #1; skip: brk #0
        code(m, TEXT, A64Encoder.nop(), A64_MRS_X2_TPIDR, A64_CSEL_X3_X4_X5_EQ,
                A64Encoder.bCond(NE, TEXT + 12, TEXT + 20), A64Encoder.addImm(true, 0, 0, 1), A64Encoder.brk(0));
        A64Hart h0 = (A64Hart) m.hart(0);
        A64Hart h1 = (A64Hart) m.hart(1);
        h0.setReg(4, 44);
        h0.setReg(5, 55);
        h0.setFlags(FLAG_Z); // eq holds
        h0.setThreadPointer(0xabcd_0000L);
        h0.setPc(TEXT);
        assertNull(h0.step()); // preempted after the nop, before anything reads the state that moves
        long[] mid = h0.context();
        assertInstanceOf(Trap.Breakpoint.class, h0.run(10));
        long[] end = h0.context();
        assertEquals(0xabcd_0000L, h0.reg(2));
        assertEquals(44, h0.reg(3));
        assertEquals(1, h0.reg(0));

        // hart 1 starts out with other flags and another thread pointer: the context must override them
        h1.setFlags(0);
        h1.setThreadPointer(0x1111);
        h1.setReg(4, 0);
        h1.setPc(TEXT + 0x200);
        h1.setContext(mid);
        assertInstanceOf(Trap.Breakpoint.class, h1.run(10));
        assertArrayEquals(end, h1.context(), "same code from the same context: same result");
        assertEquals(0xabcd_0000L, h1.reg(2), "TPIDR_EL0 moved with the task");
        assertEquals(44, h1.reg(3), "NZCV moved with the task");
        assertEquals(1, h1.reg(0));
    }

    @Test
    void arm64SetContextClearsTheExclusiveMonitor() {
        Machine m = machine(Arch.ARM64);
        A64Hart h = (A64Hart) m.hart(0);
        code(m, TEXT, A64_LDXR_X0_X1);
        h.setReg(1, DATA);
        h.setPc(TEXT);
        assertNull(h.step());
        assertTrue(h.holdsExclusive(DATA));
        h.setContext(h.context());
        assertFalse(h.holdsExclusive(DATA));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void hashContextIsTheContextMixedIntoTheSeed(Arch arch) {
        Machine m = machine(arch);
        Hart a = m.hart(0);
        Hart b = m.hart(1);
        for (int i = 1; i < 31; i++) {
            a.setReg(i, i * 0x9e37L);
        }
        a.setPc(TEXT + 4);
        if (a instanceof A64Hart x) {
            x.setFlags(FLAG_C);
            x.setThreadPointer(0x4000);
        }
        long expected = 17;
        for (long v : a.context()) {
            expected = Hash.mix(expected, v);
        }
        assertEquals(expected, a.hashContext(17));

        b.setContext(a.context());
        assertEquals(a.hashContext(17), b.hashContext(17), "equal contexts, equal hashes");
        assertNotEquals(a.hashContext(17), a.hashContext(18));

        long h = a.hashContext(17);
        a.setReg(7, a.reg(7) + 1);
        assertNotEquals(h, a.hashContext(17), "one register changed");
        a.setReg(7, a.reg(7) - 1);
        assertEquals(h, a.hashContext(17));
        a.setPc(TEXT + 8);
        assertNotEquals(h, a.hashContext(17), "the PC changed");
        a.setPc(TEXT + 4);
        if (a instanceof A64Hart x) {
            x.setFlags(FLAG_C | FLAG_Z);
            assertNotEquals(h, a.hashContext(17), "the flags changed");
            x.setFlags(FLAG_C);
            x.setThreadPointer(0x4008);
            assertNotEquals(h, a.hashContext(17), "the thread pointer changed");
            x.setThreadPointer(0x4000);
        }
        assertEquals(h, a.hashContext(17));
    }

    // ---- fetched lines ----

    @ParameterizedTest
    @EnumSource(Arch.class)
    void fetchedLineIsWhatTheHartFetchedUntilItFlushes(Arch arch) {
        Machine m = machine(arch);
        Hart h = m.hart(0);
        long site = TEXT + 0x48; // the second line of the page, not at its start
        code(m, site, addResult(arch, 1), stop(arch));
        assertNull(h.fetchedLine(site), "nothing fetched yet");
        assertEquals(1, runToBreak(h, site));
        byte[] line = h.fetchedLine(site);
        assertNotNull(line);
        assertEquals(Hart.FETCH_LINE, line.length);
        assertArrayEquals(m.memory().read(TEXT + 0x40, Hart.FETCH_LINE), line, "the whole 64-byte line");
        assertArrayEquals(line, h.fetchedLine(TEXT + 0x7f), "any address of the line names it");
        assertNull(m.hart(1).fetchedLine(site), "another hart fetched nothing");

        code(m, site, addResult(arch, 2)); // patched in memory
        assertArrayEquals(line, h.fetchedLine(site), "still the old bytes: a stale fetch");
        assertEquals(2, runToBreak(h, site), "and the old instruction still runs");
        h.flushFetchCache();
        assertNull(h.fetchedLine(site));
        assertEquals(4, runToBreak(h, site));
        assertArrayEquals(m.memory().read(TEXT + 0x40, Hart.FETCH_LINE), h.fetchedLine(site));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void restoreFetchedLineMakesTheHartExecuteThatVersion(Arch arch) {
        Machine m = machine(arch);
        Hart h = m.hart(0);
        code(m, TEXT, addResult(arch, 1), stop(arch));
        assertEquals(1, runToBreak(h, TEXT));
        byte[] v1 = h.fetchedLine(TEXT);

        code(m, TEXT, addResult(arch, 2));
        h.flushFetchCache();
        assertEquals(3, runToBreak(h, TEXT));
        byte[] v2 = h.fetchedLine(TEXT);

        h.restoreFetchedLine(TEXT, v1); // memory holds +2; the hart goes back to holding +1
        assertArrayEquals(v1, h.fetchedLine(TEXT));
        assertEquals(4, runToBreak(h, TEXT), "executes the restored (older) line, not its decoded +2");
        h.restoreFetchedLine(TEXT, v2);
        assertEquals(6, runToBreak(h, TEXT), "forward again to the newer line");
        h.restoreFetchedLine(TEXT, v1);
        assertEquals(7, runToBreak(h, TEXT));

        code(m, TEXT, addResult(arch, 100)); // memory moves on; the hart still holds v1
        assertEquals(8, runToBreak(h, TEXT));
        h.restoreFetchedLine(TEXT, null); // holds nothing: the next fetch reads memory
        assertNull(h.fetchedLine(TEXT));
        assertEquals(108, runToBreak(h, TEXT));
        assertArrayEquals(m.memory().read(TEXT, Hart.FETCH_LINE), h.fetchedLine(TEXT));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void restoreFetchedLineWithSingleSteps(Arch arch) {
        // the explorer single-steps: the one-instruction blocks must be forgotten on a restore too
        Machine m = machine(arch);
        Hart h = m.hart(0);
        code(m, TEXT, addResult(arch, 1), stop(arch));
        h.setPc(TEXT);
        assertNull(h.step());
        assertEquals(1, h.reg(resultReg(arch)));
        byte[] v1 = h.fetchedLine(TEXT);
        code(m, TEXT, addResult(arch, 2));
        h.flushFetchCache();
        h.setPc(TEXT);
        assertNull(h.step());
        assertEquals(3, h.reg(resultReg(arch)));
        h.restoreFetchedLine(TEXT, v1);
        h.setPc(TEXT);
        assertNull(h.step());
        assertEquals(4, h.reg(resultReg(arch)), "the single step runs the restored line");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void restoreFetchedLineAlsoReachesCompiledBlocks(Arch arch) {
        // a hot loop gets compiled; after a restore the hart must run the restored line's code,
        // not a compiled block of the line it held before
        Machine m = machine(arch);
        Hart h = m.hart(0);
        int back = arch == Arch.RISCV64 ? RvEncoder.jal(0, TEXT + 4, TEXT) : A64Encoder.b(TEXT + 4, TEXT);
        code(m, TEXT, addResult(arch, 1), back);
        int reg = resultReg(arch);
        int iterations = 2 * Hart.COMPILE_THRESHOLD;
        h.setPc(TEXT);
        assertNull(h.run(2L * iterations));
        assertEquals(iterations, h.reg(reg));
        assertTrue(h.compiledBlocks() > 0, "the loop was compiled");
        byte[] v1 = h.fetchedLine(TEXT);

        code(m, TEXT, addResult(arch, 2));
        h.flushFetchCache();
        assertNull(h.run(2L * iterations));
        assertEquals(3L * iterations, h.reg(reg));
        byte[] v2 = h.fetchedLine(TEXT);

        h.restoreFetchedLine(TEXT, v1);
        assertNull(h.run(2L * iterations));
        assertEquals(4L * iterations, h.reg(reg), "the restored +1 loop ran");
        h.restoreFetchedLine(TEXT, v2);
        assertNull(h.run(2L * iterations));
        assertEquals(6L * iterations, h.reg(reg), "the restored +2 loop ran");
    }

    @Test
    void restoringALineKeepsTheOtherLinesTheHartHolds() {
        Machine m = machine(Arch.RISCV64);
        Hart h = m.hart(0);
        long other = TEXT + 0x80;
        code(m, TEXT, RvEncoder.addi(A0, A0, 1), RvEncoder.ebreak());
        code(m, other, RvEncoder.addi(A0, A0, 10), RvEncoder.ebreak());
        assertEquals(1, runToBreak(h, TEXT));
        byte[] v1 = h.fetchedLine(TEXT);
        assertEquals(11, runToBreak(h, other));
        code(m, TEXT, RvEncoder.addi(A0, A0, 2));
        code(m, other, RvEncoder.addi(A0, A0, 20));
        h.restoreFetchedLine(TEXT, null);
        assertEquals(13, runToBreak(h, TEXT), "this line: fetched again from memory");
        h.restoreFetchedLine(TEXT, v1);
        assertEquals(23, runToBreak(h, other), "the other line: still the stale +10, re-decoded from its bytes");
        assertEquals(24, runToBreak(h, TEXT));
    }

    @Test
    void hashFetchedLineMatchesForEqualLines() {
        Machine m = machine(Arch.RISCV64);
        Hart a = m.hart(0);
        Hart b = m.hart(1);
        code(m, TEXT, RvEncoder.addi(A0, A0, 1), RvEncoder.ebreak());
        assertEquals(Hash.mix(5, -1), a.hashFetchedLine(TEXT, 5), "a line not held");
        assertEquals(a.hashFetchedLine(TEXT, 5), b.hashFetchedLine(TEXT, 5));
        runToBreak(a, TEXT);
        runToBreak(b, TEXT);
        long h1 = a.hashFetchedLine(TEXT, 5);
        assertNotEquals(Hash.mix(5, -1), h1);
        assertEquals(h1, b.hashFetchedLine(TEXT, 5), "both harts hold the same bytes");
        assertEquals(h1, a.hashFetchedLine(TEXT + 0x3c, 5), "any address of the line");
        assertNotEquals(h1, a.hashFetchedLine(TEXT, 6));
        byte[] v1 = a.fetchedLine(TEXT);

        code(m, TEXT, RvEncoder.addi(A0, A0, 2));
        assertEquals(h1, a.hashFetchedLine(TEXT, 5), "the fetched copy, not memory, is hashed");
        b.flushFetchCache();
        runToBreak(b, TEXT);
        assertNotEquals(h1, b.hashFetchedLine(TEXT, 5), "different lines, different hashes");
        b.restoreFetchedLine(TEXT, v1);
        assertEquals(h1, b.hashFetchedLine(TEXT, 5), "equal again after the restore");
    }

    @Test
    void lineFillsCountNewLinesAndLastFilledLineNamesTheLatest() {
        Machine m = machine(Arch.RISCV64);
        Hart h = m.hart(0);
        long farLine = TEXT + 0x100; // line 4 of the page
        long far = farLine + 0x18; // entered in the middle of its line
        code(m, TEXT, RvEncoder.addi(A0, A0, 1), RvEncoder.addi(A0, A0, 1), RvEncoder.jal(0, TEXT + 8, far));
        code(m, far, RvEncoder.addi(A0, A0, 1), RvEncoder.ebreak());
        assertEquals(0, h.lineFills());
        h.setPc(TEXT);
        assertNull(h.step());
        assertEquals(1, h.lineFills());
        assertEquals(TEXT, h.lastFilledLine());
        assertNull(h.step()); // same line: nothing filled
        assertNull(h.step()); // the jal, still in the first line
        assertEquals(1, h.lineFills());
        assertEquals(far, h.pc());
        assertNull(h.step()); // the first instruction of another line
        assertEquals(2, h.lineFills());
        assertEquals(farLine, h.lastFilledLine(), "the line's address, not the instruction's");
        assertTrue(h.hasFetched(far));
        assertFalse(h.hasFetched(TEXT + 0x40), "the line jumped over was not fetched");

        h.setPc(TEXT + 4);
        assertNull(h.step());
        assertEquals(2, h.lineFills(), "a line already held is not filled again");
        assertEquals(farLine, h.lastFilledLine());
        h.flushFetchCache();
        h.setPc(TEXT + 4);
        assertNull(h.step());
        assertEquals(3, h.lineFills(), "after a flush it is");
        assertEquals(TEXT, h.lastFilledLine());
    }

    @Test
    void anInstructionStraddlingTwoLinesFillsBoth() {
        Machine m = machine(Arch.RISCV64);
        Hart h = m.hart(0);
        long at = TEXT + 0x3e; // a 4-byte instruction at the last halfword of a line
        code(m, at, RvEncoder.addi(A0, A0, 1), RvEncoder.ebreak());
        h.setPc(at);
        assertNull(h.step());
        assertEquals(1, h.reg(A0));
        assertEquals(2, h.lineFills());
        assertEquals(TEXT + 0x40, h.lastFilledLine());
        assertNotNull(h.fetchedLine(TEXT));
        assertNotNull(h.fetchedLine(TEXT + 0x40));
    }

    // ---- single steps against runs ----

    /** A loop with a store, a load and a conditional branch taken 3 times in 4; registers set up. */
    private static Machine loopProgram(Arch arch) {
        Machine m = machine(arch);
        if (arch == Arch.RISCV64) {
            code(m, TEXT,
                    RvEncoder.addi(A0, A0, 1),                     // 0  loop: i++
                    RvEncoder.add(A1, A1, A0),                     // 4  sum += i
                    RvEncoder.sd(A1, A2, 0),                       // 8  *p = sum
                    RvEncoder.ld(A3, A2, 0),                       // 12 t = *p
                    rvAndi(T0, A0, 3),                             // 16
                    rvBranch(1, T0, 0, TEXT + 20, TEXT + 28),      // 20 bne t0, zero, skip
                    RvEncoder.addi(A4, A4, 1),                     // 24 every fourth i
                    RvEncoder.jal(0, TEXT + 28, TEXT));            // 28 skip: j loop
            for (Hart h : m.harts()) {
                h.setReg(A2, DATA);
                h.setPc(TEXT);
            }
        } else {
            code(m, TEXT,
                    A64Encoder.addImm(true, 0, 0, 1),              // 0  loop: i++
                    A64_ADD_X1_X1_X0,                              // 4  sum += i
                    A64Encoder.str(1, 2, 0),                       // 8  *p = sum
                    A64Encoder.ldr(3, 2, 0),                       // 12 t = *p
                    A64_TST_X0_3,                                  // 16
                    A64Encoder.bCond(NE, TEXT + 20, TEXT + 28),    // 20 b.ne skip
                    A64Encoder.addImm(true, 4, 4, 1),              // 24 every fourth i
                    A64Encoder.b(TEXT + 28, TEXT));                // 28 skip: b loop
            for (Hart h : m.harts()) {
                h.setReg(2, DATA);
                h.setPc(TEXT);
            }
        }
        return m;
    }

    private static void assertSameState(Hart expected, Hart actual, String what) {
        assertArrayEquals(expected.context(), actual.context(), what + ": registers, PC (and flags)");
        assertArrayEquals(expected.counters(), actual.counters(), what + ": counters");
        assertArrayEquals(expected.machine().memory().read(DATA, 64), actual.machine().memory().read(DATA, 64),
                what + ": memory");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void singleStepsAgreeWithOneRun(Arch arch) {
        // past the compile threshold, so that blocks (and single-instruction blocks) get compiled too
        int n = 8 * Hart.COMPILE_THRESHOLD + 5;
        Machine ran = loopProgram(arch);
        assertNull(ran.hart(0).run(n));
        assertEquals(n, ran.hart(0).retired());
        assertTrue(ran.hart(0).count(Counter.BRANCH_TAKEN) > 0 && ran.hart(0).count(Counter.BRANCH_NOT_TAKEN) > 0,
                "the loop exercises both ways of its branch");

        Machine stepped = loopProgram(arch);
        Hart s = stepped.hart(0);
        for (int k = 0; k < n; k++) {
            assertNull(s.step());
        }
        assertSameState(ran.hart(0), s, "steps vs run");
        assertTrue(s.compiledBlocks() > 0, "single-instruction blocks got hot and were compiled");

        Machine interpreted = loopProgram(arch);
        Hart in = interpreted.hart(0);
        in.setCompileThreshold(Integer.MAX_VALUE);
        for (int k = 0; k < n; k++) {
            assertNull(in.step());
        }
        assertSameState(ran.hart(0), in, "interpreted steps vs run");
        assertEquals(0, in.compiledBlocks());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void stepsAndRunsOfAnySizeInterleaveToTheSameState(Arch arch) {
        Machine ran = loopProgram(arch);
        Machine mixed = loopProgram(arch);
        Hart r = ran.hart(0);
        Hart x = mixed.hart(0);
        int[] chunks = {1, 2, 3, 1, 1, 5, 7, 1, 11, 13, 1, 2, 17, 1, 31, 33, 1, 64, 1};
        int perRound = Arrays.stream(chunks).sum();
        for (int round = 0; round < 200; round++) {
            for (int c : chunks) {
                if (c == 1) {
                    assertNull(x.step());
                } else {
                    assertNull(x.run(c));
                }
            }
            assertNull(r.run(perRound));
            if (round % 20 == 0 || round == 199) {
                assertSameState(r, x, "round " + round + ": steps and runs of many sizes vs one run");
            }
        }
    }
}
