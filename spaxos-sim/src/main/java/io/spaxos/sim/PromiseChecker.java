package io.spaxos.sim;

import io.spaxos.core.Ballot;
import io.spaxos.core.msg.Accepted;
import io.spaxos.core.msg.Message;
import io.spaxos.core.msg.Promise;
import java.util.HashMap;
import java.util.Map;

/**
 * A promise is never broken (Paxos Made Simple §2.2), across crashes too. Read from the wire: once
 * an acceptor has promised or accepted ballot b, it must never again promise or accept below b.
 */
final class PromiseChecker {

    private final Violations violations;
    private final Map<Integer, Ballot> highestVouched = new HashMap<>();

    PromiseChecker(Violations violations) {
        this.violations = violations;
    }

    void onSend(Message m) {
        if (m instanceof Promise p && p.ok()) {
            vouch(m, p.ballot());
        } else if (m instanceof Accepted a && a.ok()) {
            vouch(m, a.ballot());
        }
    }

    private void vouch(Message m, Ballot ballot) {
        final Ballot before = highestVouched.getOrDefault(m.from(), Ballot.ZERO);
        if (ballot.compareTo(before) < 0) {
            violations.add("promise", "node " + m.from() + " sent " + m + " after it had promised " + before);
        } else {
            highestVouched.put(m.from(), ballot);
        }
    }
}
