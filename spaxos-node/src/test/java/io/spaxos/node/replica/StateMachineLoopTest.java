package io.spaxos.node.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spaxos.core.Ballot;
import io.spaxos.core.CoreConfig;
import io.spaxos.core.Proposal;
import io.spaxos.core.RecoveredState;
import io.spaxos.core.msg.Accepted;
import io.spaxos.core.msg.Heartbeat;
import io.spaxos.core.msg.Message;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

/** Which queue a delivered message lands in: only the inbox wakes the state-machine thread. */
class StateMachineLoopTest {

    private static final long APPLIED_UP_TO = 7;
    private static final Ballot BALLOT = new Ballot(3, 2);

    private final BlockingQueue<Object> inbox = new ArrayBlockingQueue<>(4);
    private final BlockingQueue<Message> lateVotes = new ArrayBlockingQueue<>(1);
    private final StateMachineLoop loop = new StateMachineLoop(CoreConfig.defaults(1, List.of(1, 2, 3)),
            new RecoveredState(BALLOT, APPLIED_UP_TO, 20, List.of()), 10, inbox, new ArrayBlockingQueue<Proposal>(4),
            lateVotes, new ArrayBlockingQueue<>(4), new ArrayBlockingQueue<>(4), messages -> { }, () -> Inputs.Durable.NONE);

    private static Accepted vote(long index, boolean ok) {
        return new Accepted(2, 1, BALLOT, index, ok, BALLOT, 0);
    }

    @Test
    void a_vote_for_an_index_already_chosen_here_waits_without_waking_the_thread() {
        final Accepted late = vote(APPLIED_UP_TO, true);

        assertThat(loop.deliver(late)).isTrue();

        assertThat(lateVotes).containsExactly(late);
        assertThat(inbox).isEmpty();
    }

    @Test
    void a_running_loop_takes_the_late_votes_at_its_next_turn() throws InterruptedException {
        loop.deliver(vote(APPLIED_UP_TO, true));
        final Thread thread = new Thread(loop, "smt-under-test");
        thread.start();
        try {
            // Nothing wakes the thread for it: the tick-bounded turn (10 ms here) must still take it.
            await().atMost(Duration.ofSeconds(10)).until(lateVotes::isEmpty);
        } finally {
            loop.stop();
            thread.interrupt();
            thread.join(10_000);
        }
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void votes_that_can_still_matter_and_other_messages_wake_the_thread() {
        final Accepted open = vote(APPLIED_UP_TO + 1, true);
        final Accepted refused = vote(APPLIED_UP_TO, false);
        final Heartbeat heartbeat = new Heartbeat(2, 1, BALLOT, 0);

        loop.deliver(open);
        loop.deliver(refused);
        loop.deliver(heartbeat);

        assertThat(inbox).containsExactly(open, refused, heartbeat);
        assertThat(lateVotes).isEmpty();
    }

    @Test
    void when_the_late_vote_queue_is_full_a_late_vote_goes_to_the_inbox_instead_of_being_lost() {
        loop.deliver(vote(1, true));
        final Accepted second = vote(2, true);

        assertThat(loop.deliver(second)).isTrue();

        assertThat(inbox).containsExactly(second);
    }

    @Test
    void a_full_inbox_reports_the_drop() {
        for (int i = 0; i < 4; i++) {
            assertThat(loop.deliver(vote(APPLIED_UP_TO + 1 + i, true))).isTrue();
        }

        assertThat(loop.deliver(vote(APPLIED_UP_TO + 9, true))).isFalse();
    }
}
