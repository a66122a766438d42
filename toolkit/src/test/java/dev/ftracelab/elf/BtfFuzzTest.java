package dev.ftracelab.elf;

import static dev.ftracelab.testing.FuzzInputs.badInputOnly;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ftracelab.util.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Btf#parse} of arbitrary bytes, then every decoded type (its C name and size), every
 * named member of every named struct and union (with an index into the arrays), every
 * enumerator, and the struct sizes and member offsets the toolkit asks a kernel's BTF for (and
 * those of the seed): each works or throws {@link BadInputException}, and the answers agree with
 * one another. Committed inputs: {@code src/test/resources/dev/ftracelab/elf/BtfFuzzTestInputs/parse/};
 * {@code JAZZER_FUZZ=1 ./mvnw -B test -Dtest=BtfFuzzTest} fuzzes.
 */
class BtfFuzzTest {
    /** struct, member path: what KernelListPath reads, and the seeds' own names. */
    private static final List<String[]> QUERIES = List.of(
            new String[] {"ftrace_ops", "func"},
            new String[] {"ftrace_ops", "local_hash.filter_hash"},
            new String[] {"task_struct", "stack_canary"},
            new String[] {"task_struct", "thread_info.preempt.need_resched"},
            new String[] {"ftrace_func_entry", "hlist.next"},
            new String[] {"ftrace_func_entry", "ip"},
            new String[] {"ftrace_hash", "buckets"},
            new String[] {"outer", "a"},
            new String[] {"outer", "ti.pc"},
            new String[] {"outer", "ti.need"},
            new String[] {"outer", "bits"},
            new String[] {"outer", "arr[1]"},
            new String[] {"outer", "grid[1][2].x"},
            new String[] {"last", "x"});
    /** Member look-ups per input: each may walk the whole input, so a bound keeps inputs fast. */
    private static final int MAX_MEMBER_QUERIES = 2000;

    @FuzzTest(maxDuration = "2m")
    @Timeout(30)
    void parse(byte[] data) {
        Btf btf;
        try {
            btf = Btf.parse(data, "fuzz-input .BTF");
        } catch (BadInputException expected) {
            return;
        }
        for (String[] q : QUERIES) {
            badInputOnly(() -> btf.size(q[0]));
            badInputOnly(() -> btf.offset(q[0], q[1]));
            badInputOnly(() -> btf.member(q[0], q[1]));
        }
        int queries = 0;
        for (int id = 0; id < btf.typeCount(); id++) {
            BtfType t = btf.type(id);
            int typeId = id;
            btf.typeName(id); // never refuses an id in range
            badInputOnly(() -> btf.sizeOf(typeId));
            if (t instanceof BtfType.Enum e) {
                for (BtfType.Enumerator v : e.values()) {
                    check(btf.enumValue(v.name()).isPresent(), "enumerator " + v.name() + " not found");
                }
            }
            if (!(t instanceof BtfType.Composite c) || c.name().isEmpty()) {
                continue;
            }
            check(btf.hasStruct(c.name()) || c.union(), "struct " + c.name() + " not found");
            for (BtfType.Member m : c.members()) {
                if (m.name().isEmpty() || queries++ >= MAX_MEMBER_QUERIES) {
                    continue;
                }
                memberAgrees(btf, c.name(), m.name());
                memberAgrees(btf, c.name(), m.name() + "[1]");
                memberAgrees(btf, c.name(), m.name() + "[0][0]." + m.name());
            }
        }
    }

    /** member() and offset() agree; a byte-aligned non-bit-field has offset == byteOffset. */
    private static void memberAgrees(Btf btf, String struct, String path) {
        BtfMember m;
        try {
            m = btf.member(struct, path);
        } catch (BadInputException expected) {
            return;
        }
        check(m.byteOffset() == Math.floorDiv(m.bitOffset(), 8), "byteOffset of " + path);
        if (!m.isBitfield() && m.bitOffset() % 8 == 0) {
            check(btf.offset(struct, path) == m.byteOffset(), "offset of " + path);
        } else {
            check(!badInputOnly(() -> btf.offset(struct, path)), "offset of bit field " + path);
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("invariant broken: " + what);
        }
    }
}
