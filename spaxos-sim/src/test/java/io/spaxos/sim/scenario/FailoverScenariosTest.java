package io.spaxos.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.spaxos.core.Batch;
import io.spaxos.core.ChosenEntry;
import io.spaxos.core.HardState;
import io.spaxos.core.msg.Accept;
import io.spaxos.core.msg.Accepted;
import io.spaxos.core.msg.CatchupRequest;
import io.spaxos.core.msg.Commit;
import io.spaxos.core.msg.Learn;
import io.spaxos.core.msg.Message;
import io.spaxos.core.msg.Prepare;
import io.spaxos.core.msg.Promise;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Losing the master, and getting a new one, in a three-node cluster. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FailoverScenariosTest {

    private static final Set<Integer> SURVIVORS = Set.of(2, 3);
    private static final Set<Integer> ALL = Set.of(1, 2, 3);

    private final ScenarioCluster cluster = ScenarioCluster.of(3);

    @Test
    void master_dies_mid_accept_and_the_next_master_re_proposes_the_accepted_value() {
        cluster.electMaster(1);
        // Only node 2 takes the accept, its answer is lost, and node 1's own write never completes.
        cluster.node(1).holdWrites = true;
        cluster.drop(m -> m instanceof Accept a && a.to() == 3 || m instanceof Accepted r && r.to() == 1);
        cluster.propose(1, "v");
        cluster.settle();
        assertThat(cluster.node(2).disk.instance(1)).map(HardState.Instance::value)
                .hasValueSatisfying(value -> assertThat(value.proposals()).extracting("reqid").containsExactly("v"));
        assertThat(cluster.node(3).disk.instance(1)).isEmpty();

        cluster.crash(1);
        cluster.dropNothing();
        cluster.runUntil("v is chosen on the survivors", () -> cluster.allHave(SURVIVORS, "v"), 200);
        cluster.restart(1);
        cluster.runUntil("node 1 learns v", () -> cluster.allHave(ALL, "v"), 200);

        for (final int id : ALL) {
            assertThat(cluster.node(id).entries()).first()
                    .extracting(ChosenEntry::index, ChosenEntry::instance, ChosenEntry::reqid)
                    .containsExactly(1L, 1L, "v");
        }
    }

    @Test
    void a_new_master_fills_gaps_with_no_ops() {
        cluster.electMaster(1);
        // Three instances; the accepts of the middle one are lost everywhere, then the master dies.
        cluster.drop(m -> m instanceof Accept a && a.index() == 2);
        cluster.propose(1, "a");
        cluster.propose(1, "b");
        cluster.propose(1, "c");
        cluster.settle();
        assertThat(cluster.node(2).disk.instance(2)).isEmpty();
        cluster.crash(1);
        cluster.dropNothing();

        cluster.runUntil("a and c are chosen on the survivors",
                () -> cluster.allHave(SURVIVORS, "a") && cluster.allHave(SURVIVORS, "c"), 200);
        cluster.restart(1);
        cluster.runUntil("node 1 catches up", () -> cluster.allHave(ALL, "c"), 200);

        for (final int id : ALL) {
            assertThat(cluster.node(id).entries())
                    .extracting(ChosenEntry::index, ChosenEntry::instance, ChosenEntry::reqid)
                    .startsWith(
                            tuple(1L, 1L, "a"),
                            tuple(2L, 3L, "c"));
            assertThat(cluster.node(id).reqids()).doesNotContain("b");
            assertThat(cluster.node(id).disk.instance(2)).map(HardState.Instance::value).contains(Batch.NOOP);
        }
        assertThat(cluster.sent()).filteredOn(m -> m instanceof Accept a && a.index() == 2 && a.from() != 1)
                .isNotEmpty()
                .allMatch(m -> ((Accept) m).value().isNoop());
    }

    @Test
    void duelling_proposers_settle_on_one_master() {
        // No jitter and one timeout: every node runs for master on the same tick, again and again.
        final ScenarioCluster duel = ScenarioCluster.of(3, c -> c.withTimes(2, 10, 0, 4));

        duel.runUntil("one master that every node follows", () -> duel.master().isPresent()
                && duel.nodes().stream().allMatch(n -> n.status().master() == duel.master().get().id), 200);
        final int winner = duel.master().orElseThrow().id;
        for (int t = 0; t < 50; t++) {
            duel.tick();
            assertThat(duel.master()).as("still one master, the same one, at tick %d", t)
                    .hasValueSatisfying(m -> assertThat(m.id).isEqualTo(winner));
        }
        for (final int id : ALL) {
            duel.propose(id, "from-" + id);
        }
        duel.runUntil("every proposal is chosen everywhere",
                () -> List.of("from-1", "from-2", "from-3").stream().allMatch(r -> duel.allHave(ALL, r)), 100);

        assertThat(duel.sent()).as("the election really was contested: several candidates, and refusals")
                .satisfies(sent -> assertThat(sent.stream().filter(Prepare.class::isInstance).map(Message::from).distinct())
                        .hasSizeGreaterThan(1))
                .anyMatch(m -> m instanceof Promise p && !p.ok());
        assertThat(duel.node(1).entries()).isEqualTo(duel.node(2).entries()).isEqualTo(duel.node(3).entries());
    }

    @Test
    void an_old_master_that_hears_of_a_newer_masters_choices_first_steps_down_and_forwards() {
        cluster.electMaster(1);
        // Between 1 and 3 only commits and catch-up get through, and node 2's answers to node 1 are
        // lost: node 1 goes on believing it is master (no tick passes on it to time it out).
        cluster.drop(m -> m.from() == 2 && m.to() == 1 || isBetween(m, 1, 3) && !isCatchUpTraffic(m));
        cluster.electMaster(3);
        cluster.propose(3, "x");
        cluster.settle();
        assertThat(cluster.node(1).reqids()).containsExactly("x");
        // The newer master's Commit alone tells node 1 it was deposed.
        assertThat(cluster.node(1).isMaster()).isFalse();

        // (A forward lost on the cut link could only end UNKNOWN at its deadline: heal first.)
        cluster.dropNothing();
        cluster.propose(1, "p");
        cluster.runUntil("p is chosen everywhere", () -> cluster.allHave(ALL, "p"), 300);

        assertThat(cluster.node(1).reqids()).containsExactly("x", "p");
    }

    private static boolean isBetween(Message m, int a, int b) {
        return m.from() == a && m.to() == b || m.from() == b && m.to() == a;
    }

    private static boolean isCatchUpTraffic(Message m) {
        return m instanceof Commit || m instanceof CatchupRequest || m instanceof Learn;
    }
}
