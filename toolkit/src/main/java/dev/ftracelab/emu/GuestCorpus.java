package dev.ftracelab.emu;

import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.Resources;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The committed guest programs ({@code toolkit/src/guest/}, built by {@code build.sh}) as
 * classpath resources {@code /dev/ftracelab/guest/<arch>/<name>.elf}. Each program prints
 * {@code key=value} lines and exits 0 when all its self-checks pass (otherwise the number of
 * the first failed check). {@code <name>.pfe} is the same program built with the kernel's
 * {@code -fpatchable-function-entry} flags. The {@linkplain #extensionBuilds extension builds}
 * ({@code toolkit/src/guest/ext/}) are programs that use ISA extensions (FP, SIMD, bit
 * manipulation), each built at -O0, -O2, -O3 and -Os.
 *
 * <pre>{@code
 * for (String name : GuestCorpus.names(Arch.RISCV64)) {          // arith, atomics, bench, ...
 *     ElfFile elf = GuestCorpus.load(Arch.RISCV64, name);
 *     ElfFile pfe = GuestCorpus.load(Arch.RISCV64, name + ".pfe");
 * }
 * }</pre>
 */
public final class GuestCorpus {
    private GuestCorpus() {
    }

    /**
     * The programs built for {@code arch}, sorted, from the {@code index.txt} build.sh writes
     * (a classpath folder cannot be listed inside a jar). Without the {@code .pfe} variants.
     */
    public static List<String> names(Arch arch) {
        String index = new String(resource(arch, "index.txt"), StandardCharsets.UTF_8);
        return index.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /**
     * The extension builds for {@code arch}, sorted, as {@code PROGRAM.TAG.OLEVEL} (e.g.
     * {@code simd.v8a.O3}): each line of {@code toolkit/src/guest/ext/builds.txt} for the arch,
     * at each optimisation level. Load them with {@link #load}.
     */
    public static List<String> extensionBuilds(Arch arch) {
        String index = new String(resource(arch, "ext-index.txt"), StandardCharsets.UTF_8);
        return index.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /**
     * The bytes of {@code name.elf} for {@code arch}; {@code name} may end in {@code .pfe}, or be
     * one of the {@link #extensionBuilds}.
     *
     * @throws BadInputException naming the available programs if there is no such program
     */
    public static byte[] bytes(Arch arch, String name) {
        String base = name.endsWith(".pfe") ? name.substring(0, name.length() - 4) : name;
        if (!names(arch).contains(base) && !extensionBuilds(arch).contains(name)) {
            throw new BadInputException("no guest program '" + name + "' for " + arch + ": expected one of "
                    + String.join(", ", names(arch)) + " (optionally with .pfe)");
        }
        return resource(arch, name + ".elf");
    }

    /** The parsed program; its source name is the resource path. */
    public static ElfFile load(Arch arch, String name) {
        return ElfFile.parse(bytes(arch, name), path(arch, name + ".elf"));
    }

    private static String path(Arch arch, String file) {
        return "/dev/ftracelab/guest/" + arch.id() + "/" + file;
    }

    private static byte[] resource(Arch arch, String file) {
        return Resources.read(path(arch, file));
    }
}
