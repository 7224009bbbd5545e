package io.spaxos.core.msg;

import io.spaxos.core.Ballot;
import io.spaxos.core.Batch;
import java.util.List;

/**
 * Phase 1b. When {@code ok}, the sender promised {@code ballot} and lists what it accepted at every
 * index from {@code max(fromIndex, appliedUpTo + 1)} on; everything at or below
 * {@code appliedUpTo} is chosen and applied there (ask it for those values with a catch-up). When
 * not ok, {@code promised} is the higher ballot it promised instead.
 */
public record Promise(int from, int to, Ballot ballot, boolean ok, Ballot promised, long appliedUpTo,
                      List<Vote> accepted) implements Message {

    public Promise {
        accepted = List.copyOf(accepted);
    }

    /** What an acceptor holds at one index: the accepted value, or the chosen one. */
    public record Vote(long index, Ballot ballot, Batch value, boolean chosen) {
    }
}
