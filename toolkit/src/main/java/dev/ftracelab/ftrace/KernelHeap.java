package dev.ftracelab.ftrace;

import dev.ftracelab.isa.Arch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where the kernel's {@code kmalloc} would put things: the rules of SLUB's kmalloc caches for one
 * arch and kernel version, and a seed that stands for everything a real boot leaves to chance
 * (which pages the slabs get, where each slab's randomised freelist starts, how full the slabs
 * already are). Immutable; {@link #start()} gives a fresh, deterministic {@link SlabHeap}.
 *
 * <p>The rules modelled (restated from the kernel's slab code, checked against Debian's 6.12
 * configs where they depend on the build):
 * <ul>
 *   <li>Size classes 8, 16, 32, 64, 96, 128, 192, 256, 512, 1k, 2k, 4k, 8k bytes: a request is
 *       rounded up to the next class. Nothing is smaller than the minimum alignment, and the 96 and
 *       192 classes exist only where that minimum is at most 32 and 64 bytes.
 *   <li>Minimum alignment: arm64 before v6.5 aligned every kmalloc to its DMA alignment, 128
 *       bytes ({@code ARCH_KMALLOC_MINALIGN = ARCH_DMA_MINALIGN}), so classes start at 128 and have
 *       no 96 or 192. From v6.5 the minimum is 8 when a swiotlb buffer exists to bounce unaligned
 *       DMA ({@code CONFIG_DMA_BOUNCE_UNALIGNED_KMALLOC=y} in Debian's 6.12 arm64 and riscv64
 *       configs; both arches then allocate such a buffer at boot). riscv64 is modelled with 8 at
 *       every version; override with {@link Builder#minAlign(int)} for a kernel that differs.
 *   <li>Requests above 8 KiB (two pages) bypass the caches: the page allocator hands out
 *       2^order naturally aligned pages.
 *   <li>A slab is 2^order pages, the smallest order (at most 3) that holds
 *       {@code 4 * (fls(cpus) + 1)} objects (or as many as order 3 holds) without wasting more than
 *       a sixteenth of the slab.
 *   <li>{@code CONFIG_SLAB_FREELIST_RANDOM=y} (Debian, both arches): each cache draws one random
 *       permutation of its slab's objects when created; every new slab hands its objects out in
 *       that order, starting at a random position and wrapping.
 *   <li>Frees are LIFO: a freed object is the next one its slab hands out.
 *   <li>{@code CONFIG_SHUFFLE_PAGE_ALLOCATOR=y}: slab pages are placed at random, naturally aligned
 *       addresses in a 1 GiB guest range ({@link #BASE}).
 *   <li>The first slab each cache uses is already partly taken by the rest of the kernel: the
 *       first k objects of its freelist, k uniform in [0, objects) (off with {@link Builder#busy}).
 * </ul>
 *
 * <pre>{@code
 * KernelHeap spec = KernelHeap.builder(Arch.ARM64).kernel("6.2").seed(3).build();
 * spec.sizeClass(48);                 // 128: arm64 before v6.5
 * SlabHeap heap = spec.start();
 * long ops = heap.kcalloc(10, 224);   // one 4 KiB object (kmalloc-4k)
 * }</pre>
 *
 * @param arch the kernel's arch
 * @param kernel the kernel version (the minimum alignment depends on it)
 * @param seed everything a boot leaves to chance; same seed, same layout
 * @param cpus CPUs the kernel booted with (slab orders depend on it)
 * @param minAlign the kmalloc minimum alignment, from arch and version unless overridden
 * @param busy whether the first slab of each cache is already partly used by others
 */
public record KernelHeap(Arch arch, Version kernel, long seed, int cpus, int minAlign, boolean busy) {
    /** The seed of a model built without one. Any fixed value would do; 1 keeps seeds 1..N natural. */
    public static final long DEFAULT_SEED = 1;
    /** The kernel version a model is built for by default: Debian trixie's. */
    public static final String DEFAULT_KERNEL = "6.12";
    /**
     * CPUs by default. estimate: the VisionFive 2 has 4 cores; the M1 figures came from a VM of
     * unpublished size. With 4 to 7 CPUs SLUB wants 16 objects a slab.
     */
    public static final int DEFAULT_CPUS = 4;
    public static final long PAGE = 4096;
    /** Larger requests go to the page allocator (SLUB's {@code KMALLOC_MAX_CACHE_SIZE}: two pages). */
    public static final long MAX_CACHE_SIZE = 2 * PAGE;
    /** Guest address range standing for the RAM slab pages come from. */
    public static final long BASE = 0x1_0000_0000L;
    public static final long SIZE = 1L << 30;
    /** SLUB's {@code slub_max_order} default ({@code PAGE_ALLOC_COSTLY_ORDER}). */
    static final int MAX_SLAB_ORDER = 3;

    /** A kernel version, {@code major.minor} (a patch level or -rc suffix is accepted and ignored). */
    public record Version(int major, int minor) implements Comparable<Version> {
        public Version {
            if (major < 2 || minor < 0) {
                throw new IllegalArgumentException("not a kernel version: " + major + "." + minor);
            }
        }

        /**
         * Parses {@code "6.12"}, {@code "6.2-rc4"} or {@code "6.12.117"}.
         *
         * @throws IllegalArgumentException if it does not start with {@code major.minor}
         */
        public static Version parse(String s) {
            var m = java.util.regex.Pattern.compile("v?(\\d+)\\.(\\d+)(?:[.-].*)?").matcher(s.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("expected a kernel version like 6.12 or 6.2-rc4, got '" + s + "'");
            }
            return new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }

        public boolean before(Version o) {
            return compareTo(o) < 0;
        }

        @Override
        public int compareTo(Version o) {
            return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
        }

        @Override
        public String toString() {
            return major + "." + minor;
        }
    }

    /** The version that dropped arm64's 128-byte kmalloc minimum alignment. */
    static final Version SMALL_KMALLOC_ARM64 = new Version(6, 5);

    public KernelHeap {
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(kernel, "kernel");
        if (cpus < 1) {
            throw new IllegalArgumentException("cpus must be at least 1, got " + cpus);
        }
        if (minAlign < 8 || Integer.bitCount(minAlign) != 1 || minAlign > PAGE) {
            throw new IllegalArgumentException("the kmalloc minimum alignment must be a power of two from 8 to "
                    + PAGE + ", got " + minAlign);
        }
    }

    /** The minimum alignment the kernel's own rules give {@code arch} at {@code kernel}. */
    public static int minAlignOf(Arch arch, Version kernel) {
        return arch == Arch.ARM64 && kernel.before(SMALL_KMALLOC_ARM64) ? 128 : 8;
    }

    /** Debian 6.12's heap for {@code arch} with {@link #DEFAULT_SEED}. */
    public static KernelHeap of(Arch arch) {
        return builder(arch).build();
    }

    public static Builder builder(Arch arch) {
        return new Builder(arch);
    }

    /** This heap with another seed. */
    public KernelHeap withSeed(long s) {
        return new KernelHeap(arch, kernel, s, cpus, minAlign, busy);
    }

    /** Seeds {@code 1..n}: the default layout and {@code n - 1} others, for a spread over layouts. */
    public static List<Long> seeds(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one seed, got " + n);
        }
        List<Long> s = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            s.add(DEFAULT_SEED + i);
        }
        return s;
    }

    /** Builds a {@link KernelHeap}; unset fields take the defaults above. */
    public static final class Builder {
        private final Arch arch;
        private Version kernel = Version.parse(DEFAULT_KERNEL);
        private long seed = DEFAULT_SEED;
        private int cpus = DEFAULT_CPUS;
        private Integer minAlign;
        private boolean busy = true;

        private Builder(Arch arch) {
            this.arch = Objects.requireNonNull(arch);
        }

        /** The kernel version, e.g. {@code "6.12"} or {@code "6.2"}. */
        public Builder kernel(String version) {
            this.kernel = Version.parse(version);
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder cpus(int n) {
            this.cpus = n;
            return this;
        }

        /** Overrides the minimum alignment the arch and version give (e.g. 64 for a riscv kernel without DMA bouncing). */
        public Builder minAlign(int bytes) {
            this.minAlign = bytes;
            return this;
        }

        /** Whether the first slab of each cache is already partly used by the rest of the kernel (default true). */
        public Builder busy(boolean b) {
            this.busy = b;
            return this;
        }

        public KernelHeap build() {
            return new KernelHeap(arch, kernel, seed, cpus, minAlign != null ? minAlign : minAlignOf(arch, kernel), busy);
        }
    }

    /** The smallest kmalloc class ({@code KMALLOC_MIN_SIZE}). */
    public long minSize() {
        return Math.max(8, minAlign);
    }

    /**
     * Bytes {@code kmalloc(size)} really takes: its size class, or for a request above
     * {@link #MAX_CACHE_SIZE} the pages it gets from the page allocator.
     *
     * @throws IllegalArgumentException for a size below 1
     */
    public long sizeClass(long size) {
        if (size < 1) {
            throw new IllegalArgumentException("kmalloc size must be at least 1 (kmalloc(0) returns no object), got " + size);
        }
        if (size > MAX_CACHE_SIZE) {
            return PAGE << order(size);
        }
        long min = minSize();
        long s = Math.max(size, min);
        if (min <= 32 && s > 64 && s <= 96) {
            return 96;
        }
        if (min <= 64 && s > 128 && s <= 192) {
            return 192;
        }
        return s <= 8 ? 8 : Long.highestOneBit(s - 1) << 1; // the next power of two
    }

    /** Whether {@code kmalloc(size)} comes from a slab cache rather than straight from the page allocator. */
    public boolean fromSlab(long size) {
        return size <= MAX_CACHE_SIZE;
    }

    /** The page order of a slab of the kmalloc cache for objects of {@code sizeClass} bytes. */
    public int slabOrder(long sizeClass) {
        int minObjects = 4 * (32 - Integer.numberOfLeadingZeros(cpus) + 1);
        minObjects = (int) Math.min(minObjects, Math.max(1, (PAGE << MAX_SLAB_ORDER) / sizeClass));
        int first = order(minObjects * sizeClass);
        for (int fraction = 16; fraction > 1; fraction /= 2) {
            for (int o = first; o <= MAX_SLAB_ORDER; o++) {
                long slab = PAGE << o;
                if (slab % sizeClass <= slab / fraction) {
                    return o;
                }
            }
        }
        return MAX_SLAB_ORDER;
    }

    /** Objects in one slab of the cache for {@code sizeClass}. */
    public int objectsPerSlab(long sizeClass) {
        return (int) ((PAGE << slabOrder(sizeClass)) / sizeClass);
    }

    /** A new, empty heap laid out by this spec. */
    public SlabHeap start() {
        return new SlabHeap(this);
    }

    /** The page order that holds {@code bytes} (the kernel's {@code get_order}). */
    static int order(long bytes) {
        int o = 0;
        while ((PAGE << o) < bytes) {
            o++;
        }
        return o;
    }

    @Override
    public String toString() {
        return arch.id() + " " + kernel + " kmalloc (min align " + minAlign + ", seed " + seed + ")";
    }
}
