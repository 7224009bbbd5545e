package io.spaxos.server.simple;

import static org.assertj.core.api.Assertions.assertThat;

import io.spaxos.server.testing.Ports;
import io.spaxos.server.testing.ProcessCluster;
import io.spaxos.server.testing.ProcessClusters;
import io.spaxos.server.testing.SpaxosBin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica must never run on a data directory that is not its own: it would vote with another
 * replica's promises (DataDirIdentity). It refuses with a clear error, and the others go on.
 */
class ForeignDataDirIT {

    private static final Duration EXIT_WITHIN = Duration.ofMinutes(2);
    private static final int PROPOSALS = 6;

    @RegisterExtension
    final ProcessClusters clusters = new ProcessClusters();

    @TempDir
    Path dir;

    @Test
    void a_replica_started_on_a_copy_of_another_replicas_data_is_refused_and_the_others_keep_choosing() throws Exception {
        final ProcessCluster cluster = startCluster(0);
        final SimpleSvr svr = new SimpleSvr(cluster);
        final Map<Long, SimpleSvr.Entry> chosen = proposeAndApply(svr, cluster.ids(), "before");
        cluster.kill(1);
        cluster.kill(2);
        replaceDirectory(cluster.spec(2).dataDir(), cluster.spec(1).dataDir());
        cluster.start(1);

        final SpaxosBin.Result refused = cluster.startExpectingExit(2, EXIT_WITHIN);

        System.out.printf("replica 2 on replica 1's data: exit %d, %s%n", refused.exitCode(), refused.lines());
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.lines()).last().asString()
                .startsWith("simplesvr: data directory " + cluster.spec(2).dataDir())
                .contains("belongs to node 1").contains("but this is node 2");
        final List<Integer> others = List.of(1, 3);
        chosen.putAll(proposeAndApply(svr, others, "after"));
        assertThat(svr.mismatches(others, chosen)).isEmpty();
    }

    @Test
    void a_replica_whose_config_names_another_cluster_is_refused_on_its_data_and_restarts_with_its_own_config()
            throws Exception {
        final ProcessCluster cluster = startCluster(1);
        final SimpleSvr svr = new SimpleSvr(cluster);
        final Map<Long, SimpleSvr.Entry> chosen = proposeAndApply(svr, cluster.ids(), "before");
        cluster.kill(3);
        final Path otherCluster = Files.writeString(dir.resolve("other-cluster-3.json"),
                Files.readString(cluster.spec(3).configFile()).replaceFirst("\\{", "{ \"cluster\": \"another-cluster\","));

        final SpaxosBin.Result refused = SpaxosBin.run(SpaxosBin.simplesvr(otherCluster, cluster.clientPort(3)),
                EXIT_WITHIN, Map.of());

        System.out.printf("replica 3 with another cluster's name: exit %d, %s%n", refused.exitCode(), refused.lines());
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.lines()).last().asString()
                .startsWith("simplesvr: data directory " + cluster.spec(3).dataDir())
                .contains("of cluster 'another-cluster'");
        // If 3 was the master, a proposal forwarded to it before 1 and 2 notice it is gone ends
        // UNKNOWN by design (never resent, so never placed twice); this test is about the refusal.
        svr.awaitMaster(List.of(1, 2));
        chosen.putAll(proposeAndApply(svr, List.of(1, 2), "while-3-is-refused"));
        cluster.start(3);
        chosen.putAll(proposeAndApply(svr, cluster.ids(), "after"));
        assertThat(svr.mismatches(cluster.ids(), chosen)).isEmpty();
    }

    @Test
    void a_second_process_for_a_running_replica_is_refused_and_the_running_one_keeps_choosing() throws Exception {
        final ProcessCluster cluster = startCluster(2);
        final SimpleSvr svr = new SimpleSvr(cluster);
        final Map<Long, SimpleSvr.Entry> chosen = proposeAndApply(svr, cluster.ids(), "before");
        final int otherLinePort = Ports.base(Ports.SIMPLE_FOREIGN_DATA, 2) + 19;

        final SpaxosBin.Result refused = SpaxosBin.run(SpaxosBin.simplesvr(cluster.spec(2).configFile(), otherLinePort),
                EXIT_WITHIN, Map.of());

        System.out.printf("a second replica 2: exit %d, %s%n", refused.exitCode(), refused.lines());
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.lines()).last().asString().startsWith("simplesvr: ").contains(cluster.spec(2).dataDir().toString());
        assertThat(cluster.isRunning(2)).isTrue();
        chosen.putAll(proposeAndApply(svr, List.of(2), "after"));
        assertThat(svr.mismatches(cluster.ids(), chosen)).isEmpty();
    }

    private ProcessCluster startCluster(int block) {
        final ProcessCluster cluster = clusters.add(ProcessCluster.builder(dir.resolve("cluster"),
                Ports.base(Ports.SIMPLE_FOREIGN_DATA, block)).build()).startAll();
        new SimpleSvr(cluster).awaitMaster(cluster.ids());
        return cluster;
    }

    /** Proposes to each of {@code ids} in turn, and waits until they all applied what was chosen. */
    private static Map<Long, SimpleSvr.Entry> proposeAndApply(SimpleSvr svr, List<Integer> ids, String phase)
            throws Exception {
        final Map<Long, SimpleSvr.Entry> chosen = new TreeMap<>();
        for (int i = 0; i < PROPOSALS; i++) {
            final int id = ids.get(i % ids.size());
            final String reqid = phase + "-" + i;
            chosen.put(svr.propChosen(id, reqid, reqid + "-value"), new SimpleSvr.Entry(reqid, reqid + "-value"));
        }
        assertThat(svr.awaitApplied(ids, chosen, SimpleSvr.CONVERGE)).as("replicas %s applied %s", ids, phase).isTrue();
        return chosen;
    }

    /** Deletes {@code target} and puts a copy of {@code source} in its place. */
    private static void replaceDirectory(Path target, Path source) throws IOException {
        try (Stream<Path> old = Files.walk(target)) {
            for (final Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (final Path p : files.sorted().toList()) {
                Files.copy(p, target.resolve(source.relativize(p).toString()));
            }
        }
    }
}
