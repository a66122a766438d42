package dev.ftracelab.elf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Which allocated section holds an address: the first executable one in table order, else the
 * first allocated one (sections may overlap). Built once in O(n log n) by a sweep over the
 * section bounds; each look-up is a binary search, so a table of m patch sites in a file of n
 * sections costs O((n + m) log n) instead of a scan of every section per entry.
 *
 * <pre>{@code
 * SectionIndex index = new SectionIndex(elf.sections());
 * Section text = index.containing(0x10078);   // null if no allocated section holds it
 * }</pre>
 */
final class SectionIndex {
    /** Start of each elementary interval (as unsigned, biased to sort as signed), ascending. */
    private final long[] starts;
    /** The section answering for {@code [starts[i], starts[i + 1])}, or null. */
    private final Section[] owners;

    SectionIndex(List<Section> sections) {
        // Events {biased address, +(index + 1) entering or -(index + 1) leaving}.
        List<long[]> events = new ArrayList<>();
        for (Section s : sections) {
            if (!s.isAllocated() || s.size() == 0) {
                continue;
            }
            long first = s.address();
            long last = first + s.size() - 1;
            long in = s.index() + 1L;
            events.add(new long[] {bias(first), in});
            if (Long.compareUnsigned(last, first) < 0) { // wraps past 2^64: also [0, last]
                events.add(new long[] {bias(0), in});
            }
            if (last != -1L) {
                events.add(new long[] {bias(last + 1), -in});
            }
        }
        events.sort(Comparator.comparingLong(e -> e[0]));
        TreeSet<Integer> executable = new TreeSet<>();
        TreeSet<Integer> allocated = new TreeSet<>();
        long[] keys = new long[events.size()];
        Section[] answers = new Section[events.size()];
        int n = 0;
        for (int i = 0; i < events.size(); ) {
            long key = events.get(i)[0];
            for (; i < events.size() && events.get(i)[0] == key; i++) {
                long e = events.get(i)[1];
                int index = (int) (Math.abs(e) - 1);
                boolean exec = sections.get(index).isExecutable();
                if (e > 0) {
                    allocated.add(index);
                    if (exec) {
                        executable.add(index);
                    }
                } else {
                    allocated.remove(index);
                    executable.remove(index);
                }
            }
            keys[n] = key;
            Integer best = !executable.isEmpty() ? executable.first() : allocated.isEmpty() ? null : allocated.first();
            answers[n++] = best == null ? null : sections.get(best);
        }
        starts = Arrays.copyOf(keys, n);
        owners = Arrays.copyOf(answers, n);
    }

    /** The section holding {@code address} (unsigned), or null if no allocated section does. */
    Section containing(long address) {
        int i = Arrays.binarySearch(starts, bias(address));
        if (i < 0) {
            i = -i - 2; // the interval starting below the address
        }
        return i < 0 ? null : owners[i];
    }

    /** Unsigned order as signed order. */
    private static long bias(long unsigned) {
        return unsigned ^ Long.MIN_VALUE;
    }
}
