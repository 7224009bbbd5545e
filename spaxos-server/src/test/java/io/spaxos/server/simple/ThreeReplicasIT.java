package io.spaxos.server.simple;

import static org.assertj.core.api.Assertions.assertThat;

import io.spaxos.server.testing.ProcessCluster;
import io.spaxos.server.testing.ProcessClusters;
import io.spaxos.server.testing.Ports;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Three {@code bin/simplesvr} processes started from seed-format config files. */
class ThreeReplicasIT {

    private static final int PROPOSALS_PER_REPLICA = 10;

    @RegisterExtension
    final ProcessClusters clusters = new ProcessClusters();

    @TempDir
    Path dir;

    @Test
    void a_proposal_to_any_replica_is_chosen_and_every_replica_returns_it_at_the_same_index() throws Exception {
        final ProcessCluster cluster = clusters.add(ProcessCluster.builder(dir, Ports.base(Ports.SIMPLE_CLUSTER, 0))
                .build()).startAll();
        final SimpleSvr svr = new SimpleSvr(cluster);
        svr.awaitMaster(cluster.ids());

        final Map<Long, SimpleSvr.Entry> chosen = new TreeMap<>();
        for (int round = 0; round < PROPOSALS_PER_REPLICA; round++) {
            for (final int id : cluster.ids()) {
                final String reqid = "r" + id + "-" + round;
                final String value = "value of " + reqid + " with spaces";
                final long index = svr.propChosen(id, reqid, value);
                assertThat(chosen.put(index, new SimpleSvr.Entry(reqid, value)))
                        .as("index %d answered CHOSEN twice", index).isNull();
            }
        }

        assertThat(chosen).hasSize(PROPOSALS_PER_REPLICA * cluster.ids().size());
        assertThat(svr.awaitApplied(cluster.ids(), chosen, SimpleSvr.CONVERGE)).as("every replica applied them").isTrue();
        assertThat(svr.mismatches(cluster.ids(), chosen)).isEmpty();
        for (final int id : cluster.ids()) {
            assertThat(svr.status(id).failed()).isFalse();
        }
    }
}
