package dev.ftracelab.elf;

/**
 * {@code e_type} of an ELF file: a linked executable, a shared object or PIE, or a relocatable
 * object such as a kernel module ({@code .ko}) or a compiler's {@code .o}.
 */
public enum ElfType {
    /** ET_REL (1): section-relative symbol values, relocations still to be applied. */
    REL(1),
    /** ET_EXEC (2): a statically positioned executable such as {@code vmlinux}. */
    EXEC(2),
    /** ET_DYN (3): a shared object or position-independent executable. */
    DYN(3);

    private final int value;

    ElfType(int value) {
        this.value = value;
    }

    /** The {@code e_type} number. */
    public int value() {
        return value;
    }

    /** The type with this {@code e_type}, or null (ET_NONE, ET_CORE and OS-specific types). */
    static ElfType of(int value) {
        for (ElfType t : values()) {
            if (t.value == value) {
                return t;
            }
        }
        return null;
    }
}
