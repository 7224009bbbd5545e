package io.spaxos.core.msg;

import io.spaxos.core.Ballot;
import io.spaxos.core.Proposal;
import java.util.List;

/**
 * Proposals a non-master hands to the master it knows of, addressed to that master's
 * {@code ballot}. {@code forwardId} is new for every Forward an origin sends, so the master can
 * drop a duplicate of one it already took, while a proposal sent again after a definite "not
 * chosen" (in a new Forward) is taken again.
 */
public record Forward(int from, int to, long forwardId, Ballot ballot, List<Proposal> proposals) implements Message {

    public Forward {
        proposals = List.copyOf(proposals);
    }
}
