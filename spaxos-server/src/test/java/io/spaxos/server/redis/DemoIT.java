package io.spaxos.server.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spaxos.server.testing.SpaxosBin;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/spaxos demo}, as a user runs it: three processes, redis-cli against them, then a stop. */
class DemoIT {

    /**
     * Moves the demo's ports (peer 10000+i, Redis 6380+i, line 7000+i) to 31701+, 28081+ and
     * 28701+: above the blocks {@code testing.Ports} hands out to test classes, below 32768.
     */
    private static final int PORT_OFFSET = 21_700;

    @TempDir
    Path dir;

    private Process demo;

    @AfterEach
    void stopDemo() throws InterruptedException {
        if (demo != null && demo.isAlive()) {
            final List<ProcessHandle> children = demo.descendants().toList();
            demo.destroy();
            if (!demo.waitFor(30, TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                demo.destroyForcibly();
            }
        }
    }

    private Process startDemo(Path output) throws IOException {
        SpaxosBin.ensureServerBuilt();
        final ProcessBuilder builder = new ProcessBuilder(SpaxosBin.spaxos(List.of("demo", "--dir",
                dir.resolve("data").toString(), "--port-offset", Integer.toString(PORT_OFFSET))))
                .directory(SpaxosBin.repoRoot().toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putIfAbsent("SPAXOS_JAVA_OPTS", SpaxosBin.DEFAULT_JAVA_OPTS);
        return builder.start();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void the_demo_serves_redis_cli_on_every_replica_and_stops_all_three_on_a_signal() throws Exception {
        final Path output = dir.resolve("demo.out");
        demo = startDemo(output);
        await().atMost(Duration.ofMinutes(5)).until(() -> read(output).contains("Press Ctrl-C") || !demo.isAlive());
        assertThat(demo.isAlive()).as("demo output:\n%s", read(output)).isTrue();
        assertThat(read(output)).contains("redis-cli -p " + (6381 + PORT_OFFSET) + " set hello world");

        assertThat(RedisTools.cli(6381 + PORT_OFFSET, "set", "a", "1")).isEqualTo("OK");
        assertThat(RedisTools.cli(6382 + PORT_OFFSET, "get", "a")).isEqualTo("1");
        assertThat(RedisTools.cli(6383 + PORT_OFFSET, "get", "a")).isEqualTo("1");

        final List<ProcessHandle> replicas = demo.descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(" server --config ")).toList();
        assertThat(replicas).hasSize(3);
        demo.destroy(); // SIGTERM, as a terminal's Ctrl-C is SIGINT: both run the shutdown hooks
        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(read(output)).contains("spaxos demo: stopped; data kept in");
        assertThat(replicas).noneMatch(ProcessHandle::isAlive);
        for (int id = 1; id <= 3; id++) {
            assertThat(read(dir.resolve("data").resolve("replica-" + id + ".log"))).contains("node " + id + " stopped");
        }
    }

    @Test
    void a_port_in_use_is_named_and_nothing_starts() throws Exception {
        final int taken = 6382 + PORT_OFFSET;
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), taken));
            final SpaxosBin.Result result = SpaxosBin.run(SpaxosBin.spaxos(List.of("demo", "--dir",
                    dir.resolve("data").toString(), "--port-offset", Integer.toString(PORT_OFFSET))),
                    Duration.ofMinutes(5), Map.of());

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.lines()).containsExactly("spaxos: cannot start the demo: port " + taken
                    + " (redis port of replica 2) is already in use (another demo running? stop it, or move every "
                    + "port with --port-offset N)");
            assertThat(dir.resolve("data").resolve("replica-1.log")).doesNotExist();
        }
    }
}
