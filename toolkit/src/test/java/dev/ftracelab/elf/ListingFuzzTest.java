package dev.ftracelab.elf;

import static dev.ftracelab.testing.FuzzInputs.badInputOnly;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ftracelab.util.BadInputException;
import org.junit.jupiter.api.Timeout;

/**
 * The disassembly listing ({@code disasm}) of an arbitrary ELF: {@link Listing#of},
 * {@link Listing#toText} and {@link Listing#function} for its first function symbols either work
 * or throw {@link BadInputException}. Committed inputs:
 * {@code src/test/resources/dev/ftracelab/elf/ListingFuzzTestInputs/listing/};
 * {@code JAZZER_FUZZ=1 ./mvnw -B test -Dtest=ListingFuzzTest} fuzzes.
 */
class ListingFuzzTest {
    @FuzzTest(maxDuration = "2m")
    @Timeout(30)
    void listing(byte[] data) {
        ElfFile elf;
        try {
            elf = ElfFile.parse(data, "fuzz-input");
        } catch (BadInputException expected) {
            return;
        }
        Listing[] l = new Listing[1];
        if (!badInputOnly(() -> l[0] = Listing.of(elf))) {
            return;
        }
        l[0].toText();
        int n = 0;
        for (Symbol s : elf.symbols()) {
            if (s.type() == SymbolType.FUNC && n++ < 4) {
                badInputOnly(() -> l[0].function(s.name()).toText());
            }
        }
        badInputOnly(() -> l[0].function("no such function"));
    }
}
