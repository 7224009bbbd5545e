package io.spaxos.bench.cluster;

import io.spaxos.bench.load.Driver;
import io.spaxos.bench.load.NioClosedLoopDriver;
import io.spaxos.bench.load.RespProtocol;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Three spaxos replicas, each a {@code bin/spaxos server} process with a seed-format config file
 * and its own RocksDB directory (every batch synced before its votes leave). Load goes to the
 * master's Redis port, as it goes to etcd's and ZooKeeper's leader.
 */
public final class SpaxosCluster implements SystemUnderTest {

    private static final int REPLICAS = 3;
    /**
     * etcd's defaults (heartbeat 100 ms, election timeout 1000 ms), so a master that a starved CPU
     * or a GC pause delays for a few hundred ms is not replaced mid-run; ZooKeeper's own default
     * (syncLimit 5 x tickTime 2 s) is looser still. The seed's 200 ms is for quiet machines.
     */
    static final int HEARTBEAT_MS = 100;
    static final int ELECTION_TIMEOUT_MS = 1000;
    static final int ELECTION_JITTER_MS = 200;

    private final Path root;
    private final Path dir;
    private final int portBase;
    private final String javaOpts;
    private final List<ManagedProcess> replicas = new ArrayList<>();
    private int masterRedisPort;
    private long[] countersAtDriver = new long[2];

    /**
     * Replica i (1..3) uses peer port {@code portBase + i}, Redis port {@code portBase + 10 + i} and
     * line port {@code portBase + 20 + i}.
     *
     * @param root     the repository, holding bin/spaxos
     * @param javaOpts extra JVM options for the replicas (SPAXOS_JAVA_OPTS), e.g. to profile them
     */
    public SpaxosCluster(Path root, Path dir, int portBase, String javaOpts) {
        this.root = root;
        this.dir = dir;
        this.portBase = portBase;
        this.javaOpts = javaOpts;
    }

    int redisPort(int id) {
        return portBase + 10 + id;
    }

    @Override
    public String name() {
        return "spaxos";
    }

    @Override
    public String description() {
        return "spaxos (this commit), 3 replicas, write-ahead-log fdatasync per batch before votes leave; heartbeat "
                + HEARTBEAT_MS + " ms, election timeout " + ELECTION_TIMEOUT_MS + " ms (as etcd's defaults)";
    }

    @Override
    public void start() throws Exception {
        final Path bin = root.resolve("bin/spaxos");
        if (!Files.isExecutable(bin)) {
            throw new IOException(bin + " not found: the spaxos server and its CLI are needed for the spaxos runs");
        }
        for (int id = 1; id <= REPLICAS; id++) {
            Ports.requireFree("spaxos replica " + id, portBase + id, redisPort(id), portBase + 20 + id);
        }
        for (int id = 1; id <= REPLICAS; id++) {
            final Path config = dir.resolve("replica" + id + ".json");
            Files.createDirectories(dir);
            Files.writeString(config, config(id));
            replicas.add(ManagedProcess.start("spaxos replica " + id,
                    List.of(bin.toString(), "server", "--config", config.toString(), "--id", String.valueOf(id)),
                    dir.resolve("replica" + id + ".log"), Map.of("SPAXOS_JAVA_OPTS", javaOpts)));
        }
        Waits.until("spaxos replicas to agree on a master", Duration.ofSeconds(120), () -> {
            for (final ManagedProcess p : replicas) {
                p.requireAlive();
            }
            masterRedisPort = findMaster();
            return masterRedisPort > 0;
        });
        Waits.until("a first SET through the spaxos master", Duration.ofSeconds(30), () -> {
            try (RespClient client = new RespClient(masterRedisPort, 5000)) {
                return "OK".equals(client.call("SET", "bench:ready", "1").strip());
            }
        });
    }

    /** Seed format plus the client ports this repository added. */
    String config(int self) {
        final StringBuilder groups = new StringBuilder();
        for (int id = 1; id <= REPLICAS; id++) {
            groups.append(id == 1 ? "" : ",\n    ").append("{\"id\": ").append(id).append(", \"ip\": \"")
                    .append(Ports.HOST).append("\", \"port\": ").append(portBase + id)
                    .append(", \"redis_port\": ").append(redisPort(id))
                    .append(", \"line_port\": ").append(portBase + 20 + id).append('}');
        }
        return "{ \"selfid\": " + self + ",\n  \"groups\": [" + groups + "],\n"
                + "  \"path\": \"" + dir.resolve("data" + self) + "\",\n"
                + "  \"stimeout\": {\"heartbeat\": " + HEARTBEAT_MS + ", \"instimeoutbase\": " + ELECTION_TIMEOUT_MS
                + ", \"instimeoutrange\": " + ELECTION_JITTER_MS + "} }\n";
    }

    /** The master's Redis port once every replica names the same master in INFO, else 0. */
    private int findMaster() throws IOException {
        int master = -1;
        for (int id = 1; id <= REPLICAS; id++) {
            final int named;
            try (RespClient client = new RespClient(redisPort(id), 2000)) {
                named = masterIn(client.call("INFO", "replication"));
            }
            if (named <= 0 || (master > 0 && named != master)) {
                return 0;
            }
            master = named;
        }
        return redisPort(master);
    }

    static int masterIn(String info) {
        for (final String line : info.split("\r?\n")) {
            if (line.startsWith("spaxos_master_id:")) {
                try {
                    return Integer.parseInt(line.substring("spaxos_master_id:".length()).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    @Override
    public Driver driver(int threads) throws IOException {
        final int master = findMaster();
        if (master > 0) {
            masterRedisPort = master;
        }
        countersAtDriver = counters(masterRedisPort);
        return new NioClosedLoopDriver(name(), List.of(new InetSocketAddress(Ports.HOST, masterRedisPort)),
                new RespProtocol(), threads);
    }

    /** The master's applied instance index and applied entry index, from INFO. */
    private static long[] counters(int port) {
        try (RespClient client = new RespClient(port, 2000)) {
            final String info = client.call("INFO", "replication");
            return new long[] {field(info, "spaxos_applied_index:"), field(info, "spaxos_applied_entry:")};
        } catch (IOException e) {
            return new long[] {-1, -1};
        }
    }

    private static long field(String info, String name) {
        for (final String line : info.split("\r?\n")) {
            if (line.startsWith(name)) {
                try {
                    return Long.parseLong(line.substring(name.length()).strip());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** Whether the master stayed put, and the mean batch: entries applied per instance during the run. */
    @Override
    public String afterRun() {
        final int before = masterRedisPort - portBase - 10;
        int after;
        try {
            after = findMaster();
        } catch (IOException e) {
            after = 0;
        }
        final long[] now = counters(masterRedisPort);
        final long instances = now[0] - countersAtDriver[0];
        final long entries = now[1] - countersAtDriver[1];
        final String batch = countersAtDriver[0] < 0 || now[0] < 0 || instances <= 0 ? ""
                : String.format(java.util.Locale.ROOT, "%,d instances, %.1f writes per instance", instances,
                        (double) entries / instances);
        final String moved = after == masterRedisPort ? "" : after == 0
                ? "the replicas did not agree on a master after the run (was replica " + before + ")"
                : "the master moved from replica " + before + " to replica " + (after - portBase - 10);
        return String.join("; ", java.util.stream.Stream.of(moved, batch).filter(x -> !x.isEmpty()).toList());
    }

    @Override
    public OptionalInt respPort() {
        return OptionalInt.of(masterRedisPort);
    }

    @Override
    public List<Long> pids() {
        return replicas.stream().map(ManagedProcess::javaPid).toList();
    }

    public Path dataDir(int id) {
        return dir.resolve("data" + id);
    }

    @Override
    public void close() {
        replicas.forEach(ManagedProcess::stop);
        replicas.clear();
        Dirs.deleteQuietly(dir);
    }
}
