package dev.ftracelab.elf;

/**
 * One entry of the program header table: what a loader maps.
 *
 * <pre>{@code
 * for (Segment s : elf.segments()) {
 *     if (s.isLoad()) { memory.map(s.vaddr(), s.memSize(), perms(s)); memory.write(s.vaddr(), elf.segmentBytes(s)); }
 * }
 * }</pre>
 *
 * @param type {@code p_type}, e.g. {@link #PT_LOAD}
 * @param flags {@code p_flags}: {@link #PF_X}, {@link #PF_W}, {@link #PF_R}
 * @param vaddr {@code p_vaddr}
 * @param offset {@code p_offset} in the file
 * @param fileSize {@code p_filesz}: bytes present in the file
 * @param memSize {@code p_memsz}: bytes in memory; the part beyond {@code fileSize} is zero-filled
 * @param align {@code p_align}
 */
public record Segment(int type, int flags, long vaddr, long offset, long fileSize, long memSize, long align) {
    public static final int PT_LOAD = 1;
    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;

    /** A loadable segment ({@code PT_LOAD}). */
    public boolean isLoad() {
        return type == PT_LOAD;
    }
}
