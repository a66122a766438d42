package dev.ftracelab.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.util.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every probe, run under the cost model, finds the value its profile holds: the programs measure
 * what the model charges, and the model charges what the profile says. The model is deterministic
 * and the probes subtract everything but the measured unit, so the figure is exact up to the
 * programs' two printed decimals (hence 0.005).
 */
class ProbeTest {
    private static final double PRINTED_DECIMALS = 0.005;

    @TestFactory
    Stream<DynamicTest> everyProbeFindsItsProfilesValue() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String profile : List.of("vf2", "k1", "m1")) {
            Profile p = Profile.load(profile);
            for (Probe probe : Probe.all()) {
                if (!probe.arches().contains(p.arch())) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(profile + " " + probe.name(), () -> {
                    Probe.Run r = probe.run(p);
                    assertEquals(0, r.exitStatus(), r.stdout());
                    assertEquals(r.expected(), r.measured(), PRINTED_DECIMALS,
                            profile + " " + probe.name() + " (" + probe.parameter() + "):\n" + r.stdout());
                }));
            }
        }
        return tests.stream();
    }

    /**
     * The store-buffer and branch probes' expressions (Probe.releaseLoad etc.) hold for both
     * kinds of core on both architectures and follow each field: the committed profiles have
     * riscv only in order and arm64 only out of order, with latency.store 1 or 4 and
     * visibility 3 or 4, so these variants swap the core kind and move the fields apart.
     */
    @TestFactory
    Stream<DynamicTest> storeBufferAndBranchProbesHoldOnEveryKindOfCore() {
        List<Profile> variants = List.of(
                variant(Profile.load("m1"), "in-order", false, 2, 2, 6, 9, 3),
                variant(Profile.load("m1"), "in-order-single-issue", false, 1, 3, 5, 7, 1),
                variant(Profile.load("vf2"), "out-of-order", true, 4, 2, 7, 11, 0),
                variant(Profile.load("vf2"), "single-issue", false, 1, 1, 6, 5, 2),
                variant(Profile.load("k1"), "out-of-order-store-1", true, 3, 1, 2, 12, 1));
        List<DynamicTest> tests = new ArrayList<>();
        for (Profile p : variants) {
            for (String name : List.of("store-forward", "release-load", "spanning-load", "store-fence",
                    "branch-mispredict")) {
                Probe probe = Probe.named(name);
                tests.add(DynamicTest.dynamicTest(p.name() + " " + name, () -> {
                    Probe.Run r = probe.run(p);
                    assertEquals(0, r.exitStatus(), r.stdout());
                    assertEquals(r.expected(), r.measured(), PRINTED_DECIMALS,
                            p.name() + " " + name + " (" + probe.parameter() + "):\n" + r.stdout());
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void storeBufferExpressionsByHand() {
        // vf2: store 1, visibility 4, load-to-use 3, in order, two-wide
        Profile vf2 = Profile.load("vf2");
        assertEquals(1 + 4 + 3, Probe.named("release-load").expected(vf2));
        assertEquals(1 + 4 + 3, Probe.named("spanning-load").expected(vf2));
        assertEquals(1 + 4, Probe.named("store-fence").expected(vf2));
        assertEquals(3 - 2, Probe.named("branch-mispredict").expected(vf2));
        // in order at one instruction per cycle the second store issues a cycle after the first
        assertEquals(1 + 4 + 3 + 1, Probe.named("spanning-load").expected(variant(vf2, "w1", false, 1, 1, 4, 8, 2)));
        // out of order the second store commits no earlier than the first completes (alu 1)
        assertEquals(1 + 4 + 3, Probe.named("spanning-load").expected(variant(vf2, "ooo", true, 4, 0, 4, 8, 2)));
    }

    /** {@code base} with another core kind, issue width, store and visibility latencies and branch costs. */
    private static Profile variant(Profile base, String suffix, boolean outOfOrder, int width, int store,
            int visibility, int mispredict, int takenBubble) {
        Profile.Latencies l = base.latency();
        Profile.Branch b = base.branch();
        return new Profile(base.name() + "-" + suffix, base.description(), base.arch(), base.clockGhz(), width,
                outOfOrder, outOfOrder ? 96 : 0, new Profile.Latencies(l.alu(), l.mul(), l.div(), l.loadToUse(), store),
                new Profile.Branch(takenBubble, b.directJump(), b.indirectJump(), mispredict), base.predictor(),
                base.l1i(), base.l1d(), base.l2(), base.memoryLatency(),
                new Profile.StoreBuffer(base.storeBuffer().forwardLatency(), visibility), base.sources());
    }

    @Test
    void unknownProbesNameTheKnownOnes() {
        BadInputException e = assertThrows(BadInputException.class, () -> Probe.named("nope"));
        assertTrue(e.getMessage().contains("load-l1d"), e.getMessage());
    }

    @Test
    void resultIsTheLastResultLine() {
        assertEquals(2.5, Probe.result("probe=x\nresult=1.00\nresult=2.50\n"));
        assertTrue(Double.isNaN(Probe.result("probe=x\n")));
    }

    @Test
    void commandLinesCarryTheProfilesCacheGeometry() {
        Profile vf2 = Profile.load("vf2");
        assertEquals(List.of("load-chain.elf", "size=16384", "line=64"), Probe.named("load-l1d").commandLine(vf2));
        assertEquals(List.of("l1d-replacement.elf", "l1d=32768", "ways=8", "line=64"),
                Probe.named("l1d-replacement").commandLine(vf2));
    }
}
