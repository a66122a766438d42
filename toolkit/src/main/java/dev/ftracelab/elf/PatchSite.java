package dev.ftracelab.elf;

/**
 * A place the kernel's ftrace may patch: one entry of {@code __patchable_function_entries}
 * (GCC/Clang {@code -fpatchable-function-entry}) or {@code __mcount_loc} (recordmcount).
 *
 * <pre>{@code
 * for (PatchSite p : elf.patchSites()) {
 *     System.out.printf("%s+0x%x %s%n", p.section().name(), p.sectionOffset(), elf.functionAt(p.address()).map(Symbol::name).orElse("?"));
 * }
 * }</pre>
 *
 * @param table the section the entry was read from: {@code __patchable_function_entries} or {@code __mcount_loc}
 * @param entryOffset the entry's offset within that table section
 * @param section the section the site points into (normally {@code .text} or {@code .text.*})
 * @param address in EXEC/DYN files the virtual address of the site; in REL files, where sections
 *     are not yet placed, the same as {@code sectionOffset}
 * @param sectionOffset the site's offset from the start of {@code section}
 */
public record PatchSite(String table, long entryOffset, Section section, long address, long sectionOffset) {
    /** The site's offset in the file ({@code section.offset() + sectionOffset}). */
    public long fileOffset() {
        return section.offset() + sectionOffset;
    }
}
