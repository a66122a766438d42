package dev.ftracelab.census;

/**
 * A file the census could not use, and why (the reason names the offset when the ELF reader knows it).
 *
 * @param file the path as found
 * @param reason what was wrong, e.g. {@code offset 0x12: unsupported e_machine 62 (x86-64)}
 */
public record Skipped(String file, String reason) {
    @Override
    public String toString() {
        return "skipped " + file + ": " + reason;
    }
}
