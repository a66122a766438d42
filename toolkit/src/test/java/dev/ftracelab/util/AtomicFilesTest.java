package dev.ftracelab.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(List.of("report"), visible(tmp));
        assertEquals(1, hidden(tmp).size(), "only the folder the link names: " + hidden(tmp));
        AtomicFiles.replaceDirectory(d, dir -> Files.writeString(dir.resolve("c"), "3"));
        assertEquals(List.of("c"), names(d));
        assertEquals(List.of("report"), visible(tmp));
        assertEquals(1, hidden(tmp).size(), "the previous folder is gone: " + hidden(tmp));
    }

    /**
     * Regression (issue 17): the swap was two renames (old folder aside, new one in), so a kill
     * between them left no folder. Now the name is a link, replaced by one rename of a fresh link
     * over it, and it names a complete folder at every instant.
     */
    @Test
    void theNameIsALinkSwappedByOneRenameToACompleteSibling() throws IOException {
        Path d = tmp.resolve("report");
        AtomicFiles.replaceDirectory(d, dir -> Files.writeString(dir.resolve("a"), "1"));
        assertTrue(Files.isSymbolicLink(d));
        Path first = Files.readSymbolicLink(d);
        assertEquals(1, first.getNameCount(), "a relative link to a sibling: " + first);
        assertTrue(first.toString().startsWith(".report.v-"), first.toString());
        AtomicFiles.replaceDirectory(d, dir -> {
            // while the new folder is being filled, the name still names the old, complete one
            assertEquals("1", Files.readString(d.resolve("a")));
            Files.writeString(dir.resolve("a"), "2");
        });
        assertEquals("2", Files.readString(d.resolve("a")));
        assertFalse(Files.exists(tmp.resolve(first)), "old folder removed after the swap");
        assertEquals(List.of(Files.readSymbolicLink(d).toString(), "report"), names(tmp));
    }

    /** A real folder in the way (a report of an older version) is replaced, and by a link from then on. */
    @Test
    void aRealFolderOfAnOlderVersionIsReplacedByALink() throws IOException {
        Path d = tmp.resolve("report");
        Files.createDirectories(d);
        Files.writeString(d.resolve("old"), "x");
        AtomicFiles.replaceDirectory(d, dir -> Files.writeString(dir.resolve("new"), "y"));
        assertTrue(Files.isSymbolicLink(d));
        assertEquals(List.of("new"), names(d));
        assertEquals(List.of("report"), visible(tmp));
        assertEquals(1, hidden(tmp).size(), hidden(tmp).toString());
    }

    /**
     * Regression (issue 17): kills during writing left {@code .R.<n>} folders behind for good.
     * The next run removes the leftovers of its own name (this version's and older versions'),
     * and nothing else.
     */
    @Test
    void leftoversOfAKilledRunAreRemovedByTheNextOne() throws IOException {
        Path d = tmp.resolve("report");
        for (String stale : List.of(".report.123", ".report.old.456", ".report.v-789", ".report.old-12")) {
            Files.createDirectories(tmp.resolve(stale));
            Files.writeString(tmp.resolve(stale).resolve("half"), "of a report");
        }
        Files.createSymbolicLink(tmp.resolve(".report.link-34"), Path.of(".report.v-789"));
        Files.writeString(tmp.resolve(".table.txt.5678.tmp"), "half a file");
        for (String mine : List.of(".report.notes", ".reports.1", "report2")) {
            Files.createDirectories(tmp.resolve(mine));
        }
        AtomicFiles.replaceDirectory(d, dir -> Files.writeString(dir.resolve("a"), "1"));
        AtomicFiles.writeString(tmp.resolve("table.txt"), "whole");
        assertEquals(java.util.stream.Stream.of(".report.notes", ".reports.1", Files.readSymbolicLink(d).toString(),
                "report", "report2", "table.txt").sorted().toList(), names(tmp));
    }

    /**
     * Regression (issue 17): a write deleted every {@code .NAME.*.tmp} as a leftover, also the
     * one another running writer was filling, whose rename then failed. Only a writer that no
     * longer runs leaves leftovers, and so does an earlier run whose pid this one has now.
     */
    @Test
    void aWriteLeavesTheTemporaryFileOfAWriterThatStillRuns() throws IOException, InterruptedException {
        Process other = new ProcessBuilder("sleep", "60").start();
        Process gone = new ProcessBuilder("true").start();
        try {
            gone.waitFor();
            String running = ".table.txt." + other.pid() + "-123.tmp";
            String mine = ".table.txt." + ProcessHandle.current().pid() + "-456.tmp";
            String killed = ".table.txt." + gone.pid() + "-789.tmp";
            // a run before this one that had this pid (containers reuse them): older than this process
            String reused = ".table.txt." + ProcessHandle.current().pid() + "-321.tmp";
            for (String f : List.of(running, mine, killed, reused)) {
                Files.writeString(tmp.resolve(f), "being written");
            }
            java.time.Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
            Files.setLastModifiedTime(tmp.resolve(reused),
                    java.nio.file.attribute.FileTime.from(started.minus(java.time.Duration.ofHours(1))));
            AtomicFiles.writeString(tmp.resolve("table.txt"), "whole");
            assertEquals(java.util.stream.Stream.of(running, mine, "table.txt").sorted().toList(), names(tmp));
            assertEquals("whole", Files.readString(tmp.resolve("table.txt")));
        } finally {
            other.destroy();
        }
    }

    /**
     * Regression (issue 17): {@code census --export} replaced a dataset file by file, so a kill
     * between files left new sections with old functions. A failure while the set is being
     * written leaves the old set, and no staging folder.
     */
    @Test
    void aSetOfFilesIsReplacedAsAUnit() throws IOException {
        List<String> unit = List.of("k.a", "k.b", "k.c");
        AtomicFiles.replaceFiles(tmp, unit, stage -> {
            Files.writeString(stage.resolve("k.a"), "a1");
            Files.writeString(stage.resolve("k.b"), "b1");
            Files.writeString(stage.resolve("k.c"), "c1");
        });
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.replaceFiles(tmp, unit, stage -> {
            Files.writeString(stage.resolve("k.a"), "a2");
            throw new IOException("killed before k.b");
        }));
        assertEquals(List.of("k.a", "k.b", "k.c"), names(tmp));
        assertEquals("a1b1c1", Files.readString(tmp.resolve("k.a")) + Files.readString(tmp.resolve("k.b"))
                + Files.readString(tmp.resolve("k.c")));
        AtomicFiles.replaceFiles(tmp, unit, stage -> {
            Files.writeString(stage.resolve("k.a"), "a3");
            Files.writeString(stage.resolve("k.b"), "b3");
        });
        assertEquals(List.of("k.a", "k.b"), names(tmp), "k.c is not in the new set: deleted; no staging folder");
        assertEquals("a3b3", Files.readString(tmp.resolve("k.a")) + Files.readString(tmp.resolve("k.b")));
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.replaceFiles(tmp, unit,
                stage -> Files.writeString(stage.resolve("other"), "x")), "a file outside the set is refused");
        assertEquals(List.of("k.a", "k.b"), names(tmp));
    }

    /**
     * A kill after the set was committed (its journal written) but between the renames: readers
     * see the new set through {@link AtomicFiles#committed}, and the next call finishes the swap;
     * an uncommitted staging folder is simply removed.
     */
    @Test
    void aCommittedSwapCutShortIsReadWholeAndFinishedNextTime() throws IOException {
        Files.writeString(tmp.resolve("k.b"), "b-old");
        Files.writeString(tmp.resolve("k.a"), "a-new"); // already renamed into place
        Path stage = Files.createDirectory(tmp.resolve(".ftrace-lab-staging-42"));
        Files.writeString(stage.resolve("k.b"), "b-new"); // not yet
        Files.writeString(stage.resolve("COMMITTED"), "move k.a\nmove k.b\n");
        Path uncommitted = Files.createDirectory(tmp.resolve(".ftrace-lab-staging-43"));
        Files.writeString(uncommitted.resolve("k.a"), "a-never");

        assertEquals("a-new", Files.readString(AtomicFiles.committed(tmp.resolve("k.a"))));
        assertEquals("b-new", Files.readString(AtomicFiles.committed(tmp.resolve("k.b"))));

        AtomicFiles.replaceFiles(tmp, List.of("z"), s -> Files.writeString(s.resolve("z"), "z"));
        assertEquals(List.of("k.a", "k.b", "z"), names(tmp));
        assertEquals("a-new b-new", Files.readString(tmp.resolve("k.a")) + " " + Files.readString(tmp.resolve("k.b")));
        assertEquals(tmp.resolve("k.b"), AtomicFiles.committed(tmp.resolve("k.b")));
    }

    /**
     * Regression (issue 17): two writers of one report folder deleted each other's temporaries.
     * While one holds the folder's lock, a second is refused at once, naming the lock file, and
     * the complete folder stays as it was; once the first lets go, the next write goes through.
     */
    @Test
    void aSecondWriterOfOneFolderIsRefusedWhileTheFirstHoldsTheLock() throws IOException {
        Path d = tmp.resolve("report");
        AtomicFiles.replaceDirectory(d, dir -> Files.writeString(dir.resolve("a"), "1"));
        try (AtomicFiles.WriteLock held = AtomicFiles.lock(d)) {
            assertEquals(tmp.resolve(".report.lock"), AtomicFiles.lockFile(d));
            assertTrue(Files.isRegularFile(AtomicFiles.lockFile(d)));
            BadInputException e = assertThrows(BadInputException.class,
                    () -> AtomicFiles.replaceDirectory(d, dir -> Files.writeString(dir.resolve("a"), "2")));
            assertTrue(e.getMessage().contains("is being written by another ftrace-lab run")
                    && e.getMessage().contains(".report.lock"), e.getMessage());
            assertThrows(BadInputException.class, () -> AtomicFiles.lock(d));
            assertEquals("1", Files.readString(d.resolve("a")));
            AtomicFiles.replaceDirectory(held, dir -> Files.writeString(dir.resolve("a"), "3")); // the holder may
        }
        assertEquals("3", Files.readString(d.resolve("a")));
        assertTrue(Files.exists(AtomicFiles.lockFile(d)), "the lock file stays; no one holds it: reused");
        AtomicFiles.replaceDirectory(d, dir -> Files.writeString(dir.resolve("a"), "4"));
        assertEquals("4", Files.readString(d.resolve("a")));
    }

    /** The same between two processes: a child JVM holds the lock, this one is refused. */
    @Test
    void aLockHeldByAnotherProcessRefusesThisOne() throws Exception {
        Path d = tmp.resolve("report");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(), d.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            assertEquals('L', child.getInputStream().read(), "the child took the lock");
            BadInputException e = assertThrows(BadInputException.class,
                    () -> AtomicFiles.replaceDirectory(d, dir -> Files.writeString(dir.resolve("a"), "1")));
            assertTrue(e.getMessage().contains(".report.lock"), e.getMessage());
            assertFalse(Files.exists(d));
        } finally {
            child.getOutputStream().close(); // the child lets go when its stdin closes
            child.waitFor();
        }
        AtomicFiles.replaceDirectory(d, dir -> Files.writeString(dir.resolve("a"), "1"));
        assertEquals("1", Files.readString(d.resolve("a")));
    }

    /** The child of {@link #aLockHeldByAnotherProcessRefusesThisOne}: locks args[0], says so, waits. */
    static final class LockHolder {
        public static void main(String[] args) throws IOException {
            try (AtomicFiles.WriteLock l = AtomicFiles.lock(Path.of(args[0]))) {
                System.out.write('L');
                System.out.flush();
                while (System.in.read() >= 0) {
                    // hold until the parent closes our stdin
                }
            }
        }
    }

    /** Two exports into one dataset folder: the second is refused while the first writes. */
    @Test
    void aSecondExportIntoOneFolderIsRefused() throws IOException {
        BadInputException e = assertThrows(BadInputException.class, () -> AtomicFiles.replaceFiles(tmp, List.of("k.a"),
                stage -> {
                    Files.writeString(stage.resolve("k.a"), "first");
                    AtomicFiles.replaceFiles(tmp, List.of("k.a"), s2 -> Files.writeString(s2.resolve("k.a"), "second"));
                }));
        assertTrue(e.getMessage().contains(AtomicFiles.SET_LOCK), e.getMessage());
        assertEquals(List.of(), names(tmp), "neither wrote; no staging folder left");
    }

    /** A file the committed set deletes is gone for a reader already ({@code Files.exists(committed(f))}). */
    @Test
    void aFileTheCommittedSetDeletesIsGoneForAReader() throws IOException {
        Files.writeString(tmp.resolve("k.image.csv"), "old image");
        Path stage = Files.createDirectory(tmp.resolve(".ftrace-lab-staging-7"));
        Files.writeString(stage.resolve("COMMITTED"), "move k.functions.csv\ndelete k.image.csv\n");
        assertFalse(Files.exists(AtomicFiles.committed(tmp.resolve("k.image.csv"))));
        assertEquals(tmp.resolve("other.csv"), AtomicFiles.committed(tmp.resolve("other.csv")));
    }

    @Test
    void writesCreateMissingParents() throws IOException {
        Path f = tmp.resolve("a/b/c.bin");
        AtomicFiles.writeBytes(f, new byte[] {1, 2});
        assertEquals(2, Files.size(f));
        AtomicFiles.deleteQuietly(tmp.resolve("a"));
        assertFalse(Files.exists(tmp.resolve("a")));
    }

    private static List<String> visible(Path dir) throws IOException {
        return names(dir).stream().filter(n -> !n.startsWith(".")).toList();
    }

    private static List<String> hidden(Path dir) throws IOException {
        return names(dir).stream().filter(n -> n.startsWith(".")).toList();
    }

    /** The entries of {@code dir} but the write locks, which stay by design (see {@link AtomicFiles.WriteLock}). */
    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".lock")).sorted().toList();
        }
    }
}
