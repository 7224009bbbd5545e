package io.spaxos.core.msg;

import io.spaxos.core.Ballot;

/** Answers a heartbeat; not ok means the sender promised the higher {@code promised}. */
public record HeartbeatReply(int from, int to, Ballot ballot, boolean ok, Ballot promised, long appliedUpTo)
        implements Message {
}
