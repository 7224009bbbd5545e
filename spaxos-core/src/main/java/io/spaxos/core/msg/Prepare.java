package io.spaxos.core.msg;

import io.spaxos.core.Ballot;

/** Phase 1a for every index from {@code fromIndex} on: "promise me {@code ballot}". */
public record Prepare(int from, int to, Ballot ballot, long fromIndex) implements Message {
}
