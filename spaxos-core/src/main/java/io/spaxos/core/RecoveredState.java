package io.spaxos.core;

import java.util.List;

/**
 * What a replica is rebuilt from after a start, a crash or a storage error: exactly what the disk
 * kept.
 *
 * @param promised     the last durable promise
 * @param appliedUpTo  the highest applied index (0 when nothing was applied)
 * @param nextEntry    the entry index the next applied proposal gets (1 when nothing was applied)
 * @param unapplied    every durable instance above {@code appliedUpTo}
 */
public record RecoveredState(Ballot promised, long appliedUpTo, long nextEntry, List<HardState.Instance> unapplied) {

    public static RecoveredState empty() {
        return new RecoveredState(Ballot.ZERO, 0, 1, List.of());
    }

    public RecoveredState {
        unapplied = List.copyOf(unapplied);
        for (final HardState.Instance instance : unapplied) {
            if (instance.index() <= appliedUpTo || instance.applied()) {
                throw new IllegalArgumentException("instance " + instance.index()
                        + " is applied but was given as unapplied (applied up to " + appliedUpTo + ")");
            }
        }
    }
}
