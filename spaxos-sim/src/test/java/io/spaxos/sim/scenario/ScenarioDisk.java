package io.spaxos.sim.scenario;

import io.spaxos.core.Ballot;
import io.spaxos.core.HardState;
import io.spaxos.core.RecoveredState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A disk that holds exactly what was handed to it through the durable writer, and nothing else: a
 * crash loses every Ready that was taken but not yet written.
 */
final class ScenarioDisk {

    private Ballot promised = Ballot.ZERO;
    private final TreeMap<Long, HardState.Instance> instances = new TreeMap<>();

    void write(List<HardState> states) {
        for (final HardState state : states) {
            if (state instanceof HardState.Promise p) {
                promised = p.promised();
            } else if (state instanceof HardState.Instance i) {
                instances.put(i.index(), i);
            }
        }
    }

    /** What a restarted replica is rebuilt from: the applied prefix, and every instance above it. */
    RecoveredState recover() {
        long appliedUpTo = 0;
        long nextEntry = 1;
        for (final HardState.Instance i : instances.values()) {
            if (!i.applied() || i.index() != appliedUpTo + 1) {
                break;
            }
            appliedUpTo = i.index();
            nextEntry = i.nextEntry();
        }
        final List<HardState.Instance> unapplied = new ArrayList<>();
        for (final HardState.Instance i : instances.tailMap(appliedUpTo, false).values()) {
            if (!i.applied()) {
                unapplied.add(i);
            }
        }
        return new RecoveredState(promised, appliedUpTo, nextEntry, unapplied);
    }

    /** Applied instances in {@code from..to}, ascending, stopping at the first one not applied. */
    List<HardState.Instance> readApplied(long from, long to, int max) {
        final List<HardState.Instance> applied = new ArrayList<>();
        for (final HardState.Instance i : instances.subMap(from, true, to, true).values()) {
            if (!i.applied() || applied.size() >= max) {
                break;
            }
            applied.add(i);
        }
        return applied;
    }

    Optional<HardState.Instance> instance(long index) {
        return Optional.ofNullable(instances.get(index));
    }

    Ballot promised() {
        return promised;
    }
}
