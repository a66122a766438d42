package dev.ftracelab.util;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes files and folders so that a crash never leaves a half-written result behind: content
 * goes to a temporary sibling first and is renamed into place only when complete.
 *
 * <pre>{@code
 * AtomicFiles.writeString(Path.of("build/report/table.txt"), text);
 * AtomicFiles.replaceDirectory(Path.of("build/report"), tmp -> writeEverythingInto(tmp));
 * }</pre>
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that fills a stream; may throw I/O errors. */
    @FunctionalInterface
    public interface StreamWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Something that fills a fresh, empty directory. */
    @FunctionalInterface
    public interface DirectoryWriter {
        void fill(Path emptyDirectory) throws IOException;
    }

    /**
     * An exclusive claim on writing {@code target}, held by this process until closed: a lock on
     * the file {@code .NAME.lock} beside the target ({@link FileChannel#tryLock}), released by the
     * operating system if the process dies, so a killed writer never blocks the next one.
     *
     * <p>The lock file stays after the lock is released: deleting it would let a writer that had
     * just opened it lock a file no longer at the path while a third locks a new one, and the
     * check that would catch this (reading the path back) would drop the lock itself, since
     * closing any descriptor of a file drops the process's POSIX locks on it.
     *
     * <pre>{@code
     * try (AtomicFiles.WriteLock lock = AtomicFiles.lock(Path.of("build/report"))) {
     *     AtomicFiles.replaceDirectory(lock, tmp -> writeEverythingInto(tmp));
     * }
     * }</pre>
     */
    public static final class WriteLock implements AutoCloseable {
        private final Path target;
        private final FileChannel channel;

        private WriteLock(Path target, FileChannel channel) {
            this.target = target;
            this.channel = channel;
        }

        /** The path this lock lets its holder write (absolute). */
        public Path target() {
            return target;
        }

        /** Releases the lock. */
        @Override
        public void close() {
            try {
                channel.close(); // releases the lock with it
            } catch (IOException ignored) {
                // the lock goes with the channel; nothing else to undo
            }
        }
    }

    /** The lock file of {@code target}: {@code .NAME.lock} beside it. */
    public static Path lockFile(Path target) {
        Path abs = target.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + ".lock");
    }

    /**
     * Claims {@code target} for writing, or refuses at once if another writer (another process,
     * or another claim in this one) holds it: two writers of one report folder or dataset would
     * delete each other's temporaries. Refusing rather than waiting: the other writer may run for
     * minutes, and its result would be overwritten anyway.
     *
     * @throws BadInputException naming the target and its lock file if it is being written
     */
    public static WriteLock lock(Path target) {
        return lock(target.toAbsolutePath(), lockFile(target));
    }

    private static WriteLock lock(Path abs, Path file) {
        FileChannel c = null;
        try {
            Files.createDirectories(file.getParent());
            c = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            java.nio.channels.FileLock l;
            try {
                l = c.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                l = null; // held by this JVM: refused just the same
            }
            if (l == null) {
                throw new BadInputException(abs.toString(), null, "is being written by another ftrace-lab run (it"
                        + " holds " + file.getFileName() + " beside it); wait for that run to finish, or write"
                        + " elsewhere");
            }
            WriteLock lock = new WriteLock(abs, c);
            c = null;
            return lock;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        } finally {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // nothing was locked
                }
            }
        }
    }

    /** Writes {@code text} as UTF-8 to {@code target} atomically. */
    public static void writeString(Path target, String text) {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes} to {@code target} atomically. */
    public static void writeBytes(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /** Writes whatever {@code writer} produces to {@code target} atomically. */
    public static void write(Path target, StreamWriter writer) {
        write(target, writer, "rw-r--r--");
    }

    /**
     * As {@link #write(Path, StreamWriter)} to the target of a held {@link #lock}: for a file
     * that two runs could write at once (a report's zip), whose leftovers each would delete.
     */
    public static void write(WriteLock lock, StreamWriter writer) {
        write(lock.target(), writer, "rw-r--r--");
    }

    /**
     * Writes {@code bytes} to {@code target} atomically as an executable (rwxr-xr-x): a script or
     * program comes out ready to run, never half-written and never without its mode.
     */
    public static void writeExecutable(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes), "rwxr-xr-x");
    }

    private static void write(Path target, StreamWriter writer, String mode) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            deleteStaleFiles(dir, abs.getFileName().toString());
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + "." + PID + "-", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.writeTo(out);
            }
            setMode(tmp, mode);
            fsync(tmp);
            move(tmp, abs);
            tmp = null;
            fsyncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Temp files are created owner-only; a finished export is an ordinary file (rw-r--r--). */
    private static void setMode(Path file, String mode) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString(mode));
        }
    }

    /**
     * Builds a whole directory in a temporary sibling ({@code .NAME.v-<n>}), flushes every file
     * and folder of it to disk, and then makes {@code target} name it with one atomic rename: the
     * name is a symbolic link to the sibling, so at every instant {@code target} is either the
     * previous complete folder or the new complete one. The previous sibling is removed afterwards;
     * leftovers of a killed run ({@code .NAME.v-<n>}, {@code .NAME.link-<n>}, and the
     * {@code .NAME.<n>} of older versions) are removed on the next call.
     *
     * <p>Two cases cost a second rename: a {@code target} that is a real folder (written by an
     * older version, or any folder a caller chose to replace) is first moved aside, and where the
     * file system has no symbolic links the new folder is renamed into place after the old one is
     * moved aside. A kill between the two leaves no {@code target}, but the complete old folder as
     * {@code .NAME.old-<n>}, removed on the next call.
     *
     * <p>Claims the target with {@link #lock} while it works: a second writer is refused.
     */
    public static void replaceDirectory(Path target, DirectoryWriter writer) {
        try (WriteLock lock = lock(target)) {
            replaceDirectory(lock, writer);
        }
    }

    /**
     * As {@link #replaceDirectory(Path, DirectoryWriter)}, for a caller that claimed the target
     * already (e.g. before minutes of work, to refuse a second writer early).
     */
    public static void replaceDirectory(WriteLock lock, DirectoryWriter writer) {
        Path target = lock.target();
        Path abs = target;
        Path parent = abs.getParent();
        String name = abs.getFileName().toString();
        Path tmp = null;
        Path old = null;
        try {
            Files.createDirectories(parent);
            Path current = Files.isSymbolicLink(abs) ? linkTarget(abs) : null;
            deleteStale(parent, staleDirectoryPattern(name), current);
            tmp = Files.createTempDirectory(parent, "." + name + ".v-");
            writer.fill(tmp);
            setMode(tmp, "rwxr-xr-x");
            fsyncTree(tmp);
            fsyncDirectory(parent);
            if (current != null || Files.notExists(abs, LinkOption.NOFOLLOW_LINKS)
                    || Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) {
                if (swapLink(abs, tmp)) {
                    tmp = null;
                    old = current;
                    fsyncDirectory(parent);
                    return;
                }
            }
            // a real folder in the way (or no symbolic links): move it aside, then rename
            if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
                old = Files.createTempDirectory(parent, "." + name + ".old-");
                Files.delete(old);
                move(abs, old);
            }
            if (!swapLink(abs, tmp)) {
                move(tmp, abs);
            }
            tmp = null;
            fsyncDirectory(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
            deleteQuietly(old);
        }
    }

    /**
     * Points {@code link} at sibling {@code dir} by renaming a fresh relative link over it (one
     * atomic rename); false where the file system has no symbolic links.
     */
    private static boolean swapLink(Path link, Path dir) throws IOException {
        Path fresh = link.resolveSibling("." + link.getFileName() + ".link-" + Long.toUnsignedString(RANDOM.nextLong()));
        try {
            Files.createSymbolicLink(fresh, dir.getFileName());
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
            return false;
        }
        try {
            move(fresh, link);
        } finally {
            Files.deleteIfExists(fresh);
        }
        return true;
    }

    /** The sibling a link made by {@link #swapLink} names, or null for any other link. */
    private static Path linkTarget(Path link) throws IOException {
        Path t = Files.readSymbolicLink(link);
        return t.getNameCount() == 1 ? link.resolveSibling(t) : null;
    }

    /**
     * Replaces a set of files in folder {@code dir} as a unit: {@code writer} fills a staging
     * folder ({@code dir/.ftrace-lab-staging-<n>}) with the new files, which are flushed to disk;
     * a {@code COMMITTED} journal naming them is written; then each is renamed into {@code dir},
     * the files of {@code unit} the writer did not write are deleted, and the staging folder goes.
     * A kill before the journal leaves the old files; a kill after it is finished by the next call
     * (roll forward), and {@link #committed(Path)} lets a reader see the new set meanwhile.
     * Claims {@code dir} while it works (the lock file {@value #SET_LOCK} in it): a second writer
     * is refused.
     *
     * <pre>{@code
     * AtomicFiles.replaceFiles(dir, List.of("k.functions.csv.gz", "k.sections.csv.gz"), stage -> write(stage));
     * }</pre>
     *
     * @param unit every file name that belongs to the set (written or not)
     */
    public static void replaceFiles(Path dir, java.util.Collection<String> unit, DirectoryWriter writer) {
        try (WriteLock lock = lockSet(dir)) {
            replaceFiles(lock, unit, writer);
        }
    }

    /**
     * Claims folder {@code dir} for {@link #replaceFiles} (the lock file {@value #SET_LOCK} in it)
     * before the set is computed: a command that runs for minutes first refuses a second writer.
     *
     * <pre>{@code
     * try (AtomicFiles.WriteLock lock = AtomicFiles.lockSet(dir)) {
     *     Result r = computeForMinutes();
     *     AtomicFiles.replaceFiles(lock, unit, stage -> r.writeInto(stage));
     * }
     * }</pre>
     */
    public static WriteLock lockSet(Path dir) {
        Path abs = dir.toAbsolutePath();
        // a second exporter would delete this one's uncommitted staging folder as a leftover; the
        // lock lives inside the folder, beside the staging folders it guards
        return lock(abs, abs.resolve(SET_LOCK));
    }

    /** As {@link #replaceFiles(Path, java.util.Collection, DirectoryWriter)} in the folder of a held {@link #lockSet}. */
    public static void replaceFiles(WriteLock lock, java.util.Collection<String> unit, DirectoryWriter writer) {
        Path abs = lock.target();
        Path stage = null;
        try {
            Files.createDirectories(abs);
            recoverStaging(abs);
            stage = Files.createTempDirectory(abs, STAGING);
            writer.fill(stage);
            List<String> written = new ArrayList<>();
            try (java.util.stream.Stream<Path> s = Files.list(stage)) {
                s.forEach(p -> written.add(p.getFileName().toString()));
            }
            for (String w : written) {
                if (!unit.contains(w)) {
                    throw new IOException("wrote " + w + ", which is not a file of the set " + unit);
                }
                setMode(stage.resolve(w), "rw-r--r--");
            }
            fsyncTree(stage);
            StringBuilder journal = new StringBuilder();
            for (String u : unit) {
                journal.append(written.contains(u) ? "move " : "delete ").append(u).append('\n');
            }
            Path j = stage.resolve(JOURNAL);
            Files.writeString(j, journal, StandardCharsets.UTF_8);
            fsync(j);
            fsyncDirectory(stage);
            finish(stage); // also deletes the staging folder
            stage = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + unit + " in " + abs + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(stage);
        }
    }

    /**
     * The file a reader should open for {@code file}: its staged copy while a committed
     * {@link #replaceFiles} is being finished (so a set is never read half old, half new), else
     * {@code file} itself. A file the committed set deletes comes back as a path that does not
     * exist, so {@code Files.exists(committed(f))} is the test for an optional file of a set.
     */
    public static Path committed(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null) {
            return file;
        }
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            for (Path stage : s.filter(p -> p.getFileName().toString().startsWith(STAGING)).toList()) {
                Path staged = stage.resolve(file.getFileName());
                Path journal = stage.resolve(JOURNAL);
                if (Files.isRegularFile(journal) && (Files.isRegularFile(staged)
                        || Files.readAllLines(journal, StandardCharsets.UTF_8).contains("delete " + file.getFileName()))) {
                    return staged;
                }
            }
        } catch (IOException e) {
            return file;
        }
        return file;
    }

    /** Finishes committed staging folders in {@code dir} and removes uncommitted ones. */
    private static void recoverStaging(Path dir) throws IOException {
        List<Path> stages;
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            stages = s.filter(p -> p.getFileName().toString().startsWith(STAGING) && Files.isDirectory(p)).toList();
        }
        for (Path stage : stages) {
            if (Files.isRegularFile(stage.resolve(JOURNAL))) {
                finish(stage);
            } else {
                deleteQuietly(stage);
            }
        }
    }

    /** Carries out a committed journal: idempotent, so a kill part-way is finished by a rerun. */
    private static void finish(Path stage) throws IOException {
        Path dir = stage.getParent();
        for (String line : Files.readAllLines(stage.resolve(JOURNAL), StandardCharsets.UTF_8)) {
            String file = line.substring(line.indexOf(' ') + 1);
            if (line.startsWith("move ")) {
                if (Files.exists(stage.resolve(file))) {
                    move(stage.resolve(file), dir.resolve(file));
                }
            } else if (line.startsWith("delete ")) {
                Files.deleteIfExists(dir.resolve(file));
            }
        }
        fsyncDirectory(dir);
        deleteQuietly(stage);
    }

    private static final String STAGING = ".ftrace-lab-staging-";
    private static final String JOURNAL = "COMMITTED";
    /** The lock file {@link #replaceFiles} holds in its folder. */
    public static final String SET_LOCK = ".ftrace-lab-export.lock";
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** This process's id: a temporary file's name carries its writer's. */
    private static final long PID = ProcessHandle.current().pid();

    /**
     * Deletes the leftovers of {@link #write} for file {@code name}: {@code .NAME.<pid>-<n>.tmp}
     * of a writer that is no longer running (a live one's file is still being written: deleting
     * it would fail that writer), and the {@code .NAME.<n>.tmp} of earlier versions. A file
     * older than the process now holding its pid is a leftover too: the pid was reused (in a
     * container, every run of the tool may get the same one).
     */
    private static void deleteStaleFiles(Path dir, String name) throws IOException {
        Pattern stale = Pattern.compile("\\." + Pattern.quote(name) + "\\.(?:(\\d+)-)?\\d+\\.tmp");
        List<Path> victims;
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            victims = s.filter(p -> {
                java.util.regex.Matcher m = stale.matcher(p.getFileName().toString());
                return m.matches() && (m.group(1) == null || !writerRuns(m.group(1), p));
            }).toList();
        }
        victims.forEach(AtomicFiles::deleteQuietly);
    }

    /** Whether the process with id {@code pid} runs and started before {@code file} was last written. */
    private static boolean writerRuns(String pid, Path file) {
        try {
            java.util.Optional<ProcessHandle> p = ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
            if (p.isEmpty()) {
                return false;
            }
            java.util.Optional<java.time.Instant> started = p.get().info().startInstant();
            // the start time is known to a second or so: a file written just before is the writer's
            return started.isEmpty() || !Files.getLastModifiedTime(file).toInstant()
                    .isBefore(started.get().minusSeconds(2));
        } catch (NumberFormatException | IOException e) {
            return false; // a pid too long to be one, or the file went meanwhile
        }
    }

    /** Leftovers of {@link #replaceDirectory} for {@code name}, this version's and older ones'. */
    private static Pattern staleDirectoryPattern(String name) {
        return Pattern.compile("\\." + Pattern.quote(name) + "\\.(v-|link-|old-|old\\.)?\\d+");
    }

    /** Deletes entries of {@code dir} whose whole name matches {@code stale}, except {@code keep}. */
    private static void deleteStale(Path dir, Pattern stale, Path keep) throws IOException {
        List<Path> victims;
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            victims = s.filter(p -> stale.matcher(p.getFileName().toString()).matches())
                    .filter(p -> keep == null || !p.getFileName().equals(keep.getFileName())).toList();
        }
        victims.forEach(AtomicFiles::deleteQuietly);
    }

    /** Flushes a file's content to the disk. */
    private static void fsync(Path file) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            c.force(true);
        }
    }

    /** Flushes a folder's entries (names, renames) to disk; a no-op where folders cannot be opened. */
    private static void fsyncDirectory(Path dir) {
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // e.g. Windows: folders cannot be opened as channels; NTFS journals renames itself
        }
    }

    /** Flushes every file and folder under {@code root}, children before parents. */
    private static void fsyncTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    fsync(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
                fsyncDirectory(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes a file or a directory tree; a missing path is fine. */
    public static void deleteQuietly(Path path) {
        if (path == null || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // Best effort: a leftover temporary file is harmless and clearly named.
        }
    }
}
