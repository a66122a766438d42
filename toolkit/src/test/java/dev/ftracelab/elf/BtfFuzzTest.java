package dev.ftracelab.elf;

import static dev.ftracelab.testing.FuzzInputs.badInputOnly;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ftracelab.util.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Btf#parse} of arbitrary bytes, then the struct sizes and member offsets the toolkit asks
 * a kernel's BTF for (and those of the seed): each works or throws {@link BadInputException}.
 * Committed inputs: {@code src/test/resources/dev/ftracelab/elf/BtfFuzzTestInputs/parse/};
 * {@code JAZZER_FUZZ=1 ./mvnw -B test -Dtest=BtfFuzzTest} fuzzes.
 */
class BtfFuzzTest {
    /** struct, member path: what KernelListPath reads, and the seed's own names. */
    private static final List<String[]> QUERIES = List.of(
            new String[] {"ftrace_ops", "func"},
            new String[] {"task_struct", "stack_canary"},
            new String[] {"task_struct", "thread_info.preempt.need_resched"},
            new String[] {"ftrace_func_entry", "hlist.next"},
            new String[] {"ftrace_func_entry", "ip"},
            new String[] {"ftrace_hash", "buckets"},
            new String[] {"outer", "a"},
            new String[] {"outer", "ti.pc"},
            new String[] {"outer", "ti.need"},
            new String[] {"outer", "bits"},
            new String[] {"last", "x"});

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
        }
    }
}
