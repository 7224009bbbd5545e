package io.spaxos.core;

import io.spaxos.core.msg.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one step of a {@link Replica} asks of its caller.
 *
 * <p>Persist before send: the hard states must be durable before any message that depends on
 * them leaves the replica. The type enforces it: those messages are only reachable through
 * {@link #persistThenRelease}, which writes the hard states first and hands the messages out only
 * if the write returned. Messages in {@link #messagesNow()} depend on nothing unwritten (the
 * master's accepts to peers go out while its own accept is being written).
 *
 * <p>Callers must make Readys durable in the order they were taken, and release each one's
 * messages only after every earlier Ready's writes: a reply can depend on state written by an
 * earlier Ready (an Accepted for a duplicate Accept writes nothing itself). The storage thread
 * and the simulator keep that order by writing through one FIFO queue.
 */
public final class Ready {

    /**
     * Writes hard states as one batch, synced when {@code sync} is set; an unsynced batch must
     * become durable no later than the next synced one (a log's order: see {@link LogStorage#write}).
     */
    @FunctionalInterface
    public interface Writer {
        void write(List<HardState> states, boolean sync) throws Exception;
    }

    /**
     * A request to the storage layer: send the applied values of {@code fromIndex..toIndex} to
     * {@code to} as a {@link io.spaxos.core.msg.Learn}. Used for catch-up below what the replica
     * still keeps in memory.
     */
    public record LogRead(int to, long fromIndex, long toIndex) {
    }

    private final long id;
    private final List<HardState> hardStates;
    private final List<Message> messagesAfterPersist;
    private final List<LogRead> logReadsAfterPersist;
    private final List<Message> messagesNow;
    private final List<ChosenEntry> chosen;
    private final List<Outcome> outcomes;

    Ready(long id, List<HardState> hardStates, List<Message> messagesAfterPersist, List<LogRead> logReads,
          List<Message> messagesNow, List<ChosenEntry> chosen, List<Outcome> outcomes) {
        this.id = id;
        this.hardStates = List.copyOf(hardStates);
        this.messagesAfterPersist = List.copyOf(messagesAfterPersist);
        this.logReadsAfterPersist = List.copyOf(logReads);
        this.messagesNow = List.copyOf(messagesNow);
        this.chosen = List.copyOf(chosen);
        this.outcomes = List.copyOf(outcomes);
    }

    /** Identifies this batch in {@link Replica#persisted(long)}. */
    public long id() {
        return id;
    }

    public List<HardState> hardStates() {
        return hardStates;
    }

    /** Messages that may leave at once, in parallel with writing the hard states. */
    public List<Message> messagesNow() {
        return messagesNow;
    }

    /** Newly chosen entries in index order, continuing where the previous Ready stopped. */
    public List<ChosenEntry> chosen() {
        return chosen;
    }

    /** Outcomes of proposals submitted at this replica. */
    public List<Outcome> outcomes() {
        return outcomes;
    }

    /** True when the caller must write hard states and report back with {@link Replica#persisted}. */
    public boolean needsPersist() {
        return !hardStates.isEmpty();
    }

    /**
     * True when some hard state here must be synced before this Ready's messages leave; false when
     * it holds only applied records, which may wait for a later sync ({@link HardState#needsSync}).
     */
    public boolean needsSync() {
        for (final HardState state : hardStates) {
            if (state.needsSync()) {
                return true;
            }
        }
        return false;
    }

    /** True when the storage thread has something to do: write, then release messages or reads. */
    public boolean hasStorageWork() {
        return !hardStates.isEmpty() || !messagesAfterPersist.isEmpty() || !logReadsAfterPersist.isEmpty();
    }

    public boolean isEmpty() {
        return hardStates.isEmpty() && messagesAfterPersist.isEmpty() && logReadsAfterPersist.isEmpty()
                && messagesNow.isEmpty() && chosen.isEmpty() && outcomes.isEmpty();
    }

    /**
     * The released part of a group of Readys: messages and log reads, now safe to act on.
     * {@code synced} tells whether a synced write was made: only then are the group's Readys, and
     * every earlier one, durable (reportable with {@link Replica#persistedThrough}); an unsynced
     * group becomes durable with the next synced write.
     */
    public record Released(List<Message> messages, List<LogRead> logReads, boolean synced) {
    }

    /**
     * Writes the hard states of all {@code batch} in one write, synced if any of them needs it
     * ({@link #needsSync}), then returns the messages and log reads that waited for it. Releasing
     * after an unsynced write is safe: such a group holds only applied records, and its messages
     * depend only on earlier Readys, whose writes were synced before (Readys are written in order).
     * If the write throws, nothing is released.
     */
    public static Released persistThenRelease(List<Ready> batch, Writer writer) throws Exception {
        final List<HardState> states = new ArrayList<>();
        final List<Message> messages = new ArrayList<>();
        final List<LogRead> reads = new ArrayList<>();
        boolean sync = false;
        for (final Ready ready : batch) {
            states.addAll(ready.hardStates);
            messages.addAll(ready.messagesAfterPersist);
            reads.addAll(ready.logReadsAfterPersist);
            sync |= ready.needsSync();
        }
        if (!states.isEmpty()) {
            writer.write(states, sync);
        }
        return new Released(messages, reads, sync);
    }
}
