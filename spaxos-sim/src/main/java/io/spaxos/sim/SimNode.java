package io.spaxos.sim;

import io.spaxos.core.CoreConfig;
import io.spaxos.core.HardState;
import io.spaxos.core.Ready;
import io.spaxos.core.RecoveredState;
import io.spaxos.core.Replica;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated replica process: the core plus a storage thread modelled as a FIFO of writes
 * that each take a few time units to sync. A crash loses the process and every unfinished write;
 * the disk keeps what was synced.
 */
final class SimNode {

    /** A Ready handed to the storage thread, durable at {@code syncedAt}. */
    private static final class Write {
        final long syncedAt;
        final Ready ready;
        // Only for the lying disk: states it claimed durable but has not written yet.
        final List<HardState> unwritten = new ArrayList<>();

        Write(long syncedAt, Ready ready) {
            this.syncedAt = syncedAt;
            this.ready = ready;
        }
    }

    final int id;
    final SimDisk disk;
    private final boolean lyingDisk;
    private final ArrayDeque<Write> writes = new ArrayDeque<>();
    private Replica replica;
    private long lastSyncAt;

    SimNode(int id, boolean lyingDisk, boolean forgetPromise) {
        this.id = id;
        this.disk = new SimDisk(forgetPromise);
        this.lyingDisk = lyingDisk;
    }

    boolean alive() {
        return replica != null;
    }

    Replica replica() {
        return replica;
    }

    /** Starts (or restarts) the process from what the disk kept. */
    RecoveredState start(CoreConfig config) {
        final RecoveredState recovered = disk.recover();
        replica = new Replica(config, recovered);
        return recovered;
    }

    void crash() {
        replica = null;
        writes.clear();
    }

    /**
     * Queues a Ready's write. Returns what the lying disk releases at once; the honest disk
     * releases nothing until the sync completes.
     */
    Ready.Released submit(Ready ready, long now, long syncUnits) throws Exception {
        lastSyncAt = Math.max(lastSyncAt, now) + syncUnits;
        final Write write = new Write(lastSyncAt, ready);
        writes.add(write);
        if (lyingDisk) {
            return Ready.persistThenRelease(List.of(ready), write.unwritten::addAll);
        }
        return null;
    }

    /** Completes the writes synced by {@code now}, returning what each one releases, in order. */
    List<Ready.Released> completeWrites(long now) throws Exception {
        final List<Ready.Released> released = new ArrayList<>();
        while (!writes.isEmpty() && writes.peek().syncedAt <= now) {
            final Write w = writes.poll();
            if (lyingDisk) {
                disk.writeDurably(w.unwritten);
            } else {
                released.add(Ready.persistThenRelease(List.of(w.ready), disk::writeDurably));
            }
            replica.persisted(w.ready.id());
        }
        return released;
    }

    boolean hasPendingWrites() {
        return !writes.isEmpty();
    }
}
