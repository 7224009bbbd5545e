package io.spaxos.server.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spaxos.server.testing.LineClient;
import io.spaxos.server.testing.Ports;
import io.spaxos.server.testing.ProcessCluster;
import io.spaxos.server.testing.ProcessClusters;
import io.spaxos.server.testing.SpaxosBin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code bin/spaxos server} processes on loopback, driven by the real {@code redis-cli} and
 * {@code redis-benchmark}: what a user of {@code bin/spaxos demo} does, with ports of our own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KvServerIT {

    /** Port slot of this class in {@link Ports} (24000..24099), the first of the Redis server's tests. */
    private static final int PORT_SLOT = 10;

    @RegisterExtension
    static final ProcessClusters CLUSTERS = new ProcessClusters();

    @TempDir
    static Path dir;

    private static ProcessCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        final int base = Ports.base(PORT_SLOT, 0);
        cluster = CLUSTERS.addForClass(redisCluster(dir, base, "linearizable").startAll());
        masterSeenBy(1); // commands before an election would wait for one, up to their deadline
    }

    /**
     * Replica i: peer port base+i, Redis port base+10+i (the cluster's client port), line port
     * base+6+i (free in a block of 20 for up to 3 replicas).
     */
    static ProcessCluster redisCluster(Path dir, int base, String readMode) {
        return ProcessCluster.builder(dir, base)
                .clientPortInConfig("redis_port")
                .memberExtras(id -> Map.of("line_port", linePort(base, id)))
                .rootExtras(Map.of("read_mode", readMode))
                .command(spec -> SpaxosBin.spaxos(List.of("server", "--config", spec.configFile().toString())))
                // Ready when both client ports answer: Redis PING, and the line protocol's STATUS.
                .ready(spec -> "+PONG".equals(LineClient.tryExchange(spec.clientPort(), "PING", Duration.ofSeconds(5)))
                        && LineClient.tryExchange(linePort(base, spec.id()), "STATUS", Duration.ofSeconds(5))
                        .startsWith("STATUS "))
                .build();
    }

    static int linePort(int base, int id) {
        return base + 6 + id;
    }

    private static int redis(int id) {
        return cluster.clientPort(id);
    }

    @Test
    @Order(1)
    void redis_cli_set_on_one_replica_is_read_on_another() throws Exception {
        assertThat(RedisTools.cli(redis(1), "set", "a", "1")).isEqualTo("OK");

        assertThat(RedisTools.cli(redis(2), "get", "a")).isEqualTo("1");
        assertThat(RedisTools.cli(redis(3), "get", "a")).isEqualTo("1");
    }

    @Test
    @Order(2)
    void redis_cli_sees_redis_errors_and_conditional_sets() throws Exception {
        assertThat(RedisTools.cli(redis(1), "set", "s", "x")).isEqualTo("OK");
        assertThat(RedisTools.cli(redis(2), "incr", "s")).isEqualTo("ERR value is not an integer or out of range");
        assertThat(RedisTools.cli(redis(3), "set", "s", "y", "ifeq", "nope")).isEmpty(); // nil
        assertThat(RedisTools.cli(redis(3), "set", "s", "y", "ifeq", "x")).isEqualTo("OK");
        assertThat(RedisTools.cli(redis(1), "get", "s")).isEqualTo("y");
        assertThat(RedisTools.cli(redis(1), "nosuchcommand")).startsWith("ERR unknown command 'nosuchcommand'");
    }

    @Test
    @Order(3)
    void redis_benchmark_runs_set_get_incr_and_mset_to_completion_without_errors() throws Exception {
        final RedisTools.Run run = RedisTools.benchmark(redis(3), "-t", "set,get,incr,mset", "-n", "2000", "-c", "10",
                "-r", "100", "-q");

        final String out = run.out().replace('\r', '\n');
        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.err()).doesNotContain("Error", "ERR");
        assertThat(out).contains("SET: ", "GET: ", "INCR: ", "MSET (10 keys): ");
    }

    @Test
    @Order(4)
    void every_replica_ends_with_identical_contents() throws Exception {
        final List<String> keys = new ArrayList<>(List.of("a", "s", "key:__rand_int__", "counter:__rand_int__"));
        for (int i = 0; i < 100; i++) {
            keys.add(String.format("key:%012d", i));
            keys.add(String.format("counter:%012d", i));
        }
        final String[] mget = new String[keys.size() + 1];
        mget[0] = "mget";
        for (int i = 0; i < keys.size(); i++) {
            mget[i + 1] = keys.get(i);
        }
        final List<String> sizes = new ArrayList<>();
        final List<String> digests = new ArrayList<>();
        final List<String> values = new ArrayList<>();
        for (final int id : cluster.ids()) {
            sizes.add(RedisTools.cli(redis(id), "dbsize"));
            digests.add(RedisTools.cli(redis(id), "debug", "digest"));
            values.add(RedisTools.cli(redis(id), mget));
        }

        assertThat(Long.parseLong(sizes.get(0))).isGreaterThan(100);
        assertThat(sizes).containsOnly(sizes.get(0));
        assertThat(digests).containsOnly(digests.get(0));
        assertThat(values).containsOnly(values.get(0));
    }

    @Test
    @Order(5)
    void a_line_protocol_proposal_to_the_same_log_is_ignored_by_the_key_value_store() throws Exception {
        final String before = RedisTools.cli(redis(1), "debug", "digest");

        assertThat(LineClient.exchange(linePort(Ports.base(PORT_SLOT, 0), 2), "PROP p1 set a 2", Duration.ofSeconds(30)))
                .startsWith("CHOSEN ");

        assertThat(RedisTools.cli(redis(1), "get", "a")).isEqualTo("1");
        assertThat(RedisTools.cli(redis(3), "debug", "digest")).isEqualTo(before);
        assertThat(RedisTools.cli(redis(1), "info", "replication")).containsPattern("spaxos_ignored_entries:[1-9]");
    }

    @Test
    @Order(6)
    void the_master_killed_and_restarted_catches_up_and_serves_the_same_data() throws Exception {
        final int master = masterSeenBy(1);
        final int other = master == 1 ? 2 : 1;
        cluster.kill(master);

        // A command in flight to the dead master ends TRYAGAIN at its deadline; SET is idempotent, so retry.
        assertThat(retryingTryagain(redis(other), "set", "after-kill", "v")).isEqualTo("OK");
        cluster.start(master);

        assertThat(retryingTryagain(redis(master), "get", "after-kill")).isEqualTo("v");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                RedisTools.cli(redis(master), "debug", "digest").equals(RedisTools.cli(redis(other), "debug", "digest")));
    }

    private static int masterSeenBy(int id) throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> !RedisTools.cli(redis(id), "info", "replication")
                .contains("spaxos_master_id:0"));
        final String info = RedisTools.cli(redis(id), "info", "replication");
        final String line = info.lines().filter(l -> l.startsWith("spaxos_master_id:")).findFirst().orElseThrow();
        return Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
    }

    /** redis-cli's answer, asking again while it is TRYAGAIN (for idempotent commands only). */
    private static String retryingTryagain(int port, String... args) throws Exception {
        final String[] answer = new String[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            answer[0] = RedisTools.cli(port, args);
            return !answer[0].startsWith("TRYAGAIN");
        });
        return answer[0];
    }
}
