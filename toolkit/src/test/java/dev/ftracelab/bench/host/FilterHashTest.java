package dev.ftracelab.bench.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class FilterHashTest {
    @Test
    void sizedToAboutHalfTheEntriesAtMostFourThousandBuckets() {
        assertEquals(0, FilterHash.bitsFor(0));
        assertEquals(0, FilterHash.bitsFor(1));
        assertEquals(1, FilterHash.bitsFor(2));
        assertEquals(2, FilterHash.bitsFor(4));
        assertEquals(6, FilterHash.bitsFor(100));
        assertEquals(12, FilterHash.bitsFor(1 << 20));
        assertEquals(64, FilterHash.of(LongStream.range(0, 100).map(i -> 0xffffffff81000000L + 64 * i).toArray()).buckets());
    }

    @Test
    void hash64IsTheKernelsMultiplicativeHash() {
        // hash_64(1, 12) is the top 12 bits of GOLDEN_RATIO_64 itself
        assertEquals(0x61c, FilterHash.hash64(1, 12));
        assertEquals((int) ((0x1234L * FilterHash.GOLDEN_RATIO_64) >>> 58), FilterHash.hash64(0x1234, 6));
    }

    @Test
    void findsEveryEntryAndNothingElse() {
        long[] ips = LongStream.range(0, 1000).map(i -> 0xffffffff81000000L + 16 * i).toArray();
        FilterHash h = FilterHash.of(ips);
        assertEquals(1000, h.size());
        for (long ip : ips) {
            assertTrue(h.contains(ip));
            assertFalse(h.contains(ip + 8));
        }
        assertTrue(FilterHash.EMPTY.isEmpty());
        assertFalse(FilterHash.EMPTY.contains(ips[0]));
        assertEquals(1, FilterHash.of(5, 5, 5).size(), "duplicates count once");
    }
}
