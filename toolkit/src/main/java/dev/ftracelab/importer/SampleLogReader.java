package dev.ftracelab.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the ftrace_ops sample module's output out of a kernel log: each {@code registering:}
 * block (relevant and irrelevant ops counts, save_regs and the assist flags) paired with the
 * {@code Attempted N calls to ... in Tns (Pns / call)} line that follows it. Works on the log as
 * {@code dmesg} (plain, {@code -T}, {@code -x}, {@code -r}), {@code journalctl -k} (short,
 * short-monotonic, short-iso), syslog files and serial consoles print it: every line's prefix
 * (log level, facility, timestamp, host and {@code kernel:}, the module's {@code ftrace_ops:})
 * is stripped before the message is matched. Other kernel lines, also between a block and its
 * result, are ignored.
 *
 * <p>Also picks up what the log says about the machine: {@code Linux version} (kernel release
 * and architecture) and {@code Machine model:} (the board).
 */
final class SampleLogReader {
    /** One timed run of the module. */
    record Run(String source, int line, int relevant, int irrelevant, boolean saveRegs, boolean assistRecursion,
            boolean assistRcu, int calls, long totalNs, long printedPerCallNs) {

        /** The run's settings other than the ops counts, as a name suffix: "" or e.g. "+save-regs". */
        String flags() {
            return (saveRegs ? "+save-regs" : "") + (assistRecursion ? "+assist-recursion" : "")
                    + (assistRcu ? "+assist-rcu" : "");
        }
    }

    /**
     * What one log holds.
     *
     * @param runs   the runs read, in log order
     * @param kernel the kernel release from a {@code Linux version} line, or null
     * @param arch   {@code riscv64} or {@code arm64} when the log says, else null
     * @param board  the {@code Machine model:} line's model, or null
     */
    record Log(List<Run> runs, String kernel, String arch, String board) {
    }

    // Prefixes, stripped repeatedly from the start of a line (a syslog line can carry several).
    private static final List<Pattern> PREFIXES = List.of(
            Pattern.compile("^\\s*(?:>\\s?)+"),                                            // quoted in a mail
            Pattern.compile("^\\s*<\\d{1,3}>"),                                            // dmesg -r level
            Pattern.compile("^\\s*[a-z]+\\s*:\\s*[a-z]+\\s*:\\s"),                           // dmesg -x
            Pattern.compile("^\\s*\\[[^\\]]{1,40}\\]\\s?"),                                  // [ 12.345678] or [Mon Mar ...]
            Pattern.compile("^[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?\\s+\\S+\\s+kernel:\\s?"), // journal
            Pattern.compile("^\\d{4}-\\d\\d-\\d\\d[T ][\\d:.,]+(?:Z|[+-]\\d\\d:?\\d\\d)?\\s+\\S+\\s+kernel:\\s?"), // iso
            Pattern.compile("^\\S+\\s+kernel:\\s?"));                                       // short-monotonic host
    private static final Pattern MODULE = Pattern.compile("^\\s*ftrace_ops:\\s?");
    private static final Pattern REGISTERING = Pattern.compile("^registering:\\s*$");
    private static final Pattern KEY = Pattern.compile(
            "^(relevant ops|irrelevant ops|tracee|tracer|saving registers|assist recursion|assist RCU):\\s*(.*?)\\s*$");
    private static final Pattern ATTEMPTED = Pattern.compile(
            "^Attempted\\s+(\\d+)\\s+calls\\s+to\\s+(.+?)\\s+in\\s+(\\d+)\\s*ns\\s+\\((\\d+)\\s*ns\\s*/\\s*call\\)\\s*$");
    private static final Pattern ATTEMPTED_LIKE = Pattern.compile("\\bAttempted\\b.*\\bcalls\\b");
    private static final Pattern LINUX_VERSION = Pattern.compile("\\bLinux version (\\S+)(.*)");
    private static final Pattern MACHINE = Pattern.compile("\\bMachine model: (.+?)\\s*$");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
    private static final String EXPECTED_RESULT = "'Attempted N calls to tracee_relevant [ftrace_ops] in Tns (Pns / call)'";

    private SampleLogReader() {
    }

    /** The message of a log line: every known prefix stripped, then trimmed. */
    static String message(String line) {
        String s = ANSI.matcher(line).replaceAll("");
        for (boolean again = true; again;) {
            again = false;
            for (Pattern p : PREFIXES) {
                Matcher m = p.matcher(s);
                if (m.find() && m.end() > 0) {
                    s = s.substring(m.end());
                    again = true;
                }
            }
        }
        s = s.strip();
        Matcher m = MODULE.matcher(s);
        return m.find() ? s.substring(m.end()).strip() : s;
    }

    /** Reads one log; what cannot be read goes to {@code diagnostics}. */
    static Log read(TextInput in, List<Diagnostic> diagnostics) {
        List<Run> runs = new ArrayList<>();
        String kernel = null;
        String arch = null;
        String board = null;
        Block block = null;
        List<String> lines = in.lines();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String raw = lines.get(i);
            Matcher lv = LINUX_VERSION.matcher(raw);
            if (kernel == null && lv.find()) {
                kernel = lv.group(1);
                arch = archOf(raw);
                continue;
            }
            Matcher mm = MACHINE.matcher(raw);
            if (board == null && mm.find()) {
                board = mm.group(1);
                continue;
            }
            String msg = message(raw);
            if (REGISTERING.matcher(msg).matches()) {
                if (block != null) {
                    diagnostics.add(Diagnostic.error(in.name(), block.line, "this registering: block has no result:"
                            + " expected " + EXPECTED_RESULT + " before the next registering: block at line " + lineNo));
                }
                block = new Block(lineNo);
                continue;
            }
            Matcher a = ATTEMPTED.matcher(msg);
            if (a.matches()) {
                Run r = run(in.name(), lineNo, a, block, diagnostics);
                if (r != null) {
                    runs.add(r);
                }
                block = null;
                continue;
            }
            if (ATTEMPTED_LIKE.matcher(msg).find() && msg.contains("calls to")) {
                diagnostics.add(Diagnostic.error(in.name(), lineNo, "expected " + EXPECTED_RESULT + ", got '"
                        + shorten(msg) + "'"));
                block = null;
                continue;
            }
            if (block != null) {
                Matcher k = KEY.matcher(msg);
                if (k.matches()) {
                    block.set(in.name(), lineNo, k.group(1), k.group(2), diagnostics);
                }
            }
        }
        if (block != null) {
            diagnostics.add(Diagnostic.error(in.name(), block.line, "this registering: block has no result: expected "
                    + EXPECTED_RESULT + " after it, got the end of the log"));
        }
        return new Log(runs, kernel, arch, board);
    }

    private static Run run(String source, int lineNo, Matcher a, Block block, List<Diagnostic> diagnostics) {
        if (block == null) {
            diagnostics.add(Diagnostic.error(source, lineNo, "a result with no registering: block before it:"
                    + " expected the module's 'registering:' lines (relevant ops, irrelevant ops, ...) first"));
            return null;
        }
        if (block.bad) {
            diagnostics.add(Diagnostic.error(source, lineNo, "result skipped: its registering: block at line "
                    + block.line + " could not be read"));
            return null;
        }
        if (block.relevant == null || block.irrelevant == null) {
            diagnostics.add(Diagnostic.error(source, lineNo, "result skipped: its registering: block at line "
                    + block.line + " has no '" + (block.relevant == null ? "relevant ops: N" : "irrelevant ops: N")
                    + "' line"));
            return null;
        }
        long calls;
        long total;
        long perCall;
        try {
            calls = Long.parseLong(a.group(1));
            total = Long.parseLong(a.group(3));
            perCall = Long.parseLong(a.group(4));
        } catch (NumberFormatException e) {
            diagnostics.add(Diagnostic.error(source, lineNo, "a number too large in " + EXPECTED_RESULT));
            return null;
        }
        if (calls == 0 || calls > Integer.MAX_VALUE) {
            diagnostics.add(Diagnostic.error(source, lineNo, "expected 1 to " + Integer.MAX_VALUE + " calls, got " + calls));
            return null;
        }
        if (perCall != total / calls) {
            diagnostics.add(Diagnostic.note(source, lineNo, "the printed per-call time " + perCall + " ns is not "
                    + total + " ns / " + calls + " calls; the total is used"));
        }
        if (block.missingFlags()) {
            diagnostics.add(Diagnostic.note(source, block.line, "registering: block without its 'saving registers',"
                    + " 'assist recursion' or 'assist RCU' line: read as NO"));
        }
        return new Run(source, lineNo, block.relevant, block.irrelevant, Boolean.TRUE.equals(block.saveRegs),
                Boolean.TRUE.equals(block.assistRecursion), Boolean.TRUE.equals(block.assistRcu), (int) calls, total, perCall);
    }

    /** riscv64 or arm64 from a Linux version line (release name, compiler triple), else null. */
    static String archOf(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        if (l.contains("riscv64") || l.contains("riscv")) {
            return "riscv64";
        }
        if (l.contains("aarch64") || l.contains("arm64")) {
            return "arm64";
        }
        return null;
    }

    private static String shorten(String s) {
        return s.length() <= 100 ? s : s.substring(0, 97) + "...";
    }

    /** A registering: block being read. */
    private static final class Block {
        final int line;
        Integer relevant;
        Integer irrelevant;
        Boolean saveRegs;
        Boolean assistRecursion;
        Boolean assistRcu;
        boolean bad;

        Block(int line) {
            this.line = line;
        }

        boolean missingFlags() {
            return saveRegs == null || assistRecursion == null || assistRcu == null;
        }

        void set(String source, int lineNo, String key, String value, List<Diagnostic> diagnostics) {
            switch (key) {
                case "relevant ops" -> relevant = count(source, lineNo, key, value, diagnostics);
                case "irrelevant ops" -> irrelevant = count(source, lineNo, key, value, diagnostics);
                case "saving registers" -> saveRegs = yesNo(source, lineNo, key, value, diagnostics);
                case "assist recursion" -> assistRecursion = yesNo(source, lineNo, key, value, diagnostics);
                case "assist RCU" -> assistRcu = yesNo(source, lineNo, key, value, diagnostics);
                default -> {
                    // tracee: / tracer: name the functions; nothing to check
                }
            }
        }

        private Integer count(String source, int lineNo, String key, String value, List<Diagnostic> diagnostics) {
            if (value.matches("\\d{1,9}")) {
                return Integer.valueOf(value);
            }
            diagnostics.add(Diagnostic.error(source, lineNo, "expected '" + key + ": N' with N a count, got '"
                    + key + ": " + value + "'"));
            bad = true;
            return null;
        }

        private Boolean yesNo(String source, int lineNo, String key, String value, List<Diagnostic> diagnostics) {
            if (value.equals("YES") || value.equals("NO")) {
                return value.equals("YES");
            }
            diagnostics.add(Diagnostic.error(source, lineNo, "expected '" + key + ": YES' or 'NO', got '"
                    + key + ": " + value + "'"));
            bad = true;
            return null;
        }
    }
}
