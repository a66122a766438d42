package dev.ftracelab.cost;

/** The cache structures of the cost model. */
final class Caches {
    private Caches() {
    }

    /** A set-associative cache with LRU replacement, tracking tags only. */
    static final class SetAssociative {
        private final int sets;
        private final int ways;
        private final int lineShift;
        /** line + 1 per way (0 = empty), set after set. */
        private final long[] tags;
        private final long[] lastUse;
        private long clock;

        SetAssociative(Profile.Cache c) {
            this.sets = c.sets();
            this.ways = c.ways();
            this.lineShift = Integer.numberOfTrailingZeros(c.lineBytes());
            this.tags = new long[sets * ways];
            this.lastUse = new long[sets * ways];
        }

        /** Looks {@code address} up and fills it on a miss; whether it hit. */
        boolean access(long address) {
            long line = address >>> lineShift;
            int base = (int) Long.remainderUnsigned(line, sets) * ways;
            int victim = base;
            clock++;
            for (int w = base; w < base + ways; w++) {
                if (tags[w] == line + 1) {
                    lastUse[w] = clock;
                    return true;
                }
                if (lastUse[w] < lastUse[victim]) {
                    victim = w;
                }
            }
            tags[victim] = line + 1;
            lastUse[victim] = clock;
            return false;
        }
    }
}
