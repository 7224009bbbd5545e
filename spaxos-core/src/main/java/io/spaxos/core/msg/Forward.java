package io.spaxos.core.msg;

import io.spaxos.core.Proposal;
import java.util.List;

/** Proposals a non-master hands to the master it knows of. */
public record Forward(int from, int to, List<Proposal> proposals) implements Message {

    public Forward {
        proposals = List.copyOf(proposals);
    }
}
