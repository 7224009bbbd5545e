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
 * that each take a few time units to sync. Writes holding only applied records are not synced
 * (as the node's storage thread does): they become durable with the next synced write, or with
 * a sync after {@link #IDLE_SYNC_UNITS} without one. A crash loses the process and every
 * unfinished write; the disk keeps what was synced and a random prefix of what was not.
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

    /** Time units an unsynced write waits for a synced one before the storage thread syncs anyway. */
    static final long IDLE_SYNC_UNITS = 20;

    final int id;
    final SimDisk disk;
    private final boolean lyingDisk;
    private final ArrayDeque<Write> writes = new ArrayDeque<>();
    // Readys written without a sync, not yet reported persisted.
    private final List<Long> unsyncedReadys = new ArrayList<>();
    private Replica replica;
    private long lastSyncAt;
    private long unsyncedSince;

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

    /** @param keepUnsynced how many unsynced writes reached the disk before the process died */
    void crash(int keepUnsynced) {
        replica = null;
        writes.clear();
        unsyncedReadys.clear();
        disk.crash(keepUnsynced);
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
            return Ready.persistThenRelease(List.of(ready), (states, sync) -> write.unwritten.addAll(states));
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
                replica.persisted(w.ready.id());
                continue;
            }
            final Ready.Released r = Ready.persistThenRelease(List.of(w.ready), disk::write);
            released.add(r);
            if (r.synced()) {
                reportUnsynced();
                replica.persisted(w.ready.id());
            } else if (w.ready.needsPersist()) {
                if (unsyncedReadys.isEmpty()) {
                    unsyncedSince = now;
                }
                unsyncedReadys.add(w.ready.id());
            }
        }
        if (writes.isEmpty() && !unsyncedReadys.isEmpty() && now - unsyncedSince >= IDLE_SYNC_UNITS) {
            disk.sync();
            reportUnsynced();
        }
        return released;
    }

    private void reportUnsynced() {
        for (final long readyId : unsyncedReadys) {
            replica.persisted(readyId);
        }
        unsyncedReadys.clear();
    }

    boolean hasPendingWrites() {
        return !writes.isEmpty();
    }
}
