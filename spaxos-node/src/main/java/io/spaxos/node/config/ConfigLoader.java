package io.spaxos.node.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spaxos.core.CoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the seed's JSON config file as-is, plus the optional keys spaxos added. A file in the
 * seed's format keeps working; every problem is one {@link ConfigException} line naming the key.
 */
public final class ConfigLoader {

    static final int DEFAULT_TICK_MS = 10;
    static final int DEFAULT_MAX_FRAME_BYTES = 64 << 20;
    static final int MIN_FRAME_BYTES = 1 << 10;
    static final int MAX_FRAME_BYTES = 1 << 30;
    /** A config file is a few hundred bytes; a huge one is a mistake (a data file given by accident). */
    static final long MAX_FILE_BYTES = 1 << 20;
    static final int MAX_TIME_MS = 600_000;
    static final int MAX_TICK_MS = 1_000;
    private static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static final Set<String> ROOT_KEYS = Set.of("selfid", "groups", "path", "stimeout", "cluster",
            "tick_ms", "read_mode", "max_frame_bytes");
    private static final Set<String> MEMBER_KEYS = Set.of("id", "ip", "port", "redis_port", "line_port");
    private static final Set<String> TIMEOUT_KEYS = Set.of("heartbeat", "instimeoutbase", "instimeoutrange");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ConfigLoader() {
    }

    public static NodeConfig load(Path file) throws ConfigException {
        final String name = file.toString();
        final String text;
        try {
            final long sizeBytes = Files.size(file);
            if (sizeBytes > MAX_FILE_BYTES) {
                throw new ConfigException(name, "file is " + sizeBytes + " bytes; a config file is at most "
                        + MAX_FILE_BYTES);
            }
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(name, "cannot read the config file: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        return parse(text, name);
    }

    /** {@code sourceName} (a file name) is what file-level errors such as malformed JSON are reported at. */
    public static NodeConfig parse(String json, String sourceName) throws ConfigException {
        final JsonObject root = JsonObject.of(readTree(json, sourceName), "");
        root.logUnknownKeys(ROOT_KEYS);
        final int selfId = root.requireInt("selfid", 1, CoreConfig.MAX_NODE_ID);
        final List<Member> members = readMembers(root);
        if (members.stream().noneMatch(m -> m.id() == selfId)) {
            throw new ConfigException("selfid", selfId + " is not one of the group ids "
                    + members.stream().map(Member::id).toList());
        }
        final String dataPath = root.requireString("path");
        if (dataPath.isBlank()) {
            throw new ConfigException("path", "is empty");
        }
        final JsonObject times = root.requireObject("stimeout");
        times.logUnknownKeys(TIMEOUT_KEYS);
        final String clusterId = root.optionalString("cluster").orElseGet(() -> ClusterIds.derive(members));
        if (!CLUSTER_ID.matcher(clusterId).matches()) {
            throw new ConfigException("cluster", "expected 1..64 characters of A-Z a-z 0-9 . _ -, got \""
                    + clusterId + "\"");
        }
        final NodeConfig config = new NodeConfig(selfId, clusterId, members, Path.of(dataPath),
                times.requireInt("heartbeat", 1, MAX_TIME_MS),
                times.requireInt("instimeoutbase", 1, MAX_TIME_MS),
                times.requireInt("instimeoutrange", 0, MAX_TIME_MS),
                root.optionalInt("tick_ms", 1, MAX_TICK_MS).orElse(DEFAULT_TICK_MS),
                readMode(root),
                root.optionalInt("max_frame_bytes", MIN_FRAME_BYTES, MAX_FRAME_BYTES).orElse(DEFAULT_MAX_FRAME_BYTES));
        config.toCoreConfig(); // refuses times the core cannot run with, now rather than at start-up
        return config;
    }

    private static JsonNode readTree(String json, String sourceName) throws ConfigException {
        try {
            final JsonNode tree = JSON.readTree(json);
            if (tree == null || tree.isMissingNode()) {
                throw new ConfigException(sourceName, "the config file is empty");
            }
            return tree;
        } catch (JsonProcessingException e) {
            final JsonLocation at = e.getLocation();
            final String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
            throw new ConfigException(sourceName, "malformed JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    private static List<Member> readMembers(JsonObject root) throws ConfigException {
        final List<JsonObject> entries = root.requireObjectArray("groups", 1, CoreConfig.MAX_NODE_ID);
        final List<Member> members = new ArrayList<>(entries.size());
        final Map<Integer, String> pathById = new HashMap<>();
        final Map<String, String> pathByAddress = new HashMap<>();
        for (final JsonObject entry : entries) {
            entry.logUnknownKeys(MEMBER_KEYS);
            final Member m = readMember(entry);
            final String earlier = pathById.putIfAbsent(m.id(), entry.pathOf("id"));
            if (earlier != null) {
                throw new ConfigException(entry.pathOf("id"), "duplicate id " + m.id() + " (also at " + earlier + ")");
            }
            final String address = m.host() + ":" + m.peerPort();
            final String sameAddress = pathByAddress.putIfAbsent(address, entry.pathOf("port"));
            if (sameAddress != null) {
                throw new ConfigException(entry.pathOf("port"), "duplicate peer address " + address
                        + " (also at " + sameAddress + ")");
            }
            members.add(m);
        }
        return members;
    }

    private static Member readMember(JsonObject entry) throws ConfigException {
        final int id = entry.requireInt("id", 1, CoreConfig.MAX_NODE_ID);
        final String host = entry.requireString("ip");
        final var hostProblem = HostNames.problemWith(host);
        if (hostProblem.isPresent()) {
            throw new ConfigException(entry.pathOf("ip"), hostProblem.get());
        }
        return new Member(id, host, entry.requireInt("port", 1, 65_535),
                entry.optionalInt("redis_port", 1, 65_535), entry.optionalInt("line_port", 1, 65_535));
    }

    private static ReadMode readMode(JsonObject root) throws ConfigException {
        final var name = root.optionalString("read_mode");
        if (name.isEmpty()) {
            return ReadMode.LINEARIZABLE;
        }
        return ReadMode.fromConfigName(name.get()).orElseThrow(() -> new ConfigException("read_mode",
                "expected one of " + ReadMode.allConfigNames() + ", got \"" + name.get() + "\""));
    }
}
