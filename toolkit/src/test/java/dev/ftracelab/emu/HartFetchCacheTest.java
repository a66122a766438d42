package dev.ftracelab.emu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.DecodeException;
import dev.ftracelab.isa.InsnClass;
import dev.ftracelab.isa.Instruction;
import org.junit.jupiter.api.Test;

/**
 * The fetch-cache model of {@link Hart}, with a toy 4-byte ISA (test fixture only): word
 * {@code 0x01_iiiiii} adds i to x1, {@code 0x02_000000} jumps back to 0x1000, anything else is
 * unsupported.
 */
class HartFetchCacheTest {
    static final long TEXT = 0x1000;

    record Toy(int word) implements Instruction {
        public Arch arch() { return Arch.RISCV64; }
        public int length() { return 4; }
        public InsnClass insnClass() { return (word >>> 24) == 2 ? InsnClass.DIRECT_JUMP : InsnClass.ALU; }
        public String mnemonic() { return (word >>> 24) == 2 ? "loop" : "add"; }
        public long target(long pc) { return -1; }
        public long readMask() { return 2; }
        public long writeMask() { return 2; }
    }

    static final class ToyHart extends Hart {
        ToyHart(Machine m, int id) {
            super(m, id);
        }

        @Override
        public Arch arch() {
            return Arch.RISCV64;
        }

        @Override
        protected Instruction decode(long pc, int word) {
            int op = word >>> 24;
            if (op != 1 && op != 2) {
                throw new DecodeException(Arch.RISCV64, pc, word, "toy");
            }
            return new Toy(word);
        }

        @Override
        protected int instructionLength(int low16) {
            return 4;
        }

        @Override
        protected int pcAlignment() {
            return 4;
        }

        @Override
        public Trap run(long max) {
            for (long n = 0; n < max; n++) {
                Toy t;
                try {
                    t = (Toy) fetch(pc);
                } catch (RuntimeException e) {
                    return trapFor(e, pc);
                }
                if ((t.word() >>> 24) == 1) {
                    x[1] += t.word() & 0xffffff;
                    pc += 4;
                } else {
                    pc = TEXT;
                }
                counters[t.insnClass().ordinal()]++;
            }
            return null;
        }
    }

    private final Machine m = new Machine(Arch.RISCV64, 2, ToyHart::new);

    private void text(int... words) {
        m.memory().map(TEXT, 0x1000, Memory.R | Memory.X);
        for (int i = 0; i < words.length; i++) {
            m.memory().writeValue(TEXT + 4L * i, words[i], 4);
        }
    }

    @Test
    void aHartKeepsRunningWhatItFetchedUntilItFlushes() {
        text(0x01_000001, 0x02_000000);
        Hart h = m.hart(0);
        h.setPc(TEXT);
        assertNull(h.run(2));
        assertEquals(1, h.reg(1));
        m.memory().writeValue(TEXT, 0x01_000064, 4); // patch: add 100 instead of 1
        assertNull(h.run(2));
        assertEquals(2, h.reg(1), "stale fetch: the old instruction still runs");
        h.flushFetchCache();
        assertNull(h.run(2));
        assertEquals(102, h.reg(1), "after the flush the new instruction runs");
    }

    @Test
    void eachHartHasItsOwnCacheAndARemoteFlushReachesAll() {
        text(0x01_000001, 0x02_000000);
        Hart a = m.hart(0);
        Hart b = m.hart(1);
        a.setPc(TEXT);
        a.run(2);
        m.memory().writeValue(TEXT, 0x01_000064, 4);
        b.setPc(TEXT);
        b.run(2);
        assertEquals(100, b.reg(1), "a hart that never fetched the line sees the new text");
        a.run(2);
        assertEquals(2, a.reg(1), "the other keeps its stale copy");
        m.flushFetchCaches();
        a.run(2);
        assertEquals(102, a.reg(1));
    }

    @Test
    void fetchFillsWholeLinesSoNeighboursAreStaleToo() {
        text(0x01_000001, 0x02_000000, 0x01_000001);
        Hart h = m.hart(0);
        h.setPc(TEXT);
        h.run(1);
        assertTrue(h.hasFetched(TEXT + 8), "the whole 64-byte line was fetched");
        assertFalse(h.hasFetched(TEXT + 64));
        m.memory().writeValue(TEXT + 8, 0x01_000064, 4);
        h.setPc(TEXT + 8);
        h.run(1);
        assertEquals(2, h.reg(1), "first execution of +8 still sees the line as fetched before the patch");
    }

    @Test
    void trapsAreValuesAndThePcStaysOnTheFaultingInstruction() {
        text(0x01_000001, 0x7f_000000);
        Hart h = m.hart(0);
        h.setPc(TEXT);
        Trap t = h.run(10);
        Trap.IllegalInstruction ill = assertInstanceOf(Trap.IllegalInstruction.class, t);
        assertEquals(TEXT + 4, ill.pc());
        assertEquals(TEXT + 4, h.pc());
        assertEquals(1, h.retired());

        h.setPc(0x9000);
        assertInstanceOf(Trap.AccessFault.class, h.step());
        h.setPc(TEXT + 2);
        assertInstanceOf(Trap.Misaligned.class, h.step());
        m.memory().protect(TEXT, 0x1000, Memory.R);
        h.flushFetchCache();
        h.setPc(TEXT);
        Trap.AccessFault nx = assertInstanceOf(Trap.AccessFault.class, h.step());
        assertEquals("not executable", nx.reason());
    }
}
