package dev.ftracelab.emu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InstructionMixTest {
    private static InstructionMix mix(long instructions, long loads, long takenBranches) {
        return InstructionMix.of(Map.of(MixClass.INSTRUCTIONS, instructions, MixClass.LOADS, loads,
                MixClass.TAKEN_BRANCHES, takenBranches));
    }

    @Test
    void arithmeticIsPerClass() {
        InstructionMix a = mix(100, 20, 3);
        InstructionMix b = mix(40, 5, 1);
        assertEquals(mix(140, 25, 4), a.plus(b));
        assertEquals(mix(60, 15, 2), a.minus(b));
        assertEquals(mix(80, 10, 2), b.times(2));
        assertEquals(0, a.get(MixClass.STORES));
    }

    @Test
    void divisionMustBeExact() {
        assertEquals(mix(58, 15, 4), mix(580, 150, 40).dividedBy(10));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> mix(581, 150, 40).dividedBy(10));
        assertTrue(e.getMessage().contains("instructions = 581 is not a multiple of 10"), e.getMessage());
    }

    @Test
    void listPathPartsComeFromDifferences() {
        // a made-up kernel: 100 per call, 58 per irrelevant ops, 66 per relevant ops, 57 in the assist
        InstructionMix call = mix(100, 24, -1);
        InstructionMix irr = mix(58, 15, 4);
        InstructionMix rel = mix(66, 17, 8);
        InstructionMix assist = mix(57, 9, 0);
        ListPathMix m = ListPathMix.measure(new ListPathMix.Runner() {
            @Override
            public InstructionMix listPath(int relevant, int irrelevant) {
                return call.plus(rel.times(relevant)).plus(irr.times(irrelevant));
            }

            @Override
            public InstructionMix assist() {
                return assist;
            }
        });
        assertEquals(call, m.get(ListPathMix.Component.PER_CALL));
        assertEquals(irr, m.get(ListPathMix.Component.PER_IRRELEVANT_OPS));
        assertEquals(rel, m.get(ListPathMix.Component.PER_RELEVANT_OPS));
        assertEquals(assist, m.get(ListPathMix.Component.ASSIST));
    }

    @Test
    void aPathThatIsNotLinearIsRefused() {
        ListPathMix.Runner quadratic = new ListPathMix.Runner() {
            @Override
            public InstructionMix listPath(int relevant, int irrelevant) {
                int n = relevant + irrelevant;
                return mix(10L * n * n, 0, 0);
            }

            @Override
            public InstructionMix assist() {
                return InstructionMix.ZERO;
            }
        };
        // (2,10) - (2,0) = 1400 and (12,0) - (2,0) = 1400 divide by 10, but (3,5) does not fit the line
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ListPathMix.measure(quadratic));
        assertTrue(e.getMessage().contains("not linear"), e.getMessage());
    }
}
