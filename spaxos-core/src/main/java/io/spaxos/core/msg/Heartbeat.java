package io.spaxos.core.msg;

import io.spaxos.core.Ballot;

/** The master is alive; it has applied every index up to {@code appliedUpTo}. */
public record Heartbeat(int from, int to, Ballot ballot, long appliedUpTo) implements Message {
}
