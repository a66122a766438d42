package dev.ftracelab.elf;

/**
 * One entry of an {@code SHT_RELA} section.
 *
 * <pre>{@code
 * Section rela = elf.section(".rela.text").orElseThrow();
 * for (Relocation r : elf.relocations(rela)) { Symbol s = elf.symbols().get(r.symbolIndex()); }
 * }</pre>
 *
 * @param offset {@code r_offset}: where to apply it (an offset into the target section in REL files)
 * @param type the relocation type, e.g. {@link #R_RISCV_64}, {@link #R_AARCH64_ABS64}
 * @param symbolIndex index into the symbol table named by the RELA section's {@code sh_link}
 * @param addend {@code r_addend}
 */
public record Relocation(long offset, int type, int symbolIndex, long addend) {
    public static final int R_RISCV_64 = 2;
    public static final int R_AARCH64_ABS64 = 257;
}
