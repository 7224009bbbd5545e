package io.spaxos.bench;

import io.spaxos.bench.cluster.EtcdCluster;
import io.spaxos.bench.cluster.RedisServer;
import io.spaxos.bench.cluster.SpaxosCluster;
import io.spaxos.bench.cluster.SystemUnderTest;
import io.spaxos.bench.cluster.ZooKeeperEnsemble;
import java.nio.file.Path;
import java.util.List;

/** The systems --systems can name, and where each one's ports and data go. */
final class Systems {

    static final List<String> ALL = List.of("spaxos", "etcd", "zookeeper", "redis-aof", "redis-nopersist");

    private Systems() {
    }

    /** Port layout from the base (default 12000, clear of the other modules' test ranges): spaxos +0.., etcd +1000.., ZooKeeper +2000.., Redis +3001/+3002. */
    static SystemUnderTest create(String name, BenchOptions o, Path dir) {
        final int base = o.portBase();
        return switch (name) {
            case "spaxos" -> new SpaxosCluster(o.repoRoot(), dir, base, o.spaxosJavaOpts());
            case "etcd" -> new EtcdCluster(dir, base + 1000);
            case "zookeeper" -> new ZooKeeperEnsemble(dir, base + 2000);
            case "redis-aof" -> new RedisServer(true, dir, base + 3001);
            case "redis-nopersist" -> new RedisServer(false, dir, base + 3002);
            default -> throw new IllegalArgumentException("unknown system '" + name + "'; known: " + String.join(",", ALL));
        };
    }

    static int rttProbePort(BenchOptions o) {
        return o.portBase() + 3100;
    }
}
