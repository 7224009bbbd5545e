package io.spaxos.core;

import java.util.List;

/**
 * Where a replica keeps its hard states. The node's storage thread is its only user; the
 * simulator's disk implements it too, so the same contract is exercised under simulated crashes.
 */
public interface LogStorage extends AutoCloseable {

    /** Writes all states as one batch and syncs it; returns only when the batch is durable. */
    void writeDurably(List<HardState> states) throws StorageException;

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
