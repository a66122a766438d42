package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftracelab.emu.Counter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MixGroupTest {
    @Test
    void everyCounterIsInExactlyOneGroupOfFive() {
        assertEquals(5, MixGroup.values().length, "a mix plot has at most five series");
        for (Counter c : Counter.values()) {
            long in = Arrays.stream(MixGroup.values()).filter(g -> g.counters().contains(c)).count();
            assertEquals(1, in, c + " is in " + in + " groups");
        }
        assertEquals(MixGroup.MEMORY, MixGroup.of(Counter.STORE));
        assertEquals(MixGroup.CALLS, MixGroup.of(Counter.RETURN));
    }

    @Test
    void groupSumsAddUpToTheTotal() {
        // counter i counts i + 1: the total is 1 + 2 + ... + 13 = 91
        double[] sums = MixGroup.sums(c -> c.ordinal() + 1);
        assertEquals(91, Arrays.stream(sums).sum(), 1e-9);
        assertEquals(3 + 4, sums[MixGroup.MEMORY.ordinal()], 1e-9, "LOAD (2) and STORE (3) count 3 and 4");
        assertEquals(6 + 13, sums[MixGroup.BRANCHES.ordinal()], 1e-9, "BRANCH_TAKEN and BRANCH_NOT_TAKEN");
        assertEquals(1 + 2, sums[MixGroup.OTHER.ordinal()], 1e-9, "ALU and MUL_DIV");
    }
}
