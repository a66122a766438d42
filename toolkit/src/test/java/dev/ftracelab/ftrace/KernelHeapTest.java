package dev.ftracelab.ftrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.isa.Arch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The kmalloc model: size classes and minimum alignment per arch and kernel version (hand-computed
 * from the kernel's rules), slab geometry, and placements that never overlap and depend only on
 * the seed.
 */
class KernelHeapTest {
    private static final KernelHeap RV_612 = KernelHeap.of(Arch.RISCV64);
    private static final KernelHeap ARM_612 = KernelHeap.builder(Arch.ARM64).kernel("6.12").build();
    private static final KernelHeap ARM_62 = KernelHeap.builder(Arch.ARM64).kernel("6.2").build();

    @Test
    void sizeClassesOfRecentKernels() {
        // request -> object: the next of 8, 16, 32, 64, 96, 128, 192, 256, 512, ... 8k; above 8k whole pages
        long[][] cases = {{1, 8}, {8, 8}, {9, 16}, {24, 32}, {33, 64}, {48, 64}, {64, 64}, {65, 96}, {96, 96},
            {97, 128}, {128, 128}, {129, 192}, {192, 192}, {193, 256}, {224, 256}, {880, 1024}, {2240, 4096},
            {4097, 8192}, {8192, 8192}, {8193, 16384}, {22400, 32768}};
        for (KernelHeap h : List.of(RV_612, ARM_612)) {
            assertEquals(8, h.minAlign(), h.toString());
            for (long[] c : cases) {
                assertEquals(c[1], h.sizeClass(c[0]), h + ": kmalloc(" + c[0] + ")");
            }
        }
    }

    @Test
    void arm64Before65HasA128ByteMinimumAndNo96Or192() {
        assertEquals(128, ARM_62.minAlign());
        long[][] cases = {{1, 128}, {8, 128}, {48, 128}, {96, 128}, {128, 128}, {129, 256}, {192, 256}, {224, 256},
            {8192, 8192}, {22400, 32768}};
        for (long[] c : cases) {
            assertEquals(c[1], ARM_62.sizeClass(c[0]), "arm64 6.2: kmalloc(" + c[0] + ")");
        }
        assertEquals(128, KernelHeap.builder(Arch.ARM64).kernel("6.4").build().minAlign());
        assertEquals(8, KernelHeap.builder(Arch.ARM64).kernel("6.5").build().minAlign());
        assertEquals(8, KernelHeap.builder(Arch.RISCV64).kernel("6.2").build().minAlign(), "riscv: 8 at every version");
        KernelHeap rv64 = KernelHeap.builder(Arch.RISCV64).minAlign(64).build();
        assertEquals(64, rv64.sizeClass(8));
        assertEquals(128, rv64.sizeClass(65), "96 exists up to a 32-byte minimum only");
        assertEquals(192, rv64.sizeClass(129), "192 up to a 64-byte minimum");
    }

    @Test
    void slabOrdersHoldSixteenObjectsOnFourCpus() {
        // 4 * (fls(4) + 1) = 16 objects, at most order 3
        long[][] cases = {{8, 0, 512}, {64, 0, 64}, {96, 0, 42}, {192, 0, 21}, {256, 0, 16}, {512, 1, 16},
            {1024, 2, 16}, {2048, 3, 16}, {4096, 3, 8}, {8192, 3, 4}};
        for (long[] c : cases) {
            assertEquals(c[1], RV_612.slabOrder(c[0]), "order of kmalloc-" + c[0]);
            assertEquals(c[2], RV_612.objectsPerSlab(c[0]), "objects of kmalloc-" + c[0]);
        }
        KernelHeap eight = KernelHeap.builder(Arch.RISCV64).cpus(8).build(); // 4 * (4 + 1) = 20 objects
        assertEquals(1, eight.slabOrder(256));
        KernelHeap one = KernelHeap.builder(Arch.RISCV64).cpus(1).build(); // 4 * (1 + 1) = 8 objects
        assertEquals(0, one.slabOrder(512));
    }

    @Test
    void aFreshSlabHandsOutEachObjectOnceInARotationOfTheCachesOrder() {
        KernelHeap spec = KernelHeap.builder(Arch.RISCV64).seed(7).busy(false).build();
        SlabHeap h = spec.start();
        int n = spec.objectsPerSlab(64);
        List<Long> first = new ArrayList<>();
        List<Long> second = new ArrayList<>();
        for (int i = 0; i < 2 * n; i++) {
            (i < n ? first : second).add(h.kmalloc(50));
        }
        long slab1 = first.get(0) & -KernelHeap.PAGE;
        long slab2 = second.get(0) & -KernelHeap.PAGE;
        assertNotEquals(slab1, slab2, "object n + 1 comes from a new slab");
        List<Integer> order1 = indices(first, slab1, 64);
        List<Integer> order2 = indices(second, slab2, 64);
        assertEquals(Set.copyOf(range(n)), new HashSet<>(order1), "every object of the slab, once");
        assertEquals(Set.copyOf(range(n)), new HashSet<>(order2));
        assertNotEquals(range(n), order1, "the freelist is randomised, not ascending");
        // both slabs walk the cache's one random sequence, from different starting points
        int shift = order2.indexOf(order1.get(0));
        for (int i = 0; i < n; i++) {
            assertEquals(order1.get(i), order2.get((i + shift) % n), "rotation at " + i);
        }
        assertTrue(slab1 >= KernelHeap.BASE && slab1 < KernelHeap.BASE + KernelHeap.SIZE);
    }

    @Test
    void freesAreLifo() {
        SlabHeap h = RV_612.start();
        long a = h.kmalloc(40);
        long b = h.kmalloc(40);
        h.kfree(a);
        assertEquals(a, h.kmalloc(64), "same class, the object just freed");
        assertNotEquals(b, a);
        assertThrows(IllegalArgumentException.class, () -> h.kfree(b + 8), "not an object start");
        h.kfree(b);
        assertThrows(IllegalArgumentException.class, () -> h.kfree(b), "double free");
        long big = h.kmalloc(20_000);
        assertEquals(32768, h.ksize(big));
        h.kfree(big);
        assertThrows(IllegalArgumentException.class, () -> h.ksize(big));
    }

    @Test
    void kcallocIsOneObjectAndLargeArraysArePageAligned() {
        SlabHeap h = RV_612.start();
        long ops = h.kcalloc(100, 224);
        assertEquals(32768, h.ksize(ops));
        assertEquals(0, ops % 32768, "order-3 pages are naturally aligned");
        long ten = h.kcalloc(10, 224);
        assertEquals(4096, h.ksize(ten));
        assertEquals(0, ten % 4096);
        assertThrows(IllegalArgumentException.class, () -> h.kcalloc(0, 224));
        assertThrows(IllegalArgumentException.class, () -> h.kcalloc(Long.MAX_VALUE, 224));
        assertThrows(IllegalArgumentException.class, () -> h.kmalloc(0));
    }

    @Test
    void arm64V62AlignsEverySmallObjectTo128() {
        SlabHeap old = ARM_62.start();
        SlabHeap now = ARM_612.start();
        for (int i = 0; i < 200; i++) {
            long a = old.kmalloc(8);
            assertEquals(0, a % 128, "6.2: 0x" + Long.toHexString(a));
            assertEquals(128, old.ksize(a));
            assertEquals(8, now.ksize(now.kmalloc(8)));
        }
    }

    @Test
    void objectsNeverOverlap() {
        SlabHeap h = KernelHeap.builder(Arch.ARM64).seed(3).build().start();
        TreeMap<Long, Long> taken = new TreeMap<>();
        long[] sizes = {8, 32, 48, 88, 200, 224 * 10, 8192, 224 * 100};
        for (int i = 0; i < 600; i++) {
            long a = h.kmalloc(sizes[i % sizes.length]);
            long n = h.ksize(a);
            var below = taken.floorEntry(a + n - 1);
            assertTrue(below == null || below.getKey() + below.getValue() <= a, "0x" + Long.toHexString(a) + " overlaps");
            taken.put(a, n);
            if (i % 7 == 3) {
                h.kfree(a);
                taken.remove(a);
            }
        }
    }

    @Test
    void sameSeedSameLayoutOtherSeedsDiffer() {
        assertEquals(layout(RV_612), layout(RV_612));
        assertEquals(layout(RV_612.withSeed(5)), layout(RV_612.withSeed(5)));
        Set<List<Long>> seen = new HashSet<>();
        for (long s : KernelHeap.seeds(8)) {
            seen.add(layout(RV_612.withSeed(s)));
        }
        assertEquals(8, seen.size(), "8 seeds, 8 layouts");
        assertEquals(List.of(1L, 2L, 3L), KernelHeap.seeds(3));
        assertEquals(KernelHeap.DEFAULT_SEED, KernelHeap.seeds(3).get(0));
    }

    @Test
    void versionsParse() {
        assertEquals(new KernelHeap.Version(6, 2), KernelHeap.Version.parse("6.2-rc4"));
        assertEquals(new KernelHeap.Version(6, 12), KernelHeap.Version.parse("v6.12.117"));
        assertTrue(KernelHeap.Version.parse("6.4").before(KernelHeap.Version.parse("6.12")));
        assertThrows(IllegalArgumentException.class, () -> KernelHeap.Version.parse("six"));
        assertThrows(IllegalArgumentException.class, () -> KernelHeap.builder(Arch.ARM64).minAlign(12).build());
    }

    /** What the sample allocates for three ops: the arrays, then per ops scratch hash, entry, hash, buckets. */
    private static List<Long> layout(KernelHeap spec) {
        SlabHeap h = spec.start();
        List<Long> a = new ArrayList<>();
        a.add(h.kcalloc(3, 224));
        for (int i = 0; i < 3; i++) {
            long scratch = h.kmalloc(48);
            long scratchBuckets = h.kcalloc(1024, 8);
            a.add(h.kmalloc(32));
            a.add(h.kmalloc(48));
            a.add(h.kcalloc(1, 8));
            h.kfree(scratchBuckets);
            h.kfree(scratch);
        }
        return a;
    }

    private static List<Integer> indices(List<Long> objects, long slab, long size) {
        return objects.stream().map(a -> {
            assertEquals(slab, a & -KernelHeap.PAGE, "same slab");
            assertEquals(0, (a - slab) % size);
            return (int) ((a - slab) / size);
        }).toList();
    }

    private static List<Integer> range(int n) {
        List<Integer> r = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.add(i);
        }
        return r;
    }
}
