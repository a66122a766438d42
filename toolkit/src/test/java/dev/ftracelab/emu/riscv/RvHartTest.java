package dev.ftracelab.emu.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.emu.Access;
import dev.ftracelab.emu.Counter;
import dev.ftracelab.emu.Hart;
import dev.ftracelab.emu.Machine;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.emu.Trap;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.riscv.RvEncoder;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RvHartTest {
    static final long TEXT = 0x10000;
    static final long DATA = 0x20000;
    static final int A0 = 10;
    static final int A1 = 11;
    static final int A2 = 12;

    private final Machine m = new Machine(Arch.RISCV64, 2, RvHart::new);
    private final Hart h = m.hart(0);

    RvHartTest() {
        m.memory().map(TEXT, 0x1000, Memory.R | Memory.W | Memory.X);
        m.memory().map(DATA, 0x2000, Memory.R | Memory.W);
    }

    /** Writes instructions from TEXT (a word whose low bits are not 11 is a 16-bit one); pc = TEXT. */
    private void code(int... words) {
        long a = TEXT;
        for (int w : words) {
            int len = (w & 3) == 3 ? 4 : 2;
            m.memory().writeValue(a, w, len);
            a += len;
        }
        m.flushFetchCaches(); // the tests rewrite text between steps; each run must see the new code
        h.setPc(TEXT);
    }

    // Test-side encoders for register-register and immediate forms (rd, rs1, rs2 / imm).
    static int r(int funct7, int funct3, int opcode, int rd, int rs1, int rs2) {
        return funct7 << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    static int i(int funct3, int opcode, int rd, int rs1, int imm) {
        return imm << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    static int amo(int funct5, int width, int rd, int rs1, int rs2) {
        return r(funct5 << 2, width, 0x2f, rd, rs1, rs2);
    }

    static final int ECALL = 0x00000073;

    /** Runs {@code op a0,a1,a2} once with the given inputs and returns a0. */
    private long rr(int funct7, int funct3, int opcode, long a, long b) {
        code(r(funct7, funct3, opcode, A0, A1, A2));
        h.setReg(A1, a);
        h.setReg(A2, b);
        assertNull(h.step());
        return h.reg(A0);
    }

    private long div(long a, long b) {
        return rr(1, 4, 0x33, a, b);
    }

    @Test
    void divisionFollowsTheIsaNotJava() {
        long min = Long.MIN_VALUE;
        assertEquals(-1, div(7, 0));
        assertEquals(-1, rr(1, 5, 0x33, 7, 0), "divu by zero: all ones");
        assertEquals(7, rr(1, 6, 0x33, 7, 0), "rem by zero: the dividend");
        assertEquals(-7, rr(1, 7, 0x33, -7, 0), "remu by zero: the dividend");
        assertEquals(min, div(min, -1), "overflow: MIN / -1 = MIN");
        assertEquals(0, rr(1, 6, 0x33, min, -1), "overflow: MIN % -1 = 0");
        assertEquals(-3, div(-7, 2), "rounds toward zero");
        assertEquals(-1, rr(1, 6, 0x33, -7, 2));
        assertEquals(Long.divideUnsigned(-7, 2), rr(1, 5, 0x33, -7, 2));
        // *w forms work on the low 32 bits and sign-extend the 32-bit result
        assertEquals(-1, rr(1, 4, 0x3b, 5, 0x1_0000_0000L), "divw by (low word) zero");
        assertEquals(Integer.MIN_VALUE, rr(1, 4, 0x3b, Integer.MIN_VALUE, -1), "divw overflow");
        assertEquals(0, rr(1, 6, 0x3b, Integer.MIN_VALUE, -1), "remw overflow");
        assertEquals(-1, rr(1, 5, 0x3b, 0xffff_ffffL, 1), "divuw result 0xffffffff sign-extends");
        assertEquals(0xffff_ffff_8000_0000L, rr(1, 7, 0x3b, 0x1_8000_0000L, 0), "remuw by zero: low word, sign-extended");
        assertEquals(2, rr(1, 5, 0x3b, 0xdead_0000_0004L, 2));
        assertEquals(-2, rr(1, 0, 0x3b, 0x7fff_ffff, 2), "mulw sign-extends");
    }

    @Test
    void highMultipliesAgreeWithBigIntegerArithmetic() {
        Random rnd = new Random(3);
        long[] edge = {0, 1, -1, 2, Long.MIN_VALUE, Long.MAX_VALUE, 0x8000_0000L, -0x8000_0000L};
        BigInteger two64 = BigInteger.ONE.shiftLeft(64);
        for (int n = 0; n < 300; n++) {
            long a = n < 64 ? edge[n / 8] : rnd.nextLong();
            long b = n < 64 ? edge[n % 8] : rnd.nextLong();
            BigInteger sa = BigInteger.valueOf(a);
            BigInteger sb = BigInteger.valueOf(b);
            BigInteger ua = sa.signum() < 0 ? sa.add(two64) : sa;
            BigInteger ub = sb.signum() < 0 ? sb.add(two64) : sb;
            assertEquals(sa.multiply(sb).shiftRight(64).longValue(), rr(1, 1, 0x33, a, b), "mulh");
            assertEquals(sa.multiply(ub).shiftRight(64).longValue(), rr(1, 2, 0x33, a, b), "mulhsu");
            assertEquals(ua.multiply(ub).shiftRight(64).longValue(), rr(1, 3, 0x33, a, b), "mulhu");
            assertEquals(a * b, rr(1, 0, 0x33, a, b), "mul");
        }
    }

    @Test
    void shiftsUseSixBitsOrFiveForWordForms() {
        assertEquals(2, rr(0, 1, 0x33, 1, 65), "sll masks to 6 bits");
        assertEquals(-1, rr(0x20, 5, 0x33, Long.MIN_VALUE, 63), "sra");
        assertEquals(1, rr(0, 5, 0x33, Long.MIN_VALUE, 63), "srl");
        assertEquals(2, rr(0, 1, 0x3b, 1, 33), "sllw masks to 5 bits");
        assertEquals(0xffff_ffff_c000_0000L, rr(0x20, 5, 0x3b, 0x8000_0000L, 1), "sraw on the low word");
        assertEquals(1, rr(0, 5, 0x3b, 0xffff_ffff_8000_0000L, 31), "srlw");
        assertEquals(0xffff_ffff_8000_0000L, rr(0, 0, 0x3b, 0x7fff_ffff, 1), "addw wraps and sign-extends");
        code(i(1, 0x1b, A0, A1, 31)); // slliw a0,a1,31
        h.setReg(A1, 3);
        h.step();
        assertEquals(0xffff_ffff_8000_0000L, h.reg(A0));
        code(i(5, 0x13, A0, A1, 0x400 | 63)); // srai a0,a1,63
        h.setReg(A1, Long.MIN_VALUE);
        h.step();
        assertEquals(-1, h.reg(A0));
    }

    @Test
    void branchesLoopAndCountersSplitTakenFromNotTaken() {
        code(RvEncoder.addi(A0, 0, 0),   // li a0,0
             RvEncoder.addi(A1, 0, 3),   // li a1,3
             RvEncoder.addi(A0, A0, 1),  // loop: addi a0,a0,1
             0xfeb51ee3,                 // bne a0,a1,loop
             ECALL);
        List<Boolean> taken = new ArrayList<>();
        h.setListener((hart, pc, insn, mem, t) -> {
            if (insn.mnemonic().equals("bne")) {
                taken.add(t);
            }
        });
        Trap t = h.run(100);
        Trap.EnvironmentCall e = assertInstanceOf(Trap.EnvironmentCall.class, t);
        assertEquals(TEXT + 16, e.pc());
        assertEquals(TEXT + 16, h.pc(), "pc stays on the ecall");
        assertEquals(3, h.reg(A0));
        assertEquals(5, h.count(Counter.ALU));
        assertEquals(2, h.count(Counter.BRANCH_TAKEN));
        assertEquals(1, h.count(Counter.BRANCH_NOT_TAKEN));
        assertEquals(0, h.count(Counter.SYSTEM), "the ecall did not retire");
        assertEquals(8, h.retired());
        assertEquals(List.of(true, true, false), taken);
    }

    @Test
    void callsReturnsAndCountersByClass() {
        code(RvEncoder.jal(1, TEXT, TEXT + 12),  // 0: jal f
             RvEncoder.ebreak(),                 // 4
             RvEncoder.nop(),                    // 8
             0x02c58533,                         // 12: f: mul a0,a1,a2
             RvEncoder.sd(A0, 2, 0),             // 16: sd a0,0(sp)
             RvEncoder.ld(A0, 2, 0),             // 20: ld a0,0(sp)
             RvEncoder.ret());                   // 24
        h.setReg(2, DATA + 64);
        h.setReg(A1, 6);
        h.setReg(A2, 7);
        List<Long> mem = new ArrayList<>();
        h.setListener((hart, pc, insn, addr, t) -> mem.add(addr));
        Trap.Breakpoint b = assertInstanceOf(Trap.Breakpoint.class, h.run(100));
        assertEquals(TEXT + 4, b.pc());
        assertEquals(42, h.reg(A0));
        assertEquals(1, h.count(Counter.DIRECT_CALL));
        assertEquals(1, h.count(Counter.MUL_DIV));
        assertEquals(1, h.count(Counter.STORE));
        assertEquals(1, h.count(Counter.LOAD));
        assertEquals(1, h.count(Counter.RETURN));
        assertEquals(List.of(-1L, -1L, DATA + 64, DATA + 64, -1L), mem);
    }

    @Test
    void loadsSignOrZeroExtendAndMayBeMisaligned() {
        m.memory().writeValue(DATA + 1, 0x8081_8283_8485_8687L, 8);
        long[][] cases = { // funct3, expected (a1 = DATA+1, misaligned for all but lb/lbu)
            {0, 0xffff_ffff_ffff_ff87L}, {1, 0xffff_ffff_ffff_8687L}, {2, 0xffff_ffff_8485_8687L},
            {3, 0x8081_8283_8485_8687L}, {4, 0x87}, {5, 0x8687}, {6, 0x8485_8687L}};
        for (long[] c : cases) {
            code(i((int) c[0], 0x03, A0, A1, 0));
            h.setReg(A1, DATA + 1);
            assertNull(h.step(), "load funct3 " + c[0]);
            assertEquals(c[1], h.reg(A0), "load funct3 " + c[0]);
        }
        code(RvEncoder.sd(A0, A1, 0x7ff));
        h.setReg(A0, 0x1122_3344_5566_7788L);
        assertNull(h.step(), "misaligned store");
        assertEquals(0x1122_3344_5566_7788L, m.memory().readValue(DATA + 1 + 0x7ff, 8));
    }

    @Test
    void registerZeroStaysZero() {
        code(RvEncoder.addi(0, 0, 5), i(3, 0x03, 0, A1, 0), RvEncoder.lui(0, 1), RvEncoder.jal(0, TEXT + 10, TEXT + 14),
             RvEncoder.nop(), ECALL);
        h.setReg(A1, DATA);
        h.setReg(0, 99);
        long[] regs = h.registers();
        regs[0] = 99;
        h.setRegisters(regs);
        assertEquals(0, h.reg(0));
        assertInstanceOf(Trap.EnvironmentCall.class, h.run(10));
        assertEquals(0, h.reg(0));
    }

    @Test
    void faultingInstructionsChangeNothing() {
        code(i(3, 0x03, A0, A1, 0)); // ld a0,0(a1)
        h.setReg(A0, 5);
        h.setReg(A1, 0x9_0000);
        Trap.AccessFault f = assertInstanceOf(Trap.AccessFault.class, h.step());
        assertEquals(Access.READ, f.access());
        assertEquals(0x9_0000, f.address());
        assertEquals(TEXT, h.pc());
        assertEquals(5, h.reg(A0));
        assertEquals(0, h.retired());

        m.memory().protect(DATA, 0x1000, Memory.R);
        code(RvEncoder.sd(A0, A1, -2)); // 2 bytes on the read-only page, 6 on the writable one
        h.setReg(A1, DATA + 0x1000);
        Trap.AccessFault w = assertInstanceOf(Trap.AccessFault.class, h.step());
        assertEquals(Access.WRITE, w.access());
        assertEquals(0, m.memory().readValue(DATA + 0x1000, 6), "no partial store");
        assertEquals(TEXT, h.pc());

        code(0x0000); // the defined-illegal all-zero halfword
        Trap.IllegalInstruction ill = assertInstanceOf(Trap.IllegalInstruction.class, h.step());
        assertEquals(TEXT, ill.pc());
        h.setPc(TEXT + 1);
        Trap.Misaligned mis = assertInstanceOf(Trap.Misaligned.class, h.step());
        assertEquals(Access.FETCH, mis.access());
    }

    @Test
    void jalrClearsBitZeroAndComputesTheTargetBeforeLinking() {
        code(RvEncoder.jalr(A1, A1, 9), ECALL, ECALL, ECALL); // jalr a1,9(a1): target (TEXT+9)&~1 = TEXT+8
        h.setReg(A1, TEXT);
        Trap t = h.run(5);
        assertEquals(TEXT + 8, t.pc());
        assertEquals(TEXT + 4, h.reg(A1), "link written after the target was computed from the same register");
        assertEquals(1, h.count(Counter.INDIRECT_CALL));
    }

    @Test
    void environmentCallsBreakpointsAndCsrs() {
        code(0x9002); // c.ebreak
        assertInstanceOf(Trap.Breakpoint.class, h.step());
        assertEquals(TEXT, h.pc());

        code(RvEncoder.nop(), RvEncoder.nop(), 0xc0002573, 0xc0202573, 0xc0102573); // rdcycle, rdinstret, rdtime a0
        h.resetCounters();
        h.run(3);
        assertEquals(2, h.reg(A0), "cycle reads the retired count");
        h.run(1);
        assertEquals(3, h.reg(A0), "instret");
        h.run(1);
        assertEquals(4, h.reg(A0), "time ticks once per instruction");

        code(0x10002573); // csrr a0,sstatus
        Trap.IllegalInstruction s = assertInstanceOf(Trap.IllegalInstruction.class, h.step());
        assertTrue(s.reason().contains("0x100"), s.reason());
        code(0xc0051073); // csrw cycle,a0
        assertInstanceOf(Trap.IllegalInstruction.class, h.step());
        assertEquals(TEXT, h.pc());
        code(0x0ff0000f, 0x0100000f, ECALL); // fence; pause
        assertInstanceOf(Trap.EnvironmentCall.class, h.run(3));
        assertEquals(TEXT + 8, h.pc());
    }

    @Test
    void supervisorCsrsExecuteOnlyInSupervisorModeWithTheValuesSet() {
        RvHart rv = (RvHart) h;
        code(0x10002573); // csrr a0,sstatus
        Trap.IllegalInstruction t = assertInstanceOf(Trap.IllegalInstruction.class, h.step());
        assertTrue(t.reason().contains("sstatus (0x100) is not accessible in user mode"), t.reason());

        rv.setSupervisor(true);
        rv.setCsr(RvSupervisorCsrs.SSCRATCH, 0x1234);
        rv.setCsr(RvSupervisorCsrs.SSTATUS, RvSupervisorCsrs.SSTATUS_SIE | 1L << 3); // MIE (bit 3) is not in sstatus
        h.setReg(A0 + 1, 0x77);
        // csrr a0,sstatus; csrrc zero,sstatus,2 (local_irq_disable: csrci sstatus,2); csrr a2,sstatus;
        // csrrw a3,sscratch,a1; csrr a4,sscratch; csrw sie,-1 (a5 = -1); csrr a6,sie
        code(0x10002573, 0x10017073, 0x10002673, 0x140596f3, 0x14002773, 0x10479073, 0x10402873);
        h.setReg(15, -1);
        assertNull(h.run(7));
        assertEquals(2L << 32 | 2, h.reg(A0), "SIE, and UXL = 2 (64-bit U-mode)");
        assertEquals(2L << 32, h.reg(A0 + 2), "csrci cleared SIE");
        assertEquals(0x1234, h.reg(A0 + 3), "csrrw returns the old sscratch");
        assertEquals(0x77, h.reg(A0 + 4));
        assertEquals(0x222, h.reg(A0 + 6), "sie keeps SSIE, STIE, SEIE");
        assertEquals(0x77, rv.csr(RvSupervisorCsrs.SSCRATCH));

        code(0x30002573); // csrr a0,mstatus: machine mode is not emulated
        t = assertInstanceOf(Trap.IllegalInstruction.class, h.step());
        assertTrue(t.reason().contains("mstatus (0x300) is not emulated"), t.reason());
        code(0xc8002573); // csrr a0,cycleh: RV32 only
        t = assertInstanceOf(Trap.IllegalInstruction.class, h.step());
        assertTrue(t.reason().contains("cycleh"), t.reason());
    }

    @Test
    void countersReadTheCounterSource() {
        code(0xc0002573, 0xc0202573, 0xc0102573); // rdcycle, rdinstret, rdtime a0
        h.resetCounters();
        h.setCounterSource((hart, kind) -> switch (kind) {
            case CYCLE -> 100 + hart.retired();
            case INSTRET -> 200 + hart.retired();
            case TIME -> 300 + hart.retired();
        });
        h.run(1);
        assertEquals(100, h.reg(A0));
        h.run(1);
        assertEquals(201, h.reg(A0));
        h.run(1);
        assertEquals(302, h.reg(A0));
        h.setCounterSource(null);
        h.setPc(TEXT);
        h.run(1);
        assertEquals(3, h.reg(A0), "back to the retired count");
    }

    @Test
    void amosReturnTheOldValueAndUpdateMemory() {
        m.memory().writeValue(DATA, 0xffff_fff0L, 4);     // int -16
        m.memory().writeValue(DATA + 8, 5, 8);
        code(amo(0b00000, 2, A0, A1, A2));                // amoadd.w a0,a2,(a1)
        h.setReg(A1, DATA);
        h.setReg(A2, 0x1_0000_0001L);                     // only the low word counts
        assertNull(h.step());
        assertEquals(-16, h.reg(A0), "old word, sign-extended");
        assertEquals(0xffff_fff1L, m.memory().readValue(DATA, 4));
        assertEquals(1, h.count(Counter.ATOMIC));

        long[][] cases = { // funct5, width, mem before, rs2, mem after
            {0b10000, 2, 0xffff_ffffL, 3, 0xffff_ffffL},   // amomin.w: -1 < 3
            {0b11000, 2, 0xffff_ffffL, 3, 3},              // amominu.w: 3 < 0xffffffff
            {0b10100, 3, -5, 3, 3},                        // amomax.d
            {0b11100, 3, -5, 3, -5},                       // amomaxu.d
            {0b00001, 3, 7, 9, 9},                         // amoswap.d
            {0b00100, 3, 6, 3, 5},                         // amoxor.d
            {0b01100, 2, 6, 3, 2},                         // amoand.w
            {0b01000, 2, 6, 3, 7},                         // amoor.w
        };
        for (long[] c : cases) {
            int size = c[1] == 2 ? 4 : 8;
            m.memory().writeValue(DATA + 16, c[2], size);
            code(amo((int) c[0], (int) c[1], A0, A1, A2));
            h.setReg(A1, DATA + 16);
            h.setReg(A2, c[3]);
            assertNull(h.step());
            assertEquals(c[4], m.memory().readValue(DATA + 16, size), "amo funct5 " + Integer.toBinaryString((int) c[0]));
            assertEquals(size == 4 ? (long) (int) c[2] : c[2], h.reg(A0));
        }
    }

    @Test
    void misalignedAtomicsTrapWithoutSideEffects() {
        code(amo(0b00000, 3, A0, A1, A2)); // amoadd.d
        h.setReg(A0, 77);
        h.setReg(A1, DATA + 4);
        Trap.Misaligned t = assertInstanceOf(Trap.Misaligned.class, h.step());
        assertEquals(DATA + 4, t.address());
        assertEquals(Access.WRITE, t.access());
        assertEquals(TEXT, h.pc());
        assertEquals(77, h.reg(A0));
        code(amo(0b00010, 2, A0, A1, 0)); // lr.w
        h.setReg(A1, DATA + 2);
        assertEquals(Access.READ, assertInstanceOf(Trap.Misaligned.class, h.step()).access());
    }

    @Test
    void storeConditionalNeedsThisHartsReservationOnThatAddress() {
        int lrD = amo(0b00010, 3, A0, A1, 0);
        int scD = amo(0b00011, 3, 13, A1, A2);       // sc.d a3,a2,(a1)
        m.memory().writeValue(DATA, 10, 8);
        code(lrD, scD, scD);
        h.setReg(A1, DATA);
        h.setReg(A2, 11);
        assertNull(h.run(2));
        assertEquals(10, h.reg(A0));
        assertEquals(0, h.reg(13), "sc succeeds after lr");
        assertEquals(11, m.memory().readValue(DATA, 8));
        assertNull(h.step());
        assertEquals(1, h.reg(13), "the first sc cleared the reservation");

        code(scD);
        h.setReg(A1, DATA);
        assertNull(h.step());
        assertEquals(1, h.reg(13), "no lr, no success");

        code(lrD, scD);                              // reservation on another address
        h.setReg(A1, DATA);
        h.step();
        h.setReg(A1, DATA + 8);
        h.step();
        assertEquals(1, h.reg(13));

        Hart other = m.hart(1);                      // a remote store between lr and sc
        code(lrD, scD);
        h.setReg(A1, DATA);
        h.step();
        m.memory().writeValue(TEXT + 0x100, RvEncoder.sd(A2, A1, 0), 4);
        other.setPc(TEXT + 0x100);
        other.setReg(A1, DATA);
        other.setReg(A2, 99);
        assertNull(other.step());
        h.setReg(A2, 12);
        h.step();
        assertEquals(1, h.reg(13), "another hart wrote the reserved word");
        assertEquals(99, m.memory().readValue(DATA, 8));
    }

    @Test
    void patchedTextStaysStaleUntilFenceI() {
        int patched = RvEncoder.addi(A0, A0, 100);
        code(RvEncoder.addi(A0, A0, 1),          // 0: target of the patch
             RvEncoder.ebreak(),                 // 4
             RvEncoder.auipc(A1, 0),             // 8: a1 = TEXT + 8
             0x00000013,                         // 12: replaced below by sw a2,-8(a1)
             RvEncoder.jal(0, TEXT + 16, TEXT),  // 16: j 0  (without fence.i)
             0x0000100f,                         // 20: fence.i
             RvEncoder.jal(0, TEXT + 24, TEXT)); // 24: j 0
        m.memory().writeValue(TEXT + 12, 0xfec5ac23, 4); // sw a2,-8(a1)
        h.setReg(A2, patched);
        Hart other = m.hart(1);
        other.setPc(TEXT);
        assertInstanceOf(Trap.Breakpoint.class, other.run(5));
        assertInstanceOf(Trap.Breakpoint.class, h.run(5));
        assertEquals(1, h.reg(A0));

        h.setPc(TEXT + 8);                       // the guest patches its own text, jumps back: stale
        assertInstanceOf(Trap.Breakpoint.class, h.run(10));
        assertEquals(patched, (int) m.memory().readValue(TEXT, 4));
        assertEquals(2, h.reg(A0), "the old addi still runs");

        h.setPc(TEXT + 20);                      // fence.i, j 0: the patch is seen
        long flushes = h.fetchFlushes();
        assertInstanceOf(Trap.Breakpoint.class, h.run(10));
        assertEquals(102, h.reg(A0));
        assertEquals(flushes + 1, h.fetchFlushes());
        assertEquals(1, h.count(Counter.SYSTEM));

        other.setPc(TEXT);                       // fence.i is local: the other hart is still stale
        assertInstanceOf(Trap.Breakpoint.class, other.run(5));
        assertEquals(2, other.reg(A0));
        m.flushFetchCaches();                    // a remote flush (IPI) reaches it
        other.setPc(TEXT);
        assertInstanceOf(Trap.Breakpoint.class, other.run(5));
        assertEquals(102, other.reg(A0));
    }

    @Test
    void nothingBeyondTheBudgetOrTheExecutedPathIsFetchedEagerly() {
        code(RvEncoder.addi(A0, A0, 1), 0xffffffff); // garbage after straight-line code
        assertNull(h.run(1), "the garbage is not executed yet");
        assertEquals(TEXT + 4, h.pc());
        assertInstanceOf(Trap.IllegalInstruction.class, h.run(1));
        assertEquals(TEXT + 4, h.pc());

        code(RvEncoder.jal(0, TEXT, TEXT + 0x800)); // j to zeros, an illegal encoding
        assertNull(h.run(1), "the jump retires; its target is fetched only when executed");
        assertEquals(TEXT + 0x800, h.pc());
        assertInstanceOf(Trap.IllegalInstruction.class, h.run(1));

        code(RvEncoder.addi(A0, A0, 1), RvEncoder.addi(A0, A0, 1));
        h.run(1);
        assertTrue(h.hasFetched(TEXT));
        assertTrue(!h.hasFetched(TEXT + 64), "no line beyond the current one is fetched ahead");
    }

    /** Prints a rough speed figure; asserts nothing about it (machines differ). */
    @Test
    void simpleLoopSpeed() {
        code(RvEncoder.addi(A0, 0, 0),               // li a0,0
             RvEncoder.addi(A2, A2, 1),              // loop: addi a2,a2,1
             r(0, 4, 0x33, 13, A0, A2),              // xor a3,a0,a2
             RvEncoder.add(A0, A0, 13),              // add a0,a0,a3
             RvEncoder.jal(0, TEXT + 16, TEXT + 4)); // j loop
        long n = 100_000_000L;
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 3; rep++) {
            h.setPc(TEXT);
            long t0 = System.nanoTime();
            assertNull(h.run(n));
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("RvHart simple loop: %.0f million instructions/s%n", n * 1e3 / best);
    }
}
