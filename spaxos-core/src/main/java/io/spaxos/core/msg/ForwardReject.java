package io.spaxos.core.msg;

import java.util.List;

/**
 * "These forwarded proposals were definitely not chosen": they were never placed at an index, or
 * their index was chosen with another value. {@code retryable} says the origin may forward them
 * again (the master was not the master, or stepped down before placing them).
 */
public record ForwardReject(int from, int to, List<String> reqids, boolean retryable, String reason)
        implements Message {

    public ForwardReject {
        reqids = List.copyOf(reqids);
    }
}
