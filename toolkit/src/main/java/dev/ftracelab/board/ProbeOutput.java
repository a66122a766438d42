package dev.ftracelab.board;

import dev.ftracelab.cost.Probe;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code run-probes.sh} ({@link ProbeScript}) collected on a board: {@code #} notes
 * describing it ({@code # board: ...}, {@code # date: ...}, {@code # arch: ...}), then one block
 * per probe: {@code run=NAME}, the probe's {@code key=value} output with its {@code result=}, and
 * {@code exit=STATUS}.
 *
 * <pre>{@code
 * ProbeOutput o = ProbeOutput.read(Path.of("probes.txt"));
 * o.board();                          // "StarFive VisionFive 2 v1.3B"
 * o.result("load-l2").orElseThrow();  // 23.04 cycles per load
 * }</pre>
 *
 * @param file    where it was read from
 * @param board   the {@code # board:} note, or empty
 * @param date    the {@code # date:} note, or empty
 * @param arch    the {@code # arch:} note, if any
 * @param runner  the {@code # runner:} note (a command such as qemu-riscv64 the programs ran
 *                under instead of on a board), or empty for none
 * @param results every probe's result, in file order
 */
public record ProbeOutput(Path file, String board, String date, Optional<Arch> arch, String runner,
        List<Result> results) {
    /** Larger files are not probe output; refusing them keeps memory bounded. */
    public static final long MAX_BYTES = 16L << 20;

    /**
     * One probe's figure.
     *
     * @param probe   the probe ({@code run=} name)
     * @param value   its {@code result=}
     * @param line    the 1-based line of the {@code result=} line
     * @param command the {@code command=} line's program and arguments, or empty
     */
    public record Result(Probe probe, double value, int line, String command) {
    }

    public ProbeOutput {
        results = List.copyOf(results);
    }

    /** The result of probe {@code name}, if the file has one. */
    public Optional<Result> result(String name) {
        return results.stream().filter(r -> r.probe().name().equals(name)).findFirst();
    }

    /**
     * Reads and checks a probe output file.
     *
     * @throws BadInputException with file:line for a line that is neither a note, a
     *     {@code run=} line nor {@code key=value} output, an unknown or repeated probe, a
     *     {@code result=} that is not a number, a block without one, a probe that exited with a
     *     failure, or a file with no blocks
     */
    public static ProbeOutput read(Path file) {
        List<String> lines;
        try {
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(file.toString(), null, "not a regular file: expected the output of run-probes.sh");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new BadInputException(file.toString(), null, "larger than " + (MAX_BYTES >> 20)
                        + " MiB: expected the output of run-probes.sh (a few KiB)");
            }
            lines = List.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString().split("\r?\n", -1));
        } catch (CharacterCodingException e) {
            throw new BadInputException(file.toString(), null, "not UTF-8 text: expected the output of run-probes.sh");
        } catch (IOException e) {
            throw new BadInputException(file.toString(), null, "cannot read: " + e.getMessage());
        }
        return parse(file, lines);
    }

    /** As {@link #read}, for lines already in memory ({@code file} names them in messages). */
    public static ProbeOutput parse(Path file, List<String> lines) {
        String board = "";
        String date = "";
        String runner = "";
        Optional<Arch> arch = Optional.empty();
        List<Result> results = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        Block block = null;
        for (int i = 0; i < lines.size(); i++) {
            int n = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String note = line.substring(1).strip();
                if (block == null) {
                    board = board.isEmpty() ? noteValue(note, "board") : board;
                    date = date.isEmpty() ? noteValue(note, "date") : date;
                    runner = runner.isEmpty() ? noteValue(note, "runner") : runner;
                    String a = noteValue(note, "arch");
                    if (!a.isEmpty() && arch.isEmpty()) {
                        try {
                            arch = Optional.of(Arch.parse(a));
                        } catch (IllegalArgumentException e) {
                            throw BadInputException.atLine(file, n, "# arch: expected riscv64 or arm64, got '" + a + "'");
                        }
                    }
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw BadInputException.atLine(file, n, "expected run=PROBE, key=value probe output or a '#' note, got '"
                        + shorten(line) + "'");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (key.equals("run")) {
                if (block != null) {
                    results.add(block.finish(file));
                }
                Probe probe;
                try {
                    probe = Probe.named(value);
                } catch (BadInputException e) {
                    throw BadInputException.atLine(file, n, "unknown probe '" + value + "': expected one of "
                            + String.join(", ", Probe.all().stream().map(Probe::name).toList()));
                }
                Integer first = seen.putIfAbsent(probe.name(), n);
                if (first != null) {
                    throw BadInputException.atLine(file, n, "probe " + probe.name() + " again (first at line " + first
                            + "): expected one block per probe");
                }
                block = new Block(probe, n);
                continue;
            }
            if (block == null) {
                throw BadInputException.atLine(file, n, "expected run=PROBE before the probe's output, got '"
                        + shorten(line) + "'");
            }
            switch (key) {
                case "result" -> {
                    double v;
                    try {
                        v = Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        v = Double.NaN;
                    }
                    if (!Double.isFinite(v) || !value.matches("[-+]?[0-9.eE+-]+")) {
                        throw BadInputException.atLine(file, n, "result of " + block.probe.name()
                                + ": expected a number of cycles, got '" + shorten(value) + "'");
                    }
                    block.result = v;
                    block.resultLine = n;
                }
                case "command" -> block.command = value;
                case "exit" -> {
                    if (!value.equals("0")) {
                        throw BadInputException.atLine(file, n, "probe " + block.probe.name() + " exited with status "
                                + value + ": expected 0 (rerun it, or delete its block to keep the base value)");
                    }
                }
                default -> {
                    // the program's other figures (iters, counter, cycles_per_tick, ...)
                }
            }
        }
        if (block != null) {
            results.add(block.finish(file));
        }
        if (results.isEmpty()) {
            throw new BadInputException(file.toString(), null, "no probe output (no run=PROBE line): expected the"
                    + " output of run-probes.sh");
        }
        return new ProbeOutput(file, board, date, arch, runner.equals("none") ? "" : runner, results);
    }

    /** The value of a note {@code key: value}, or "". */
    private static String noteValue(String note, String key) {
        String prefix = key + ":";
        return note.toLowerCase(Locale.ROOT).startsWith(prefix) ? note.substring(prefix.length()).strip() : "";
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** A probe's block while it is read. */
    private static final class Block {
        final Probe probe;
        final int line;
        double result = Double.NaN;
        int resultLine;
        String command = "";

        Block(Probe probe, int line) {
            this.probe = probe;
            this.line = line;
        }

        Result finish(Path file) {
            if (Double.isNaN(result)) {
                throw BadInputException.atLine(file, line, "probe " + probe.name()
                        + " printed no result= line: expected its result (rerun it, or delete its block)");
            }
            return new Result(probe, result, resultLine, command);
        }
    }
}
