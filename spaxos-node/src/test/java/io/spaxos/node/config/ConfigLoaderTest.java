package io.spaxos.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spaxos.core.CoreConfig;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    static final String SEED = """
            { "selfid": 1,
              "groups": [ {"id": 1, "ip": "127.0.0.1", "port": 10001},
                          {"id": 2, "ip": "127.0.0.1", "port": 10002},
                          {"id": 3, "ip": "127.0.0.1", "port": 10003} ],
              "path": "./data",
              "stimeout": {"heartbeat": 100, "instimeoutbase": 200, "instimeoutrange": 30} }
            """;

    static Path seedExampleFile() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(ConfigLoaderTest.class.getResource("/config/seed-example.json")).toURI());
    }

    @Test
    void the_seed_example_file_loads_as_is_with_defaults_for_the_new_keys() throws Exception {
        final NodeConfig config = ConfigLoader.load(seedExampleFile());

        assertThat(config.selfId()).isEqualTo(1);
        assertThat(config.members()).containsExactly(
                new Member(1, "127.0.0.1", 10001, OptionalInt.empty(), OptionalInt.empty()),
                new Member(2, "127.0.0.1", 10002, OptionalInt.empty(), OptionalInt.empty()),
                new Member(3, "127.0.0.1", 10003, OptionalInt.empty(), OptionalInt.empty()));
        assertThat(config.dataPath()).isEqualTo(Path.of("./data"));
        assertThat(config.heartbeatMs()).isEqualTo(100);
        assertThat(config.electionTimeoutMs()).isEqualTo(200);
        assertThat(config.electionJitterMs()).isEqualTo(30);
        assertThat(config.tickMs()).isEqualTo(10);
        assertThat(config.readMode()).isEqualTo(ReadMode.LINEARIZABLE);
        assertThat(config.maxFrameBytes()).isEqualTo(64 << 20);
        assertThat(config.clusterId()).matches("spaxos-[0-9a-f]{16}");
    }

    @Test
    void the_seed_example_becomes_core_ticks_of_ten_milliseconds() throws Exception {
        final CoreConfig core = ConfigLoader.load(seedExampleFile()).toCoreConfig();

        assertThat(core.self()).isEqualTo(1);
        assertThat(core.members()).containsExactly(1, 2, 3);
        assertThat(core.heartbeatTicks()).isEqualTo(10);
        assertThat(core.electionTimeoutTicks()).isEqualTo(20);
        assertThat(core.electionJitterTicks()).isEqualTo(3);
        assertThat(core.acceptRetryTicks()).isEqualTo(10);
    }

    @Test
    void the_new_optional_keys_are_read() throws Exception {
        final NodeConfig config = ConfigLoader.parse("""
                { "selfid": 2, "cluster": "prod-1", "tick_ms": 5, "read_mode": "lease", "max_frame_bytes": 4194304,
                  "groups": [ {"id": 1, "ip": "10.0.0.1", "port": 7000, "redis_port": 6379, "line_port": 9000},
                              {"id": 2, "ip": "db-2.example.com", "port": 7000} ],
                  "path": "/var/lib/spaxos",
                  "stimeout": {"heartbeat": 50, "instimeoutbase": 300, "instimeoutrange": 0} }
                """, "test.json");

        assertThat(config.clusterId()).isEqualTo("prod-1");
        assertThat(config.tickMs()).isEqualTo(5);
        assertThat(config.readMode()).isEqualTo(ReadMode.LEASE);
        assertThat(config.maxFrameBytes()).isEqualTo(4194304);
        assertThat(config.members().get(0).redisPort()).hasValue(6379);
        assertThat(config.members().get(0).linePort()).hasValue(9000);
        assertThat(config.members().get(1).redisPort()).isEmpty();
        assertThat(config.toCoreConfig().heartbeatTicks()).isEqualTo(10);
        assertThat(config.toCoreConfig().electionTimeoutTicks()).isEqualTo(60);
        assertThat(config.toCoreConfig().acceptRetryTicks()).isEqualTo(30);
    }

    @Test
    void unknown_keys_are_ignored() throws Exception {
        final NodeConfig config = ConfigLoader.parse(SEED.replace("\"path\"", "\"colour\": \"blue\", \"path\"")
                .replace("\"port\": 10002}", "\"port\": 10002, \"rack\": 7}"), "test.json");

        assertThat(config.members()).hasSize(3);
    }

    @Test
    void the_derived_cluster_id_ignores_member_order_and_changes_with_the_members() throws Exception {
        final String reordered = SEED.replace("{\"id\": 1, \"ip\": \"127.0.0.1\", \"port\": 10001},", "")
                .replace("{\"id\": 3, \"ip\": \"127.0.0.1\", \"port\": 10003}",
                        "{\"id\": 3, \"ip\": \"127.0.0.1\", \"port\": 10003}, {\"id\": 1, \"ip\": \"127.0.0.1\", \"port\": 10001}");
        final String otherGroup = SEED.replace("10003", "10004");

        final String id = ConfigLoader.parse(SEED, "a").clusterId();

        assertThat(ConfigLoader.parse(reordered, "b").clusterId()).isEqualTo(id);
        assertThat(ConfigLoader.parse(otherGroup, "c").clusterId()).isNotEqualTo(id);
    }

    @Test
    void the_self_id_can_be_overridden_for_dash_dash_id() throws Exception {
        final NodeConfig config = ConfigLoader.parse(SEED, "test.json").withSelfId(3);

        assertThat(config.selfId()).isEqualTo(3);
        assertThat(config.self().peerPort()).isEqualTo(10003);
        assertThat(config.peerAddresses()).containsOnlyKeys(1, 2);
        assertThat(config.toCoreConfig().self()).isEqualTo(3);
        assertThat(config.nodeDataDir()).isEqualTo(Path.of("./data/node-3"));
    }

    @Test
    void overriding_the_self_id_with_a_non_member_is_one_error_line() throws Exception {
        final NodeConfig config = ConfigLoader.parse(SEED, "test.json");

        assertThatThrownBy(() -> config.withSelfId(9))
                .isInstanceOf(ConfigException.class)
                .hasMessage("selfid: 9 (from --id) is not one of the group ids [1, 2, 3]");
    }

    @Test
    void ipv6_literals_and_host_names_are_accepted() throws Exception {
        final NodeConfig config = ConfigLoader.parse(SEED.replace("\"ip\": \"127.0.0.1\", \"port\": 10002",
                "\"ip\": \"::1\", \"port\": 10002").replace("\"ip\": \"127.0.0.1\", \"port\": 10003",
                "\"ip\": \"localhost\", \"port\": 10003"), "test.json");

        assertThat(config.members()).extracting(Member::host).containsExactly("127.0.0.1", "::1", "localhost");
    }

    @Test
    void a_missing_file_is_one_error_line_naming_the_file(@TempDir Path dir) {
        final Path missing = dir.resolve("nope.json");

        assertThatThrownBy(() -> ConfigLoader.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(missing + ": cannot read the config file: NoSuchFileException")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void a_directory_given_as_the_file_is_one_error_line(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfigLoader.load(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir + ": cannot read the config file")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void a_file_in_the_seed_format_loads_from_disk(@TempDir Path dir) throws IOException, ConfigException {
        final Path file = Files.writeString(dir.resolve("spaxos.json"), SEED);

        assertThat(ConfigLoader.load(file).memberIds()).isEqualTo(List.of(1, 2, 3));
    }
}
