package dev.ftracelab.emu;

import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.Hash;
import dev.ftracelab.util.InputFiles;
import dev.ftracelab.util.LongMap;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sparse, little-endian guest memory shared by all harts of a {@link Machine}: 4 KiB pages with
 * read / write / execute permissions. Mapping records a range; a page object is made when the
 * page is first touched (read, written or fetched), so mapping a terabyte costs nothing. The
 * pages touched are bounded by {@link #maxTouched} ({@link #DEFAULT_MAX_TOUCHED} by default):
 * touching more is refused with a {@link BadInputException}, not an out-of-memory error.
 *
 * <p>Guest accesses ({@code load*}, {@code store*}) check permissions and throw
 * {@link MemoryFault}; loader and patcher accesses ({@link #write}, {@link #read}) do not — they
 * model the kernel writing text through its own mapping. Not thread-safe: one scheduler thread
 * drives all harts, which is also what makes interleavings reproducible.
 *
 * <pre>{@code
 * Memory m = new Memory();
 * m.map(0x10000, 0x1000, Memory.R | Memory.X);
 * m.write(0x10000, code);
 * long v = m.load64(0x10000);
 * }</pre>
 */
public final class Memory {
    public static final int PAGE_BITS = 12;
    public static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final long OFFSET_MASK = PAGE_SIZE - 1;

    /** Default bound on guest memory touched: 4 GiB (a program touching more is refused). */
    public static final long DEFAULT_MAX_TOUCHED = 4L << 30;

    /** Permission bits. */
    public static final int R = 1;
    public static final int W = 2;
    public static final int X = 4;

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** What every untouched page reads: mapping 8 MiB of stack must not allocate 8 MiB. */
    private static final byte[] ZERO_PAGE = new byte[PAGE_SIZE];

    /**
     * One page: its bytes (the shared zero page until first written) and permissions. A page whose
     * {@code epoch} is older than the memory's shares its bytes with a {@link Checkpoint}: it copies
     * them before its next write.
     */
    final class Page {
        private byte[] data = ZERO_PAGE;
        int perms;
        final long pn;
        private long epoch = -1; // older than any memory epoch: the first write allocates
        private boolean tracked; // in the list of pages written since checkpoints began

        Page(long pn, int perms) {
            this.pn = pn;
            this.perms = perms;
        }

        /** The bytes, for writing: a page of its own from the first write on (and after each checkpoint). */
        byte[] own() {
            if (epoch != Memory.this.epoch) {
                copyOnWrite(this);
            }
            return data;
        }
    }

    /**
     * The content of every page written since checkpoints began, frozen: {@link #restore} brings it
     * back. Pages share their bytes with the checkpoints that saw them until written again, so a
     * checkpoint costs a reference per written page, not a copy.
     */
    public static final class Checkpoint {
        private final long[] pns;
        private final byte[][] data;

        private Checkpoint(long[] pns, byte[][] data) {
            this.pns = pns;
            this.data = data;
        }
    }

    // Checkpoints (the patch-safety explorer): pages written since the first one, and their bytes before it.
    private boolean checkpointing;
    private final List<Page> written = new ArrayList<>();
    private final List<byte[]> original = new ArrayList<>();
    private long epoch;

    private void copyOnWrite(Page p) {
        if (checkpointing && !p.tracked) {
            p.tracked = true;
            written.add(p);
            original.add(p.data);
        }
        p.data = p.data == ZERO_PAGE ? new byte[PAGE_SIZE] : p.data.clone();
        p.epoch = epoch;
        forgetBytes(p.pn);
    }

    /**
     * Freezes the current content of memory. The first checkpoint starts tracking writes; later
     * ones record the pages written since.
     *
     * <pre>{@code
     * Memory.Checkpoint c = mem.checkpoint();
     * mem.store64(addr, 42);
     * mem.restore(c);     // addr holds its old value again
     * }</pre>
     */
    public Checkpoint checkpoint() {
        if (!checkpointing) {
            checkpointing = true;
        }
        long[] pns = new long[written.size()];
        byte[][] data = new byte[written.size()][];
        for (int i = 0; i < pns.length; i++) {
            Page p = written.get(i);
            pns[i] = p.pn;
            data[i] = p.data;
        }
        epoch++; // every page now shares its bytes with this checkpoint: its next write copies them
        flushTlb();
        return new Checkpoint(pns, data);
    }

    /** Brings back the content memory had at {@code c} (mappings and permissions are not recorded). */
    public void restore(Checkpoint c) {
        int k = 0;
        for (int i = 0; i < written.size(); i++) {
            Page p = written.get(i);
            if (k < c.pns.length && c.pns[k] == p.pn) {
                p.data = c.data[k++];
            } else {
                p.data = original.get(i); // written only after c was taken
            }
        }
        epoch++;
        version++;
        flushTlb();
    }

    private final LongMap<Page> pages = new LongMap<>(256);
    /** Mapped ranges of page numbers, by first page: [first, end) with their permissions; disjoint. */
    private final TreeMap<Long, Region> regions = new TreeMap<>();
    private long maxTouched = DEFAULT_MAX_TOUCHED;
    // A small direct-mapped cache of page lookups; page numbers are stored +1 so 0 means empty.
    private static final int TLB_SIZE = 64;
    private final long[] tlbTag = new long[TLB_SIZE];
    private final Page[] tlbPage = new Page[TLB_SIZE];
    // The loads' and stores' own caches, of the bytes themselves: a readable page's, and a writable
    // page's once it owns them (after its copy-on-write). Dropped whenever a page's bytes are
    // replaced (copy on write, restore), at a checkpoint, and when mappings or permissions change.
    private final long[] readTag = new long[TLB_SIZE];
    private final byte[][] readBytes = new byte[TLB_SIZE][];
    private final long[] writeTag = new long[TLB_SIZE];
    private final byte[][] writeBytes = new byte[TLB_SIZE][];
    private long version;

    private record Region(long first, long end, int perms) {
    }

    /**
     * Bounds the guest memory touched (pages read, written or fetched, 4 KiB each) to
     * {@code bytes}; the page that would pass it is refused with a {@link BadInputException}.
     *
     * <pre>{@code
     * m.maxTouched(64L << 20);   // a program touching more than 64 MiB stops with exit status 2
     * }</pre>
     */
    public void maxTouched(long bytes) {
        if (bytes < PAGE_SIZE) {
            throw new IllegalArgumentException("a memory limit must be at least one page (4 KiB), got " + bytes);
        }
        maxTouched = bytes;
    }

    /** The bound set by {@link #maxTouched(long)}. */
    public long maxTouched() {
        return maxTouched;
    }

    /**
     * Maps [addr, addr+size) rounded out to pages, zero-filled; existing pages get {@code perms}.
     * Only the range is recorded: pages are made when first touched.
     *
     * @throws IllegalArgumentException if the range wraps past 2^64
     */
    public void map(long addr, long size, int perms) {
        if (size == 0) { // a "negative" size is 2^63 or more: mapped (lazily) or refused if it wraps
            return;
        }
        long first = addr >>> PAGE_BITS;
        long last = lastPage(addr, size);
        setRegion(first, last + 1, perms);
        flushTlb();
    }

    /** Changes permissions of mapped pages in [addr, addr+size). */
    public void protect(long addr, long size, int perms) {
        long first = addr >>> PAGE_BITS;
        long last = lastPage(addr, size);
        for (long pn = first; pn <= last; ) {
            Region r = region(pn);
            if (r == null) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "page 0x%x is not mapped", pn << PAGE_BITS));
            }
            pn = r.end;
        }
        setRegion(first, last + 1, perms);
        flushTlb();
    }

    private static long lastPage(long addr, long size) {
        long end = addr + size - 1;
        if (Long.compareUnsigned(end, addr) < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "range 0x%x + 0x%x wraps past 2^64", addr, size));
        }
        return end >>> PAGE_BITS;
    }

    /** Gives pages [first, end) {@code perms}: splits the regions it overlaps, updates pages already made. */
    private void setRegion(long first, long end, int perms) {
        Map.Entry<Long, Region> below = regions.lowerEntry(first);
        if (below != null && below.getValue().end > first) {
            Region r = below.getValue();
            regions.put(r.first, new Region(r.first, first, r.perms));
            if (r.end > end) {
                regions.put(end, new Region(end, r.end, r.perms));
            }
        }
        for (Region r : List.copyOf(regions.subMap(first, true, end, false).values())) {
            regions.remove(r.first);
            if (r.end > end) {
                regions.put(end, new Region(end, r.end, r.perms));
            }
        }
        regions.put(first, new Region(first, end, perms));
        // Pages already made keep their own permissions: visit the fewer of the range and the pages.
        if (end - first <= pages.size()) {
            for (long pn = first; pn < end; pn++) {
                Page p = pages.get(pn);
                if (p != null) {
                    p.perms = perms;
                }
            }
        } else {
            pages.forEach((pn, p) -> {
                if (pn >= first && pn < end) {
                    p.perms = perms;
                }
            });
        }
    }

    /** The mapped region holding page {@code pn}, or null. */
    private Region region(long pn) {
        Map.Entry<Long, Region> e = regions.floorEntry(pn);
        return e != null && e.getValue().end > pn ? e.getValue() : null;
    }

    /** The page {@code pn}, made on first touch if it is mapped; null if it is not. */
    private Page touch(long pn) {
        Page p = pages.get(pn);
        if (p != null) {
            return p;
        }
        Region r = region(pn);
        if (r == null) {
            return null;
        }
        if ((pages.size() + 1L) * PAGE_SIZE > maxTouched) {
            throw new BadInputException(String.format(Locale.ROOT, "guest memory: touching page 0x%x would pass the limit of %s"
                    + " touched: expected a program that touches less (run --max-memory raises the limit)",
                    pn << PAGE_BITS, InputFiles.size(maxTouched)));
        }
        p = new Page(pn, r.perms);
        pages.put(pn, p);
        return p;
    }

    /** Whether the byte at {@code addr} is mapped. */
    public boolean isMapped(long addr) {
        long pn = addr >>> PAGE_BITS;
        return pages.get(pn) != null || region(pn) != null;
    }

    /** Permission bits of the page holding {@code addr}, or 0 if unmapped. */
    public int permissions(long addr) {
        long pn = addr >>> PAGE_BITS;
        Page p = pages.get(pn);
        if (p != null) {
            return p.perms;
        }
        Region r = region(pn);
        return r == null ? 0 : r.perms;
    }

    /** Number of mapped pages (touched or not). */
    public long mappedPages() {
        long n = 0;
        for (Region r : regions.values()) {
            n += r.end - r.first;
        }
        return n;
    }

    /** Number of pages touched so far: the ones that cost memory. */
    public int touchedPages() {
        return pages.size();
    }

    /**
     * Incremented on every privileged write: lets a hart's fetch cache tell whether text may have
     * changed (it still keeps its stale copy until flushed — that is the point).
     */
    public long version() {
        return version;
    }

    private void flushTlb() {
        Arrays.fill(tlbTag, 0);
        Arrays.fill(tlbPage, null);
        Arrays.fill(readTag, 0);
        Arrays.fill(readBytes, null);
        Arrays.fill(writeTag, 0);
        Arrays.fill(writeBytes, null);
    }

    private void forgetBytes(long pn) {
        int i = (int) pn & (TLB_SIZE - 1);
        readTag[i] = 0;
        readBytes[i] = null;
        writeTag[i] = 0;
        writeBytes[i] = null;
    }

    /** The bytes of the readable page holding {@code addr}: the loads' fast path. */
    private byte[] readBytes(long addr) {
        long pn = addr >>> PAGE_BITS;
        int i = (int) pn & (TLB_SIZE - 1);
        if (readTag[i] == pn + 1) {
            return readBytes[i];
        }
        return readMiss(addr);
    }

    private byte[] readMiss(long addr) {
        byte[] b = readable(addr).data;
        long pn = addr >>> PAGE_BITS;
        int i = (int) pn & (TLB_SIZE - 1);
        readTag[i] = pn + 1;
        readBytes[i] = b;
        return b;
    }

    /** The bytes of the writable page holding {@code addr}, owned (copied if shared): the stores' fast path. */
    private byte[] writeBytes(long addr) {
        long pn = addr >>> PAGE_BITS;
        int i = (int) pn & (TLB_SIZE - 1);
        if (writeTag[i] == pn + 1) {
            return writeBytes[i];
        }
        return writeMiss(addr);
    }

    private byte[] writeMiss(long addr) {
        byte[] b = writable(addr); // may copy the page, which forgets its slot: fill it after
        long pn = addr >>> PAGE_BITS;
        int i = (int) pn & (TLB_SIZE - 1);
        writeTag[i] = pn + 1;
        writeBytes[i] = b;
        // a read through the old bytes would miss this write
        if (readTag[i] == pn + 1) {
            readBytes[i] = b;
        }
        return b;
    }

    private Page page(long addr, Access access) {
        long pn = addr >>> PAGE_BITS;
        int i = (int) pn & (TLB_SIZE - 1);
        if (tlbTag[i] == pn + 1) {
            return tlbPage[i];
        }
        Page p = touch(pn);
        if (p == null) {
            throw new MemoryFault(addr, access, "unmapped");
        }
        tlbTag[i] = pn + 1;
        tlbPage[i] = p;
        return p;
    }

    private Page readable(long addr) {
        Page p = page(addr, Access.READ);
        if ((p.perms & R) == 0) {
            throw new MemoryFault(addr, Access.READ, "not readable");
        }
        return p;
    }

    private byte[] writable(long addr) {
        Page p = page(addr, Access.WRITE);
        if ((p.perms & W) == 0) {
            throw new MemoryFault(addr, Access.WRITE, "not writable");
        }
        return p.own();
    }

    /** The page for an instruction fetch: mapped and executable. */
    byte[] executablePage(long addr) {
        Page p = page(addr, Access.FETCH);
        if ((p.perms & X) == 0) {
            throw new MemoryFault(addr, Access.FETCH, "not executable");
        }
        return p.data;
    }

    private static boolean crosses(long addr, int size) {
        return (addr & OFFSET_MASK) > PAGE_SIZE - size;
    }

    public int load8(long addr) {
        return readBytes(addr)[(int) (addr & OFFSET_MASK)] & 0xff;
    }

    public int load16(long addr) {
        if (crosses(addr, 2)) {
            return (int) loadSlow(addr, 2);
        }
        return (short) I16.get(readBytes(addr), (int) (addr & OFFSET_MASK)) & 0xffff;
    }

    public int load32(long addr) {
        if (crosses(addr, 4)) {
            return (int) loadSlow(addr, 4);
        }
        return (int) I32.get(readBytes(addr), (int) (addr & OFFSET_MASK));
    }

    public long load64(long addr) {
        if (crosses(addr, 8)) {
            return loadSlow(addr, 8);
        }
        return (long) I64.get(readBytes(addr), (int) (addr & OFFSET_MASK));
    }

    private long loadSlow(long addr, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | load8(addr + i);
        }
        return v;
    }

    public void store8(long addr, int value) {
        writeBytes(addr)[(int) (addr & OFFSET_MASK)] = (byte) value;
    }

    public void store16(long addr, int value) {
        if (crosses(addr, 2)) {
            storeSlow(addr, value, 2);
            return;
        }
        I16.set(writeBytes(addr), (int) (addr & OFFSET_MASK), (short) value);
    }

    public void store32(long addr, int value) {
        if (crosses(addr, 4)) {
            storeSlow(addr, value, 4);
            return;
        }
        I32.set(writeBytes(addr), (int) (addr & OFFSET_MASK), value);
    }

    public void store64(long addr, long value) {
        if (crosses(addr, 8)) {
            storeSlow(addr, value, 8);
            return;
        }
        I64.set(writeBytes(addr), (int) (addr & OFFSET_MASK), value);
    }

    private void storeSlow(long addr, long value, int size) {
        for (int i = 0; i < size; i++) {
            writable(addr + i); // check every byte before writing any: no partial stores
        }
        for (int i = 0; i < size; i++) {
            writable(addr + i)[(int) ((addr + i) & OFFSET_MASK)] = (byte) (value >>> (8 * i));
        }
    }

    /**
     * Privileged write (loader, patcher): ignores permissions but requires the pages to be mapped.
     *
     * @throws IllegalArgumentException if a page is not mapped
     */
    public void write(long addr, byte[] data) {
        write(addr, data, 0, data.length);
    }

    public void write(long addr, byte[] data, int offset, int length) {
        chunks(addr, length, "write to", (p, off, i, n) -> System.arraycopy(data, offset + i, p.own(), off, n));
        version++;
    }

    /** Privileged little-endian write of {@code size} bytes (1, 2, 4 or 8) of {@code value}. */
    public void writeValue(long addr, long value, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        write(addr, b);
    }

    /** Privileged read of {@code length} bytes; unmapped bytes are an error. */
    public byte[] read(long addr, int length) {
        byte[] out = new byte[length];
        chunks(addr, length, "read of", (p, off, i, n) -> System.arraycopy(p.data, off, out, i, n));
        return out;
    }

    /**
     * A 64-bit hash of the bytes in [addr, addr+length), mixed into {@code seed}: for fingerprints
     * of machine states. Unmapped bytes are an error.
     */
    public long hash(long addr, int length, long seed) {
        long[] h = {seed};
        chunks(addr, length, "hash of", (p, off, i, n) -> {
            byte[] d = p.data;
            int k = 0;
            for (; k + 8 <= n; k += 8) {
                h[0] = Hash.mix(h[0], (long) I64.get(d, off + k));
            }
            for (; k < n; k++) {
                h[0] = Hash.mix(h[0], d[off + k]);
            }
        });
        return h[0];
    }

    /** The part of a privileged access that falls in one page. */
    @FunctionalInterface
    private interface Chunk {
        void accept(Page page, int pageOffset, int done, int length);
    }

    /** Walks [addr, addr+length) page by page; an unmapped page is an IllegalArgumentException naming {@code what}. */
    private void chunks(long addr, int length, String what, Chunk c) {
        for (int i = 0; i < length; ) {
            long a = addr + i;
            Page p = touch(a >>> PAGE_BITS);
            if (p == null) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s unmapped 0x%x", what, a));
            }
            int off = (int) (a & OFFSET_MASK);
            int n = Math.min(length - i, PAGE_SIZE - off);
            c.accept(p, off, i, n);
            i += n;
        }
    }

    /** Privileged little-endian read of {@code size} bytes (1, 2, 4 or 8). */
    public long readValue(long addr, int size) {
        byte[] b = read(addr, size);
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }
}
