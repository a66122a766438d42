package dev.ftracelab.testing;

import dev.ftracelab.util.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Helpers for the Jazzer targets above the parsers. A target that needs several text files reads
 * one fuzz input cut at lines {@code --8<--}, so committed seeds stay readable text files:
 *
 * <pre>{@code
 * List<String> parts = FuzzInputs.parts(data, 2); // "a\n--8<--\nb" -> ["a", "b"]
 * }</pre>
 */
public final class FuzzInputs {
    /** The line that separates the parts of one input. */
    public static final String CUT = "\n--8<--\n";

    private FuzzInputs() {
    }

    /** The input as UTF-8 text (malformed bytes become U+FFFD, as a lenient reader would see them). */
    public static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** Exactly {@code n} parts of the text: missing ones are empty, extra cuts stay in the last part. */
    public static List<String> parts(byte[] data, int n) {
        String[] split = text(data).split(CUT, n);
        List<String> out = new ArrayList<>(List.of(split));
        while (out.size() < n) {
            out.add("");
        }
        return out;
    }

    /**
     * One scratch folder per thread, made once and removed when the JVM exits, in memory
     * ({@code /dev/shm}) where the machine has it: creating and removing files and a folder on
     * ext4 cost about a millisecond per input, more than most targets spend on one.
     */
    private static final ThreadLocal<Path> SCRATCH = ThreadLocal.withInitial(() -> {
        try {
            Path shm = Path.of("/dev/shm");
            Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "ftrace-lab-fuzz")
                    : Files.createTempDirectory("ftrace-lab-fuzz");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> removeAll(dir, true)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });

    /** An empty temporary folder (this thread's, emptied); {@link #delete} it in a finally block. */
    public static Path tempDir() {
        Path dir = SCRATCH.get();
        removeAll(dir, false);
        return dir;
    }

    /** Writes {@code text} to {@code file}, gzipped when the name ends in {@code .gz}. */
    public static Path write(Path file, byte[] bytes) {
        try {
            if (file.getFileName().toString().endsWith(".gz")) {
                try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                    out.write(bytes);
                }
            } else {
                Files.write(file, bytes);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #write(Path, byte[])} of UTF-8 text. */
    public static Path write(Path file, String text) {
        return write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Deletes everything in a folder made by {@link #tempDir} (the folder itself stays, for the next input). */
    public static void delete(Path dir) {
        removeAll(dir, false);
    }

    private static void removeAll(Path dir, boolean andDir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (andDir || !p.equals(dir)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            // nothing left to delete
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code r}; bad input may be refused only with a {@link BadInputException}. Anything
     * else it throws (another exception, or an Error such as OutOfMemoryError or
     * StackOverflowError) propagates and is a finding.
     *
     * @return whether {@code r} completed
     */
    public static boolean badInputOnly(Runnable r) {
        try {
            r.run();
            return true;
        } catch (BadInputException expected) {
            return false;
        }
    }
}
