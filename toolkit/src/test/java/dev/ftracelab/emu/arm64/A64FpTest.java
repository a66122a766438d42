package dev.ftracelab.emu.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.emu.GuestCorpus;
import dev.ftracelab.emu.LinuxUser;
import dev.ftracelab.emu.Machine;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.arm64.A64SysReg;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Floating-point semantics with hand-computed values: rounding in every FPCR mode, default NaN,
 * flush-to-zero, NaN propagation order, FPSR flags, compares, conversions; words are from the
 * cross assembler's listings. Plus the FP guest programs run the same compiled and interpreted.
 */
class A64FpTest {
    private static final long TEXT = 0x10000;
    private static final int IOC = 1, DZC = 2, OFC = 4, UFC = 8, IXC = 16, IDC = 128;
    private static final long RP = 1L << 22, RM = 2L << 22, RZ = 3L << 22, FZ = 1L << 24, DN = 1L << 25;

    private final Machine m = new Machine(Arch.ARM64, 1, A64Hart::new);
    private final A64Hart h = (A64Hart) m.hart(0);

    A64FpTest() {
        m.memory().map(TEXT, 0x1000, Memory.R | Memory.X);
    }

    private void exec(long fpcr, int... words) {
        for (int k = 0; k < words.length; k++) {
            m.memory().writeValue(TEXT + 4L * k, words[k], 4);
        }
        h.flushFetchCache();
        h.setSystemRegister(A64SysReg.FPCR, fpcr);
        h.setSystemRegister(A64SysReg.FPSR, 0);
        h.setPc(TEXT);
        assertNull(h.run(words.length));
    }

    private long fpsr() {
        return h.systemRegister(A64SysReg.FPSR);
    }

    private static long d(double v) {
        return Double.doubleToRawLongBits(v);
    }

    private static long s(float v) {
        return Float.floatToRawIntBits(v) & 0xffff_ffffL;
    }

    private static final int FADD_D = 0x1e622820; // fadd d0, d1, d2
    private static final int FDIV_D = 0x1e621820; // fdiv d0, d1, d2
    private static final int FDIV_S = 0x1e221820; // fdiv s0, s1, s2
    private static final int FMUL_D = 0x1e620820; // fmul d0, d1, d2
    private static final int FMADD_D = 0x1f420c20; // fmadd d0, d1, d2, d3
    private static final int FCMP_D = 0x1e622020; // fcmp d1, d2
    private static final int FCMPE_D = 0x1e622030; // fcmpe d1, d2

    @Test
    void divisionRoundsInEveryMode() {
        // 1/3 = 0x3fd5555555555555 (nearest, below the exact value); RP rounds up to ...56
        long[] expected = {0x3fd5555555555555L, 0x3fd5555555555556L, 0x3fd5555555555555L, 0x3fd5555555555555L};
        long[] modes = {0, RP, RM, RZ};
        for (int k = 0; k < 4; k++) {
            h.setVector(1, d(1), 0);
            h.setVector(2, d(3), 0);
            exec(modes[k], FDIV_D);
            assertEquals(expected[k], h.vectorLow(0), "mode " + k);
            assertEquals(IXC, fpsr());
        }
        // -1/3: RM now goes away from zero, RP toward it
        h.setVector(1, d(-1), 0);
        h.setVector(2, d(3), 0);
        exec(RM, FDIV_D);
        assertEquals(0xbfd5555555555556L, h.vectorLow(0));
        exec(RP, FDIV_D);
        assertEquals(0xbfd5555555555555L, h.vectorLow(0));
    }

    @Test
    void singlePrecisionRoundsOnceFromTheExactValue() {
        // 1/3 in single: 0x3eaaaaab nearest (the exact value is closer to ...ab), RZ gives ...aa
        h.setVector(1, s(1), 0);
        h.setVector(2, s(3), 0);
        exec(0, FDIV_S);
        assertEquals(0x3eaaaaabL, h.vectorLow(0));
        exec(RZ, FDIV_S);
        assertEquals(0x3eaaaaaaL, h.vectorLow(0));
        assertEquals(0, h.vectorHigh(0), "a scalar write clears the rest of the register");
    }

    @Test
    void exactResultsRaiseNothingAndCancellationSignsFollowTheMode() {
        h.setVector(1, d(1.5), 0);
        h.setVector(2, d(-1.5), 0);
        exec(0, FADD_D);
        assertEquals(d(0.0), h.vectorLow(0));
        assertEquals(0, fpsr());
        exec(RM, FADD_D);
        assertEquals(d(-0.0), h.vectorLow(0), "x + (-x) is -0 when rounding toward minus infinity");
    }

    @Test
    void overflowGivesInfinityOrTheLargestFiniteByMode() {
        h.setVector(1, d(Double.MAX_VALUE), 0);
        h.setVector(2, d(2), 0);
        exec(0, FMUL_D);
        assertEquals(d(Double.POSITIVE_INFINITY), h.vectorLow(0));
        assertEquals(OFC | IXC, fpsr());
        exec(RZ, FMUL_D);
        assertEquals(d(Double.MAX_VALUE), h.vectorLow(0));
        exec(RM, FMUL_D);
        assertEquals(d(Double.MAX_VALUE), h.vectorLow(0));
    }

    @Test
    void underflowIsTinyAndInexact_flushToZeroFlushesInputsAndOutputs() {
        // MIN_NORMAL / 3: a denormal result, inexact -> UFC | IXC
        h.setVector(1, d(Double.MIN_NORMAL), 0);
        h.setVector(2, d(3), 0);
        exec(0, FDIV_D);
        assertEquals(0x0005555555555555L, h.vectorLow(0));
        assertEquals(UFC | IXC, fpsr());
        // the same under FZ: zero, UFC only
        exec(FZ, FDIV_D);
        assertEquals(0, h.vectorLow(0));
        assertEquals(UFC, fpsr());
        // a denormal input under FZ is zero and raises IDC: 0 + 1 = 1 exactly
        h.setVector(1, 1L, 0); // the smallest denormal
        h.setVector(2, d(1), 0);
        exec(FZ, FADD_D);
        assertEquals(d(1), h.vectorLow(0));
        assertEquals(IDC, fpsr());
    }

    @Test
    void nanPropagationPrefersSignallingThenFirstOperand() {
        long qnan = 0x7ff8_0000_0000_0001L;
        long snan = 0x7ff0_0000_0000_0002L;
        h.setVector(1, qnan, 0);
        h.setVector(2, snan, 0);
        exec(0, FADD_D);
        assertEquals(0x7ff8_0000_0000_0002L, h.vectorLow(0), "the signalling NaN, quietened");
        assertEquals(IOC, fpsr());
        h.setVector(2, 0xfff8_0000_0000_0003L, 0);
        exec(0, FADD_D);
        assertEquals(qnan, h.vectorLow(0), "two quiet NaNs: the first");
        assertEquals(0, fpsr());
        exec(DN, FADD_D);
        assertEquals(0x7ff8_0000_0000_0000L, h.vectorLow(0), "default NaN");
    }

    @Test
    void fusedMultiplyAddRoundsOnce() {
        // (1 + 2^-30)(1 - 2^-30) - 1 = -2^-60 exactly; a separate multiply would round the product to 1
        h.setVector(1, d(1 + 0x1p-30), 0);
        h.setVector(2, d(1 - 0x1p-30), 0);
        h.setVector(3, d(-1), 0);
        exec(0, FMADD_D);
        assertEquals(d(-0x1p-60), h.vectorLow(0));
        assertEquals(0, fpsr());
        // infinity times zero plus a quiet NaN is the default NaN and invalid
        h.setVector(1, d(Double.POSITIVE_INFINITY), 0);
        h.setVector(2, 0, 0);
        h.setVector(3, 0x7ff8_0000_0000_0042L, 0);
        exec(0, FMADD_D);
        assertEquals(0x7ff8_0000_0000_0000L, h.vectorLow(0));
        assertEquals(IOC, fpsr());
    }

    @Test
    void compareSetsArmFlagsAndSignalsAsDefined() {
        h.setVector(1, d(1), 0);
        h.setVector(2, d(2), 0);
        exec(0, FCMP_D);
        assertEquals(0b1000, h.flags(), "less: N");
        h.setVector(2, d(1), 0);
        exec(0, FCMP_D);
        assertEquals(0b0110, h.flags(), "equal: Z C");
        h.setVector(2, 0x7ff8_0000_0000_0000L, 0);
        exec(0, FCMP_D);
        assertEquals(0b0011, h.flags(), "unordered: C V");
        assertEquals(0, fpsr(), "fcmp is quiet on a quiet NaN");
        exec(0, FCMPE_D);
        assertEquals(IOC, fpsr(), "fcmpe signals on any NaN");
    }

    @Test
    void conversionsToIntegersRoundAndSaturate() {
        h.setVector(1, d(-2.5), 0);
        exec(0, 0x9e780020); // fcvtzs x0, d1
        assertEquals(-2, h.reg(0));
        assertEquals(IXC, fpsr());
        exec(0, 0x9e640020); // fcvtas x0, d1: ties away
        assertEquals(-3, h.reg(0));
        exec(0, 0x9e600020); // fcvtns x0, d1: ties to even
        assertEquals(-2, h.reg(0));
        h.setVector(1, d(1e20), 0);
        exec(0, 0x1e780020); // fcvtzs w0, d1
        assertEquals(0x7fff_ffffL, h.reg(0));
        assertEquals(IOC, fpsr());
        h.setVector(1, 0x7ff8_0000_0000_0000L, 0);
        exec(0, 0x9e790020); // fcvtzu x0, d1
        assertEquals(0, h.reg(0), "NaN converts to 0, invalid");
        assertEquals(IOC, fpsr());
        h.setReg(1, -1);
        exec(0, 0x9e630020); // ucvtf d0, x1: 2^64 - 1 rounds to 2^64
        assertEquals(d(0x1p64), h.vectorLow(0));
        assertEquals(IXC, fpsr());
    }

    @Test
    void roundToIntegralKeepsTheSignOfZero() {
        h.setVector(1, d(-0.3), 0);
        exec(0, 0x1e664020); // frinta d0, d1
        assertEquals(d(-0.0), h.vectorLow(0));
        assertEquals(0, fpsr(), "only frintx raises inexact");
        exec(0, 0x1e674020); // frintx d0, d1
        assertEquals(IXC, fpsr());
        h.setVector(1, d(2.5), 0);
        exec(RP, 0x1e67c020); // frinti d0, d1 under RP
        assertEquals(d(3), h.vectorLow(0));
    }

    @Test
    void vectorOpsWorkPerLane() {
        h.setVector(1, s(1) | s(2) << 32, s(3) | s(-4) << 32);
        h.setVector(2, s(0.5f) | s(0.5f) << 32, s(0.5f) | s(0.5f) << 32);
        exec(0, 0x6e22dc20); // fmul v0.4s, v1.4s, v2.4s
        assertEquals(s(0.5f) | s(1) << 32, h.vectorLow(0));
        assertEquals(s(1.5f) | s(-2) << 32, h.vectorHigh(0));
        exec(0, 0x6e30f820); // fmaxv s0, v1.4s
        assertEquals(s(3), h.vectorLow(0));
        exec(0, 0x0ea0d820); // fcmeq v0.2s, v1.2s, #0.0
        assertEquals(0, h.vectorLow(0));
        assertEquals(0, h.vectorHigh(0), "a 64-bit vector write clears the upper half");
    }

    /** The FP extension builds run the same with hot blocks compiled as interpreted. */
    @Test
    void fpProgramsRunTheSameCompiledAndInterpreted() {
        List<String> builds = GuestCorpus.extensionBuilds(Arch.ARM64).stream().filter(b -> b.startsWith("fp.")).toList();
        assertEquals(4, builds.size(), builds.toString());
        for (String build : builds) {
            String on = run(build, 2);
            String off = run(build, Integer.MAX_VALUE);
            assertEquals(off, on, build);
            assertTrue(on.contains("checks.failed=0x0"), build + " passed its self-checks");
        }
    }

    private static String run(String build, int threshold) {
        Machine m = LinuxUser.load(GuestCorpus.load(Arch.ARM64, build));
        m.hart(0).setCompileThreshold(threshold);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LinuxUser.Result r = LinuxUser.run(m, out, out, LinuxUser.DEFAULT_LIMIT);
        assertNull(r.trap(), build);
        assertFalse(out.size() == 0);
        return out.toString(StandardCharsets.UTF_8) + "\nexit=" + r.exitStatus() + " insns=" + r.instructions()
                + " counters=" + java.util.Arrays.toString(r.counters());
    }
}
