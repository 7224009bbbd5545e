package io.spaxos.server.redis;

import static io.spaxos.server.redis.Resp.command;
import static org.assertj.core.api.Assertions.assertThat;

import io.spaxos.node.ReplicaNode;
import io.spaxos.node.config.ConfigLoader;
import io.spaxos.node.config.NodeConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three real replicas (log, storage, transport) in this JVM, each with its Redis server, over loopback. */
class KvClusterTest {

    private static final int REPLICAS = 3;

    @TempDir
    Path dir;

    private final List<ReplicaNode<List<Reply>>> nodes = new ArrayList<>();
    private final List<RedisServer> servers = new ArrayList<>();

    @BeforeEach
    void startCluster() throws Exception {
        final int[] peer = new int[REPLICAS + 1];
        final int[] redis = new int[REPLICAS + 1];
        final StringBuilder groups = new StringBuilder();
        for (int id = 1; id <= REPLICAS; id++) {
            peer[id] = TestPorts.next();
            redis[id] = TestPorts.next();
            groups.append(id == 1 ? "" : ",").append("{\"id\": ").append(id).append(", \"ip\": \"127.0.0.1\", \"port\": ")
                    .append(peer[id]).append(", \"redis_port\": ").append(redis[id]).append('}');
        }
        final String json = "{\"selfid\": 1, \"groups\": [" + groups + "], \"path\": \""
                + dir.toString().replace("\\", "\\\\") + "\", "
                + "\"stimeout\": {\"heartbeat\": 50, \"instimeoutbase\": 300, \"instimeoutrange\": 100}}";
        for (int id = 1; id <= REPLICAS; id++) {
            final NodeConfig config = ConfigLoader.parse(json, "test").withSelfId(id);
            final KvStateMachine kv = new KvStateMachine();
            final ReplicaNode<List<Reply>> node = ReplicaNode.start(config, kv);
            nodes.add(node);
            servers.add(RedisServer.start(node, kv, config, new InetSocketAddress("127.0.0.1", redis[id])));
        }
    }

    @AfterEach
    void stopCluster() {
        servers.forEach(RedisServer::close);
        nodes.forEach(ReplicaNode::close);
    }

    private RawClient client(int id) throws Exception {
        return new RawClient(servers.get(id - 1).address());
    }

    @Test
    void a_write_on_one_replica_is_read_on_every_other() throws Exception {
        try (RawClient r1 = client(1); RawClient r2 = client(2); RawClient r3 = client(3)) {
            assertThat(r1.send(command("SET", "a", "1")).replies(1)).isEqualTo("+OK\r\n");

            assertThat(r2.send(command("GET", "a")).replies(1)).isEqualTo("$1\r\n1\r\n");
            assertThat(r3.send(command("GET", "a")).replies(1)).isEqualTo("$1\r\n1\r\n");
        }
    }

    @Test
    void a_pipeline_on_a_follower_is_applied_in_order() throws Exception {
        final StringBuilder pipeline = new StringBuilder(command("SET", "s", ""));
        final StringBuilder expected = new StringBuilder("+OK\r\n");
        for (int i = 0; i < 200; i++) {
            pipeline.append(command("APPEND", "s", Integer.toString(i % 10)));
            expected.append(':').append(i + 1).append("\r\n");
        }
        pipeline.append(command("GET", "s"));
        final StringBuilder digits = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            digits.append(i % 10);
        }
        expected.append("$200\r\n").append(digits).append("\r\n");
        try (RawClient c = client(2)) {
            assertThat(c.send(pipeline.toString()).replies(202)).isEqualTo(expected.toString());
        }
    }

    @Test
    void concurrent_increments_on_every_replica_are_each_applied_exactly_once() throws Exception {
        final int clientsPerReplica = 3;
        final int increments = 20;
        final ExecutorService pool = Executors.newFixedThreadPool(REPLICAS * clientsPerReplica);
        try {
            final List<Future<?>> done = new ArrayList<>();
            for (int id = 1; id <= REPLICAS; id++) {
                for (int c = 0; c < clientsPerReplica; c++) {
                    final int replica = id;
                    done.add(pool.submit(() -> {
                        try (RawClient client = client(replica)) {
                            for (int i = 0; i < increments; i++) {
                                assertThat(client.send(command("INCR", "n")).replies(1)).startsWith(":");
                            }
                        }
                        return null;
                    }));
                }
            }
            for (final Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        final String total = Integer.toString(REPLICAS * clientsPerReplica * increments);
        final List<String> digests = new ArrayList<>();
        for (int id = 1; id <= REPLICAS; id++) {
            try (RawClient c = client(id)) {
                assertThat(c.send(command("GET", "n")).replies(1)).isEqualTo("$" + total.length() + "\r\n" + total + "\r\n");
                digests.add(c.send(command("DEBUG", "DIGEST")).replies(1));
            }
        }
        assertThat(digests).containsOnly(digests.get(0));
    }
}
