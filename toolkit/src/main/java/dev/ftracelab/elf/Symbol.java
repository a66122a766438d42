package dev.ftracelab.elf;

/**
 * One entry of {@code .symtab}.
 *
 * <pre>{@code
 * Symbol main = elf.symbol("main").orElseThrow();
 * long end = main.value() + main.size();
 * }</pre>
 *
 * @param index position in the symbol table (relocations refer to symbols by it)
 * @param name from the symbol table's string table; empty for unnamed (e.g. SECTION) symbols
 * @param value {@code st_value}: an address in EXEC/DYN files, an offset into its section in REL files
 * @param size {@code st_size} in bytes
 * @param type {@code STT_*}
 * @param binding {@code STB_*}
 * @param sectionIndex {@code st_shndx} (resolved through {@code .symtab_shndx} for SHN_XINDEX):
 *     a section index, {@link #SHN_UNDEF}, {@link #SHN_ABS} or {@link #SHN_COMMON}
 */
public record Symbol(int index, String name, long value, long size, SymbolType type, SymbolBinding binding,
        int sectionIndex) {
    public static final int SHN_UNDEF = 0;
    public static final int SHN_LORESERVE = 0xff00;
    public static final int SHN_ABS = 0xfff1;
    public static final int SHN_COMMON = 0xfff2;
    public static final int SHN_XINDEX = 0xffff;

    /** Whether {@link #sectionIndex()} names a real section (not UNDEF, ABS, COMMON or another reserved index). */
    public boolean isInSection() {
        return sectionIndex != SHN_UNDEF && (sectionIndex < SHN_LORESERVE || sectionIndex > SHN_XINDEX);
    }

    /** Whether {@code address} lies in this symbol: [value, value + size), or equals value when size is 0. */
    public boolean contains(long address) {
        long delta = address - value;
        return size == 0 ? delta == 0 : Long.compareUnsigned(delta, size) < 0;
    }
}
