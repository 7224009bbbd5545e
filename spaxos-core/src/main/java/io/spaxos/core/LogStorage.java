package io.spaxos.core;

import java.util.List;

/**
 * Where a replica keeps its hard states. The node's storage thread is its only user; the
 * simulator's disk implements it too, so the same contract is exercised under simulated crashes.
 */
public interface LogStorage extends AutoCloseable {

    /** Writes all states as one batch and syncs it; returns only when the batch is durable. */
    default void writeDurably(List<HardState> states) throws StorageException {
        write(states, true);
    }

    /**
     * Writes all states as one atomic batch; with {@code sync} it returns only once the batch and
     * every earlier one are durable. An unsynced batch becomes durable with the next synced write
     * or {@link #sync}; a crash before that may lose it, and then loses every later batch too (what
     * survives a crash is always a prefix of the writes).
     */
    void write(List<HardState> states, boolean sync) throws StorageException;

    /** Makes every batch written so far durable. */
    void sync() throws StorageException;

    /** Reads back everything a replica is rebuilt from. */
    RecoveredState recover() throws StorageException;

    /** Applied instances with index in {@code fromIndex..toIndex}, ascending, at most {@code maxInstances}. */
    List<HardState.Instance> readApplied(long fromIndex, long toIndex, int maxInstances) throws StorageException;

    @Override
    void close();

    /** A storage failure; the replica must rebuild from what is durable, or stop serving. */
    final class StorageException extends Exception {
        public StorageException(String message, Throwable cause) {
            super(message, cause);
        }

        public StorageException(String message) {
            super(message);
        }
    }
}
