package dev.ftracelab.cli;

import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.elf.Listing;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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

    @Parameters(arity = "1..*", paramLabel = "FILE", description = {"An ELF64 little-endian RISC-V or AArch64 file.",
            "Several are listed one after the other, each under its header (one JVM for a whole",
            "package of modules: toolkit/src/guest/disasm-parity.sh)."})
    List<Path> files;

    @Option(names = "--symbol", paramLabel = "NAME", description = "Only this function (with its patch area).")
    String symbol;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        for (Path file : files) {
            list(file, out);
        }
        return 0;
    }

    private void list(Path file, PrintWriter out) throws IOException {
        ElfFile elf = ElfFile.read(file);
        String header = file + ":     " + elf.arch().id() + ", " + elf.type() + System.lineSeparator();
        // Streamed line by line (a text of hundreds of MB in bounded memory); the header waits for
        // the first line so that a bad --symbol or patch table leaves stdout empty, as before.
        HeaderFirst text = new HeaderFirst(out, header);
        Listing.write(elf, symbol, text);
        text.append("");
        out.flush();
    }

    /** Writes {@code header} before the first text appended. */
    private static final class HeaderFirst implements Appendable {
        private final PrintWriter out;
        private String header;

        HeaderFirst(PrintWriter out, String header) {
            this.out = out;
            this.header = header;
        }

        @Override
        public Appendable append(CharSequence csq) {
            if (header != null) {
                out.append(header);
                header = null;
            }
            return out.append(csq);
        }

        @Override
        public Appendable append(CharSequence csq, int start, int end) {
            return append(csq.subSequence(start, end));
        }

        @Override
        public Appendable append(char c) {
            return append(String.valueOf(c));
        }
    }
}
