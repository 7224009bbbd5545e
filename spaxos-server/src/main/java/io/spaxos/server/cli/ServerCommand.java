package io.spaxos.server.cli;

import ch.qos.logback.classic.Level;
import io.spaxos.node.ReplicaNode;
import io.spaxos.node.config.ConfigLoader;
import io.spaxos.node.config.Member;
import io.spaxos.node.config.NodeConfig;
import io.spaxos.server.redis.KvStateMachine;
import io.spaxos.server.redis.RedisServer;
import io.spaxos.server.redis.Reply;
import io.spaxos.server.simple.SimpleServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spaxos server --config FILE [--id N]}: one replica serving the Redis protocol and the line protocol. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Runs one replica of a cluster described by a seed-format config file, serving the key-value "
                + "store over the Redis protocol and the seed's line protocol (PROP/GET/STATUS).",
                "Client ports come from the replica's entry in \"groups\": redis_port (default 6380+id) and "
                        + "line_port (default 7000+id)."})
final class ServerCommand implements Callable<Integer> {

    static final int DEFAULT_REDIS_BASE = 6380;
    static final int DEFAULT_LINE_BASE = 7000;
    /** Recent entries the line port keeps in memory on a key-value replica. */
    static final long KV_RECENT_ENTRY_BYTES = 1L << 20;
    /** The start of the line a replica prints once it serves; the demo waits for it. */
    static final String READY = "spaxos: replica %d ready:";

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the cluster's JSON config file (seed format)")
    Path config;

    @Option(names = "--id", paramLabel = "N", description = "run as replica N instead of the file's selfid")
    Integer id;

    @Option(names = "--log-chosen", description = "log every chosen entry, as simplesvr does (noisy under load)")
    boolean logChosen;

    @Override
    public Integer call() throws Exception {
        NodeConfig node = ConfigLoader.load(config);
        if (id != null) {
            node = node.withSelfId(id);
        }
        if (!logChosen) {
            // Under Redis load the line protocol's per-entry log line would be thousands a second.
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("spaxos.chosen")).setLevel(Level.WARN);
        }
        final Member self = node.self();
        final InetSocketAddress redisAddress = new InetSocketAddress(self.host(),
                self.redisPort().orElse(DEFAULT_REDIS_BASE + self.id()));
        final InetSocketAddress lineAddress = new InetSocketAddress(self.host(),
                self.linePort().orElse(DEFAULT_LINE_BASE + self.id()));
        final KvStateMachine kv = new KvStateMachine();
        // The line port is a side door here: a small window of recent entries keeps GET of a just-chosen
        // entry fast without holding seconds of Redis traffic, which would outlive young collections
        // and be copied at every one of them.
        final SimpleServer.Log log = new SimpleServer.Log(KV_RECENT_ENTRY_BYTES);
        final ReplicaNode<List<Reply>> replica = ReplicaNode.start(node, kv, log::onChosen);
        final RedisServer redis;
        final SimpleServer line;
        try {
            redis = RedisServer.start(replica, kv, node, redisAddress);
            try {
                line = SimpleServer.start(replica, log, lineAddress);
            } catch (Exception e) {
                redis.close();
                throw e;
            }
        } catch (Exception e) {
            replica.close();
            throw e;
        }
        System.err.println(String.format(READY, self.id()) + " redis " + hostPort(redis.address())
                + ", line protocol " + hostPort(line.address()) + ", peers " + self.host() + ":" + self.peerPort()
                + ", read_mode " + node.readMode().configName() + ", data " + node.nodeDataDir());
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            redis.close();
            line.close();
            replica.close();
            stopped.countDown();
        }, "spaxos-shutdown"));
        stopped.await();
        return 0;
    }

    static String hostPort(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
