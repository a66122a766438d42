package dev.ftracelab.isa;

import java.util.Locale;

/**
 * An encoding outside the supported instruction set. Never turned into a NOP: the emulator
 * reports it as an illegal-instruction trap, a listing prints it as {@code .word}.
 *
 * <pre>{@code
 * // riscv64: unsupported instruction 0x0000707f at 0x10074 (reserved encoding)
 * }</pre>
 */
public final class DecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Arch arch;
    private final long address;
    private final int word;

    public DecodeException(Arch arch, long address, int word, String reason) {
        super(String.format(Locale.ROOT, "%s: unsupported instruction 0x%08x at 0x%x%s", arch.id(), word, address,
                reason == null || reason.isEmpty() ? "" : " (" + reason + ")"));
        this.arch = arch;
        this.address = address;
        this.word = word;
    }

    public Arch arch() {
        return arch;
    }

    public long address() {
        return address;
    }

    public int word() {
        return word;
    }
}
