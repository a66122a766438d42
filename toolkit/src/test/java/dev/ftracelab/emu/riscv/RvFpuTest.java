package dev.ftracelab.emu.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ftracelab.emu.Counter;
import dev.ftracelab.emu.Machine;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.emu.Trap;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.riscv.RvExec;
import org.junit.jupiter.api.Test;

/** F/D semantics and Zb* corner cases checked against hand-computed values. */
class RvFpuTest {
    private static final long TEXT = 0x10000;
    private static final long ONE = Double.doubleToRawLongBits(1);
    private static final long THREE = Double.doubleToRawLongBits(3);

    private final Machine m = new Machine(Arch.RISCV64, 1, RvHart::new);
    private final RvHart h = (RvHart) m.hart(0);

    RvFpuTest() {
        m.memory().map(TEXT, 0x1000, Memory.R | Memory.W | Memory.X);
    }

    private void code(int... words) {
        for (int k = 0; k < words.length; k++) {
            m.memory().writeValue(TEXT + 4L * k, words[k], 4);
        }
        m.flushFetchCaches();
        h.setPc(TEXT);
    }

    @Test
    void oneThirdRoundsEachWayWithInexact() {
        RvFpu u = new RvFpu();
        assertEquals(0x3fd5555555555555L, u.div(RvFpu.D, ONE, THREE, RvFpu.RNE));
        assertEquals(RvFpu.NX, u.fflags);
        assertEquals(0x3fd5555555555555L, u.div(RvFpu.D, ONE, THREE, RvFpu.RTZ));
        assertEquals(0x3fd5555555555555L, u.div(RvFpu.D, ONE, THREE, RvFpu.RDN));
        assertEquals(0x3fd5555555555556L, u.div(RvFpu.D, ONE, THREE, RvFpu.RUP));
        assertEquals(0xbfd5555555555556L, u.div(RvFpu.D, ONE | 1L << 63, THREE, RvFpu.RDN));
        u.fflags = 0;
        assertEquals(Double.doubleToRawLongBits(0.5), u.div(RvFpu.D, ONE, ONE + (1L << 52), RvFpu.RUP));
        assertEquals(0, u.fflags, "exact: no flag");
    }

    @Test
    void overflowUnderflowAndDivisionByZero() {
        RvFpu u = new RvFpu();
        long max = 0x7fefffffffffffffL;
        assertEquals(0x7ff0000000000000L, u.mul(RvFpu.D, max, THREE, RvFpu.RNE));
        assertEquals(RvFpu.OF | RvFpu.NX, u.fflags);
        assertEquals(max, u.mul(RvFpu.D, max, THREE, RvFpu.RTZ), "toward zero stops at the largest finite");
        u.fflags = 0;
        long tiny = 0x0010000000000001L; // just above the smallest normal
        assertEquals(0x0008000000000000L, u.mul(RvFpu.D, tiny, Double.doubleToRawLongBits(0.5), RvFpu.RNE));
        assertEquals(RvFpu.UF | RvFpu.NX, u.fflags, "a tiny inexact result underflows");
        u.fflags = 0;
        assertEquals(0x0008000000000000L, u.mul(RvFpu.D, 0x0010000000000000L, Double.doubleToRawLongBits(0.5),
                RvFpu.RNE));
        assertEquals(0, u.fflags, "an exact subnormal does not");
        assertEquals(0xfff0000000000000L, u.div(RvFpu.D, ONE | 1L << 63, 0, RvFpu.RNE));
        assertEquals(RvFpu.DZ, u.fflags);
        u.fflags = 0;
        assertEquals(0x7ff8000000000000L, u.add(RvFpu.D, 0x7ff0000000000000L, 0xfff0000000000000L, RvFpu.RNE));
        assertEquals(RvFpu.NV, u.fflags);
        assertEquals(0x8000000000000000L, u.add(RvFpu.D, ONE, ONE | 1L << 63, RvFpu.RDN), "x - x is -0 rounding down");
    }

    @Test
    void nanResultsAreCanonicalAndSignalingOnesRaiseInvalid() {
        RvFpu u = new RvFpu();
        assertEquals(0x7ff8000000000000L, u.add(RvFpu.D, 0xfff8000000000abcL, ONE, RvFpu.RNE), "no payload");
        assertEquals(0, u.fflags);
        assertEquals(0x7fc00000L, u.mul(RvFpu.S, 0x7fa00123L, 0x3f800000L, RvFpu.RNE));
        assertEquals(RvFpu.NV, u.fflags);
        u.fflags = 0;
        assertEquals(0x3f800000L, u.minMax(RvFpu.S, 0x7fc00000L, 0x3f800000L, false), "minimumNumber");
        assertEquals(0x80000000L, u.minMax(RvFpu.S, 0, 0x80000000L, false), "-0 < +0");
        assertEquals(0, u.fflags);
        assertEquals(0, u.compare(RvFpu.D, 0x7ff8000000000000L, ONE, 0), "feq is quiet");
        assertEquals(0, u.fflags);
        assertEquals(0, u.compare(RvFpu.D, 0x7ff8000000000000L, ONE, 1), "flt signals");
        assertEquals(RvFpu.NV, u.fflags);
    }

    @Test
    void conversionsSaturateWithInvalidAndRoundByMode() {
        RvFpu u = new RvFpu();
        assertEquals(Integer.MAX_VALUE, u.toInt(1e10, RvFpu.RTZ, true, false));
        assertEquals(RvFpu.NV, u.fflags);
        u.fflags = 0;
        assertEquals(-1L, u.toInt(Double.NaN, RvFpu.RTZ, true, true), "fcvt.wu of NaN: 2^32-1, sign-extended");
        assertEquals(0, u.toInt(-0.3, RvFpu.RTZ, false, true), "rounds to 0: in range");
        assertEquals(RvFpu.NV | RvFpu.NX, u.fflags);
        assertEquals(3, u.toInt(2.5, RvFpu.RMM, false, false));
        assertEquals(2, u.toInt(2.5, RvFpu.RNE, false, false));
        assertEquals(-3, u.toInt(-2.5, RvFpu.RDN, false, false));
        assertEquals(0x43e0000000000000L, u.fromInt(RvFpu.D, Long.MAX_VALUE, false, RvFpu.RNE));
        assertEquals(0x43dfffffffffffffL, u.fromInt(RvFpu.D, Long.MAX_VALUE, false, RvFpu.RTZ));
        assertEquals(0x43f0000000000000L, u.fromInt(RvFpu.D, -1L, true, RvFpu.RNE), "2^64-1 unsigned");
    }

    @Test
    void singlesAreNaNBoxed() {
        // fmv.d.x f1,a1; fadd.s f0,f1,f1; fmv.x.w a0,f0; fclass.s a2,f1; ecall
        code(0xf20580d3, 0x0010f053, 0xe0000553, 0xe0009653, 0x00000073);
        h.setReg(11, 0x000000003f800000L); // 1.0f, not boxed
        assertInstanceOf(Trap.EnvironmentCall.class, h.run(10));
        assertEquals(0xffffffff7fc00000L, h.fpRegister(0), "an unboxed single reads as the canonical NaN");
        assertEquals(0x7fc00000L, h.reg(10));
        assertEquals(1 << 9, h.reg(12), "quiet NaN");
    }

    @Test
    void fcsrHoldsFlagsAndRoundingModeAndAReservedFrmMakesDynamicOpsIllegal() {
        // fsrmi 3; fdiv.d f0,f1,f2 (dyn); frflags a0; fsflagsi 0; ecall
        code(0x0021d073, 0x1a20f053, 0x00102573, 0x00105073, 0x00000073);
        h.setFpRegister(1, ONE);
        h.setFpRegister(2, THREE);
        assertInstanceOf(Trap.EnvironmentCall.class, h.run(10));
        assertEquals(0x3fd5555555555556L, h.fpRegister(0), "rounded up by frm");
        assertEquals(RvFpu.NX, h.reg(10));
        assertEquals(3 << 5, h.fcsr());
        assertEquals(1, h.count(Counter.MUL_DIV), "fdiv is a divide");

        // fsrmi 5 (reserved, but the CSR holds it); fadd.d f0,f1,f2 (dyn): illegal
        for (int threshold : new int[] {Integer.MAX_VALUE, 1}) {
            h.setCompileThreshold(threshold);
            code(0x0022d073, 0x0220f053, 0x00000073);
            assertNull(h.step());
            for (int k = 0; k < 3; k++) { // again and again: a compiled block must not run either
                Trap t = h.run(10);
                assertInstanceOf(Trap.IllegalInstruction.class, t);
                assertEquals(TEXT + 4, h.pc());
            }
        }
    }

    @Test
    void bitManipulationCornerCases() {
        assertEquals(32, RvHart.bitmanip(RvExec.CTZW, 0x1234560000000000L, 0), "ctzw looks at 32 bits only");
        assertEquals(0x00ff00ffff00ff00L, RvHart.bitmanip(RvExec.ORC_B, 0x0001002030004000L, 0));
        assertEquals(0, RvHart.bitmanip(RvExec.CPOPW, 0xffffffff00000000L, 0));
        assertEquals(0x80000000L * 8 + 5, RvHart.bitmanip(RvExec.SH3ADD_UW, 0xffffffff80000000L, 5));
        assertEquals(0xffffffffffffff8aL, RvHart.bitmanip(RvExec.SEXT_B, 0x1234568aL, 0));
        assertEquals(0x8000000000000001L, RvHart.bitmanip(RvExec.RORI, 3, 1));
        assertEquals(0xffffffff80000001L, RvHart.bitmanip(RvExec.RORIW, 0x100000003L, 1), "W forms sign-extend");
        assertEquals(1, RvHart.bitmanip(RvExec.BEXT, 1L << 63, 127), "the bit index is taken mod 64");
    }
}
