package dev.ftracelab.elf;

/** {@code STT_*} of a symbol; everything the toolkit does not use is {@link #OTHER}. */
public enum SymbolType {
    NOTYPE, OBJECT, FUNC, SECTION, FILE, OTHER;

    static SymbolType of(int stt) {
        return switch (stt) {
            case 0 -> NOTYPE;
            case 1 -> OBJECT;
            case 2 -> FUNC;
            case 3 -> SECTION;
            case 4 -> FILE;
            default -> OTHER;
        };
    }
}
