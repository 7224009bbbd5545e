package io.spaxos.jepsen;

import static org.assertj.core.api.Assertions.assertThat;

import io.spaxos.node.config.ConfigLoader;
import io.spaxos.node.config.NodeConfig;
import io.spaxos.node.config.ReadMode;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigFileTest {

    private final Ports ports = Ports.slot(3, 3);

    @Test
    void each_replica_listens_on_its_own_port_and_reaches_its_peers_through_their_proxies() throws Exception {
        final NodeConfig two = ConfigLoader.parse(ConfigFile.loadedMachine("jepsen", "local")
                .render(2, ports, Path.of("/tmp/data")), "replica-2.json");
        assertThat(two.self().peerPort()).isEqualTo(ports.peer(2));
        assertThat(two.self().redisPort()).hasValue(ports.redis(2));
        assertThat(two.self().linePort()).hasValue(ports.line(2));
        assertThat(two.peerAddresses()).isEqualTo(Map.of(
                1, new InetSocketAddress("127.0.0.1", ports.proxy(2, 1)),
                3, new InetSocketAddress("127.0.0.1", ports.proxy(2, 3))));
        assertThat(two.readMode()).isEqualTo(ReadMode.LOCAL);
    }

    @Test
    void every_replica_names_the_same_cluster_though_their_files_differ() throws Exception {
        final NodeConfig one = ConfigLoader.parse(ConfigFile.loadedMachine("jepsen", "linearizable")
                .render(1, ports, Path.of("/tmp/data")), "replica-1.json");
        final NodeConfig three = ConfigLoader.parse(ConfigFile.loadedMachine("jepsen", "linearizable")
                .render(3, ports, Path.of("/tmp/data")), "replica-3.json");
        assertThat(one.clusterId()).isEqualTo("jepsen").isEqualTo(three.clusterId());
        assertThat(one.readMode()).isEqualTo(ReadMode.LINEARIZABLE);
    }

    @Test
    void ports_stay_in_this_modules_range_and_never_collide() {
        final java.util.Set<Integer> used = new java.util.HashSet<>();
        for (final int i : ports.ids()) {
            assertThat(used.add(ports.peer(i))).isTrue();
            assertThat(used.add(ports.redis(i))).isTrue();
            assertThat(used.add(ports.line(i))).isTrue();
            for (final int j : ports.ids()) {
                if (i != j) {
                    assertThat(used.add(ports.proxy(i, j))).isTrue();
                }
            }
        }
        assertThat(used).allMatch(p -> p >= 25_000 && p < 26_000);
    }
}
