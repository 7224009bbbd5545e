package io.spaxos.jepsen;

import java.nio.file.Path;
import java.util.StringJoiner;

/**
 * Renders replica {@code selfId}'s config file in the seed's JSON format, with its peers at the
 * proxies: in replica i's file, peer j's {@code "port"} is the proxy for i→j, and only its own
 * entry names its real peer port (where it listens). The files therefore differ, so they name
 * the cluster explicitly ({@code "cluster"}) instead of letting each replica derive an id from
 * its member list.
 *
 * @param clusterId         {@code "cluster"}, shared by every replica's file
 * @param readMode          {@code "read_mode"}: {@code linearizable} or {@code local}
 * @param heartbeatMs       {@code stimeout.heartbeat}
 * @param electionTimeoutMs {@code stimeout.instimeoutbase}
 * @param electionJitterMs  {@code stimeout.instimeoutrange}
 */
record ConfigFile(String clusterId, String readMode, int heartbeatMs, int electionTimeoutMs, int electionJitterMs) {

    /**
     * Slower than the seed example's 100/200/30 ms: three replica JVMs, the harness and its
     * checker share two cores here, and a master starved for a few hundred milliseconds should
     * not cost an election every time (elections are exercised by the nemesis anyway).
     */
    static ConfigFile loadedMachine(String clusterId, String readMode) {
        return new ConfigFile(clusterId, readMode, 100, 1_000, 300);
    }

    String render(int selfId, Ports ports, Path dataPath) {
        final StringJoiner groups = new StringJoiner(",\n    ", "[\n    ", "\n  ]");
        for (final int id : ports.ids()) {
            final int peerPort = id == selfId ? ports.peer(id) : ports.proxy(selfId, id);
            groups.add("{\"id\": " + id + ", \"ip\": \"127.0.0.1\", \"port\": " + peerPort
                    + ", \"redis_port\": " + ports.redis(id) + ", \"line_port\": " + ports.line(id) + "}");
        }
        return "{\n"
                + "  \"selfid\": " + selfId + ",\n"
                + "  \"cluster\": " + quote(clusterId) + ",\n"
                + "  \"groups\": " + groups + ",\n"
                + "  \"path\": " + quote(dataPath.toString()) + ",\n"
                + "  \"stimeout\": {\"heartbeat\": " + heartbeatMs + ", \"instimeoutbase\": " + electionTimeoutMs
                + ", \"instimeoutrange\": " + electionJitterMs + "},\n"
                + "  \"read_mode\": " + quote(readMode) + "\n"
                + "}\n";
    }

    static String quote(String text) {
        final StringBuilder quoted = new StringBuilder("\"");
        for (final char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
