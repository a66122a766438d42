package dev.ftracelab.elf;

/**
 * One entry of the section header table. Numbers are the raw ELF64 fields; the unsigned 64-bit
 * ones are Java longs (print them with {@link Long#toHexString}).
 *
 * <pre>{@code
 * Section text = elf.section(".text").orElseThrow();
 * if (text.isExecutable()) { byte[] code = elf.contents(text); }
 * }</pre>
 *
 * @param index position in the section header table (0 is the null section)
 * @param name from the section-name string table ({@code e_shstrndx}); empty if there is none
 * @param type {@code sh_type}, e.g. {@link #SHT_PROGBITS}, {@link #SHT_RELA}
 * @param flags {@code sh_flags}, e.g. {@link #SHF_ALLOC}, {@link #SHF_EXECINSTR}
 * @param address {@code sh_addr}: the virtual address when loaded (0 in relocatable files)
 * @param offset {@code sh_offset} in the file
 * @param size {@code sh_size} in bytes (in memory for NOBITS, which occupies no file bytes)
 * @param alignment {@code sh_addralign}
 * @param link {@code sh_link}: e.g. the string table of a symbol table, the symbol table of a RELA section
 * @param info {@code sh_info}: e.g. the section a RELA section applies to
 * @param entrySize {@code sh_entsize} for tables of fixed-size entries, else 0
 */
public record Section(int index, String name, int type, long flags, long address, long offset, long size,
        long alignment, int link, int info, long entrySize) {
    public static final int SHT_NULL = 0;
    public static final int SHT_PROGBITS = 1;
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_STRTAB = 3;
    public static final int SHT_RELA = 4;
    public static final int SHT_NOBITS = 8;
    public static final int SHT_REL = 9;
    public static final int SHT_DYNSYM = 11;
    public static final int SHT_SYMTAB_SHNDX = 18;

    public static final long SHF_WRITE = 0x1;
    public static final long SHF_ALLOC = 0x2;
    public static final long SHF_EXECINSTR = 0x4;

    /** Contains instructions ({@code SHF_EXECINSTR}). */
    public boolean isExecutable() {
        return (flags & SHF_EXECINSTR) != 0;
    }

    /** Occupies memory when loaded ({@code SHF_ALLOC}). */
    public boolean isAllocated() {
        return (flags & SHF_ALLOC) != 0;
    }

    /** Has no bytes in the file ({@code SHT_NOBITS}, e.g. {@code .bss}): its contents are zeros. */
    public boolean isNobits() {
        return type == SHT_NOBITS;
    }

    /** Whether {@code addr} lies in [address, address + size). */
    public boolean containsAddress(long addr) {
        return Long.compareUnsigned(addr, address) >= 0 && Long.compareUnsigned(addr - address, size) < 0;
    }
}
