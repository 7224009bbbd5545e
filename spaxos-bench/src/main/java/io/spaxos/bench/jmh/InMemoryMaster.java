package io.spaxos.bench.jmh;

import io.spaxos.core.CoreConfig;
import io.spaxos.core.Proposal;
import io.spaxos.core.Ready;
import io.spaxos.core.RecoveredState;
import io.spaxos.core.Replica;
import io.spaxos.core.Status;
import io.spaxos.core.msg.Accept;
import io.spaxos.core.msg.Accepted;
import io.spaxos.core.msg.Heartbeat;
import io.spaxos.core.msg.HeartbeatReply;
import io.spaxos.core.msg.Message;
import io.spaxos.core.msg.Prepare;
import io.spaxos.core.msg.Promise;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A master {@link Replica} of a three-member group with its two peers played by perfect,
 * instantaneous acceptors and its storage by a no-op: nothing but the core's own work remains.
 * Messages to itself are stepped back in, as the node's transport does.
 */
final class InMemoryMaster {

    private static final int SELF = 1;
    private static final int MAX_TICKS_TO_ELECTION = 10_000;

    private final Replica replica;
    private final ArrayDeque<Message> inbox = new ArrayDeque<>();
    private long chosen;
    private long outcomes;

    InMemoryMaster() {
        final CoreConfig config = CoreConfig.defaults(SELF, List.of(1, 2, 3));
        replica = new Replica(config, RecoveredState.empty());
        for (int tick = 0; tick < MAX_TICKS_TO_ELECTION && replica.status().role() != Status.Role.MASTER; tick++) {
            replica.tick();
            drain();
        }
        if (replica.status().role() != Status.Role.MASTER) {
            throw new IllegalStateException("the replica did not become master: " + replica.status());
        }
    }

    void propose(Proposal p) {
        replica.propose(p);
    }

    /** Runs ready() and delivers messages until the replica has nothing more to say. */
    void drain() {
        while (true) {
            final Ready ready = replica.ready();
            chosen += ready.chosen().size();
            outcomes += ready.outcomes().size();
            final Ready.Released released;
            try {
                released = Ready.persistThenRelease(List.of(ready), (states, sync) -> { });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (ready.needsPersist()) {
                replica.persisted(ready.id());
            }
            route(ready.messagesNow());
            route(released.messages());
            if (inbox.isEmpty()) {
                return;
            }
            Message m;
            while ((m = inbox.poll()) != null) {
                replica.step(m);
            }
        }
    }

    private void route(List<Message> messages) {
        for (final Message m : messages) {
            if (m.to() == SELF) {
                inbox.add(m);
            } else if (m instanceof Accept a) {
                inbox.add(new Accepted(a.to(), SELF, a.ballot(), a.index(), true, a.ballot(), 0));
            } else if (m instanceof Prepare p) {
                inbox.add(new Promise(p.to(), SELF, p.ballot(), true, p.ballot(), 0, List.of()));
            } else if (m instanceof Heartbeat h) {
                inbox.add(new HeartbeatReply(h.to(), SELF, h.ballot(), true, h.ballot(), 0));
            }
            // Commits and the rest need no answer from a perfect peer.
        }
    }

    long chosen() {
        return chosen;
    }

    long outcomes() {
        return outcomes;
    }
}
