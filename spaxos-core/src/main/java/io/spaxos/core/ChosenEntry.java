package io.spaxos.core;

/**
 * One entry of the chosen log, handed to the application in index order, once per index.
 *
 * @param index    position in the log of entries, starting at 1 and dense: every replica numbers
 *                 the same entry the same way
 * @param instance the Paxos instance whose batch held the entry (several entries share one)
 */
public record ChosenEntry(long index, long instance, String reqid, Bytes value) {
}
