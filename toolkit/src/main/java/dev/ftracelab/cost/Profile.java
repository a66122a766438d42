package dev.ftracelab.cost;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.ProjectPaths;
import dev.ftracelab.util.Utf8Text;
import dev.ftracelab.util.YamlErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A hardware profile: the core, latencies, branch costs, predictor sizes and caches the cost
 * model prices an instruction stream with, each value with its source (or marked as an estimate).
 * Read from {@code datasets/profiles/NAME.yaml}; see the README for the format.
 *
 * <pre>{@code
 * Profile vf2 = Profile.load("vf2");
 * vf2.clockGhz();                    // 1.5
 * vf2.source("latency.load_to_use"); // "LLVM RISCVSchedSiFive7.td LoadLatency ..."
 * }</pre>
 *
 * @param sources every parameter's path (e.g. {@code latency.alu}) with its source
 */
public record Profile(String name, String description, Arch arch, double clockGhz, int issueWidth,
        boolean outOfOrder, int robEntries, Latencies latency, Branch branch, Predictor predictor, Cache l1i,
        Cache l1d, Cache l2, int memoryLatency, StoreBuffer storeBuffer, Map<String, Source> sources) {
    /**
     * An immutable, thread-safe YAML tree reader, made once: building an ObjectMapper per read
     * cost more than parsing a small file. A repeated key is an error, not "the last one wins".
     */
    private static final ObjectReader YAML = new ObjectMapper(new YAMLFactory()).reader()
            .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);


    /** Result latencies in cycles. */
    public record Latencies(int alu, int mul, int div, int loadToUse, int store) {
    }

    /** Front-end costs in cycles: bubbles after a taken branch or jump, and a mispredict. */
    public record Branch(int takenBubble, int directJump, int indirectJump, int mispredictPenalty) {
    }

    /**
     * Predictor sizes (entries), and how many recent conditional-branch outcomes (0-64) the
     * direction predictor hashes into its index ({@code history_bits}).
     */
    public record Predictor(int bhtEntries, int btbEntries, int rasEntries, int historyBits) {
    }

    /**
     * How stores reach later loads, in cycles. {@code forwardLatency}: from a load's issue to its
     * result when one earlier plain store, not yet visible, holds all its bytes (it replaces
     * {@code load_to_use}). {@code visibilityLatency}: from a store's commit (issue +
     * {@code latency.store} in order; in-order retirement out of order) until it is written to the
     * L1D, which a load that cannot forward (partial overlap, several stores, a release store) and
     * a fence wait for.
     */
    public record StoreBuffer(int forwardLatency, int visibilityLatency) {
    }

    /** A set-associative cache; {@code hitLatency} in cycles. */
    public record Cache(int sizeKib, int ways, int lineBytes, int hitLatency) {
        public int sets() {
            return (int) Math.min(Integer.MAX_VALUE, sizeKib * 1024L / ((long) ways * lineBytes));
        }
    }

    /** Where a value comes from: a citation, or (estimate) why it was chosen. */
    public record Source(String text, boolean estimate) {
    }

    /** Most issue slots per cycle a profile may give (wider than any core built). */
    public static final int MAX_ISSUE_WIDTH = 64;
    /** Most reorder-buffer entries: the cost model keeps one slot per entry. */
    public static final int MAX_ROB_ENTRIES = 1 << 16;
    /** Most entries of a predictor table (BHT, BTB, RAS): the model allocates each whole, up to 24 MiB. */
    public static final int MAX_PREDICTOR_ENTRIES = 1 << 20;
    /** Most ways of a cache: every access scans its set. */
    public static final int MAX_WAYS = 256;
    /** Largest cache line, in bytes (a 4 KiB page). */
    public static final int MAX_LINE_BYTES = 4096;
    /** Most lines of a cache (size / line): the model keeps a tag per line, 16 MiB at most. */
    public static final int MAX_CACHE_LINES = 1 << 20;

    public Profile {
        sources = Map.copyOf(sources);
    }

    /** Nanoseconds for {@code cycles} at this profile's clock. */
    public double nanos(double cycles) {
        return cycles / clockGhz;
    }

    /** The source of parameter {@code path}, e.g. {@code l2.hit_latency}. */
    public Source source(String path) {
        Source s = sources.get(path);
        if (s == null) {
            throw new IllegalArgumentException("profile " + name + " has no parameter " + path);
        }
        return s;
    }

    /** The folder of the committed profiles. */
    public static Path folder() {
        return ProjectPaths.datasets().resolve("profiles");
    }

    /** The names of the committed profiles, sorted. */
    public static List<String> names() {
        try (Stream<Path> s = Files.list(folder())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException(folder().toString(), null, "cannot list the profiles: " + e.getMessage());
        }
    }

    /**
     * The committed profile {@code name} ({@code vf2}, {@code k1}, {@code m1}), or a path to a
     * {@code .yaml} file.
     *
     * @throws BadInputException if there is no such profile or it is malformed
     */
    public static Profile load(String name) {
        if (name.endsWith(".yaml") || name.contains("/")) {
            return read(Path.of(name));
        }
        Path p = folder().resolve(name + ".yaml");
        if (!Files.isRegularFile(p)) {
            throw new BadInputException("no hardware profile '" + name + "': expected one of "
                    + String.join(", ", names()) + " (or a path to a .yaml file)");
        }
        return read(p);
    }

    /**
     * Reads and checks a profile file: every field present, no unknown key, the right types,
     * no negative value, table and cache sizes within the limits above ({@link #MAX_ROB_ENTRIES}...).
     *
     * @throws BadInputException naming the file, the line, the field and the reason
     */
    public static Profile read(Path file) {
        return read(file, Map.of());
    }

    /**
     * The committed profile {@code name} (or a {@code .yaml} path) with some values replaced,
     * e.g. {@code Map.of("store_buffer.visibility_latency", 6)}: what-if runs and the sensitivity
     * of the calibration to an estimate. The result is checked like the file.
     *
     * @throws BadInputException for an unknown parameter path, or a value the schema refuses
     */
    public static Profile load(String name, Map<String, ? extends Number> overrides) {
        if (name.endsWith(".yaml") || name.contains("/")) {
            return read(Path.of(name), overrides);
        }
        load(name); // the usual error for an unknown name
        return read(folder().resolve(name + ".yaml"), overrides);
    }

    private static Profile read(Path file, Map<String, ? extends Number> overrides) {
        String text = Utf8Text.read(file, "a YAML hardware profile");
        JsonNode root;
        Map<String, Integer> lines;
        try {
            // a repeated key is an error, not "the last one wins"
            root = YAML.readTree(text);
            lines = fieldLines(text);
        } catch (JsonProcessingException e) {
            throw YamlErrors.located(file.toString(), e, "not a readable YAML profile");
        }
        overrides.forEach((path, v) -> override(file, root, path, v));
        return new Reader(file, root, lines).profile();
    }

    /**
     * The line of every key in {@code text}, by its dotted path ({@code core.rob_entries}): the
     * tree Jackson builds keeps no locations, so errors would name the field but not the line.
     */
    private static Map<String, Integer> fieldLines(String text) throws JsonProcessingException {
        Map<String, Integer> lines = new java.util.HashMap<>();
        try (JsonParser p = YAML.getFactory().createParser(text)) {
            java.util.ArrayDeque<String> open = new java.util.ArrayDeque<>(); // paths of the open mappings
            String field = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case FIELD_NAME -> {
                        String parent = open.isEmpty() ? "" : open.peek();
                        field = parent.isEmpty() ? p.currentName() : parent + "." + p.currentName();
                        lines.putIfAbsent(field, p.currentTokenLocation().getLineNr());
                    }
                    case START_OBJECT -> open.push(field == null ? "" : field);
                    case END_OBJECT -> {
                        open.pop();
                        field = null;
                    }
                    case START_ARRAY -> p.skipChildren(); // no list in a profile has located fields
                    default -> {
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // reading a String
        }
        return lines;
    }

    /** Sets {@code path}'s {@code value} in the tree, as an integer where the file has one. */
    private static void override(Path file, JsonNode root, String path, Number v) {
        JsonNode n = root;
        for (String part : path.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        if (n == null || !n.isObject() || !n.has("value") || !n.get("value").isNumber()) {
            throw new BadInputException(file.toString(), null, path + ": no numeric parameter of that name to replace");
        }
        com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) n;
        if (o.get("value").isIntegralNumber()) {
            o.put("value", Math.round(v.doubleValue()));
        } else {
            o.put("value", v.doubleValue());
        }
    }

    /** Walks the YAML tree against the schema, collecting values and sources. */
    private static final class Reader {
        private final Path file;
        private final JsonNode root;
        private final Map<String, Integer> lines;
        private final Map<String, Source> sources = new LinkedHashMap<>();

        Reader(Path file, JsonNode root, Map<String, Integer> lines) {
            this.file = file;
            this.root = root;
            this.lines = lines;
        }

        Profile profile() {
            if (root == null || !root.isObject()) {
                throw error("", "expected a mapping of profile fields");
            }
            only(root, "", "name", "description", "arch", "core", "latency", "branch", "predictor", "l1i", "l1d", "l2",
                    "memory_latency", "store_buffer");
            String name = text("name");
            Arch arch;
            try {
                arch = Arch.parse(text("arch"));
            } catch (IllegalArgumentException e) {
                throw error("arch", e.getMessage());
            }
            group("core", "clock_ghz", "issue_width", "out_of_order", "rob_entries");
            group("latency", "alu", "mul", "div", "load_to_use", "store");
            group("branch", "taken_bubble", "direct_jump", "indirect_jump", "mispredict_penalty");
            group("predictor", "bht_entries", "btb_entries", "ras_entries", "history_bits");
            group("store_buffer", "forward_latency", "visibility_latency");
            for (String c : List.of("l1i", "l1d", "l2")) {
                group(c, "size_kib", "ways", "line_bytes", "hit_latency");
            }
            double clock = number("core.clock_ghz");
            if (clock <= 0) {
                throw error("core.clock_ghz", "expected a clock above 0 GHz, got " + clock);
            }
            int width = count("core.issue_width");
            if (width < 1) {
                throw error("core.issue_width", "expected at least 1");
            }
            atMost("core.issue_width", width, MAX_ISSUE_WIDTH);
            boolean ooo = bool("core.out_of_order");
            int rob = count("core.rob_entries");
            if (ooo && rob < 1) {
                throw error("core.rob_entries", "an out-of-order core needs at least 1 entry");
            }
            atMost("core.rob_entries", rob, MAX_ROB_ENTRIES);
            int history = count("predictor.history_bits");
            if (history > 64) {
                throw error("predictor.history_bits", "expected at most 64, got " + history);
            }
            Predictor p = new Predictor(atMost("predictor.bht_entries", positive("predictor.bht_entries"), MAX_PREDICTOR_ENTRIES),
                    atMost("predictor.btb_entries", positive("predictor.btb_entries"), MAX_PREDICTOR_ENTRIES),
                    atMost("predictor.ras_entries", positive("predictor.ras_entries"), MAX_PREDICTOR_ENTRIES), history);
            Profile profile = new Profile(name, text("description"), arch, clock, width, ooo, rob,
                    new Latencies(count("latency.alu"), count("latency.mul"), count("latency.div"),
                            count("latency.load_to_use"), count("latency.store")),
                    new Branch(count("branch.taken_bubble"), count("branch.direct_jump"),
                            count("branch.indirect_jump"), count("branch.mispredict_penalty")),
                    p, cache("l1i"), cache("l1d"), cache("l2"), count("memory_latency"),
                    new StoreBuffer(count("store_buffer.forward_latency"), count("store_buffer.visibility_latency")),
                    sources);
            return profile;
        }

        private Cache cache(String c) {
            Cache k = new Cache(positive(c + ".size_kib"), atMost(c + ".ways", positive(c + ".ways"), MAX_WAYS),
                    atMost(c + ".line_bytes", positive(c + ".line_bytes"), MAX_LINE_BYTES), count(c + ".hit_latency"));
            if (Integer.bitCount(k.lineBytes()) != 1) {
                throw error(c + ".line_bytes", "expected a power of two, got " + k.lineBytes());
            }
            long cacheLines = k.sizeKib() * 1024L / k.lineBytes();
            if (cacheLines > MAX_CACHE_LINES) {
                throw error(c + ".size_kib", k.sizeKib() + " KiB is " + cacheLines + " lines of " + k.lineBytes()
                        + " B: expected at most " + MAX_CACHE_LINES + " lines");
            }
            if ((long) k.sizeKib() * 1024 % ((long) k.ways() * k.lineBytes()) != 0 || k.sets() < 1) {
                throw error(c, k.sizeKib() + " KiB is not a whole number of sets of " + k.ways() + " ways x "
                        + k.lineBytes() + " B");
            }
            return k;
        }

        /** A group must be a mapping with exactly these keys. */
        private void group(String name, String... keys) {
            JsonNode g = root.get(name);
            if (g == null || !g.isObject()) {
                throw error(name, g == null ? "missing" : "expected a mapping of " + String.join(", ", keys));
            }
            only(g, name + ".", keys);
        }

        private void only(JsonNode node, String prefix, String... keys) {
            Set<String> allowed = new TreeSet<>(List.of(keys));
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!allowed.contains(k)) {
                    throw error(prefix + k, "unknown key: expected one of " + String.join(", ", allowed));
                }
            }
            List<String> missing = new ArrayList<>();
            for (String k : keys) {
                if (!node.has(k)) {
                    missing.add(prefix + k);
                }
            }
            if (!missing.isEmpty()) {
                throw error(missing.get(0), "missing" + (missing.size() > 1 ? " (also " + String.join(", ",
                        missing.subList(1, missing.size())) + ")" : ""));
            }
        }

        /** A parameter: {@code {value: V, source: "..."}} or {@code {value: V, estimate: "why"}}. */
        private JsonNode value(String path) {
            JsonNode n = root;
            for (String part : path.split("\\.")) {
                n = n.get(part);
            }
            if (n == null || !n.isObject()) {
                throw error(path, "expected {value: ..., source: \"...\"} or {value: ..., estimate: \"why\"}");
            }
            only(n, path + ".", n.has("estimate") ? new String[] {"value", "estimate"} : new String[] {"value", "source"});
            JsonNode why = n.has("estimate") ? n.get("estimate") : n.get("source");
            if (!why.isTextual() || why.asText().isBlank()) {
                throw error(path, "expected a non-empty " + (n.has("estimate") ? "estimate" : "source") + " text");
            }
            sources.put(path, new Source(why.asText(), n.has("estimate")));
            return n.get("value");
        }

        private int count(String path) {
            JsonNode v = value(path);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw error(path, "expected a whole number, got " + v);
            }
            if (v.asInt() < 0) {
                throw error(path, "expected a value of 0 or more, got " + v.asInt());
            }
            return v.asInt();
        }

        /** {@code v} if it is at most {@code max} (a documented limit), else an error naming the limit. */
        private int atMost(String path, int v, int max) {
            if (v > max) {
                throw error(path, "expected at most " + max + " (the toolkit's limit), got " + v);
            }
            return v;
        }

        private int positive(String path) {
            int v = count(path);
            if (v < 1) {
                throw error(path, "expected at least 1, got " + v);
            }
            return v;
        }

        private double number(String path) {
            JsonNode v = value(path);
            if (!v.isNumber()) {
                throw error(path, "expected a number, got " + v);
            }
            return v.asDouble();
        }

        private boolean bool(String path) {
            JsonNode v = value(path);
            if (!v.isBoolean()) {
                throw error(path, "expected true or false, got " + v);
            }
            return v.asBoolean();
        }

        private String text(String key) {
            JsonNode v = root.get(key);
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                throw error(key, "expected a non-empty text");
            }
            return v.asText();
        }

        /** {@code file:LINE: field: reason}, the line of the field or of its closest enclosing key. */
        private BadInputException error(String field, String reason) {
            if (field.isEmpty()) {
                return new BadInputException(file.toString(), null, reason);
            }
            Integer line = null;
            for (String f = field; line == null && !f.isEmpty(); f = f.contains(".") ? f.substring(0, f.lastIndexOf('.')) : "") {
                line = lines.get(f);
            }
            return new BadInputException(file.toString(), line == null ? null : line.toString(), field + ": " + reason);
        }
    }
}
