package io.spaxos.node;

import io.spaxos.core.Outcome;

/**
 * What became of a proposal: its outcome, and when it was chosen, what the state machine answered
 * when it applied it.
 */
public record ProposalResult<R>(Outcome outcome, R answer) {

    public boolean chosen() {
        return outcome.kind() == Outcome.Kind.CHOSEN;
    }
}
