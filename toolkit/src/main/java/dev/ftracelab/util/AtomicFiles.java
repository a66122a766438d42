package dev.ftracelab.util;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

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
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.writeTo(out);
            }
            setMode(tmp, mode);
            move(tmp, abs);
            tmp = null;
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
     * Builds a whole directory in a temporary sibling and then swaps it in place of
     * {@code target}. A previous {@code target} is removed only after the new one is complete.
     */
    public static void replaceDirectory(Path target, DirectoryWriter writer) {
        Path abs = target.toAbsolutePath();
        Path parent = abs.getParent();
        Path tmp = null;
        Path old = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + abs.getFileName() + ".");
            writer.fill(tmp);
            if (Files.exists(abs)) {
                old = Files.createTempDirectory(parent, "." + abs.getFileName() + ".old.");
                Files.delete(old);
                move(abs, old);
            }
            move(tmp, abs);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
            deleteQuietly(old);
        }
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
        if (path == null || !Files.exists(path)) {
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
