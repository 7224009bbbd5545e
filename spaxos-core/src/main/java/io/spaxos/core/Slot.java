package io.spaxos.core;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What one replica knows about one unapplied log index, as acceptor, learner and proposer. */
final class Slot {

    final long index;

    // Acceptor: the highest ballot accepted here and its value (null when nothing accepted).
    Ballot acceptedBallot = Ballot.ZERO;
    Batch acceptedValue;

    // Learner: the chosen value, once known.
    Batch chosenValue;

    // Proposer (only while this replica is master): what it asked to be accepted here.
    Ballot proposedBallot;
    Batch proposedValue;
    List<Master.Origin> proposedOrigins = List.of();
    final Set<Integer> votes = new HashSet<>();
    long lastSentTick;

    Slot(long index) {
        this.index = index;
    }

    boolean isChosen() {
        return chosenValue != null;
    }

    boolean hasProposal(Ballot ballot) {
        return proposedValue != null && ballot.equals(proposedBallot);
    }

    void clearProposal() {
        proposedBallot = null;
        proposedValue = null;
        proposedOrigins = List.of();
        votes.clear();
    }
}
