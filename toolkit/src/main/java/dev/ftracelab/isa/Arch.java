package dev.ftracelab.isa;

import java.util.Locale;

/**
 * The instruction-set architectures the toolkit emulates, with their ELF machine numbers and the
 * names used on the command line and in reports ({@code riscv64}, {@code arm64}).
 */
public enum Arch {
    RISCV64("riscv64", 243),
    ARM64("arm64", 183);

    private final String id;
    private final int elfMachine;

    Arch(String id, int elfMachine) {
        this.id = id;
        this.elfMachine = elfMachine;
    }

    /** The short name: {@code riscv64} or {@code arm64}. */
    public String id() {
        return id;
    }

    /** {@code e_machine} in an ELF header (EM_RISCV = 243, EM_AARCH64 = 183). */
    public int elfMachine() {
        return elfMachine;
    }

    /** The stack pointer's register number (AArch64: 31 is SP in the hart's register file). */
    public int stackPointer() {
        return this == RISCV64 ? 2 : 31;
    }

    /** The register holding integer argument {@code i} (and, for 0, the return value). */
    public int argument(int i) {
        return this == RISCV64 ? 10 + i : i;
    }

    /** The link register: {@code ra} (x1) or {@code x30}. */
    public int linkRegister() {
        return this == RISCV64 ? 1 : 30;
    }

    /** Register {@code i}'s name as a disassembly prints it: {@code t0}, {@code ra}; {@code x9}, {@code sp}. */
    public String registerName(int i) {
        return this == RISCV64 ? dev.ftracelab.isa.riscv.RvDisassembler.reg(i) : i == 31 ? "sp" : "x" + i;
    }

    /** The arch with this ELF machine number, or null. */
    public static Arch fromElfMachine(int machine) {
        for (Arch a : values()) {
            if (a.elfMachine == machine) {
                return a;
            }
        }
        return null;
    }

    /**
     * Parses a name as typed by a user: {@code riscv64}, {@code rv64}, {@code riscv}; {@code arm64},
     * {@code aarch64}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Arch parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "riscv64", "rv64", "riscv" -> RISCV64;
            case "arm64", "aarch64" -> ARM64;
            default -> throw new IllegalArgumentException("unknown arch '" + name + "': expected riscv64 or arm64");
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
