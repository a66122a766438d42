package dev.ftracelab.util;

import java.util.Arrays;
import java.util.function.LongFunction;

/**
 * A map from {@code long} keys to objects with open addressing: no boxing, for the emulator's
 * page tables, which are looked up on every memory access that misses the TLB.
 *
 * @param <V> value type
 */
public final class LongMap<V> {
    private long[] keys;
    private Object[] values;
    private int size;
    private int mask;

    public LongMap() {
        this(16);
    }

    public LongMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new Object[cap];
        mask = cap - 1;
    }

    private static int hash(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** The value for {@code key}, or null. */
    @SuppressWarnings("unchecked")
    public V get(long key) {
        for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null) {
                return null;
            }
            if (keys[i] == key) {
                return (V) v;
            }
        }
    }

    /** Sets the value for {@code key} (non-null); returns the previous one or null. */
    @SuppressWarnings("unchecked")
    public V put(long key, V value) {
        if (value == null) {
            throw new NullPointerException("value");
        }
        for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null) {
                keys[i] = key;
                values[i] = value;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return null;
            }
            if (keys[i] == key) {
                values[i] = value;
                return (V) v;
            }
        }
    }

    /** The value for {@code key}, created with {@code make} if absent. */
    public V computeIfAbsent(long key, LongFunction<V> make) {
        V v = get(key);
        if (v == null) {
            v = make.apply(key);
            put(key, v);
        }
        return v;
    }

    public int size() {
        return size;
    }

    public void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    /** Calls {@code action} for every entry, in no particular order. */
    @SuppressWarnings("unchecked")
    public void forEach(java.util.function.BiConsumer<Long, V> action) {
        for (int i = 0; i < keys.length; i++) {
            if (values[i] != null) {
                action.accept(keys[i], (V) values[i]);
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                for (int j = hash(oldKeys[i]) & mask; ; j = (j + 1) & mask) {
                    if (values[j] == null) {
                        keys[j] = oldKeys[i];
                        values[j] = oldValues[i];
                        size++;
                        break;
                    }
                }
            }
        }
    }
}
