package io.spaxos.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.spaxos.core.Outcome;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Replicas that come back: one after a long absence, and all of them at once. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RecoveryScenariosTest {

    private static final Set<Integer> ALL = Set.of(1, 2, 3);

    private final ScenarioCluster cluster = ScenarioCluster.of(3);

    @Test
    void a_replica_returns_after_a_long_absence_and_catches_up_including_instances_its_peers_already_retired() {
        cluster.electMaster(1);
        cluster.crash(3);
        for (int i = 1; i <= 120; i++) {
            cluster.propose(1, "r" + i);
            cluster.tick();
        }
        cluster.runUntil("1 and 2 apply all 120", () -> cluster.allHave(Set.of(1, 2), "r120"), 100);
        final long instances = cluster.node(1).status().appliedUpTo();
        assertThat(instances).as("far more instances than one catch-up answer holds").isGreaterThan(64);
        assertThat(cluster.logReadsServed()).isZero();

        cluster.restart(3);
        cluster.propose(1, "after-return");
        cluster.runUntil("node 3 has caught up", () -> cluster.allHave(ALL, "after-return"), 300);

        assertThat(cluster.logReadsServed()).as("retired instances were read back from disk").isPositive();
        assertThat(cluster.node(3).entries()).hasSize(121).isEqualTo(cluster.node(1).entries());
        assertThat(cluster.node(3).status().appliedUpTo()).isEqualTo(cluster.node(1).status().appliedUpTo());
    }

    @Test
    void a_full_cluster_restart_keeps_every_chosen_entry() {
        cluster.electMaster(1);
        for (int i = 1; i <= 20; i++) {
            cluster.propose(1 + i % 3, "r" + i);
        }
        cluster.runUntil("all 20 have an outcome", () -> outcomes().size() == 20, 200);
        final Map<String, Outcome> acknowledged = outcomes();
        assertThat(acknowledged.values()).allMatch(o -> o.kind() == Outcome.Kind.CHOSEN);
        // The power goes while more is in flight: writes still waiting for their sync are lost.
        for (final int id : ALL) {
            cluster.node(id).holdWrites = true;
        }
        for (int i = 21; i <= 25; i++) {
            cluster.propose(1, "r" + i);
        }
        cluster.settle();
        for (final int id : ALL) {
            cluster.crash(id);
        }

        for (final int id : ALL) {
            cluster.node(id).holdWrites = false;
            cluster.restart(id);
        }
        cluster.runUntil("a master again", () -> cluster.master().isPresent(), 200);
        cluster.propose(2, "after-restart");
        cluster.runUntil("a new proposal is chosen everywhere", () -> cluster.allHave(ALL, "after-restart"), 300);

        for (final int id : ALL) {
            for (final Outcome o : acknowledged.values()) {
                assertThat(cluster.node(id).applied.get(o.index()).reqid())
                        .as("node %d entry %d", id, o.index()).isEqualTo(o.reqid());
            }
        }
        assertThat(cluster.node(1).entries()).isEqualTo(cluster.node(2).entries()).isEqualTo(cluster.node(3).entries());
    }

    private Map<String, Outcome> outcomes() {
        final Map<String, Outcome> all = new HashMap<>();
        cluster.nodes().forEach(n -> all.putAll(n.outcomes));
        return all;
    }
}
