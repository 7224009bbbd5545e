package io.spaxos.node;

import io.spaxos.core.ChosenEntry;

/**
 * The application a replica drives. It sees every chosen entry once, in entry-index order, on one
 * thread; after a restart the log is replayed into a fresh instance from the first entry. What
 * {@link #apply} returns is handed to the proposer of that entry, if it proposed at this replica.
 *
 * @param <R> the answer to a proposer
 */
@FunctionalInterface
public interface StateMachine<R> {

    R apply(ChosenEntry entry);
}
