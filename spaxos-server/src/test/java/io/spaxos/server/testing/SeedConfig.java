package io.spaxos.server.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Renders a replica's config file in the seed's JSON format ({@code selfid}, {@code groups},
 * {@code path}, {@code stimeout}), plus optional extra keys for the root and for each member.
 *
 * @param heartbeatMs       {@code stimeout.heartbeat}
 * @param electionTimeoutMs {@code stimeout.instimeoutbase}
 * @param electionJitterMs  {@code stimeout.instimeoutrange}
 */
public record SeedConfig(int heartbeatMs, int electionTimeoutMs, int electionJitterMs) {

    /**
     * Slower than the seed example's 100/200/30 ms: on a loaded two-core machine three JVMs and
     * their fsyncs can stall a master for a few hundred milliseconds, and every spurious election
     * costs a test time (though never safety).
     */
    public static final SeedConfig LOADED_MACHINE = new SeedConfig(100, 1_000, 300);

    /** The file for replica {@code selfId}; values of the extra maps are JSON numbers, booleans or strings. */
    public String render(int selfId, Map<Integer, Integer> peerPorts, String dataPath, Map<String, Object> rootExtras,
                         Map<Integer, Map<String, Object>> memberExtras) {
        final StringJoiner groups = new StringJoiner(",\n              ", "[ ", " ]");
        for (final Map.Entry<Integer, Integer> peer : peerPorts.entrySet()) {
            final Map<String, Object> member = new LinkedHashMap<>();
            member.put("id", peer.getKey());
            member.put("ip", "127.0.0.1");
            member.put("port", peer.getValue());
            member.putAll(memberExtras.getOrDefault(peer.getKey(), Map.of()));
            groups.add(object(member));
        }
        final Map<String, Object> stimeout = new LinkedHashMap<>();
        stimeout.put("heartbeat", heartbeatMs);
        stimeout.put("instimeoutbase", electionTimeoutMs);
        stimeout.put("instimeoutrange", electionJitterMs);
        final StringBuilder json = new StringBuilder("{ \"selfid\": ").append(selfId).append(",\n")
                .append("  \"groups\": ").append(groups).append(",\n")
                .append("  \"path\": ").append(quote(dataPath)).append(",\n")
                .append("  \"stimeout\": ").append(object(stimeout));
        for (final Map.Entry<String, Object> extra : rootExtras.entrySet()) {
            json.append(",\n  ").append(quote(extra.getKey())).append(": ").append(value(extra.getValue()));
        }
        return json.append(" }\n").toString();
    }

    private static String object(Map<String, Object> fields) {
        final StringJoiner object = new StringJoiner(", ", "{", "}");
        fields.forEach((key, value) -> object.add(quote(key) + ": " + value(value)));
        return object.toString();
    }

    private static String value(Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return quote(String.valueOf(value));
    }

    static String quote(String s) {
        final StringBuilder quoted = new StringBuilder("\"");
        for (final char c : s.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
