package io.spaxos.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spaxos.bench.cluster.Installer;
import io.spaxos.bench.cluster.RedisServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two seconds of load against a real Redis, when redis-server is installed (skipped otherwise). */
class RedisSmokeTest {

    @TempDir
    Path dir;

    @Test
    void the_load_generator_drives_a_real_redis() throws Exception {
        assumeTrue(Installer.find("redis-server").isPresent(), "redis-server is not installed");
        try (RedisServer redis = new RedisServer(false, dir.resolve("redis"), 15_201)) {
            redis.start();
            try (Driver driver = redis.driver(1)) {
                driver.open(4, new byte[256]);
                final LoadResult result = new LoadGenerator(new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8), 1).run("redis", driver, new LoadSpec(4, 256, 1, 1));
                assertThat(result.ops()).isPositive();
                assertThat(result.errors()).isZero();
            }
        }
    }
}
