package dev.ftracelab.board;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ftracelab.cost.Profile;
import java.math.BigDecimal;
import java.util.List;

/**
 * A {@link Profile} as a YAML file in the committed profiles' layout (one
 * {@code {value: V, source: "..."}} per line), which {@link Profile#load(String)} reads back to
 * an equal profile.
 *
 * <pre>{@code
 * String text = ProfileYaml.write(Profile.load("vf2"), List.of("a copy of vf2"));
 * }</pre>
 */
public final class ProfileYaml {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProfileYaml() {
    }

    /** The profile's file, with {@code header} as {@code #} comment lines on top. */
    public static String write(Profile p, List<String> header) {
        StringBuilder b = new StringBuilder();
        header.forEach(h -> b.append("# ").append(h).append('\n'));
        b.append("name: ").append(quote(p.name())).append('\n');
        b.append("description: ").append(quote(p.description())).append('\n');
        b.append("arch: ").append(p.arch().id()).append('\n');
        b.append("core:\n");
        param(b, p, "core", "clock_ghz", BigDecimal.valueOf(p.clockGhz()).stripTrailingZeros().toPlainString()
                .replaceFirst("^(-?\\d+)$", "$1.0"));
        param(b, p, "core", "issue_width", p.issueWidth());
        param(b, p, "core", "out_of_order", p.outOfOrder());
        param(b, p, "core", "rob_entries", p.robEntries());
        Profile.Latencies l = p.latency();
        b.append("latency:\n");
        param(b, p, "latency", "alu", l.alu());
        param(b, p, "latency", "mul", l.mul());
        param(b, p, "latency", "div", l.div());
        param(b, p, "latency", "load_to_use", l.loadToUse());
        param(b, p, "latency", "store", l.store());
        Profile.Branch br = p.branch();
        b.append("branch:\n");
        param(b, p, "branch", "taken_bubble", br.takenBubble());
        param(b, p, "branch", "direct_jump", br.directJump());
        param(b, p, "branch", "indirect_jump", br.indirectJump());
        param(b, p, "branch", "mispredict_penalty", br.mispredictPenalty());
        Profile.Predictor pr = p.predictor();
        b.append("predictor:\n");
        param(b, p, "predictor", "bht_entries", pr.bhtEntries());
        param(b, p, "predictor", "btb_entries", pr.btbEntries());
        param(b, p, "predictor", "ras_entries", pr.rasEntries());
        param(b, p, "predictor", "history_bits", pr.historyBits());
        cache(b, p, "l1i", p.l1i());
        cache(b, p, "l1d", p.l1d());
        cache(b, p, "l2", p.l2());
        param(b, p, null, "memory_latency", p.memoryLatency());
        b.append("store_buffer:\n");
        param(b, p, "store_buffer", "forward_latency", p.storeBuffer().forwardLatency());
        param(b, p, "store_buffer", "visibility_latency", p.storeBuffer().visibilityLatency());
        return b.toString();
    }

    private static void cache(StringBuilder b, Profile p, String name, Profile.Cache c) {
        b.append(name).append(":\n");
        param(b, p, name, "size_kib", c.sizeKib());
        param(b, p, name, "ways", c.ways());
        param(b, p, name, "line_bytes", c.lineBytes());
        param(b, p, name, "hit_latency", c.hitLatency());
    }

    /** {@code key: {value: V, source: "..."}} (or {@code estimate:}), indented under its group. */
    private static void param(StringBuilder b, Profile p, String group, String key, Object value) {
        Profile.Source s = p.source(group == null ? key : group + "." + key);
        b.append(group == null ? "" : "  ").append(key).append(": {value: ").append(value).append(", ")
                .append(s.estimate() ? "estimate" : "source").append(": ").append(quote(s.text())).append("}\n");
    }

    /** A YAML double-quoted scalar: JSON's string escapes are YAML's. */
    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
