package dev.ftracelab.emu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Memory#checkpoint()} / {@link Memory#restore} (copy-on-write) and {@link Memory#hash}. */
class MemoryCheckpointTest {
    static final long DATA = 0x10000; // 4 read-write pages
    static final long TEXT = 0x20000; // 1 read-execute page: only privileged writes reach it
    static final long A = DATA + 0x08;
    static final long B = DATA + Memory.PAGE_SIZE + 0x10;
    static final long C = DATA + 2 * Memory.PAGE_SIZE + 0x18;

    private final Memory m = new Memory();

    MemoryCheckpointTest() {
        m.map(DATA, 4 * Memory.PAGE_SIZE, Memory.R | Memory.W);
        m.map(TEXT, Memory.PAGE_SIZE, Memory.R | Memory.X);
    }

    @Test
    void restoreUndoesStoresMadeAfterTheCheckpoint() {
        m.store64(A, 0x1111);
        m.store64(B, 0x2222);
        Memory.Checkpoint c = m.checkpoint();
        m.store64(A, 0xaaaa);
        m.store8(B + 1, 0x7f);
        m.store32(A + 16, 0x3333);
        assertEquals(0xaaaa, m.load64(A));
        m.restore(c);
        assertEquals(0x1111, m.load64(A));
        assertEquals(0x2222, m.load64(B));
        assertEquals(0, m.load32(A + 16));
    }

    @Test
    void checkpointsAreValuesThatCanBeRestoredInAnyOrder() {
        long[] addrs = {A, B, C};
        List<Memory.Checkpoint> cps = new ArrayList<>();
        List<long[]> expected = new ArrayList<>();
        for (int gen = 0; gen < 4; gen++) {
            cps.add(m.checkpoint());
            expected.add(new long[] {m.load64(A), m.load64(B), m.load64(C)});
            // each generation writes a different subset of pages, so some are first written late
            m.store64(A, 100 + gen);
            if (gen >= 1) {
                m.store64(B, 200 + gen);
            }
            if (gen >= 2) {
                m.store64(C, 300 + gen);
            }
        }
        int[] order = {0, 3, 1, 2, 0, 2, 3, 1, 1, 0};
        for (int k : order) {
            m.restore(cps.get(k));
            for (int i = 0; i < addrs.length; i++) {
                assertEquals(expected.get(k)[i], m.load64(addrs[i]), "checkpoint " + k + ", address #" + i);
            }
        }
        // in particular: back to the oldest after the newer ones, then forward to the newest again
        m.restore(cps.get(0));
        assertEquals(0, m.load64(C));
        m.restore(cps.get(3));
        assertEquals(102, m.load64(A));
        assertEquals(202, m.load64(B));
        assertEquals(302, m.load64(C));
    }

    @Test
    void pagesFirstWrittenAfterTheCheckpointGoBackToTheirContent() {
        m.store64(B, 0x5555); // written before checkpoints began: not tracked yet
        Memory.Checkpoint c0 = m.checkpoint();
        Memory.Checkpoint c1 = m.checkpoint();
        m.store64(C, -1); // C's page was still the shared zero page
        m.store64(B, 0x6666); // B's page is first written since checkpoints began
        m.restore(c1);
        assertEquals(0, m.load64(C), "a page that was on the zero page reads zero again");
        assertEquals(0x5555, m.load64(B), "a page written before checkpointing gets its old bytes");
        m.restore(c0);
        assertEquals(0x5555, m.load64(B));
        // and the zero page itself was not written through
        assertEquals(0, m.load64(DATA + 3 * Memory.PAGE_SIZE), "an untouched page still reads zero");
        m.store64(C + 8, 7);
        assertEquals(0, m.load64(C), "the page restored to zeroes is its own again when written");
        assertEquals(0, m.load64(DATA + 3 * Memory.PAGE_SIZE + 8));
    }

    @Test
    void privilegedWritesAreUndoneToo() {
        byte[] oldText = {0x13, 0x05, 0x15, 0x00};
        m.write(TEXT + 0x40, oldText);
        Memory.Checkpoint c = m.checkpoint();
        m.write(TEXT + 0x40, new byte[] {0x13, 0x05, 0x25, 0x00}); // the patcher rewrites text
        m.writeValue(TEXT + 0x800, 0xdeadbeefL, 4); // first write to more of the page
        m.write(A, new byte[] {9, 9}); // a privileged write to a writable page
        m.restore(c);
        assertArrayEquals(oldText, m.read(TEXT + 0x40, 4));
        assertEquals(0, m.readValue(TEXT + 0x800, 4));
        assertEquals(0, m.load16(A));
    }

    @Test
    void writesAfterARestoreDoNotCorruptTheCheckpoint() {
        m.store64(A, 1);
        m.write(TEXT, new byte[] {1, 2, 3, 4});
        Memory.Checkpoint c = m.checkpoint();
        m.restore(c); // restore straight away: pages share their bytes with c
        m.store64(A, 2);
        m.write(TEXT, new byte[] {5, 6, 7, 8});
        m.store64(C, 3);
        m.restore(c);
        assertEquals(1, m.load64(A));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, m.read(TEXT, 4));
        assertEquals(0, m.load64(C));

        // a second round from the same checkpoint, and a checkpoint taken in between
        m.store64(A, 4);
        Memory.Checkpoint d = m.checkpoint();
        m.store64(A, 5);
        m.store64(B, 6);
        m.restore(c);
        assertEquals(1, m.load64(A));
        assertEquals(0, m.load64(B));
        m.store64(A, 7);
        m.store64(B, 8);
        m.restore(d);
        assertEquals(4, m.load64(A), "d keeps what memory held when it was taken");
        assertEquals(0, m.load64(B));
        m.store64(A, 9);
        m.restore(c);
        assertEquals(1, m.load64(A));
        m.restore(d);
        assertEquals(4, m.load64(A));
    }

    /** Random stores, privileged writes, checkpoints and restores against a plain byte-array model. */
    @Test
    void randomWritesCheckpointsAndRestoresAgreeWithACopyingModel() {
        Random rnd = new Random(42);
        int size = 4 * Memory.PAGE_SIZE;
        byte[] model = new byte[size];
        List<Memory.Checkpoint> cps = new ArrayList<>();
        List<byte[]> saved = new ArrayList<>();
        for (int step = 0; step < 3000; step++) {
            int op = rnd.nextInt(10);
            if (op < 6) {
                int off = rnd.nextInt(size - 8);
                long v = rnd.nextLong();
                if (rnd.nextBoolean()) {
                    m.store64(DATA + off, v); // may cross a page boundary
                } else {
                    m.writeValue(DATA + off, v, 8);
                }
                for (int i = 0; i < 8; i++) {
                    model[off + i] = (byte) (v >>> (8 * i));
                }
            } else if (op < 8) {
                cps.add(m.checkpoint());
                saved.add(model.clone());
            } else if (!cps.isEmpty()) {
                int k = rnd.nextInt(cps.size());
                m.restore(cps.get(k));
                model = saved.get(k).clone();
            }
            if (step % 50 == 0) {
                assertArrayEquals(model, m.read(DATA, size), "after step " + step);
            }
        }
        assertArrayEquals(model, m.read(DATA, size));
        for (int k = cps.size() - 1; k >= 0; k -= 7) {
            m.restore(cps.get(k));
            assertArrayEquals(saved.get(k), m.read(DATA, size), "checkpoint " + k);
        }
    }

    @Test
    void hashDependsOnTheBytesAndTheSeed() {
        Memory other = new Memory();
        other.map(DATA, 4 * Memory.PAGE_SIZE, Memory.R | Memory.W);
        for (Memory mem : List.of(m, other)) {
            mem.store64(A, 0x0123456789abcdefL);
            mem.store8(A + 8, 0x42);
        }
        assertEquals(m.hash(A, 13, 7), other.hash(A, 13, 7), "equal bytes, equal hash");
        assertNotEquals(m.hash(A, 13, 7), m.hash(A, 13, 8), "the seed is mixed in");
        long before = m.hash(A, 13, 7);
        Memory.Checkpoint c = m.checkpoint();
        m.store8(A + 8, 0x43); // a byte of the tail (after the whole 8-byte words)
        assertNotEquals(before, m.hash(A, 13, 7));
        m.restore(c);
        assertEquals(before, m.hash(A, 13, 7), "restored bytes hash as before");
        m.store8(A + 3, 0); // a byte inside the first word
        assertNotEquals(before, m.hash(A, 13, 7));
    }

    @Test
    void hashSpansAPageBoundary() {
        Memory other = new Memory();
        other.map(DATA, 4 * Memory.PAGE_SIZE, Memory.R | Memory.W);
        long start = DATA + Memory.PAGE_SIZE - 13; // 13 bytes on the first page, 30 on the next
        int len = 43;
        for (Memory mem : List.of(m, other)) {
            for (int i = 0; i < len; i++) {
                mem.store8(start + i, i * 7 + 1);
            }
        }
        long h = m.hash(start, len, 1);
        assertEquals(h, other.hash(start, len, 1));
        for (int i : new int[] {0, 12, 13, 20, len - 1}) { // both pages, words and tails
            int old = m.load8(start + i);
            m.store8(start + i, old ^ 0x80);
            assertNotEquals(h, m.hash(start, len, 1), "byte " + i + " changed");
            m.store8(start + i, old);
            assertEquals(h, m.hash(start, len, 1));
        }
        m.store8(start + len, 0xff); // just past the range: not hashed
        assertEquals(h, m.hash(start, len, 1));
    }
}
