package dev.ftracelab.cli;

import dev.ftracelab.board.BoardRows;
import dev.ftracelab.board.BoardScript;
import dev.ftracelab.report.MailTable;
import dev.ftracelab.report.MailText;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.util.AtomicFiles;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ftrace-lab board-script}: the shell script that runs the ftrace-ops sample on a board. */
@Command(name = "board-script", mixinStandardHelpOptions = true,
        description = {"Write a POSIX shell script that measures ftrace on your board with the kernel's own"
                + " ftrace-ops sample module: run as root, it loads the module with each row's ops --runs times"
                + " (the module refuses to stay loaded by design), collects the kernel log lines of every load,"
                + " and writes one file that 'ftrace-lab import' reads. The untraced baselines (R=0 with each I"
                + " used) are added. It checks that the kernel has the module and says how to build it if not."})
final class BoardScriptCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rows", paramLabel = "ROWS", required = true,
            description = "'published' (every R/I pair of the published datasets) or rows like R1-I0,R1-I10.")
    String rows;

    @Option(names = "--runs", paramLabel = "N", description = "Loads per row (default: ${DEFAULT-VALUE}).")
    int runs = BoardScript.DEFAULT_RUNS;

    @Option(names = "--calls", paramLabel = "N",
            description = "nr_function_calls of every load (default: ${DEFAULT-VALUE}, as published).")
    long calls = BoardScript.DEFAULT_CALLS;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the script here (executable); default: stdout.")
    Path out;

    @Override
    public Integer call() {
        PrintWriter pw = spec.commandLine().getOut();
        List<BoardRows.Row> parsed = BoardRows.parse(rows);
        // the header repeats the rows as parsed, never the raw text: it lands in a shell script
        String named = rows.strip().equalsIgnoreCase("published") ? "published"
                : String.join(",", parsed.stream().map(BoardRows.Row::id).toList());
        String args = "--rows " + named + " --runs " + runs + " --calls " + calls;
        BoardScript script = BoardScript.builder().rows(parsed).runs(runs).calls(calls)
                .generatedBy(Provenance.capture().toolkit()).arguments(args).build();
        String text = script.text();
        if (out == null) {
            pw.print(text);
            pw.flush();
            return 0;
        }
        AtomicFiles.writeExecutable(out, text.getBytes(StandardCharsets.UTF_8));
        String name = out.getFileName().toString();
        pw.print(MailText.wrap("wrote " + out + ": " + script.rows().size() + " rows (with the untraced baselines) x "
                + runs + " runs of " + calls + " calls = " + script.loads() + " loads.", MailTable.MAIL_WIDTH, "", "  "));
        pw.print(MailText.wrap("On the board, as root: sh " + name + " [OUT]; it prints the 'ftrace-lab import'"
                + " command for its output at the end.", MailTable.MAIL_WIDTH, "", "  "));
        pw.flush();
        return 0;
    }
}
