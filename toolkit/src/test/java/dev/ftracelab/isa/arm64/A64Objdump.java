package dev.ftracelab.isa.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.isa.DecodeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The harness of the AArch64 objdump agreement tests: assembles a batch of instructions (forms
 * or {@code .inst} words) with the cross assembler, runs {@code objdump -d} once on it, and
 * compares each listed instruction with what our decoder and disassembler print. Tests call
 * {@link #require} first: without the tools they are skipped (a failure in CI).
 *
 * <pre>{@code
 * A64Objdump.require();
 * Path obj = A64Objdump.assemble(tmp, "hints", A64Objdump.inst(0xd503201f), "-march=armv8.5-a");
 * int decoded = A64Objdump.assertAgrees(tmp, obj, A64Objdump.EVERY_WORD);
 * }</pre>
 */
public final class A64Objdump {
    public static final String AS = "aarch64-linux-gnu-as";
    /** Every listed word must decode and print as objdump prints it. */
    public static final Predicate<A64Insn> EVERY_WORD = null;
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\s+([0-9a-f]{8})\\s+(.*)$");
    /** Mismatches listed in a failure message. */
    private static final int SHOWN = 40;

    private A64Objdump() {
    }

    /** Skips the test (fails it in CI) unless the assembler and objdump run. */
    public static void require() {
        A64CrossTools.require(AS, A64CrossTools.OBJDUMP);
    }

    /** Assembles {@code source} as {@code name}.s in {@code dir}; returns the object file. */
    public static Path assemble(Path dir, String name, CharSequence source, String... asFlags) {
        try {
            Files.writeString(dir.resolve(name + ".s"), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>(List.of(AS));
        cmd.addAll(List.of(asFlags));
        cmd.addAll(List.of(name + ".s", "-o", name + ".o"));
        A64CrossTools.check(dir, cmd);
        return dir.resolve(name + ".o");
    }

    /** {@code n} random words that {@code keep} takes (an encoding group), in the order drawn. */
    public static int[] randomWords(Random random, int n, IntPredicate keep) {
        int[] words = new int[n];
        for (int k = 0; k < n; ) {
            int w = random.nextInt();
            if (keep.test(w)) {
                words[k++] = w;
            }
        }
        return words;
    }

    /** The words as {@code .inst} lines for {@link #assemble}. */
    public static String inst(int... words) {
        StringBuilder sb = new StringBuilder();
        for (int w : words) {
            sb.append(".inst 0x").append(Integer.toHexString(w)).append('\n');
        }
        return sb.toString();
    }

    /**
     * Compares every instruction {@code objdump -d} lists in {@code file} with our text and
     * returns how many we decoded and compared. With {@link #EVERY_WORD}, a word we do not
     * decode is a mismatch; otherwise words we do not decode, or that {@code subset} does not
     * take, are skipped (random words: only the class a test owns is compared).
     */
    public static int assertAgrees(Path dir, Path file, Predicate<A64Insn> subset) {
        String listing = A64CrossTools.check(dir, List.of(A64CrossTools.OBJDUMP, "-d", file.toAbsolutePath().toString()));
        List<String> mismatches = new ArrayList<>();
        int count = 0;
        int decoded = 0;
        for (String line : listing.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            count++;
            long pc = Long.parseUnsignedLong(m.group(1), 16);
            int word = (int) Long.parseLong(m.group(2), 16);
            String expected = normalise(m.group(3));
            String actual;
            try {
                A64Insn i = A64Decoder.decode(pc, word);
                if (subset != EVERY_WORD && !subset.test(i)) {
                    continue;
                }
                actual = normalise(A64Isa.INSTANCE.disassemble(pc, i));
                decoded++;
            } catch (DecodeException e) {
                if (subset != EVERY_WORD) {
                    continue;
                }
                actual = "<" + e.getMessage() + ">";
            }
            if (!expected.equals(actual)) {
                mismatches.add(String.format("%x: %08x objdump '%s' ours '%s'", pc, word, expected, actual));
            }
        }
        assertTrue(count > 0, "objdump listed no instruction in " + file);
        assertEquals(List.of(), mismatches.subList(0, Math.min(SHOWN, mismatches.size())),
                file + ": " + mismatches.size() + " of " + count + " differ");
        return decoded;
    }

    /** Drops {@code <sym+off>} and {@code // comments}, collapses whitespace. */
    public static String normalise(String text) {
        return text.replaceAll("//.*$", "").replaceAll("<[^>]*>", "").trim().replaceAll("\\s+", " ");
    }
}
