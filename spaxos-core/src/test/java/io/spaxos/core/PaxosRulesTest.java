package io.spaxos.core;

import static io.spaxos.core.ReplicaDriver.batch;
import static io.spaxos.core.ReplicaDriver.config;
import static io.spaxos.core.ReplicaDriver.fresh;
import static io.spaxos.core.ReplicaDriver.proposal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.spaxos.core.ReplicaDriver.Step;
import io.spaxos.core.msg.Accept;
import io.spaxos.core.msg.Accepted;
import io.spaxos.core.msg.CatchupRequest;
import io.spaxos.core.msg.Commit;
import io.spaxos.core.msg.Forward;
import io.spaxos.core.msg.ForwardReject;
import io.spaxos.core.msg.Heartbeat;
import io.spaxos.core.msg.Learn;
import io.spaxos.core.msg.Prepare;
import io.spaxos.core.msg.Promise;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of Multi-Paxos as this core implements it, driving a single {@link Replica}
 * with hand-made messages and reading what comes out of {@link Ready}. Section references are to
 * Lamport, "Paxos Made Simple" (2001).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PaxosRulesTest {

    private static Ballot b(long round, int node) {
        return new Ballot(round, node);
    }

    private static HardState.Instance accepted(long index, Ballot ballot, Batch value) {
        return new HardState.Instance(index, ballot, value, HardState.Instance.NOT_APPLIED);
    }

    /** Index to value of every Accept the step sent to {@code to}. */
    private static Map<Long, Batch> acceptsTo(Step step, int to) {
        return step.sent(Accept.class).stream().filter(a -> a.to() == to)
                .collect(Collectors.toMap(Accept::index, Accept::value, (x, y) -> x, TreeMap::new));
    }

    @Nested
    class Acceptor {

        @Test
        void a_promise_is_never_broken_by_a_lower_prepare() {
            final ReplicaDriver d = fresh(1);
            d.step(new Prepare(3, 1, b(5, 3), 1));

            final Step step = d.step(new Prepare(2, 1, b(4, 2), 1));

            assertThat(step.sent(Promise.class)).singleElement().satisfies(p -> {
                assertThat(p.ok()).isFalse();
                assertThat(p.promised()).isEqualTo(b(5, 3));
            });
            assertThat(step.written()).isEmpty();
            assertThat(d.replica.status().promised()).isEqualTo(b(5, 3));
        }

        @Test
        void an_accept_below_the_promise_is_rejected_and_nothing_is_written() {
            final ReplicaDriver d = fresh(1);
            d.step(new Prepare(3, 1, b(5, 3), 1));

            final Step step = d.step(new Accept(2, 1, b(4, 2), 1, batch("a")));

            assertThat(step.sent(Accepted.class)).singleElement().satisfies(a -> {
                assertThat(a.ok()).isFalse();
                assertThat(a.promised()).isEqualTo(b(5, 3));
            });
            assertThat(step.written()).isEmpty();
            assertThat(d.disk).noneMatch(HardState.Instance.class::isInstance);
        }

        @Test
        void an_accept_at_the_promise_is_written_before_its_accepted_reply_leaves() throws Exception {
            final ReplicaDriver d = fresh(1);
            d.step(new Prepare(2, 1, b(3, 2), 1));
            d.replica.step(new Accept(2, 1, b(3, 2), 1, batch("a")));

            final Ready ready = d.replica.ready();

            assertThat(ready.hardStates()).containsExactly(accepted(1, b(3, 2), batch("a")));
            assertThat(ready.messagesNow()).noneMatch(Accepted.class::isInstance);
            final List<String> events = new ArrayList<>();
            final Ready.Released released = Ready.persistThenRelease(List.of(ready), (states, sync) -> events.add("wrote " + states));
            events.add("released " + released.messages());
            assertThat(events).hasSize(2);
            assertThat(events.get(0)).startsWith("wrote");
            assertThat(released.messages()).containsExactly(new Accepted(1, 2, b(3, 2), 1, true, b(3, 2), 0));
        }

        @Test
        void an_accept_above_the_promise_writes_the_new_promise_and_the_value_before_replying() {
            final ReplicaDriver d = fresh(1);
            d.step(new Prepare(2, 1, b(3, 2), 1));

            final Step step = d.step(new Accept(3, 1, b(4, 3), 1, batch("a")));

            assertThat(step.written()).containsExactly(new HardState.Promise(b(4, 3)), accepted(1, b(4, 3), batch("a")));
            assertThat(step.ready().messagesNow()).noneMatch(Accepted.class::isInstance);
            assertThat(step.released()).containsExactly(new Accepted(1, 3, b(4, 3), 1, true, b(4, 3), 0));
        }

        @Test
        void an_accepted_reply_never_leaves_if_the_write_fails() {
            final ReplicaDriver d = fresh(1);
            d.replica.step(new Accept(2, 1, b(3, 2), 1, batch("a")));
            final Ready ready = d.replica.ready();

            assertThatThrownBy(() -> Ready.persistThenRelease(List.of(ready), (states, sync) -> {
                throw new IOException("disk full");
            })).isInstanceOf(IOException.class);
            assertThat(ready.messagesNow()).isEmpty();
        }

        @Test
        void a_promise_is_written_before_the_promise_message_leaves() {
            final ReplicaDriver d = fresh(1);

            final Step step = d.step(new Prepare(2, 1, b(3, 2), 1));

            assertThat(step.written()).containsExactly(new HardState.Promise(b(3, 2)));
            assertThat(step.ready().messagesNow()).noneMatch(Promise.class::isInstance);
            assertThat(step.released()).singleElement().isInstanceOfSatisfying(Promise.class, p -> {
                assertThat(p.ok()).isTrue();
                assertThat(p.ballot()).isEqualTo(b(3, 2));
            });
        }
    }

    /**
     * Phase 1 of a new master (§2.2, and §3 for Multi-Paxos): promises from 2 and 3 report, at
     * index 1 two accepted values, at 3 a chosen value, at 4 one accepted value; index 2 is empty.
     */
    @Nested
    class PhaseOne {

        private final ReplicaDriver d = new ReplicaDriver(config(1), new RecoveredState(b(5, 3), 0, 1, List.of()));
        private Ballot ballot;
        private Step takeover;

        private void winWithReportedVotes() {
            ballot = d.startElection();
            d.step(d.promise(2, ballot, 0, List.of(
                    new Promise.Vote(1, b(3, 2), batch("old"), false),
                    new Promise.Vote(3, b(4, 2), batch("fixed"), true))));
            takeover = d.step(d.promise(3, ballot, 0, List.of(
                    new Promise.Vote(1, b(4, 3), batch("new"), false),
                    new Promise.Vote(4, b(5, 3), batch("tail"), false))));
            assertThat(d.replica.status().role()).isEqualTo(Status.Role.MASTER);
        }

        @Test
        void a_new_master_re_proposes_the_value_of_the_highest_ballot_reported_at_an_index() {
            winWithReportedVotes();

            assertThat(acceptsTo(takeover, 2)).containsEntry(1L, batch("new")).containsEntry(4L, batch("tail"));
            assertThat(takeover.sent(Accept.class)).allMatch(a -> a.ballot().equals(ballot));
        }

        @Test
        void a_new_master_fills_an_index_where_nothing_was_accepted_with_a_no_op() {
            winWithReportedVotes();

            assertThat(acceptsTo(takeover, 2)).containsEntry(2L, Batch.NOOP);
        }

        @Test
        void an_index_a_promise_reports_chosen_is_learned_and_not_proposed_again() {
            winWithReportedVotes();
            assertThat(acceptsTo(takeover, 2)).doesNotContainKey(3L).containsOnlyKeys(1L, 2L, 4L);

            final List<ChosenEntry> chosen = new ArrayList<>();
            for (final long index : List.of(1L, 2L)) {
                chosen.addAll(d.step(new Accepted(2, 1, ballot, index, true, ballot, 0)).chosen());
                chosen.addAll(d.step(new Accepted(3, 1, ballot, index, true, ballot, 0)).chosen());
            }

            assertThat(chosen).containsExactly(
                    new ChosenEntry(1, 1, "new", proposal("new").value()),
                    new ChosenEntry(2, 3, "fixed", proposal("fixed").value()));
        }

        @Test
        void ballots_are_unique_per_node_and_increase_across_restarts() {
            final RecoveredState promisedSeven = new RecoveredState(b(7, 2), 0, 1, List.of());
            final List<Ballot> firstBallots = new ArrayList<>();
            for (final int node : ReplicaDriver.MEMBERS) {
                firstBallots.add(new ReplicaDriver(config(node), promisedSeven).startElection());
            }
            assertThat(firstBallots).doesNotHaveDuplicates().allMatch(x -> x.greaterThan(b(7, 2)));

            final ReplicaDriver first = new ReplicaDriver(config(1), promisedSeven);
            final Ballot before = first.startElection();
            assertThat(first.disk).contains(new HardState.Promise(before));
            // Restart from what the disk kept: the ballot it ran with was durable before any Prepare left.
            final ReplicaDriver restarted = new ReplicaDriver(config(1), new RecoveredState(before, 0, 1, List.of()));
            final Ballot after = restarted.startElection();

            assertThat(before.node()).isEqualTo(1);
            assertThat(after.node()).isEqualTo(1);
            assertThat(after).isGreaterThan(before);
        }

        @Test
        void a_candidate_writes_its_own_ballot_before_any_prepare_leaves() {
            final ReplicaDriver d = fresh(1);
            Step step = d.tick();
            while (step.sent(Prepare.class).isEmpty()) {
                assertThat(d.replica.status().role()).isEqualTo(Status.Role.FOLLOWER);
                step = d.tick();
            }
            final Ballot ballot = step.sent(Prepare.class).get(0).ballot();

            assertThat(step.written()).contains(new HardState.Promise(ballot));
            assertThat(step.ready().messagesNow()).noneMatch(Prepare.class::isInstance);
            assertThat(step.released()).filteredOn(Prepare.class::isInstance).hasSize(3);
        }
    }

    @Nested
    class PhaseTwo {

        private final ReplicaDriver d = fresh(1);

        @Test
        void a_master_needs_a_phase_two_quorum_before_a_value_is_chosen() {
            final Ballot ballot = d.becomeMaster();
            d.propose(proposal("p"));

            final Step one = d.step(new Accepted(2, 1, ballot, 1, true, ballot, 0));
            final Step same = d.step(new Accepted(2, 1, ballot, 1, true, ballot, 0));
            assertThat(one.chosen()).isEmpty();
            assertThat(same.chosen()).as("one acceptor twice is still one vote").isEmpty();
            assertThat(one.sent(Commit.class)).isEmpty();

            final Step two = d.step(new Accepted(3, 1, ballot, 1, true, ballot, 0));

            assertThat(two.chosen()).containsExactly(new ChosenEntry(1, 1, "p", proposal("p").value()));
            assertThat(two.sent(Commit.class)).extracting(Commit::to).containsExactlyInAnyOrder(2, 3);
            assertThat(two.outcomes()).containsExactly(Outcome.chosen("p", 1));
        }

        @Test
        void an_accepted_for_another_ballot_does_not_count_as_a_vote() {
            final Ballot ballot = d.becomeMaster();
            d.propose(proposal("p"));
            final Ballot older = b(ballot.round() - 1, 3);
            assertThat(older).isLessThan(ballot);

            d.step(new Accepted(2, 1, ballot, 1, true, ballot, 0));
            final Step step = d.step(new Accepted(3, 1, older, 1, true, older, 0));

            assertThat(step.chosen()).isEmpty();
        }

        @Test
        void chosen_entries_come_out_in_index_order_with_dense_entry_indexes() {
            final Step third = d.step(new Learn(2, 1, List.of(new Learn.Chosen(3, batch("c1", "c2")))));
            final Step first = d.step(new Learn(2, 1, List.of(new Learn.Chosen(1, batch("a")))));
            final Step second = d.step(new Learn(2, 1, List.of(new Learn.Chosen(2, batch("b1", "b2")))));

            assertThat(third.chosen()).isEmpty();
            assertThat(first.chosen()).extracting(ChosenEntry::index, ChosenEntry::instance, ChosenEntry::reqid)
                    .containsExactly(tuple(1L, 1L, "a"));
            assertThat(second.chosen()).extracting(ChosenEntry::index, ChosenEntry::instance, ChosenEntry::reqid)
                    .containsExactly(
                            tuple(2L, 2L, "b1"),
                            tuple(3L, 2L, "b2"),
                            tuple(4L, 3L, "c1"),
                            tuple(5L, 3L, "c2"));
            assertThat(d.replica.status().lastEntry()).isEqualTo(5);
        }

        @Test
        void applied_instances_leave_memory_and_a_catch_up_below_them_is_served_from_storage() {
            final Step applied = d.step(new Learn(2, 1, List.of(
                    new Learn.Chosen(1, batch("a")), new Learn.Chosen(2, batch("b")))));
            d.step(new Learn(2, 1, List.of(new Learn.Chosen(4, batch("d")))));
            assertThat(applied.written()).containsExactly(
                    new HardState.Instance(1, Ballot.ZERO, batch("a"), 1),
                    new HardState.Instance(2, Ballot.ZERO, batch("b"), 2));

            final Step served = d.step(new CatchupRequest(3, 1, 1, 5));

            assertThat(served.logReads()).containsExactly(new Ready.LogRead(3, 1, 2));
            assertThat(served.sent(Learn.class)).singleElement().satisfies(l -> {
                assertThat(l.to()).isEqualTo(3);
                assertThat(l.chosen()).containsExactly(new Learn.Chosen(4, batch("d")));
            });
            final Step promised = d.step(new Prepare(2, 1, b(9, 2), 1));
            assertThat(promised.sent(Promise.class)).singleElement().satisfies(p -> {
                assertThat(p.appliedUpTo()).isEqualTo(2);
                assertThat(p.accepted()).extracting(Promise.Vote::index).containsExactly(4L);
            });
        }
    }

    @Nested
    class Proposing {

        @Test
        void a_master_batches_queued_proposals_into_one_instance_up_to_max_batch_proposals() {
            final ReplicaDriver d = fresh(1);
            d.becomeMaster();

            final Step step = d.propose(proposal("p1"), proposal("p2"), proposal("p3"), proposal("p4"),
                    proposal("p5"), proposal("p6"), proposal("p7"));

            // Full batches leave at once; the partial one waits while earlier batches are in flight.
            assertThat(acceptsTo(step, 2)).containsExactly(
                    Map.entry(1L, batch("p1", "p2", "p3")),
                    Map.entry(2L, batch("p4", "p5", "p6")));
        }

        @Test
        void a_master_keeps_window_instances_in_flight_and_no_more() {
            final ReplicaDriver d = new ReplicaDriver(config(1).withLimits(4, 1, 1000, 100), RecoveredState.empty());
            final Ballot ballot = d.becomeMaster();

            final Step full = d.propose(proposal("p1"), proposal("p2"), proposal("p3"), proposal("p4"),
                    proposal("p5"), proposal("p6"));
            assertThat(acceptsTo(full, 2)).containsOnlyKeys(1L, 2L, 3L, 4L);
            assertThat(acceptsTo(d.take(), 2)).as("nothing more while the window is full").isEmpty();

            final Map<Long, Batch> after = new TreeMap<>(acceptsTo(d.step(new Accepted(2, 1, ballot, 1, true, ballot, 0)), 2));
            after.putAll(acceptsTo(d.step(new Accepted(3, 1, ballot, 1, true, ballot, 0)), 2));
            after.putAll(acceptsTo(d.take(), 2));

            assertThat(after).as("one instance chosen frees one place").containsOnlyKeys(5L);
        }

        @Test
        void a_place_freed_in_the_window_is_used_in_the_same_ready() {
            final ReplicaDriver d = new ReplicaDriver(config(1).withLimits(4, 1, 1000, 100), RecoveredState.empty());
            final Ballot ballot = d.becomeMaster();
            d.propose(proposal("p1"), proposal("p2"), proposal("p3"), proposal("p4"), proposal("p5"));
            d.step(new Accepted(2, 1, ballot, 1, true, ballot, 0));

            final Step chosen = d.step(new Accepted(3, 1, ballot, 1, true, ballot, 0));

            assertThat(chosen.chosen()).extracting(ChosenEntry::reqid).containsExactly("p1");
            assertThat(acceptsTo(chosen, 2)).containsOnlyKeys(5L);
        }

        @Test
        void a_master_closes_a_new_batch_only_while_few_enough_batches_wait_to_be_chosen() {
            final ReplicaDriver d = fresh(1);
            final Ballot ballot = d.becomeMaster();
            assertThat(d.config.maxBatchesInFlight()).isEqualTo(1);
            assertThat(acceptsTo(d.propose(proposal("a")), 2)).as("nothing in flight: a leaves at once")
                    .containsOnlyKeys(1L);

            final Step gated = d.propose(proposal("b"), proposal("c"));
            assertThat(gated.sent(Accept.class)).as("a batch in flight: b and c gather").isEmpty();

            d.step(new Accepted(2, 1, ballot, 1, true, ballot, 0));
            final Step chosen = d.step(new Accepted(3, 1, ballot, 1, true, ballot, 0));
            assertThat(acceptsTo(chosen, 2)).containsExactly(Map.entry(2L, batch("b", "c")));
        }

        @Test
        void a_full_batch_leaves_however_many_batches_are_in_flight() {
            final ReplicaDriver d = fresh(1);
            d.becomeMaster();
            d.propose(proposal("a"));
            assertThat(d.config.maxBatchProposals()).isEqualTo(3);

            final Step full = d.propose(proposal("b"), proposal("c"), proposal("d"));

            assertThat(acceptsTo(full, 2)).containsExactly(Map.entry(2L, batch("b", "c", "d")));
        }

        @Test
        void the_driver_is_told_how_many_proposals_would_make_a_batch_leave() {
            assertThat(fresh(2).replica.proposalsBeforeNextBatch()).as("a follower forwards each at once").isEqualTo(1);
            final ReplicaDriver d = fresh(1);
            final Ballot ballot = d.becomeMaster();
            assertThat(d.replica.proposalsBeforeNextBatch()).as("nothing in flight").isEqualTo(1);

            d.propose(proposal("a"));
            assertThat(d.replica.proposalsBeforeNextBatch()).as("a in flight: only a full batch of 3 leaves").isEqualTo(3);
            d.propose(proposal("b"));
            assertThat(d.replica.proposalsBeforeNextBatch()).as("b gathers: 2 more fill the batch").isEqualTo(2);

            d.step(new Accepted(2, 1, ballot, 1, true, ballot, 0));
            d.step(new Accepted(3, 1, ballot, 1, true, ballot, 0));
            assertThat(d.replica.proposalsBeforeNextBatch()).as("a chosen, b in flight").isEqualTo(3);

            d.propose(proposal("c"), proposal("d"), proposal("e"), proposal("f"), proposal("g"), proposal("h"),
                    proposal("i"), proposal("j"), proposal("k"));
            assertThat(d.replica.proposalsBeforeNextBatch()).as("window of 4 full: only a chosen index makes room")
                    .isEqualTo(Integer.MAX_VALUE);
        }

        @Test
        void applied_records_alone_are_written_without_a_sync() throws Exception {
            final ReplicaDriver d = fresh(1);
            final Ballot ballot = d.becomeMaster();
            d.step(selfAccept(d.propose(proposal("a"))));
            d.replica.step(new Accepted(1, 1, ballot, 1, true, ballot, 0));
            d.replica.step(new Accepted(2, 1, ballot, 1, true, ballot, 0));

            final Ready chosen = d.replica.ready();

            assertThat(chosen.chosen()).extracting(ChosenEntry::reqid).containsExactly("a");
            assertThat(chosen.hardStates()).singleElement().satisfies(s -> assertThat(s.needsSync()).isFalse());
            assertThat(chosen.needsPersist()).as("the applied record is written").isTrue();
            assertThat(chosen.needsSync()).as("but needs no sync of its own").isFalse();
            final List<Boolean> syncs = new ArrayList<>();
            assertThat(Ready.persistThenRelease(List.of(chosen), (states, sync) -> syncs.add(sync)).synced()).isFalse();
            assertThat(syncs).containsExactly(false);
        }

        @Test
        void a_group_holding_a_vote_is_synced_with_the_applied_records_before_it() throws Exception {
            final ReplicaDriver d = fresh(1);
            final Ballot ballot = d.becomeMaster();
            d.reportPersisted = false;
            final Step write = d.step(selfAccept(d.propose(proposal("a"))));
            d.replica.persisted(write.ready().id());
            d.replica.step(new Accepted(1, 1, ballot, 1, true, ballot, 0));
            d.replica.step(new Accepted(2, 1, ballot, 1, true, ballot, 0));
            final Ready appliedRecord = d.replica.ready();
            d.replica.step(new Accept(2, 1, ballot, 2, batch("x")));
            final Ready vote = d.replica.ready();

            final List<Boolean> syncs = new ArrayList<>();
            final Ready.Released released = Ready.persistThenRelease(List.of(appliedRecord, vote),
                    (states, sync) -> syncs.add(sync));

            assertThat(syncs).containsExactly(true);
            assertThat(released.synced()).isTrue();
            assertThat(released.messages()).singleElement().isInstanceOf(Accepted.class);
        }

        private Accept selfAccept(Step step) {
            return step.sent(Accept.class).stream().filter(a -> a.to() == 1).findFirst().orElseThrow();
        }

        @Test
        void a_proposal_larger_than_the_batch_limit_is_refused_as_not_chosen() {
            final ReplicaDriver d = fresh(1);
            d.becomeMaster();
            final Proposal huge = new Proposal("huge", Bytes.wrap(new byte[d.config.maxBatchBytes()]));

            final Step step = d.propose(huge);

            assertThat(step.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.reqid()).isEqualTo("huge");
                assertThat(o.kind()).isEqualTo(Outcome.Kind.NOT_CHOSEN);
            });
            assertThat(step.sent(Accept.class)).isEmpty();
        }

        @Test
        void a_second_proposal_with_a_pending_reqid_is_refused_as_not_chosen() {
            final ReplicaDriver d = fresh(1);
            d.propose(proposal("r"));

            final Step step = d.propose(Proposal.of("r", "other"));

            assertThat(step.outcomes()).extracting(Outcome::reqid, Outcome::kind)
                    .containsExactly(tuple("r", Outcome.Kind.NOT_CHOSEN));
        }

        @Test
        void a_follower_forwards_proposals_to_the_master_it_knows() {
            final ReplicaDriver d = fresh(1);
            d.step(new Heartbeat(2, 1, b(4, 2), 0));
            assertThat(d.replica.status().master()).isEqualTo(2);

            final Step step = d.propose(proposal("p"), proposal("q"));

            assertThat(step.sent(Forward.class)).singleElement().satisfies(f -> {
                assertThat(f.to()).isEqualTo(2);
                assertThat(f.ballot()).isEqualTo(b(4, 2));
                assertThat(f.proposals()).containsExactly(proposal("p"), proposal("q"));
            });
            assertThat(step.sent(Accept.class)).isEmpty();
        }

        @Test
        void a_forwarded_proposal_without_an_answer_is_unknown_at_its_deadline() {
            final ReplicaDriver d = new ReplicaDriver(config(1).withProposalTimeout(10), RecoveredState.empty());
            d.step(new Heartbeat(2, 1, b(4, 2), 0));
            d.propose(proposal("p"));

            final List<Outcome> outcomes = tickCollectingOutcomes(d, 9);
            assertThat(outcomes).isEmpty();
            final List<Outcome> atDeadline = d.tick().outcomes();

            assertThat(atDeadline).extracting(Outcome::reqid, Outcome::kind)
                    .containsExactly(tuple("p", Outcome.Kind.UNKNOWN));
        }

        @Test
        void a_proposal_no_master_ever_took_is_not_chosen_at_its_deadline() {
            final ReplicaDriver d = new ReplicaDriver(config(1).withProposalTimeout(10), RecoveredState.empty());
            d.propose(proposal("p"));

            final List<Outcome> outcomes = tickCollectingOutcomes(d, 10);

            assertThat(outcomes).extracting(Outcome::reqid, Outcome::kind)
                    .containsExactly(tuple("p", Outcome.Kind.NOT_CHOSEN));
        }

        private List<Outcome> tickCollectingOutcomes(ReplicaDriver d, int ticks) {
            final List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < ticks; i++) {
                outcomes.addAll(d.tick().outcomes());
            }
            return outcomes;
        }
    }

    /** A master meeting news that only a newer master or a differently configured peer can cause. */
    @Nested
    class MasterRobustness {

        @Test
        void a_master_steps_down_when_a_commit_shows_a_newer_master_chose_something() {
            final ReplicaDriver d = fresh(1);
            final Ballot mine = d.becomeMaster();
            final Ballot newer = b(mine.round() + 1, 3);
            // A newer master's Commit overtakes its Accept and Heartbeat: it alone proves we were deposed.
            d.step(new Commit(3, 1, newer, 1));
            assertThat(d.replica.status().role()).isEqualTo(Status.Role.FOLLOWER);
            assertThat(d.replica.status().master()).isEqualTo(3);
        }

        @Test
        void a_master_that_learns_indexes_it_did_not_propose_never_proposes_at_an_applied_index() {
            final ReplicaDriver d = fresh(1);
            d.becomeMaster();
            // Chosen values arrive by catch-up before we hear of the master that chose them.
            d.step(new Learn(3, 1, List.of(new Learn.Chosen(1, batch("x")), new Learn.Chosen(2, batch("y")))));
            assertThat(d.replica.status().appliedUpTo()).isEqualTo(2);
            assertThat(d.replica.status().role()).isEqualTo(Status.Role.MASTER);

            final List<Accept> accepts = new ArrayList<>();
            assertThatCode(() -> {
                accepts.addAll(d.propose(proposal("p")).sent(Accept.class));
                accepts.addAll(d.take().sent(Accept.class));
            }).doesNotThrowAnyException();
            assertThat(accepts).isNotEmpty().allMatch(a -> a.index() > 2, "every Accept is above the applied prefix");
        }

        @Test
        void a_forwarded_proposal_larger_than_the_masters_batch_limit_is_refused_not_left_to_block_the_queue() {
            // Peers may run with a larger maxBatchBytes than this master: the limit is per replica.
            final ReplicaDriver d = fresh(1);
            final Ballot ballot = d.becomeMaster();
            final Proposal big = new Proposal("big", Bytes.wrap(new byte[2 * d.config.maxBatchBytes()]));

            final Step step = d.step(new Forward(2, 1, 7, ballot, List.of(big, proposal("small"))));

            assertThat(step.sent(Accept.class)).as("no instance is spent on a no-op").noneMatch(a -> a.value().isNoop());
            assertThat(acceptsTo(step, 2)).containsValue(batch("small"));
            assertThat(step.sent(ForwardReject.class)).singleElement()
                    .satisfies(r -> assertThat(r.refs()).extracting(ForwardReject.Ref::reqid)
                            .containsExactly("big"));
        }
    }
}
