package io.spaxos.core.msg;

import io.spaxos.core.Ballot;

/**
 * Phase 2b. When not ok, {@code promised} is the ballot that outranks the request. Either way
 * {@code appliedUpTo} tells the master how far the sender has applied, so a lagging master
 * knows whom to catch up from.
 */
public record Accepted(int from, int to, Ballot ballot, long index, boolean ok, Ballot promised,
                       long appliedUpTo) implements Message {
}
