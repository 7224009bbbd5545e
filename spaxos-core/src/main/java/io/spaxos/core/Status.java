package io.spaxos.core;

/**
 * A snapshot of a replica's view, for operators and tests.
 *
 * @param master      the node this replica believes is master, 0 when it knows of none
 * @param appliedUpTo highest applied instance; every instance up to it is chosen and applied
 * @param lastEntry   entry index of the last applied proposal (0 when none)
 * @param knownChosen highest instance this replica has heard is chosen anywhere
 */
public record Status(int self, Role role, int master, Ballot promised, long appliedUpTo, long lastEntry,
                     long knownChosen, int pendingProposals) {

    public enum Role { FOLLOWER, CANDIDATE, MASTER }
}
