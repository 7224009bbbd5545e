package io.spaxos.core.msg;

import io.spaxos.core.Ballot;
import io.spaxos.core.Batch;

/** Phase 2a: "accept {@code value} at {@code index} under {@code ballot}". */
public record Accept(int from, int to, Ballot ballot, long index, Batch value) implements Message {
}
