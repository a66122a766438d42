package dev.ftracelab.cli;

import dev.ftracelab.report.Provenance;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.InputLimits;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ftrace-lab} command line. Subcommands are thin shells over the library API the
 * notebooks use.
 *
 * <p>Exit status: 0 success, 1 a negative verdict (e.g. a patch plan found unsafe), 2 bad input
 * (with a one-line error on stderr), 70 an internal error (a bug: please report it).
 */
@Command(name = "ftrace-lab",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Measure what a tracing-dispatch or text-patching design costs, and whether it is safe.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success",
            "1:negative verdict (e.g. a patch plan is unsafe)",
            "2:bad input (error on stderr)",
            "70:internal error"
        })
public final class Main implements Runnable {
    /** Exit status for bad input. */
    public static final int BAD_INPUT = 2;
    /** Exit status for an internal error. */
    public static final int INTERNAL_ERROR = 70;

    /**
     * The subcommands, in the order {@code --help} lists them. Registered in code rather than in
     * the annotation so that a run of one command builds only its own model ({@link #commandLine(InputLimits, String[])}):
     * picocli builds every listed command's model up front, a tenth of a second of each start.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            ReportCommand.class,
            AnswerCommand.class,
            PublishedCommand.class,
            ImportCommand.class,
            ProfilesCommand.class,
            RunCommand.class,
            DisasmCommand.class,
            DispatchCommand.class,
            FtraceOpsTableCommand.class,
            CalibrateCommand.class,
            CompareCommand.class,
            BenchCommand.class,
            CheckPatchCommand.class,
            CensusCommand.class,
            ReachCommand.class,
            ListPathMixCommand.class,
            ConformanceCommand.class,
            ProbeCommand.class,
            BoardScriptCommand.class,
            ProbeScriptCommand.class,
            ProfileFromCommand.class,
            CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Input size limits, from the environment read once in {@link #run}; subcommands may raise them. */
    private final InputLimits limits;

    Main(InputLimits limits) {
        this.limits = limits;
    }

    /** The input size limits in force (subcommands reach them through {@code @ParentCommand}). */
    InputLimits limits() {
        return limits;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit status (used by tests too). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.getenv());
    }

    /**
     * As {@link #run(String[], PrintWriter, PrintWriter)} with the environment given: the input
     * limits ({@link InputLimits#fromEnvironment}) are read from it here, once.
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        InputLimits limits;
        try {
            limits = InputLimits.fromEnvironment(env);
        } catch (BadInputException e) {
            err.println("ftrace-lab: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
        CommandLine cl = commandLine(limits, args);
        cl.setOut(out);
        cl.setErr(err);
        return execute(cl, args);
    }

    /**
     * Runs {@code cl}; an {@link Error} (out of memory, stack overflow), which picocli lets through
     * and the JVM would end with status 1 (= a negative verdict), becomes one line and status 70.
     */
    static int execute(CommandLine cl, String[] args) {
        try {
            return cl.execute(args);
        } catch (Error e) {
            cl.getErr().println("ftrace-lab: internal error: " + oneLine(e));
            cl.getErr().flush();
            return INTERNAL_ERROR;
        }
    }

    /** The error and the innermost toolkit frame it came through: enough for a bug report. */
    static String oneLine(Throwable e) {
        String where = java.util.Arrays.stream(e.getStackTrace())
                .filter(f -> f.getClassName().startsWith("dev.ftracelab.")).findFirst()
                .map(f -> " at " + f).orElse("");
        return e + where + " (please report it, with the command line)";
    }

    static CommandLine commandLine() {
        return commandLine(InputLimits.DEFAULTS);
    }

    static CommandLine commandLine(InputLimits limits) {
        CommandLine cl = new CommandLine(new Main(limits));
        SUBCOMMANDS.forEach(cl::addSubcommand);
        return configure(cl);
    }

    /**
     * The command line for {@code args}: when the first word names a command (not {@code help}),
     * only that command is registered, and it parses and runs as in the full command line;
     * otherwise every command (help, a missing or misspelt command, {@code --version}).
     */
    static CommandLine commandLine(InputLimits limits, String[] args) {
        if (args.length > 0 && !args[0].equals("help")) {
            for (Class<?> c : SUBCOMMANDS) {
                Command command = c.getAnnotation(Command.class);
                if (command.name().equals(args[0]) || List.of(command.aliases()).contains(args[0])) {
                    CommandLine cl = new CommandLine(new Main(limits));
                    cl.addSubcommand(c);
                    return configure(cl);
                }
            }
        }
        return commandLine(limits);
    }

    /** Installs the exit-status mapping of the header on {@code cl}. */
    static CommandLine configure(CommandLine cl) {
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("ftrace-lab: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            if (ex instanceof BadInputException) {
                err.println("ftrace-lab: " + ex.getMessage());
                return BAD_INPUT;
            }
            if (ex instanceof UncheckedIOException) {
                err.println("ftrace-lab: " + ex.getMessage());
                return BAD_INPUT;
            }
            err.println("ftrace-lab: internal error: " + ex);
            ex.printStackTrace(err);
            return INTERNAL_ERROR;
        });
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand ("
                + String.join(", ", spec.commandLine().getSubcommands().keySet()) + ")");
    }

    /** {@code --version}: toolkit version and the commit it was built from. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Provenance p = Provenance.capture();
            return new String[] {p.toolkit(), p.jvm(), p.os()};
        }
    }
}
