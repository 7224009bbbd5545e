package io.spaxos.core;

/**
 * A proposal number. Ballots are totally ordered by {@code round}, then by {@code node}, so two
 * nodes never issue the same ballot (Paxos Made Simple §2.2: proposal numbers are unique).
 */
public record Ballot(long round, int node) implements Comparable<Ballot> {

    /** Lower than every ballot a node can issue; nothing has been promised or accepted yet. */
    public static final Ballot ZERO = new Ballot(0, 0);

    public Ballot {
        if (round < 0 || node < 0) {
            throw new IllegalArgumentException("ballot round and node must be >= 0: " + round + "." + node);
        }
    }

    @Override
    public int compareTo(Ballot other) {
        final int byRound = Long.compare(round, other.round);
        return byRound != 0 ? byRound : Integer.compare(node, other.node);
    }

    public boolean greaterThan(Ballot other) {
        return compareTo(other) > 0;
    }

    public boolean atLeast(Ballot other) {
        return compareTo(other) >= 0;
    }

    @Override
    public String toString() {
        return round + "." + node;
    }
}
