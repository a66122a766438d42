package dev.ftracelab.cli;

import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.elf.Listing;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ftrace-lab disasm}: an objdump-like listing with patch sites marked. */
@Command(name = "disasm", mixinStandardHelpOptions = true,
        description = {"Disassemble the executable sections of an ELF file (executable or .ko), objdump style.",
                "Instructions in a compiler-recorded patchable-entry area are marked '# patch site'."})
final class DisasmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "An ELF64 little-endian RISC-V or AArch64 file.")
    Path file;

    @Option(names = "--symbol", paramLabel = "NAME", description = "Only this function (with its patch area).")
    String symbol;

    @Override
    public Integer call() {
        ElfFile elf = ElfFile.read(file);
        Listing listing = Listing.of(elf);
        if (symbol != null) {
            listing = listing.function(symbol);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(file + ":     " + elf.arch().id() + ", " + elf.type());
        out.print(listing.toText());
        out.flush();
        return 0;
    }
}
