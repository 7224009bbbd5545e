package io.spaxos.core;

import java.util.List;

/**
 * The value of one Paxos instance: the proposals chosen together at one index. An empty batch is
 * the no-op a new master uses to fill an index that nothing was accepted at.
 */
public record Batch(List<Proposal> proposals) {

    public static final Batch NOOP = new Batch(List.of());

    public Batch {
        proposals = List.copyOf(proposals);
    }

    public boolean isNoop() {
        return proposals.isEmpty();
    }

    public int size() {
        return proposals.size();
    }

    public int sizeBytes() {
        int total = 0;
        for (final Proposal p : proposals) {
            total += p.sizeBytes();
        }
        return total;
    }
}
