package dev.ftracelab.census;

/**
 * One function of a module's text, as the census measured it.
 *
 * <pre>{@code
 * long patchBytes = f.traceable() ? f.patchBefore() + f.patchAfter() : 0;
 * }</pre>
 *
 * @param name the symbol's name
 * @param section the text section it lives in ({@code .text}, {@code .init.text}, ...)
 * @param address its entry: an offset into {@code section} in a {@code .ko}, a virtual address in a {@code vmlinux}
 * @param size the symbol's size in bytes (the patch NOPs at the entry included, those before it not)
 * @param alignment the largest power of two dividing the entry's address (capped by the section's alignment in a {@code .ko})
 * @param traceable whether a patch site ({@code __patchable_function_entries} or {@code __mcount_loc}) points at it
 * @param patchBefore bytes of patch area before the entry (the CALL_OPS literal slot), 0 when not traceable
 * @param patchAfter bytes of patch NOPs at the entry, 0 when not traceable
 */
public record FunctionEntry(String name, String section, long address, long size, long alignment, boolean traceable,
        int patchBefore, int patchAfter) {
    public FunctionEntry {
        if (size < 0 || alignment <= 0 || Long.bitCount(alignment) != 1 || patchBefore < 0 || patchAfter < 0) {
            throw new IllegalArgumentException("bad function entry " + name + ": size " + size + ", alignment " + alignment
                    + ", patch " + patchBefore + "/" + patchAfter);
        }
    }

    /** Where the function's bytes begin: the entry minus its patch area before the entry. */
    public long start() {
        return address - patchBefore;
    }

    /** The first byte after the function. */
    public long end() {
        return address + size;
    }
}
