package dev.ftracelab.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path tmp;

    @Test
    void failedWriteKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
        Path f = tmp.resolve("table.txt");
        AtomicFiles.writeString(f, "old");
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("half of the new".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("table.txt"), names(tmp));
    }

    @Test
    void failedDirectoryKeepsTheOldOne() throws IOException {
        Path d = tmp.resolve("report");
        AtomicFiles.replaceDirectory(d, dir -> Files.writeString(dir.resolve("a"), "1"));
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.replaceDirectory(d, dir -> {
            Files.writeString(dir.resolve("b"), "2");
            throw new IOException("crash");
        }));
        assertEquals(List.of("a"), names(d));
        assertEquals(List.of("report"), names(tmp));
        AtomicFiles.replaceDirectory(d, dir -> Files.writeString(dir.resolve("c"), "3"));
        assertEquals(List.of("c"), names(d));
        assertEquals(List.of("report"), names(tmp));
    }

    @Test
    void writesCreateMissingParents() throws IOException {
        Path f = tmp.resolve("a/b/c.bin");
        AtomicFiles.writeBytes(f, new byte[] {1, 2});
        assertEquals(2, Files.size(f));
        AtomicFiles.deleteQuietly(tmp.resolve("a"));
        assertFalse(Files.exists(tmp.resolve("a")));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
