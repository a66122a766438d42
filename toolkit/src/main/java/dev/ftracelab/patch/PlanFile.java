package dev.ftracelab.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.Utf8Text;
import dev.ftracelab.util.YamlErrors;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A patch plan written by a user, in YAML or JSON (JSON is YAML too). Addresses are numbers or
 * {@code symbol[+-offset]} in the guest kernel image; values are {@code half}, {@code word},
 * {@code quad} (a number or {@code &symbol}) or {@code bytes} (hex).
 *
 * <pre>
 * name: my enable
 * op: enable
 * steps:
 *   - write: {at: tracee_relevant-8, quad: "&amp;ftrace_list_ops"}
 *   - write: {at: tracee_relevant+4, word: 0xbb0282e7}
 *   - remote_flush
 *   - stop_machine:
 *       - write: {at: tracee_relevant, word: 0x00000013}
 *   - sync_rcu_tasks
 *   - install_trap: {at: tracee_relevant, resume: tracee_relevant+8}
 *   - remove_trap: {at: tracee_relevant}
 *   - local_flush
 * </pre>
 *
 * A malformed plan is refused with the file, the step ({@code step 3}, {@code step 2.1} inside a
 * stop_machine) and the reason.
 */
public final class PlanFile {
    /**
     * An immutable, thread-safe YAML tree reader, made once: building an ObjectMapper per read
     * cost more than parsing a small file. A repeated key is an error, not "the last one wins".
     */
    private static final ObjectReader YAML = new ObjectMapper(new YAMLFactory()).reader()
            .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private static final Set<String> TOP = Set.of("name", "op", "steps");

    private final String source;
    private final Function<PatchPlan.Op, ToLongFunction<String>> symbolsFor;
    private ToLongFunction<String> symbols; // symbolsFor(the plan's op), once the op is read

    private PlanFile(String source, Function<PatchPlan.Op, ToLongFunction<String>> symbolsFor) {
        this.source = source;
        this.symbolsFor = symbolsFor;
    }

    /**
     * Reads the plan in {@code file}; {@code symbols} gives a symbol's address (and throws
     * IllegalArgumentException for an unknown one), e.g. {@code model::symbolAddress}.
     *
     * @throws BadInputException naming the file, the step and the reason
     */
    public static PatchPlan read(Path file, ToLongFunction<String> symbols) {
        String text = Utf8Text.read(file, "a YAML or JSON plan");
        return parse(text, file.toString(), symbols);
    }

    /**
     * As {@link #read}, with names that depend on the plan's op: the patch-safety scenario of an
     * op has its own ops ({@code A}, {@code B}) and trampolines, so {@code quad: "&B"} resolves
     * only against that scenario ({@link Scenario#symbolAddress}).
     *
     * <pre>{@code
     * Map<Op, Scenario> made = new EnumMap<>(Op.class);
     * PatchPlan plan = PlanFile.readFor(path, op -> made.computeIfAbsent(op, o -> Scenario.of(arch, layout, o, 2))::symbolAddress);
     * Explorer.check(made.get(plan.op()), plan, options);
     * }</pre>
     *
     * @throws BadInputException naming the file, the step and the reason
     */
    public static PatchPlan readFor(Path file, Function<PatchPlan.Op, ToLongFunction<String>> symbolsFor) {
        String text = Utf8Text.read(file, "a YAML or JSON plan");
        return parseFor(text, file.toString(), symbolsFor);
    }

    /** As {@link #read}, from text (e.g. a notebook cell); {@code source} names it in errors. */
    public static PatchPlan parse(String text, String source, ToLongFunction<String> symbols) {
        return parseFor(text, source, op -> symbols);
    }

    /** As {@link #readFor}, from text; {@code source} names it in errors. */
    public static PatchPlan parseFor(String text, String source, Function<PatchPlan.Op, ToLongFunction<String>> symbolsFor) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw YamlErrors.located(source, e, "not a YAML or JSON plan");
        }
        return new PlanFile(source, symbolsFor).plan(root);
    }

    private PatchPlan plan(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw error(null, "expected a mapping with name, op and steps");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!TOP.contains(k)) {
                throw error(k, "unknown key: expected name, op, steps");
            }
        }
        String name = root.has("name") && root.get("name").isTextual() ? root.get("name").asText() : null;
        if (name == null || name.isBlank()) {
            throw error("name", "expected a non-empty text");
        }
        PatchPlan.Op op;
        try {
            op = PatchPlan.Op.parse(root.path("op").asText("enable"));
        } catch (IllegalArgumentException e) {
            throw error("op", e.getMessage());
        }
        JsonNode steps = root.get("steps");
        if (steps == null || !steps.isArray() || steps.isEmpty()) {
            throw error("steps", "expected a non-empty list of steps");
        }
        symbols = symbolsFor.apply(op);
        return new PatchPlan(name, op, steps(steps, "step ", true));
    }

    private List<PatchStep> steps(JsonNode list, String prefix, boolean top) {
        List<PatchStep> out = new ArrayList<>();
        int n = 0;
        for (JsonNode s : list) {
            String where = prefix + ++n;
            out.add(step(s, where, top));
        }
        return out;
    }

    private PatchStep step(JsonNode s, String where, boolean top) {
        String kind;
        JsonNode arg = null;
        if (s.isTextual()) {
            kind = s.asText();
        } else if (s.isObject() && s.size() == 1) {
            kind = s.fieldNames().next();
            arg = s.get(kind);
        } else {
            throw error(where, "expected a step: write, local_flush, remote_flush, stop_machine, sync_rcu_tasks,"
                    + " install_trap or remove_trap");
        }
        switch (kind) {
            case "local_flush" -> {
                return noArgument(new PatchStep.LocalFlush(), arg, where);
            }
            case "remote_flush" -> {
                return noArgument(new PatchStep.RemoteFlush(), arg, where);
            }
            case "sync_rcu_tasks" -> {
                return noArgument(new PatchStep.SyncRcuTasks(), arg, where);
            }
            case "stop_machine" -> {
                if (!top) {
                    throw error(where, "stop_machine cannot nest");
                }
                if (arg == null || !arg.isArray() || arg.isEmpty()) {
                    throw error(where, "stop_machine needs a non-empty list of steps");
                }
                return new PatchStep.StopMachine(steps(arg, where + ".", false));
            }
            case "write" -> {
                fields(arg, where, Set.of("at", "half", "word", "quad", "bytes", "what"), "at");
                long at = address(arg.get("at"), where + " at");
                List<String> values = new ArrayList<>();
                for (String k : List.of("half", "word", "quad", "bytes")) {
                    if (arg.has(k)) {
                        values.add(k);
                    }
                }
                if (values.size() != 1) {
                    throw error(where, "a write needs exactly one of half, word, quad or bytes");
                }
                String k = values.get(0);
                byte[] bytes = switch (k) {
                    case "half" -> le(sized(number(arg.get(k), where), 2, where), 2);
                    case "word" -> le(sized(number(arg.get(k), where), 4, where), 4);
                    case "quad" -> le(value(arg.get(k), where + " quad"), 8);
                    default -> hex(arg.get(k), where);
                };
                return new PatchStep.Write(at, bytes, arg.path("what").asText(""));
            }
            case "install_trap" -> {
                fields(arg, where, Set.of("at", "resume", "what"), "at", "resume");
                return new PatchStep.InstallTrapHandler(address(arg.get("at"), where + " at"),
                        address(arg.get("resume"), where + " resume"), arg.path("what").asText(""));
            }
            case "remove_trap" -> {
                fields(arg, where, Set.of("at"), "at");
                return new PatchStep.RemoveTrapHandler(address(arg.get("at"), where + " at"));
            }
            default -> throw error(where, "unknown step '" + kind + "': expected write, local_flush, remote_flush,"
                    + " stop_machine, sync_rcu_tasks, install_trap or remove_trap");
        }
    }

    private PatchStep noArgument(PatchStep step, JsonNode arg, String where) {
        if (arg != null && !arg.isNull()) {
            throw error(where, "this step takes no arguments");
        }
        return step;
    }

    private void fields(JsonNode arg, String where, Set<String> allowed, String... required) {
        if (arg == null || !arg.isObject()) {
            throw error(where, "expected a mapping of " + String.join(", ", allowed));
        }
        for (Iterator<String> it = arg.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw error(where, "unknown key '" + k + "': expected one of " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        for (String r : required) {
            if (!arg.has(r)) {
                throw error(where, "missing '" + r + "'");
            }
        }
    }

    /** A number, or {@code symbol}, {@code symbol+off}, {@code symbol-off}. */
    private long address(JsonNode v, String where) {
        if (v.isIntegralNumber()) {
            return integral(v, where);
        }
        String s = v.asText().strip();
        if (s.matches("(0x[0-9a-fA-F]+|[0-9]+)")) {
            return parseNumber(s, where);
        }
        int cut = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
        String sym = cut > 0 ? s.substring(0, cut) : s;
        long off = cut > 0 ? parseNumber(s.substring(cut + 1), where) * (s.charAt(cut) == '-' ? -1 : 1) : 0;
        try {
            return symbols.applyAsLong(sym) + off;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw error(where, "unknown symbol '" + sym + "'");
        }
    }

    /** A number, or {@code &symbol} (its address). */
    private long value(JsonNode v, String where) {
        String s = v.asText().strip();
        if (s.startsWith("&")) {
            return address(new com.fasterxml.jackson.databind.node.TextNode(s.substring(1)), where);
        }
        return number(v, where);
    }

    private long number(JsonNode v, String where) {
        if (v.isIntegralNumber()) {
            return integral(v, where);
        }
        return parseNumber(v.asText().strip(), where);
    }

    /**
     * A whole number of the YAML tree as 64 bits: -2^63 .. 2^64-1 (above 2^63-1 read as unsigned,
     * like 0x hex). Jackson keeps a larger number whole, and asLong would silently wrap it.
     */
    private long integral(JsonNode v, String where) {
        if (v.canConvertToLong()) {
            return v.asLong();
        }
        BigInteger b = v.bigIntegerValue();
        if (b.signum() > 0 && b.bitLength() <= 64) {
            return b.longValue();
        }
        throw error(where, b + " does not fit in 64 bits: expected -2^63 .. 2^64-1");
    }

    private long parseNumber(String s, String where) {
        try {
            return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw error(where, "expected a number (decimal or 0x hex), got '" + s + "'");
        }
    }

    private byte[] hex(JsonNode v, String where) {
        try {
            byte[] b = HexFormat.of().parseHex(v.asText().replace(" ", ""));
            if (b.length == 0) {
                throw error(where, "bytes must not be empty");
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw error(where, "bytes must be hex digits, got '" + v.asText() + "'");
        }
    }

    private long sized(long v, int bytes, String where) {
        if (v < -(1L << (8 * bytes - 1)) || v >= 1L << (8 * bytes)) {
            throw error(where, "0x" + Long.toHexString(v) + " does not fit in " + bytes + " bytes");
        }
        return v;
    }

    private static byte[] le(long v, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    private BadInputException error(String where, String reason) {
        return new BadInputException(source, where, reason);
    }
}
