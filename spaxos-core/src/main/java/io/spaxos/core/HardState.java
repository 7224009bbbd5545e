package io.spaxos.core;

/**
 * State a replica must not forget across a crash. The caller writes hard states durably before it
 * releases the messages that depend on them (see {@link Ready#persistThenRelease}).
 */
public sealed interface HardState permits HardState.Promise, HardState.Instance {

    /**
     * True when a message may vouch for this state, so it must be synced before the messages
     * written after it leave. Applied records are the exception: nothing sent depends on them
     * until {@link Replica#persisted} reports them durable, so they may ride along unsynced until
     * the next synced write (a crash that loses them only loses progress the peers still hold).
     */
    default boolean needsSync() {
        return true;
    }

    /**
     * The acceptor's promise, one per replica: it covers every index at once (Multi-Paxos). A
     * candidate also promises its own ballot before asking for votes, so a restarted replica never
     * issues a ballot it issued before.
     */
    record Promise(Ballot promised) implements HardState {
    }

    /**
     * One log index. Before it is applied, {@code ballot}/{@code value} is what this acceptor
     * accepted there. Once applied, {@code value} is the chosen value and {@code firstEntry} the
     * entry index of its first proposal; the ballot no longer matters.
     *
     * <p>Invariant: {@code firstEntry == NOT_APPLIED} or the index is chosen.
     */
    record Instance(long index, Ballot ballot, Batch value, long firstEntry) implements HardState {

        public static final long NOT_APPLIED = 0;

        public boolean applied() {
            return firstEntry != NOT_APPLIED;
        }

        @Override
        public boolean needsSync() {
            return !applied();
        }

        /** The entry index after this instance's entries; only meaningful once applied. */
        public long nextEntry() {
            return firstEntry + value.size();
        }
    }
}
