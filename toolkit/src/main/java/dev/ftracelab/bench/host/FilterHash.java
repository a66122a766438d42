package dev.ftracelab.bench.host;

import java.util.Arrays;

/**
 * An ops' filter or notrace hash: the set of call addresses it applies to, as the kernel keeps it
 * — open hashing with chained buckets, keyed by {@code hash_64(ip, bits)}, sized to about half
 * the entries (at most 2^12 buckets), as {@code __ftrace_hash_move} sizes a committed hash.
 * Immutable: a changed filter is a new hash swapped in.
 *
 * <pre>{@code
 * FilterHash h = FilterHash.of(0xffff800080010040L);
 * h.contains(0xffff800080010040L);   // true
 * }</pre>
 */
public final class FilterHash {
    /** The kernel's {@code GOLDEN_RATIO_64}, the multiplier of {@code hash_64}. */
    public static final long GOLDEN_RATIO_64 = 0x61c8864680b583ebL;
    /** {@code FTRACE_HASH_MAX_BITS}. */
    public static final int MAX_BITS = 12;
    /** No addresses: as a filter, "everything"; as a notrace hash, "nothing". */
    public static final FilterHash EMPTY = of();

    private record Entry(long ip, Entry next) {
    }

    private final Entry[] buckets;
    private final int bits;
    private final int count;

    private FilterHash(long[] ips) {
        this.count = ips.length;
        this.bits = bitsFor(ips.length);
        this.buckets = new Entry[1 << bits];
        for (long ip : ips) {
            int key = key(ip);
            buckets[key] = new Entry(ip, buckets[key]);
        }
    }

    /** A hash of these addresses (duplicates count once). */
    public static FilterHash of(long... ips) {
        return new FilterHash(Arrays.stream(ips).distinct().toArray());
    }

    /** The number of bucket bits for {@code count} entries: about count / 2 buckets, at most 2^12. */
    static int bitsFor(int count) {
        int bits = 0;
        for (int size = count / 2; size > 0; size >>= 1) {
            bits++;
        }
        return Math.min(bits, MAX_BITS);
    }

    /** {@code hash_64(ip, bits)}: the top {@code bits} bits of the product. */
    static int hash64(long ip, int bits) {
        return (int) ((ip * GOLDEN_RATIO_64) >>> (64 - bits));
    }

    private int key(long ip) {
        return bits == 0 ? 0 : hash64(ip, bits); // a shift by 64 would be a shift by 0 in Java
    }

    /** Whether {@code ip} is in the hash ({@code ftrace_lookup_ip}). */
    public boolean contains(long ip) {
        for (Entry e = buckets[key(ip)]; e != null; e = e.next) {
            if (e.ip == ip) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public int size() {
        return count;
    }

    /** The number of buckets (a power of two). */
    public int buckets() {
        return buckets.length;
    }
}
