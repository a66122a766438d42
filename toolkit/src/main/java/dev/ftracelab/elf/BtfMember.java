package dev.ftracelab.elf;

/**
 * Where a member found by {@link Btf#member(String, String)} lies in its struct, counted from the
 * start of the outermost struct.
 *
 * <pre>{@code
 * BtfMember m = btf.member("task_struct", "sched_reset_on_fork");
 * // m.byteOffset() 1316, m.bitOffset() 10528, m.bitSize() 1, m.typeName() "unsigned int" (riscv64 6.12)
 * }</pre>
 *
 * @param path       the path asked for, e.g. {@code local_hash.filter_hash} or {@code a.b[3].c}
 * @param byteOffset the byte holding the member's first bit ({@code bitOffset / 8})
 * @param bitOffset  offset in bits
 * @param bitSize    the bit field's width; 0 when the member is not a bit field
 * @param typeId     the member's type id (before typedefs are followed)
 * @param typeName   that type as C would roughly print it ({@code struct ftrace_ops *}, {@code int[4]})
 * @param byteSize   the type's size in bytes (of the underlying integer for a bit field)
 */
public record BtfMember(String path, long byteOffset, long bitOffset, int bitSize, int typeId, String typeName,
        long byteSize) {
    /** Whether the member is a bit field. */
    public boolean isBitfield() {
        return bitSize != 0;
    }
}
