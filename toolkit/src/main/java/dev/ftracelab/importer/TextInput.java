package dev.ftracelab.importer;

import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.Hash;
import dev.ftracelab.util.InputFiles;
import dev.ftracelab.util.Utf8Text;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One input's text, read with bounded memory: a regular file of at most a given size, UTF-8, no
 * NUL bytes; split into lines (LF or CRLF; a stray CR, as serial consoles leave, is dropped).
 *
 * @param name   the input's name in messages (the path as given)
 * @param lines  the lines, without line terminators
 * @param sha256 SHA-256 of the bytes read
 * @param bytes  the input's size
 */
record TextInput(String name, List<String> lines, String sha256, long bytes) {

    /**
     * Reads {@code file}.
     *
     * @throws BadInputException saying why the file is refused (not a regular file, larger than
     *                           {@code maxBytes}, not UTF-8 or binary, unreadable)
     */
    static TextInput read(Path file, long maxBytes) {
        String name = file.toString();
        // the one check every reader shares: names a FIFO, device or folder, and never opens it
        InputFiles.requireRegularFile(file, "a kernel log, a results table or a CSV file");
        byte[] data;
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw tooBig(name, size, maxBytes);
            }
            try (InputStream in = Files.newInputStream(file)) {
                // the size may grow while we read (a live log): never read more than the cap
                data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            }
            if (data.length > maxBytes) {
                throw tooBig(name, data.length, maxBytes);
            }
        } catch (IOException e) {
            throw new BadInputException(name, null, "cannot read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        return of(name, data);
    }

    /** An input given as bytes (e.g. text pasted in a notebook cell, as UTF-8). */
    static TextInput of(String name, byte[] data) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == 0) {
                throw new BadInputException(name, "offset 0x" + Integer.toHexString(i),
                        "a NUL byte: this is a binary file, expected text (a kernel log, a table or CSV)");
            }
        }
        String text = Utf8Text.decode(data, name, "a kernel log, a results table or a CSV file");
        List<String> lines = text.lines().map(l -> l.replace("\r", "")).toList();
        return new TextInput(name, lines, Hash.sha256(data), data.length);
    }

    private static BadInputException tooBig(String name, long size, long maxBytes) {
        return new BadInputException(name, null, String.format("%,d bytes; import reads at most %,d bytes:"
                + " keep only the sample's lines (e.g. grep -A 12 ftrace_ops) or raise the limit", size, maxBytes));
    }
}
