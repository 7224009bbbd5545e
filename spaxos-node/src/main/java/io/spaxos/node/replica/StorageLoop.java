package io.spaxos.node.replica;

import io.spaxos.core.HardState;
import io.spaxos.core.LogStorage;
import io.spaxos.core.Ready;
import io.spaxos.core.msg.Learn;
import io.spaxos.core.msg.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage thread (ST). It drains every Ready waiting in its queue, writes all their hard states
 * as one batch with one sync, and only then releases the messages that depended on them. A batch of
 * applied records alone is written without a sync: the next synced write (or a sync after
 * {@link #IDLE_SYNC_MS} without one) makes it durable, and only then is it reported durable. After
 * a write error it reads back what is durable and hands it to the state-machine thread to rebuild
 * from; if writes keep failing it stops the replica rather than answer from state it could not
 * persist.
 *
 * <p>Released messages addressed to this replica go straight to the state-machine thread, the way
 * the network thread would have delivered them, saving a thread hand-off per vote.
 *
 * <p>Durable progress is published in {@link #durable()} and read by the state-machine thread at
 * its next turn, without waking it: only retirement of applied entries and the applied prefix told
 * to peers wait for it, and a turn comes at the latest with the next tick. A vote waits for its own
 * message, which does wake it.
 */
final class StorageLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(StorageLoop.class);
    static final int MAX_READYS_PER_WRITE = 1024;
    /** Consecutive failed writes (each followed by a rebuild) after which the replica stops serving. */
    static final int MAX_CONSECUTIVE_FAILURES = 3;
    private static final long POLL_MS = 50;
    /** How long applied records may stay unsynced while no synced write comes to carry them. */
    static final long IDLE_SYNC_MS = 20;

    private final int nodeId;
    private final LogStorage storage;
    private final BlockingQueue<Inputs.StorageJob> jobs;
    private final BlockingQueue<Object> smtInbox;
    private final Consumer<Message> deliverToSelf;
    private final Consumer<List<Message>> network;
    private final Consumer<String> stopReplica;
    private final int maxCatchupInstances;
    private final long maxLearnBytes;
    private volatile Inputs.Durable durable = Inputs.Durable.NONE;
    private volatile boolean running = true;
    private int generation;
    private int consecutiveFailures;
    // The last Ready written without a sync, or 0 when everything written is durable.
    private long unsyncedThrough;

    /**
     * @param smtInbox where a rebuild is handed to the state-machine thread
     * @param deliverToSelf delivers a released message addressed to this replica (dropping it when full)
     */
    StorageLoop(int nodeId, LogStorage storage, BlockingQueue<Inputs.StorageJob> jobs, BlockingQueue<Object> smtInbox,
                Consumer<Message> deliverToSelf, Consumer<List<Message>> network, Consumer<String> stopReplica,
                int maxCatchupInstances, long maxLearnBytes) {
        this.nodeId = nodeId;
        this.storage = storage;
        this.jobs = jobs;
        this.smtInbox = smtInbox;
        this.deliverToSelf = deliverToSelf;
        this.network = network;
        this.stopReplica = stopReplica;
        this.maxCatchupInstances = maxCatchupInstances;
        this.maxLearnBytes = maxLearnBytes;
    }

    /** How far writes have become durable; read by the state-machine thread. */
    Inputs.Durable durable() {
        return durable;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        final List<Inputs.StorageJob> batch = new ArrayList<>();
        while (running) {
            try {
                final Inputs.StorageJob first = unsyncedThrough == 0
                        ? jobs.take()
                        : jobs.poll(IDLE_SYNC_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    syncIdle();
                    continue;
                }
                batch.add(first);
                jobs.drainTo(batch, MAX_READYS_PER_WRITE - 1);
                writeAndRelease(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void writeAndRelease(List<Inputs.StorageJob> batch) throws InterruptedException {
        final List<Ready> readys = new ArrayList<>(batch.size());
        for (final Inputs.StorageJob job : batch) {
            // Work of a core generation that was rebuilt away is dropped, as a crash would drop it.
            if (job.generation() == generation) {
                readys.add(job.ready());
            }
        }
        if (readys.isEmpty()) {
            return;
        }
        final Ready.Released released;
        try {
            released = Ready.persistThenRelease(readys, storage::write);
            consecutiveFailures = 0;
        } catch (Exception e) {
            onWriteFailure(e);
            return;
        }
        final long lastId = readys.get(readys.size() - 1).id();
        if (released.synced()) {
            unsyncedThrough = 0;
            durable = new Inputs.Durable(generation, lastId);
        } else if (readys.stream().anyMatch(Ready::needsPersist)) {
            unsyncedThrough = lastId;
        }
        send(released.messages());
        for (final Ready.LogRead read : released.logReads()) {
            serve(read);
        }
    }

    /** No synced write came along to carry the applied records written unsynced: sync them now. */
    private void syncIdle() throws InterruptedException {
        try {
            storage.sync();
        } catch (LogStorage.StorageException e) {
            onWriteFailure(e);
            return;
        }
        durable = new Inputs.Durable(generation, unsyncedThrough);
        unsyncedThrough = 0;
    }

    /** Sends released messages; those to this replica go to its own inbox. */
    private void send(List<Message> messages) {
        List<Message> toPeers = messages;
        boolean toSelf = false;
        for (final Message m : messages) {
            if (m.to() == nodeId) {
                toSelf = true;
                break;
            }
        }
        if (toSelf) {
            toPeers = new ArrayList<>(messages.size());
            for (final Message m : messages) {
                if (m.to() != nodeId) {
                    toPeers.add(m);
                } else {
                    deliverToSelf.accept(m);
                }
            }
        }
        if (!toPeers.isEmpty()) {
            network.accept(toPeers);
        }
    }

    /** Answers a catch-up below the sender's memory from the durable log. */
    private void serve(Ready.LogRead read) {
        try {
            final List<Learn.Chosen> chosen = new ArrayList<>();
            long bytes = 0;
            for (final HardState.Instance i : storage.readApplied(read.fromIndex(), read.toIndex(), maxCatchupInstances)) {
                chosen.add(new Learn.Chosen(i.index(), i.value()));
                bytes += i.value().sizeBytes();
                if (bytes >= maxLearnBytes) {
                    break;
                }
            }
            if (!chosen.isEmpty()) {
                network.accept(List.of(new Learn(nodeId, read.to(), chosen)));
            }
        } catch (LogStorage.StorageException e) {
            LOG.warn("node {}: cannot read instances {}..{} for node {}'s catch-up: {}",
                    nodeId, read.fromIndex(), read.toIndex(), read.to(), e.getMessage());
        }
    }

    private void onWriteFailure(Exception e) throws InterruptedException {
        consecutiveFailures++;
        if (consecutiveFailures > MAX_CONSECUTIVE_FAILURES) {
            final String reason = "storage keeps failing (" + consecutiveFailures + " writes in a row, last: "
                    + e.getMessage() + "); this replica stops serving rather than answer from unpersisted state";
            running = false;
            stopReplica.accept(reason);
            return;
        }
        LOG.error("node {}: storage write failed ({} in a row), rebuilding from what is durable: {}",
                nodeId, consecutiveFailures, e.getMessage());
        generation++;
        unsyncedThrough = 0;
        jobs.clear();
        final Inputs.Rebuild rebuild;
        try {
            rebuild = new Inputs.Rebuild(generation, storage.recover());
        } catch (LogStorage.StorageException | RuntimeException recoverFailure) {
            onWriteFailure(recoverFailure);
            return;
        }
        // The state-machine thread may be blocked handing us work: keep dropping it until it takes this.
        while (running && !smtInbox.offer(rebuild, POLL_MS, TimeUnit.MILLISECONDS)) {
            jobs.clear();
        }
    }
}
