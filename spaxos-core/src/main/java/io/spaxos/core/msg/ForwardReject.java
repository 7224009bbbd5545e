package io.spaxos.core.msg;

import java.util.List;

/**
 * "These forwarded proposals were definitely not chosen": they were never placed at an index, or
 * their index was chosen with another value. Each names the Forward it came in, so a late
 * duplicate of this reply cannot be mistaken for the answer to a later attempt. {@code retryable}
 * says the origin may forward them again (the master was not the master, stepped down before
 * placing them, or lost their index).
 */
public record ForwardReject(int from, int to, List<Ref> refs, boolean retryable, String reason)
        implements Message {

    public ForwardReject {
        refs = List.copyOf(refs);
    }

    /** One proposal, by reqid, as sent in the Forward {@code forwardId}. */
    public record Ref(String reqid, long forwardId) {
    }
}
