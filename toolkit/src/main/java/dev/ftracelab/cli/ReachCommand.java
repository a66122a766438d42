package dev.ftracelab.cli;

import dev.ftracelab.census.DirectReach;
import dev.ftracelab.census.KernelDataset;
import dev.ftracelab.census.KernelImage;
import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.report.CensusTables;
import dev.ftracelab.report.MailTable;
import dev.ftracelab.report.MailText;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.report.TableFormat;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.InputLimits;
import dev.ftracelab.util.Utf8Text;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ftrace-lab reach}: the share of callsites a direct trampoline is in branch reach of. */
@Command(name = "reach", mixinStandardHelpOptions = true,
        description = {"For direct trampolines in the module area or in the kernel text, the share of callsites whose patch"
                + " site reaches them directly: by JAL (±1 MiB), by JALR from the fixed AUIPC (±2 KiB of its base), by"
                + " AUIPC+JALR, by BL (±128 MiB). Otherwise the call goes through the common trampoline.",
            "Default input: every census dataset with a kernel image in datasets/kernels."})
final class ReachCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SOURCE", arity = "0..*",
            description = "A vmlinux with symbols, or the functions table of a census dataset (see datasets/kernels), with its image table beside it.")
    List<Path> sources = new ArrayList<>();

    @Option(names = "--distances", paramLabel = "FILE",
            description = "Measured site-to-trampoline distances (target minus site), one per line, decimal or 0x hex.")
    Path distances;

    @Option(names = "--arch", paramLabel = "ARCH", description = "The arch of --distances: riscv64 or arm64.")
    String arch;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        List<Path> inputs = new ArrayList<>(sources);
        if (inputs.isEmpty() && distances == null) {
            inputs.addAll(committedDatasets());
        }
        List<DirectReach.ReachRow> rows = new ArrayList<>();
        for (Path p : inputs) {
            rows.addAll(DirectReach.table(image(p)));
        }
        if (distances != null) {
            if (arch == null) {
                throw new BadInputException("--distances needs --arch riscv64|arm64");
            }
            Arch a;
            try {
                a = Arch.parse(arch);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--arch: " + e.getMessage());
            }
            rows.add(DirectReach.measured(a, distances.getFileName().toString(), readDistances(distances)));
        }
        if (rows.isEmpty()) {
            throw new BadInputException("no kernel image to model: give a vmlinux or a census dataset");
        }
        Provenance p = Provenance.capture().with("command", "reach");
        if (!inputs.isEmpty()) {
            p = p.with("sources", inputs.toString());
        }
        if (distances != null) { // only what was given: no "distances=null"
            p = p.with("distances", distances).with("arch", arch);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.format == TableFormat.TEXT) {
            out.print(MailText.wrap("% of callsites whose patch site can call a direct trampoline placed anywhere"
                    + " in the region (mean over sites). riscv64 nop-nop rewrites AUIPC+JALR; atomic and call-ops"
                    + " keep the AUIPC aimed at ftrace_caller and change the JALR; arm64 call-ops uses BL.",
                    MailTable.MAIL_WIDTH, ""));
            out.println();
            out.print(CensusTables.REACH_LAYOUT.render(CensusTables.reach(rows)));
            out.println();
            out.print(MailText.wrap(CensusTables.REACH_LEGEND, MailTable.MAIL_WIDTH, "  "));
            out.println();
            p.lines().forEach(l -> out.println("  " + l));
        } else {
            out.print(format.format.render(CensusTables.reach(rows), CensusTables.REACH_LAYOUT, p));
        }
        out.flush();
        return 0;
    }

    private KernelImage image(Path p) {
        String name = p.getFileName().toString();
        if (name.endsWith(KernelDataset.FUNCTIONS_SUFFIX)) {
            // FTRACE_LAB_MAX_CSV (read once by Main) raises the CSV limit
            return KernelImage.read(KernelDataset.read(p, main == null ? InputLimits.DEFAULTS : main.limits()), p);
        }
        return KernelImage.of(ElfFile.read(p), name);
    }

    /** The committed datasets that have a kernel image. */
    static List<Path> committedDatasets() {
        return KernelDataset.committed().stream().filter(f -> Files.exists(f.resolveSibling(
                f.getFileName().toString().replace(KernelDataset.FUNCTIONS_SUFFIX, KernelImage.IMAGE_SUFFIX)))).toList();
    }

    /** A distance: an optional minus sign, then decimal digits or 0x and hex digits (no "--5", no "0x-5"). */
    private static final java.util.regex.Pattern DISTANCE = java.util.regex.Pattern.compile("(-?)(?:0[xX]([0-9a-fA-F]+)|([0-9]+))");

    /** One distance per line; {@code #} starts a comment. */
    static long[] readDistances(Path file) {
        List<String> lines = Utf8Text.read(file, "distances, one per line").lines().toList();
        long[] out = new long[lines.size()];
        int n = 0;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).replaceFirst("#.*", "").trim();
            if (l.isEmpty()) {
                continue;
            }
            java.util.regex.Matcher m = DISTANCE.matcher(l);
            try {
                if (!m.matches()) {
                    throw new NumberFormatException();
                }
                // parsed with its sign, so -0x8000000000000000 (the lowest long) fits
                out[n++] = m.group(2) != null ? Long.parseLong(m.group(1) + m.group(2), 16) : Long.parseLong(m.group(1) + m.group(3));
            } catch (NumberFormatException e) {
                throw BadInputException.atLine(file, i + 1, "expected a distance in bytes (decimal or 0x hex, -"
                        + " for a target below the site), got '" + l + "'");
            }
        }
        if (n == 0) {
            throw new BadInputException(file.toString(), null, "no distances: expected one per line");
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
