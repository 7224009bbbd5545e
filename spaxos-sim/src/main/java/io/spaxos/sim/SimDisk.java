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
 * A simulated disk. Synced writes are durable; unsynced ones sit in a volatile tail that the next
 * sync makes durable and a crash cuts at a random point (what survives is a prefix of the writes,
 * as with a write-ahead log). Anything the storage thread had not finished writing when the replica
 * crashes never reaches it, which is exactly the loss a real crash causes. Implements the same
 * {@link LogStorage} contract as the RocksDB store.
 */
final class SimDisk implements LogStorage {

    private Ballot promised = Ballot.ZERO;
    private final TreeMap<Long, HardState.Instance> instances = new TreeMap<>();
    // Unsynced batches, oldest first; reads see them (they are in the page cache), recovery may not.
    private final List<List<HardState>> unsynced = new ArrayList<>();
    private final boolean forgetPromiseOnRecover;

    /** @param forgetPromiseOnRecover a deliberately broken disk that loses the promise on restart */
    SimDisk(boolean forgetPromiseOnRecover) {
        this.forgetPromiseOnRecover = forgetPromiseOnRecover;
    }

    @Override
    public void write(List<HardState> states, boolean sync) {
        unsynced.add(List.copyOf(states));
        if (sync) {
            sync();
        }
    }

    @Override
    public void sync() {
        for (final List<HardState> batch : unsynced) {
            apply(batch);
        }
        unsynced.clear();
    }

    /** The process died: of the unsynced batches, only the first {@code keep} reached the disk. */
    void crash(int keep) {
        for (int i = 0; i < Math.min(keep, unsynced.size()); i++) {
            apply(unsynced.get(i));
        }
        unsynced.clear();
    }

    int unsyncedBatches() {
        return unsynced.size();
    }

    private void apply(List<HardState> states) {
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
        final TreeMap<Long, HardState.Instance> visible = new TreeMap<>(instances.subMap(fromIndex, true, toIndex, true));
        for (final List<HardState> batch : unsynced) {
            for (final HardState state : batch) {
                if (state instanceof HardState.Instance i && i.index() >= fromIndex && i.index() <= toIndex) {
                    visible.put(i.index(), i);
                }
            }
        }
        final List<HardState.Instance> applied = new ArrayList<>();
        for (final Map.Entry<Long, HardState.Instance> e : visible.entrySet()) {
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
