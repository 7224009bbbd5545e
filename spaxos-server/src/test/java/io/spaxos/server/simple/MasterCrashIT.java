package io.spaxos.server.simple;

import static org.assertj.core.api.Assertions.assertThat;

import io.spaxos.server.testing.Ports;
import io.spaxos.server.testing.ProcessCluster;
import io.spaxos.server.testing.ProcessClusters;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code kill -9} of the master of three simplesvr processes. */
class MasterCrashIT {

    private static final int PROPOSALS = 15;

    @RegisterExtension
    final ProcessClusters clusters = new ProcessClusters();

    @TempDir
    Path dir;

    @Test
    void killing_the_master_keeps_proposals_chosen_on_the_others_and_the_restarted_master_catches_up()
            throws Exception {
        final ProcessCluster cluster = clusters.add(ProcessCluster.builder(dir, Ports.base(Ports.SIMPLE_MASTER_CRASH, 0))
                .build()).startAll();
        final SimpleSvr svr = new SimpleSvr(cluster);
        final int master = svr.awaitMaster(cluster.ids());
        final Map<Long, SimpleSvr.Entry> chosen = new TreeMap<>();
        proposeAll(svr, cluster.ids(), "before", chosen);

        cluster.kill(master);
        final List<Integer> survivors = cluster.ids().stream().filter(id -> id != master).toList();
        final int newMaster = svr.awaitMaster(survivors);
        proposeAll(svr, survivors, "during", chosen);
        cluster.start(master);
        svr.awaitMaster(cluster.ids());
        proposeAll(svr, cluster.ids(), "after", chosen);

        System.out.printf("master %d killed, %d took over, %d entries chosen%n", master, newMaster, chosen.size());
        assertThat(newMaster).isNotEqualTo(master);
        assertThat(chosen).hasSize(3 * PROPOSALS);
        assertThat(svr.awaitApplied(cluster.ids(), chosen, SimpleSvr.CONVERGE))
                .as("every replica, the restarted one too, applied every chosen entry").isTrue();
        assertThat(svr.mismatches(cluster.ids(), chosen)).isEmpty();
    }

    /** Proposes {@link #PROPOSALS} values, round robin over {@code ids}; each must be chosen. */
    private static void proposeAll(SimpleSvr svr, List<Integer> ids, String phase, Map<Long, SimpleSvr.Entry> chosen)
            throws Exception {
        for (int i = 0; i < PROPOSALS; i++) {
            final int id = ids.get(i % ids.size());
            final String reqid = phase + "-" + i;
            final String value = phase + " value " + i + " via " + id;
            final long index = svr.propChosen(id, reqid, value);
            assertThat(chosen.put(index, new SimpleSvr.Entry(reqid, value))).as("index %d chosen twice", index).isNull();
        }
    }
}
