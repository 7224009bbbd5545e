package io.spaxos.core.msg;

import io.spaxos.core.Ballot;

/**
 * "The value accepted at {@code index} under {@code ballot} is chosen." A replica that accepted
 * under that ballot already holds the value (one ballot proposes one value per index); any other
 * replica asks for it with a catch-up.
 */
public record Commit(int from, int to, Ballot ballot, long index) implements Message {
}
