package dev.ftracelab.isa;

/**
 * What an instruction does to memory, as far as ordering and store-to-load dependencies go: how
 * many bytes it reads or writes from its effective address (both registers of a pair), whether it
 * has acquire or release semantics, and, for a fence, which earlier and later accesses it orders.
 * Instances are interned: an executor may ask for one per retired instruction without allocating.
 *
 * <pre>{@code
 * MemoryAccess m = A64Decoder.decode(0, 0xa9400be1).memoryAccess(); // ldp x1, x2, [sp]
 * m.bytes();   // 16
 * m.reads();   // true
 * MemoryAccess f = RvDecoder.decode(0, 0x0330000f).memoryAccess(); // fence rw,rw
 * f.orders(MemoryAccess.W, MemoryAccess.R); // true: earlier stores before later loads
 * }</pre>
 *
 * @param bytes     bytes accessed at the effective address (0 for no access)
 * @param reads     reads memory (a load, the read half of an atomic)
 * @param writes    writes memory (a store, the write half of an atomic; a store-conditional is
 *                  counted as writing, its outcome is not known here)
 * @param order     the access's own ordering semantics
 * @param fence     for a fence: which (earlier kind, later kind) pairs it orders, one bit per pair
 *                  (see {@link #orders}); a set, not pred x succ, because {@code fence.tso} orders
 *                  every pair but an earlier store before a later load
 */
public record MemoryAccess(int bytes, boolean reads, boolean writes, Order order, int fence) {

    /** Fence set bit: reads (loads). The RISC-V encoding's R and W bits. */
    public static final int R = 2;
    /** Fence set bit: writes (stores). */
    public static final int W = 1;

    /** An access's own ordering. */
    public enum Order {
        /** No ordering of its own. */
        PLAIN,
        /** Later accesses are not performed before it (arm64 ldaxr/ldar, RISC-V .aq). */
        ACQUIRE,
        /** As {@link #ACQUIRE}, but may pass an earlier release store to another address (arm64 ldapr). */
        ACQUIRE_PC,
        /** Performed only after every earlier access (arm64 stlr, RISC-V .rl). */
        RELEASE,
        /** Both (arm64 ldaddal, casal; RISC-V .aqrl). */
        ACQUIRE_RELEASE;

        public boolean acquires() {
            return this == ACQUIRE || this == ACQUIRE_PC || this == ACQUIRE_RELEASE;
        }

        public boolean releases() {
            return this == RELEASE || this == ACQUIRE_RELEASE;
        }
    }

    /** Neither an access nor a fence. */
    public static final MemoryAccess NONE = new MemoryAccess(0, false, false, Order.PLAIN, 0);

    /** The largest access: LD4/ST4 of four 16-byte registers. */
    public static final int MAX_BYTES = 64;
    private static final MemoryAccess[] TABLE = new MemoryAccess[(MAX_BYTES + 1) * 4 * Order.values().length];
    private static final MemoryAccess[] FENCES = new MemoryAccess[16];

    static {
        for (int n = 1; n <= MAX_BYTES; n++) {
            for (int rw = 1; rw < 4; rw++) {
                for (Order o : Order.values()) {
                    TABLE[index(n, rw, o)] = new MemoryAccess(n, (rw & 2) != 0, (rw & 1) != 0, o, 0);
                }
            }
        }
        for (int i = 1; i < 16; i++) {
            FENCES[i] = new MemoryAccess(0, false, false, Order.PLAIN, i);
        }
        FENCES[0] = NONE;
    }

    private static int index(int bytes, int rw, Order o) {
        return (bytes * 4 + rw) * Order.values().length + o.ordinal();
    }

    /** A plain load of {@code bytes} (1 to {@link #MAX_BYTES}). */
    public static MemoryAccess load(int bytes) {
        return of(bytes, true, false, Order.PLAIN);
    }

    /** A plain store of {@code bytes}. */
    public static MemoryAccess store(int bytes) {
        return of(bytes, false, true, Order.PLAIN);
    }

    /**
     * The interned access; {@code bytes} is from 1 to {@link #MAX_BYTES} (a structure load of three
     * registers moves 3, 6, 12, 24 or 48 bytes).
     */
    public static MemoryAccess of(int bytes, boolean reads, boolean writes, Order order) {
        if (bytes < 1 || bytes > MAX_BYTES || !(reads || writes)) {
            throw new IllegalArgumentException("no memory access of " + bytes + " bytes, reads " + reads
                    + ", writes " + writes);
        }
        return TABLE[index(bytes, (reads ? 2 : 0) | (writes ? 1 : 0), order)];
    }

    /**
     * A fence ordering every earlier access of a kind in {@code pred} before every later access of
     * a kind in {@code succ} ({@link #R} / {@link #W} bits, as RISC-V's {@code fence pred,succ}).
     */
    public static MemoryAccess fence(int pred, int succ) {
        int set = 0;
        for (int e : new int[] {R, W}) {
            for (int l : new int[] {R, W}) {
                if ((pred & e) != 0 && (succ & l) != 0) {
                    set |= pair(e, l);
                }
            }
        }
        return FENCES[set];
    }

    /** RISC-V {@code fence.tso}: as {@code fence rw,rw} except that a later load may pass an earlier store. */
    public static MemoryAccess fenceTso() {
        return FENCES[pair(R, R) | pair(R, W) | pair(W, W)];
    }

    /** Whether this is a fence that orders anything. */
    public boolean isFence() {
        return fence != 0;
    }

    /** Whether this fence orders earlier accesses of kind {@code earlier} before later ones of kind {@code later}. */
    public boolean orders(int earlier, int later) {
        return (fence & pair(earlier, later)) != 0;
    }

    /** Whether this fence orders some earlier access before later accesses of kind {@code later}. */
    public boolean ordersBefore(int later) {
        return orders(R, later) || orders(W, later);
    }

    private static int pair(int earlier, int later) {
        return 1 << ((earlier == R ? 2 : 0) + (later == R ? 1 : 0));
    }
}
