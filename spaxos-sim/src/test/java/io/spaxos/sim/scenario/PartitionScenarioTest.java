package io.spaxos.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.spaxos.core.Outcome;
import io.spaxos.core.Status;
import java.util.Set;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** A network split in a five-node cluster, with the master on the small side. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PartitionScenarioTest {

    private static final Set<Integer> MINORITY = Set.of(1, 2);
    private static final Set<Integer> MAJORITY = Set.of(3, 4, 5);
    private static final Set<Integer> ALL = Set.of(1, 2, 3, 4, 5);

    private final ScenarioCluster cluster = ScenarioCluster.of(5);

    @Test
    void a_partitioned_master_keeps_only_a_minority_and_cannot_choose_anything_and_the_majority_side_elects_a_new_master_and_continues() {
        cluster.electMaster(1);
        cluster.propose(1, "before");
        cluster.runUntil("'before' is chosen everywhere", () -> cluster.allHave(ALL, "before"), 50);

        cluster.partition(MINORITY, MAJORITY);
        cluster.propose(1, "during");
        cluster.runUntil("the majority side elects a master",
                () -> MAJORITY.stream().anyMatch(id -> cluster.node(id).isMaster()), 200);
        cluster.propose(4, "majority");
        cluster.runUntil("the majority side chooses", () -> cluster.allHave(MAJORITY, "majority"), 200);
        // Give the old master far longer than any timeout: it still chooses nothing.
        for (int t = 0; t < 100; t++) {
            cluster.tick();
        }

        for (final int id : MINORITY) {
            assertThat(cluster.node(id).reqids()).as("node %d", id).containsExactly("before");
            assertThat(cluster.node(id).status().appliedUpTo()).isEqualTo(1);
        }
        assertThat(cluster.node(1).status().role()).as("the old master stepped down").isNotEqualTo(Status.Role.MASTER);
        assertThat(cluster.node(1).outcomes).doesNotContainKey("during");
        for (final int id : MAJORITY) {
            assertThat(cluster.node(id).reqids()).containsExactly("before", "majority");
        }

        cluster.heal();
        cluster.runUntil("'during' is chosen everywhere after the heal", () -> cluster.allHave(ALL, "during"), 500);

        assertThat(cluster.node(1).outcomes.get("during").kind()).isEqualTo(Outcome.Kind.CHOSEN);
        for (final int id : ALL) {
            assertThat(cluster.node(id).reqids()).as("node %d", id)
                    .containsExactly("before", "majority", "during");
        }
    }

    @Test
    void a_proposal_forwarded_to_a_master_that_lost_its_index_is_retried_and_chosen_exactly_once() {
        cluster.electMaster(1);
        cluster.propose(2, "before");
        cluster.runUntil("'before' is chosen everywhere", () -> cluster.allHave(ALL, "before"), 50);

        cluster.partition(MINORITY, MAJORITY);
        cluster.propose(2, "forwarded");
        cluster.settle();
        assertThat(cluster.node(2).disk.instance(2)).as("node 1 placed it at index 2, node 2 accepted it").isPresent();
        cluster.runUntil("the majority side elects a master",
                () -> MAJORITY.stream().anyMatch(id -> cluster.node(id).isMaster()), 200);
        cluster.propose(5, "majority");
        cluster.runUntil("the majority side chooses index 2", () -> cluster.allHave(MAJORITY, "majority"), 200);

        cluster.heal();
        cluster.runUntil("'forwarded' is chosen everywhere", () -> cluster.allHave(ALL, "forwarded"), 500);

        assertThat(cluster.node(2).outcomes.get("forwarded").kind()).isEqualTo(Outcome.Kind.CHOSEN);
        for (final int id : ALL) {
            assertThat(cluster.node(id).reqids()).as("node %d", id).containsExactly("before", "majority", "forwarded");
        }
    }
}
