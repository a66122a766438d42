package dev.ftracelab.elf;

/** {@code STB_*} of a symbol; GNU_UNIQUE and OS/processor-specific bindings are {@link #OTHER}. */
public enum SymbolBinding {
    LOCAL, GLOBAL, WEAK, OTHER;

    static SymbolBinding of(int stb) {
        return switch (stb) {
            case 0 -> LOCAL;
            case 1 -> GLOBAL;
            case 2 -> WEAK;
            default -> OTHER;
        };
    }
}
