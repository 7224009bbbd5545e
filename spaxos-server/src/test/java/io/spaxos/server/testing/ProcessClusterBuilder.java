package io.spaxos.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/** Sets a {@link ProcessCluster} up; {@link #build()} writes the config files. */
public final class ProcessClusterBuilder {

    private final Path dir;
    private final int basePort;
    private int replicas = 3;
    private SeedConfig seed = SeedConfig.LOADED_MACHINE;
    private Map<String, Object> rootExtras = Map.of();
    private IntFunction<Map<String, Object>> memberExtras = id -> Map.of();
    private Function<ReplicaSpec, List<String>> command;
    private Predicate<ReplicaSpec> ready = ProcessCluster::answersStatus;
    private Duration startDeadline = Duration.ofMinutes(5);
    private Map<String, String> environment = Map.of();
    private String clientPortKey;

    ProcessClusterBuilder(Path dir, int basePort) {
        this.dir = dir;
        this.basePort = basePort;
    }

    public ProcessClusterBuilder replicas(int count) {
        if (count < 1 || count > ProcessCluster.MAX_REPLICAS) {
            throw new IllegalArgumentException("replicas must be 1.." + ProcessCluster.MAX_REPLICAS + ": " + count);
        }
        this.replicas = count;
        return this;
    }

    public ProcessClusterBuilder seedConfig(SeedConfig seedConfig) {
        this.seed = seedConfig;
        return this;
    }

    /** Extra root keys of every config file, e.g. {@code "read_mode"}. */
    public ProcessClusterBuilder rootExtras(Map<String, Object> extras) {
        this.rootExtras = new LinkedHashMap<>(extras);
        return this;
    }

    /** Extra keys of member {@code id} in {@code groups}, e.g. {@code "redis_port"}. */
    public ProcessClusterBuilder memberExtras(IntFunction<Map<String, Object>> extras) {
        this.memberExtras = extras;
        return this;
    }

    /**
     * Also writes each replica's client port into its member entry under {@code key}, for
     * servers that read their port from the config (the Redis server's {@code redis_port}).
     */
    public ProcessClusterBuilder clientPortInConfig(String key) {
        this.clientPortKey = key;
        return this;
    }

    /** The argv that starts a replica; {@link SpaxosBin#simplesvr} on its config and client port by default. */
    public ProcessClusterBuilder command(Function<ReplicaSpec, List<String>> argv) {
        this.command = argv;
        return this;
    }

    /** Polled after a start until true; by default, the line port answers {@code STATUS}. */
    public ProcessClusterBuilder ready(Predicate<ReplicaSpec> condition) {
        this.ready = condition;
        return this;
    }

    /** How long a start may take until ready (JVM start, storage recovery, a loaded machine). */
    public ProcessClusterBuilder startDeadline(Duration deadline) {
        this.startDeadline = deadline;
        return this;
    }

    /**
     * Environment of the replica processes. {@code SPAXOS_JAVA_OPTS} defaults to
     * {@link SpaxosBin#DEFAULT_JAVA_OPTS} with {@code java.io.tmpdir} in the cluster's
     * directory: RocksDB unpacks its 15 MB native library there on every start, and a
     * {@code kill -9} leaves it behind.
     */
    public ProcessClusterBuilder environment(Map<String, String> env) {
        this.environment = Map.copyOf(env);
        return this;
    }

    public ProcessCluster build() {
        if (basePort < 1024 || basePort + ProcessCluster.PORTS_PER_CLUSTER > 32_768) {
            throw new IllegalArgumentException("basePort " + basePort + ": ports must stay in 1024..32767");
        }
        if (command == null) {
            SpaxosBin.ensureServerBuilt();
            command = spec -> SpaxosBin.simplesvr(spec.configFile(), spec.clientPort());
        }
        final Map<Integer, Integer> peerPorts = new LinkedHashMap<>();
        final Map<Integer, Map<String, Object>> extras = new LinkedHashMap<>();
        for (int id = 1; id <= replicas; id++) {
            peerPorts.put(id, ProcessCluster.peerPort(basePort, id));
            final Map<String, Object> member = new LinkedHashMap<>(memberExtras.apply(id));
            if (clientPortKey != null) {
                member.put(clientPortKey, ProcessCluster.clientPort(basePort, id));
            }
            extras.put(id, member);
        }
        final Path data = dir.resolve("data");
        final Map<Integer, ReplicaProcess> processes = new LinkedHashMap<>();
        try {
            final Path tmp = Files.createDirectories(dir.resolve("tmp"));
            final Map<String, String> env = new LinkedHashMap<>();
            env.put("SPAXOS_JAVA_OPTS", SpaxosBin.DEFAULT_JAVA_OPTS + " -Djava.io.tmpdir=" + tmp);
            env.putAll(environment);
            for (int id = 1; id <= replicas; id++) {
                final Path config = dir.resolve("replica-" + id + ".json");
                Files.writeString(config, seed.render(id, peerPorts, data.toString(), rootExtras, extras));
                final ReplicaSpec spec = new ReplicaSpec(id, config, ProcessCluster.peerPort(basePort, id), ProcessCluster.clientPort(basePort, id),
                        data.resolve("node-" + id), dir.resolve("replica-" + id + ".log"));
                processes.put(id, new ReplicaProcess(spec, command.apply(spec), env));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ProcessCluster(dir, processes, ready, startDeadline);
    }
}
