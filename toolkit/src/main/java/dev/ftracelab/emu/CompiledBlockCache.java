package dev.ftracelab.emu;

import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.Instruction;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Compiled blocks by content, shared by all harts and machines. A compiled block's code depends
 * only on its arch, instruction words and addresses, so another hart, or a rerun of the same
 * program on a fresh machine, reuses a class the JIT has already optimized instead of warming up
 * a new one. The one piece of process-wide state in the emulator, and it cannot change results:
 * it memoizes a pure function. Bounded: it starts over after {@value #LIMIT} blocks.
 */
public final class CompiledBlockCache {
    static final int LIMIT = 8192;

    private record Key(Arch arch, int[] words, long[] pcs) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && arch == k.arch && Arrays.equals(words, k.words) && Arrays.equals(pcs, k.pcs);
        }

        @Override
        public int hashCode() {
            return (arch.hashCode() * 31 + Arrays.hashCode(words)) * 31 + Arrays.hashCode(pcs);
        }
    }

    private static final Map<Key, CompiledBlock> CACHE = new ConcurrentHashMap<>();

    private CompiledBlockCache() {
    }

    /** The compiled block for these instructions at these addresses, if some hart compiled it already. */
    public static CompiledBlock peek(Instruction[] insns, long[] pcs) {
        return CACHE.get(key(insns, pcs));
    }

    /** The compiled block for these instructions at these addresses, compiling it on first use. */
    public static CompiledBlock get(Instruction[] insns, long[] pcs,
                                    BiFunction<Instruction[], long[], CompiledBlock> compiler) {
        Key key = key(insns, pcs);
        CompiledBlock c = CACHE.get(key);
        if (c == null) {
            if (CACHE.size() >= LIMIT) {
                CACHE.clear();
            }
            c = compiler.apply(insns, pcs);
            CACHE.put(key, c);
        }
        return c;
    }

    private static Key key(Instruction[] insns, long[] pcs) {
        int[] words = new int[insns.length];
        for (int k = 0; k < words.length; k++) {
            words[k] = insns[k].word();
        }
        return new Key(insns[0].arch(), words, pcs.clone());
    }
}
