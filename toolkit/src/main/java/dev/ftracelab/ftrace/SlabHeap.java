package dev.ftracelab.ftrace;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Map.Entry;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A kmalloc heap laid out by a {@link KernelHeap}: hands out guest addresses the way SLUB would,
 * and nothing else (it does not touch guest memory). Deterministic: the same spec and the same
 * calls give the same addresses. Not thread-safe; one per model.
 *
 * <pre>{@code
 * SlabHeap h = KernelHeap.of(Arch.RISCV64).start();
 * long hash = h.kmalloc(48);   // a kmalloc-64 object
 * h.ksize(hash);               // 64
 * h.kfree(hash);
 * h.kmalloc(40) == hash;       // true: frees are LIFO
 * }</pre>
 */
public final class SlabHeap {
    private final KernelHeap spec;
    /** Page placement: one stream, drawn in the order slabs and large blocks are needed. */
    private final SplittableRandom pageRandom;
    /** Every page block in use (slabs and large allocations): base → bytes. */
    private final TreeMap<Long, Long> blocks = new TreeMap<>();
    private final TreeMap<Long, Slab> slabs = new TreeMap<>();
    private final Map<Long, Cache> caches = new TreeMap<>();
    /** Objects handed out by this heap and not freed: address → bytes (size class or large block). */
    private final Map<Long, Long> live = new HashMap<>();

    /** A kmalloc cache: its objects' size, slab geometry, random freelist sequence and slabs in use. */
    private static final class Cache {
        final long size;
        final int order;
        final int objects;
        final int[] sequence;
        final SplittableRandom random;
        /** The slab allocations come from (SLUB's per-CPU slab). */
        Slab cpu;
        /** Slabs that got an object back while not the CPU slab, most recent first. */
        final Deque<Slab> partial = new ArrayDeque<>();
        int slabsMade;

        Cache(KernelHeap spec, long size) {
            this.size = size;
            this.order = spec.slabOrder(size);
            this.objects = spec.objectsPerSlab(size);
            // a stream per cache, so one cache's layout does not depend on how much others allocated
            this.random = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + size);
            this.sequence = new int[objects];
            for (int i = 0; i < objects; i++) {
                sequence[i] = i;
            }
            for (int i = objects - 1; i > 0; i--) { // Fisher-Yates: the cache's random freelist order
                int j = random.nextInt(i + 1);
                int t = sequence[i];
                sequence[i] = sequence[j];
                sequence[j] = t;
            }
        }
    }

    private static final class Slab {
        final Cache cache;
        final long base;
        /** Free objects, the next one to hand out first. */
        final Deque<Long> free = new ArrayDeque<>();

        Slab(Cache cache, long base) {
            this.cache = cache;
            this.base = base;
        }
    }

    SlabHeap(KernelHeap spec) {
        this.spec = spec;
        this.pageRandom = new SplittableRandom(spec.seed());
    }

    public KernelHeap spec() {
        return spec;
    }

    /**
     * The address of a new object of at least {@code size} bytes.
     *
     * @throws IllegalArgumentException for a size below 1
     * @throws IllegalStateException if the heap's range is full
     */
    public long kmalloc(long size) {
        long bytes = spec.sizeClass(size);
        long a;
        if (!spec.fromSlab(size)) {
            a = placeBlock(bytes);
        } else {
            Cache c = caches.computeIfAbsent(bytes, s -> new Cache(spec, s));
            if (c.cpu == null || c.cpu.free.isEmpty()) {
                c.cpu = c.partial.isEmpty() ? newSlab(c) : c.partial.removeFirst();
            }
            a = c.cpu.free.removeFirst();
        }
        live.put(a, bytes);
        return a;
    }

    /**
     * {@code kcalloc(n, size)}: one object for an array of {@code n} elements of {@code size}
     * bytes (element {@code i} at {@code address + i * size}).
     *
     * @throws IllegalArgumentException if {@code n} or {@code size} is below 1, or their product overflows
     */
    public long kcalloc(long n, long size) {
        if (n < 1 || size < 1) {
            throw new IllegalArgumentException("kcalloc needs n >= 1 and size >= 1, got " + n + " x " + size);
        }
        try {
            return kmalloc(Math.multiplyExact(n, size));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("kcalloc(" + n + ", " + size + ") overflows", e);
        }
    }

    /**
     * Gives back an object from {@link #kmalloc}: it becomes the next object its slab hands out.
     *
     * @throws IllegalArgumentException if {@code address} is not a live object of this heap
     */
    public void kfree(long address) {
        Long bytes = live.remove(address);
        if (bytes == null) {
            throw new IllegalArgumentException("kfree(0x" + Long.toHexString(address) + "): not a live object of this heap");
        }
        Entry<Long, Slab> e = slabs.floorEntry(address);
        if (e == null || e.getValue().base + (KernelHeap.PAGE << e.getValue().cache.order) <= address) {
            blocks.remove(address); // a large allocation: its pages go back
            return;
        }
        Slab s = e.getValue();
        s.free.addFirst(address);
        if (s != s.cache.cpu && !s.cache.partial.contains(s)) {
            s.cache.partial.addFirst(s);
        }
    }

    /**
     * Bytes of the live object at {@code address} (its size class, or the pages of a large one).
     *
     * @throws IllegalArgumentException if {@code address} is not a live object of this heap
     */
    public long ksize(long address) {
        Long bytes = live.get(address);
        if (bytes == null) {
            throw new IllegalArgumentException("ksize(0x" + Long.toHexString(address) + "): not a live object of this heap");
        }
        return bytes;
    }

    private Slab newSlab(Cache c) {
        Slab s = new Slab(c, placeBlock(KernelHeap.PAGE << c.order));
        int start = c.random.nextInt(c.objects);
        for (int i = 0; i < c.objects; i++) {
            s.free.addLast(s.base + c.size * c.sequence[(start + i) % c.objects]);
        }
        if (spec.busy() && c.slabsMade == 0) {
            // the slab the cache was using when the sample loaded: others hold its first objects
            for (int k = c.random.nextInt(c.objects); k > 0; k--) {
                s.free.removeFirst();
            }
        }
        c.slabsMade++;
        slabs.put(s.base, s);
        return s;
    }

    /** A free, naturally aligned block of {@code bytes} (a power of two pages) at a random place. */
    private long placeBlock(long bytes) {
        long slots = KernelHeap.SIZE / bytes;
        for (int attempt = 0; attempt < 10_000; attempt++) {
            long at = KernelHeap.BASE + pageRandom.nextLong(slots) * bytes;
            Entry<Long, Long> below = blocks.floorEntry(at + bytes - 1);
            if (below == null || below.getKey() + below.getValue() <= at) {
                blocks.put(at, bytes);
                return at;
            }
        }
        throw new IllegalStateException("the kernel heap (" + (KernelHeap.SIZE >> 20) + " MiB) has no room for "
                + bytes + " more bytes");
    }
}
