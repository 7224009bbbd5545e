package io.spaxos.sim;

import io.spaxos.core.Ballot;
import io.spaxos.core.HardState;
import io.spaxos.core.LogStorage;
import io.spaxos.core.RecoveredState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A simulated disk holding only what was written durably. Anything the storage thread had not
 * finished writing when the replica crashes never reaches it, which is exactly the loss a real
 * crash causes. Implements the same {@link LogStorage} contract as the RocksDB store.
 */
final class SimDisk implements LogStorage {

    private Ballot promised = Ballot.ZERO;
    private final TreeMap<Long, HardState.Instance> instances = new TreeMap<>();
    private final boolean forgetPromiseOnRecover;

    /** @param forgetPromiseOnRecover a deliberately broken disk that loses the promise on restart */
    SimDisk(boolean forgetPromiseOnRecover) {
        this.forgetPromiseOnRecover = forgetPromiseOnRecover;
    }

    @Override
    public void writeDurably(List<HardState> states) {
        for (final HardState state : states) {
            if (state instanceof HardState.Promise p) {
                promised = p.promised();
            } else if (state instanceof HardState.Instance i) {
                instances.put(i.index(), i);
            }
        }
    }

    @Override
    public RecoveredState recover() {
        long appliedUpTo = 0;
        long nextEntry = 1;
        final List<HardState.Instance> unapplied = new ArrayList<>();
        for (final HardState.Instance i : instances.values()) {
            if (i.applied() && i.index() == appliedUpTo + 1) {
                appliedUpTo = i.index();
                nextEntry = i.nextEntry();
            }
        }
        for (final HardState.Instance i : instances.tailMap(appliedUpTo, false).values()) {
            if (!i.applied()) {
                unapplied.add(i);
            }
        }
        return new RecoveredState(forgetPromiseOnRecover ? Ballot.ZERO : promised, appliedUpTo, nextEntry, unapplied);
    }

    @Override
    public List<HardState.Instance> readApplied(long fromIndex, long toIndex, int maxInstances) {
        final List<HardState.Instance> applied = new ArrayList<>();
        for (final Map.Entry<Long, HardState.Instance> e : instances.subMap(fromIndex, true, toIndex, true).entrySet()) {
            if (!e.getValue().applied() || applied.size() >= maxInstances) {
                break;
            }
            applied.add(e.getValue());
        }
        return applied;
    }

    Ballot durablePromise() {
        return promised;
    }

    HardState.Instance durableInstance(long index) {
        return instances.get(index);
    }

    @Override
    public void close() {
    }
}
