package io.spaxos.sim;

import io.spaxos.core.Ballot;
import io.spaxos.core.HardState;
import io.spaxos.core.msg.Accept;
import io.spaxos.core.msg.Accepted;
import io.spaxos.core.msg.Message;
import io.spaxos.core.msg.Prepare;
import io.spaxos.core.msg.Promise;

/**
 * Persist before send: when a message leaves a replica, the hard state it vouches for must already
 * be on that replica's disk. A promise or a vote that a crash could make the sender forget is how
 * Paxos loses agreement.
 */
final class PersistChecker {

    private final Violations violations;

    PersistChecker(Violations violations) {
        this.violations = violations;
    }

    void onSend(Message m, SimDisk senderDisk) {
        final Ballot durable = senderDisk.durablePromise();
        if (m instanceof Prepare p) {
            require(durable.atLeast(p.ballot()), m, durable);
        } else if (m instanceof Promise p && p.ok()) {
            require(durable.atLeast(p.ballot()), m, durable);
        } else if (m instanceof Accept a) {
            require(durable.atLeast(a.ballot()), m, durable);
        } else if (m instanceof Accepted a && a.ok()) {
            final HardState.Instance instance = senderDisk.durableInstance(a.index());
            final boolean voteDurable = instance != null
                    && (instance.applied() || instance.ballot().atLeast(a.ballot()));
            require(durable.atLeast(a.ballot()) && voteDurable, m, durable);
        }
    }

    private void require(boolean durable, Message m, Ballot durablePromise) {
        if (!durable) {
            violations.add("persist-before-send", "node " + m.from() + " sent " + m
                    + " while its disk holds promise " + durablePromise);
        }
    }
}
