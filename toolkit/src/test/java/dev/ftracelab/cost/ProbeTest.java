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
