package io.spaxos.server.simple;

import static org.assertj.core.api.Assertions.assertThat;

import io.spaxos.server.testing.Ports;
import io.spaxos.server.testing.SpaxosBin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code bin/simplesvr} with a config file it cannot use: a non-zero exit and one line naming the key. */
class BadConfigIT {

    private static final Duration EXIT_WITHIN = Duration.ofMinutes(2);
    private static final int LINE_PORT = Ports.base(Ports.SIMPLE_BAD_CONFIG, 0) + 19;
    private static final String GOOD = """
            { "selfid": 1,
              "groups": [ {"id": 1, "ip": "127.0.0.1", "port": %d},
                          {"id": 2, "ip": "127.0.0.1", "port": %d},
                          {"id": 3, "ip": "127.0.0.1", "port": %d} ],
              "path": "%s",
              "stimeout": {"heartbeat": 100, "instimeoutbase": 1000, "instimeoutrange": 300} }
            """;

    @TempDir
    Path dir;

    @BeforeAll
    static void build() {
        SpaxosBin.ensureServerBuilt();
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("a missing stimeout", "\"stimeout\"", "\"no_stimeout\"", "stimeout"),
                Arguments.of("a missing selfid", "\"selfid\": 1", "\"self\": 1", "selfid"),
                Arguments.of("a member without a port", "\"ip\": \"127.0.0.1\", \"port\": PORT2}", "\"ip\": \"127.0.0.1\"}",
                        "groups[1].port"),
                Arguments.of("a duplicate id", "{\"id\": 3,", "{\"id\": 2,", "groups[2].id"),
                Arguments.of("a port above 65535", "\"port\": PORT1", "\"port\": 70000", "groups[0].port"),
                Arguments.of("a port that is not a number", "\"port\": PORT1", "\"port\": \"abc\"", "groups[0].port"),
                Arguments.of("a selfid that is not a member", "\"selfid\": 1", "\"selfid\": 4", "selfid"),
                Arguments.of("a heartbeat not below the election timeout", "\"heartbeat\": 100", "\"heartbeat\": 5000",
                        "stimeout.instimeoutbase"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void a_bad_config_file_makes_simplesvr_exit_non_zero_with_one_line_naming_the_key(String what, String find,
                                                                                     String replace, String key)
            throws Exception {
        final String good = good();
        final String bad = good.replace(find.replace("PORT1", String.valueOf(peerPort(1))).replace("PORT2",
                String.valueOf(peerPort(2))), replace);
        assertThat(bad).as("the test's edit applies").isNotEqualTo(good);
        final Path config = Files.writeString(dir.resolve("bad.json"), bad);

        final SpaxosBin.Result result = SpaxosBin.run(SpaxosBin.simplesvr(config, LINE_PORT), EXIT_WITHIN, Map.of());

        System.out.printf("%s: exit %d after %d ms: %s%n", what, result.exitCode(), result.wallTime().toMillis(),
                result.lines());
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.lines()).hasSize(1);
        assertThat(result.lines().get(0)).startsWith("simplesvr: " + key + ": ");
    }

    @Test
    void malformed_json_makes_simplesvr_exit_non_zero_with_one_line_naming_the_file_and_the_position() throws Exception {
        final Path config = Files.writeString(dir.resolve("malformed.json"), good().replace("\"path\":", "\"path\""));

        final SpaxosBin.Result result = SpaxosBin.run(SpaxosBin.simplesvr(config, LINE_PORT), EXIT_WITHIN, Map.of());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.lines()).hasSize(1);
        assertThat(result.lines().get(0)).startsWith("simplesvr: " + config + ": malformed JSON at line 5");
    }

    @Test
    void a_missing_config_file_makes_simplesvr_exit_non_zero_with_one_line_naming_it() {
        final Path config = dir.resolve("no-such-file.json");

        final SpaxosBin.Result result = SpaxosBin.run(SpaxosBin.simplesvr(config, LINE_PORT), EXIT_WITHIN, Map.of());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.lines()).hasSize(1);
        assertThat(result.lines().get(0)).startsWith("simplesvr: " + config + ": ");
    }

    @Test
    void a_line_port_out_of_range_makes_simplesvr_exit_non_zero_naming_the_port() throws Exception {
        final Path config = Files.writeString(dir.resolve("good.json"), good());

        final SpaxosBin.Result result = SpaxosBin.run(SpaxosBin.simplesvr(List.of(config.toString(), "127.0.0.1:99999")),
                EXIT_WITHIN, Map.of());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.lines().get(0)).contains("99999");
    }

    private String good() {
        return GOOD.formatted(peerPort(1), peerPort(2), peerPort(3), dir.resolve("data"));
    }

    private static int peerPort(int id) {
        return Ports.base(Ports.SIMPLE_BAD_CONFIG, 0) + id;
    }
}
