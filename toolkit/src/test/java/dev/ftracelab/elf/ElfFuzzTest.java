package dev.ftracelab.elf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ftracelab.util.BadInputException;

/**
 * {@link ElfFile#parse} and every accessor on arbitrary bytes either work or throw
 * {@link BadInputException}; anything else (IndexOutOfBounds, NegativeArraySize, OutOfMemory,
 * a hang) is a bug. In the normal test run this replays the committed inputs in
 * {@code src/test/resources/dev/ftracelab/elf/ElfFuzzTestInputs/parse/} (real ELFs and broken
 * ones); {@code JAZZER_FUZZ=1} fuzzes from them instead.
 */
class ElfFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parse(byte[] data) {
        ElfFile elf;
        try {
            elf = ElfFile.parse(data, "fuzz-input");
        } catch (BadInputException expected) {
            return;
        }
        exercise(elf);
    }

    /** Calls every accessor; each one may reject the input only with a BadInputException. */
    static void exercise(ElfFile elf) {
        for (Section s : elf.sections()) {
            tolerate(() -> {
                // NOBITS sizes are not backed by the file: materialising them is capped, but skip
                // the large ones so the fuzzer spends its time on parsing.
                if (!s.isNobits() || s.size() <= 1 << 16) {
                    elf.contents(s);
                }
            });
            if (s.type() == Section.SHT_RELA) {
                tolerate(() -> elf.relocations(s));
            }
            tolerate(() -> elf.functionAt(s, s.address()));
        }
        for (Segment s : elf.segments()) {
            elf.segmentBytes(s);
        }
        for (Symbol s : elf.symbols()) {
            elf.symbol(s.name());
            elf.functionAt(s.value());
        }
        tolerate(elf::patchSites);
        elf.section(".text");
        elf.toString();
    }

    private static void tolerate(Runnable r) {
        try {
            r.run();
        } catch (BadInputException expected) {
            // Malformed input detected lazily, with its offset: fine.
        }
    }
}
