package io.spaxos.core;

import io.spaxos.core.msg.Promise;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Phase 1 of a candidate for master: collects promises for one ballot and merges what the
 * acceptors report, keeping for each index the vote with the highest ballot (Paxos Made Simple
 * §2.2: a proposer must propose the value of the highest-numbered proposal among the replies).
 */
final class Candidacy {

    final Ballot ballot;
    final long fromIndex;
    private final Set<Integer> promisers = new HashSet<>();
    private final Map<Long, Promise.Vote> highest = new HashMap<>();
    private long maxAppliedUpTo;
    private int maxAppliedNode;

    Candidacy(Ballot ballot, long fromIndex) {
        this.ballot = ballot;
        this.fromIndex = fromIndex;
    }

    /** Counts a promise; returns how many distinct acceptors have promised. */
    int add(Promise promise) {
        if (!promisers.add(promise.from())) {
            return promisers.size();
        }
        if (promise.appliedUpTo() > maxAppliedUpTo) {
            maxAppliedUpTo = promise.appliedUpTo();
            maxAppliedNode = promise.from();
        }
        for (final Promise.Vote vote : promise.accepted()) {
            highest.merge(vote.index(), vote, Candidacy::stronger);
        }
        return promisers.size();
    }

    private static Promise.Vote stronger(Promise.Vote a, Promise.Vote b) {
        if (a.chosen() != b.chosen()) {
            return a.chosen() ? a : b;
        }
        return b.ballot().greaterThan(a.ballot()) ? b : a;
    }

    Set<Integer> promisers() {
        return promisers;
    }

    /** The vote a new master must respect at {@code index}, or null when the quorum accepted nothing there. */
    Promise.Vote voteAt(long index) {
        return highest.get(index);
    }

    long highestReportedIndex() {
        long max = 0;
        for (final long index : highest.keySet()) {
            max = Math.max(max, index);
        }
        return max;
    }

    /** Every index up to this is applied at some promiser, so chosen: learn it, never propose there. */
    long maxAppliedUpTo() {
        return maxAppliedUpTo;
    }

    int maxAppliedNode() {
        return maxAppliedNode;
    }
}
