package io.spaxos.core;

import java.util.Objects;

/**
 * What an application asks the log to choose. The {@code reqid} names the request: outcomes and
 * chosen entries carry it back, and it is how the layer above recognises a request it already
 * applied (a request can be chosen at two indexes only if it was submitted twice).
 */
public record Proposal(String reqid, Bytes value) {

    public Proposal {
        Objects.requireNonNull(reqid, "reqid");
        Objects.requireNonNull(value, "value");
    }

    public static Proposal of(String reqid, String value) {
        return new Proposal(reqid, Bytes.utf8(value));
    }

    /** Bytes this proposal takes in a batch, used for batch and queue limits. */
    public int sizeBytes() {
        return reqid.length() + value.length() + 8;
    }
}
