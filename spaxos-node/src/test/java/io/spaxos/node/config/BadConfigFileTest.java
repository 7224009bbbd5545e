package io.spaxos.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a config file can be wrong gets one line naming the key and the problem. */
class BadConfigFileTest {

    private static final String SEED = ConfigLoaderTest.SEED;

    private static String seedWith(String from, String to) {
        if (!SEED.contains(from)) {
            throw new IllegalArgumentException("the seed config has no " + from);
        }
        return SEED.replace(from, to);
    }

    private static final String GROUP_2 = "{\"id\": 2, \"ip\": \"127.0.0.1\", \"port\": 10002}";

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("selfid missing", seedWith("\"selfid\": 1,", ""), "selfid: missing"),
                Arguments.of("selfid a string", seedWith("\"selfid\": 1", "\"selfid\": \"1\""),
                        "selfid: expected an integer, got string \"1\""),
                Arguments.of("selfid a fraction", seedWith("\"selfid\": 1", "\"selfid\": 1.5"),
                        "selfid: expected an integer, got number 1.5"),
                Arguments.of("selfid not in groups", seedWith("\"selfid\": 1", "\"selfid\": 4"),
                        "selfid: 4 is not one of the group ids [1, 2, 3]"),
                Arguments.of("groups missing", "{\"selfid\": 1, \"path\": \"d\", \"stimeout\": {}}",
                        "groups: missing"),
                Arguments.of("groups not an array", "{\"selfid\": 1, \"groups\": {}, \"path\": \"d\"}",
                        "groups: expected an array, got object"),
                Arguments.of("groups empty", "{\"selfid\": 1, \"groups\": [], \"path\": \"d\"}",
                        "groups: expected 1..4095 entries, got 0"),
                Arguments.of("group entry not an object", seedWith(GROUP_2, "7"),
                        "groups[1]: expected a JSON object, got number 7"),
                Arguments.of("port missing", seedWith(GROUP_2, "{\"id\": 2, \"ip\": \"127.0.0.1\"}"),
                        "groups[1].port: missing"),
                Arguments.of("port zero", seedWith("10002", "0"),
                        "groups[1].port: expected an integer in 1..65535, got 0"),
                Arguments.of("port too big", seedWith("10002", "70000"),
                        "groups[1].port: expected an integer in 1..65535, got 70000"),
                Arguments.of("port a string", seedWith("10002", "\"10002\""),
                        "groups[1].port: expected an integer, got string \"10002\""),
                Arguments.of("port beyond long", seedWith("10002", "99999999999999999999999"),
                        "groups[1].port: expected an integer in 1..65535, got 99999999999999999999999"),
                Arguments.of("id missing", seedWith(GROUP_2, "{\"ip\": \"127.0.0.1\", \"port\": 10002}"),
                        "groups[1].id: missing"),
                Arguments.of("id zero", seedWith("\"id\": 2", "\"id\": 0"),
                        "groups[1].id: expected an integer in 1..4095, got 0"),
                Arguments.of("id above the core's limit", seedWith("\"id\": 2", "\"id\": 4096"),
                        "groups[1].id: expected an integer in 1..4095, got 4096"),
                Arguments.of("duplicate id", seedWith("\"id\": 2", "\"id\": 1"),
                        "groups[1].id: duplicate id 1 (also at groups[0].id)"),
                Arguments.of("duplicate address", seedWith("10002", "10001"),
                        "groups[1].port: duplicate peer address 127.0.0.1:10001 (also at groups[0].port)"),
                Arguments.of("ip missing", seedWith(GROUP_2, "{\"id\": 2, \"port\": 10002}"),
                        "groups[1].ip: missing"),
                Arguments.of("ip an out-of-range IPv4", seedWith(GROUP_2, GROUP_2.replace("127.0.0.1", "999.0.0.1")),
                        "groups[1].ip: \"999.0.0.1\" is not a valid IPv4 address"),
                Arguments.of("ip a short IPv4", seedWith(GROUP_2, GROUP_2.replace("127.0.0.1", "127.0.1")),
                        "groups[1].ip: \"127.0.1\" is not a valid IPv4 address"),
                Arguments.of("ip not a host name", seedWith(GROUP_2, GROUP_2.replace("127.0.0.1", "my host!")),
                        "groups[1].ip: \"my host!\" is neither an IP address nor a valid host name"),
                Arguments.of("ip a bad IPv6", seedWith(GROUP_2, GROUP_2.replace("127.0.0.1", "::g")),
                        "groups[1].ip: \"::g\" is not a valid IPv6 address"),
                Arguments.of("ip empty", seedWith(GROUP_2, GROUP_2.replace("127.0.0.1", "")),
                        "groups[1].ip: is empty"),
                Arguments.of("path missing", seedWith("\"path\": \"./data\",", ""), "path: missing"),
                Arguments.of("path a number", seedWith("\"./data\"", "7"), "path: expected a string, got number 7"),
                Arguments.of("path empty", seedWith("\"./data\"", "\"\""), "path: is empty"),
                Arguments.of("stimeout missing", seedWith(
                        ",\n  \"stimeout\": {\"heartbeat\": 100, \"instimeoutbase\": 200, \"instimeoutrange\": 30}", ""),
                        "stimeout: missing"),
                Arguments.of("heartbeat missing", seedWith("\"heartbeat\": 100, ", ""), "stimeout.heartbeat: missing"),
                Arguments.of("heartbeat negative", seedWith("\"heartbeat\": 100", "\"heartbeat\": -1"),
                        "stimeout.heartbeat: expected an integer in 1..600000, got -1"),
                Arguments.of("heartbeat shorter than a tick", seedWith("\"heartbeat\": 100", "\"heartbeat\": 5"),
                        "stimeout.heartbeat: 5 ms is shorter than one tick (tick_ms 10)"),
                Arguments.of("heartbeat not below the election timeout",
                        seedWith("\"heartbeat\": 100", "\"heartbeat\": 200"),
                        "stimeout.instimeoutbase: 200 ms (20 ticks) must be longer than stimeout.heartbeat 200 ms"),
                Arguments.of("instimeoutrange negative", seedWith("\"instimeoutrange\": 30", "\"instimeoutrange\": -30"),
                        "stimeout.instimeoutrange: expected an integer in 0..600000, got -30"),
                Arguments.of("tick_ms zero", seedWith("\"path\"", "\"tick_ms\": 0, \"path\""),
                        "tick_ms: expected an integer in 1..1000, got 0"),
                Arguments.of("read_mode unknown", seedWith("\"path\"", "\"read_mode\": \"fast\", \"path\""),
                        "read_mode: expected one of \"linearizable\", \"lease\", \"local\", got \"fast\""),
                Arguments.of("max_frame_bytes too small", seedWith("\"path\"", "\"max_frame_bytes\": 10, \"path\""),
                        "max_frame_bytes: expected an integer in 1024..1073741824, got 10"),
                Arguments.of("cluster with a space", seedWith("\"path\"", "\"cluster\": \"a b\", \"path\""),
                        "cluster: expected 1..64 characters of A-Z a-z 0-9 . _ -, got \"a b\""),
                Arguments.of("redis_port a string", seedWith("\"port\": 10002", "\"port\": 10002, \"redis_port\": \"x\""),
                        "groups[1].redis_port: expected an integer, got string \"x\""),
                Arguments.of("line_port too big", seedWith("\"port\": 10002", "\"port\": 10002, \"line_port\": 65536"),
                        "groups[1].line_port: expected an integer in 1..65535, got 65536"),
                Arguments.of("root an array", "[1, 2]", "(root): expected a JSON object, got array"),
                Arguments.of("empty file", "", "test.json: the config file is empty"),
                Arguments.of("malformed JSON", SEED.replace("\"selfid\": 1,", "\"selfid\": 1"),
                        "test.json: malformed JSON at line 2 column"),
                Arguments.of("trailing garbage", SEED + " }", "test.json: malformed JSON at line"),
                Arguments.of("duplicate key", seedWith("\"selfid\": 1,", "\"selfid\": 1, \"selfid\": 2,"),
                        "test.json: malformed JSON at line 1 column"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void a_bad_file_is_one_error_line_naming_the_key(String what, String json, String expectedStart) {
        assertThatThrownBy(() -> ConfigLoader.parse(json, "test.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(expectedStart)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r"));
    }
}
