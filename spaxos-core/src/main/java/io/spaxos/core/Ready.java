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

    /** Writes hard states durably (one sync for the whole list); returns only once they are. */
    @FunctionalInterface
    public interface DurableWriter {
        void writeDurably(List<HardState> states) throws Exception;
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

    /** True when the storage thread has something to do: write, then release messages or reads. */
    public boolean hasStorageWork() {
        return !hardStates.isEmpty() || !messagesAfterPersist.isEmpty() || !logReadsAfterPersist.isEmpty();
    }

    public boolean isEmpty() {
        return hardStates.isEmpty() && messagesAfterPersist.isEmpty() && logReadsAfterPersist.isEmpty()
                && messagesNow.isEmpty() && chosen.isEmpty() && outcomes.isEmpty();
    }

    /** The released part of a group of Readys: messages and log reads, now safe to act on. */
    public record Released(List<Message> messages, List<LogRead> logReads) {
    }

    /**
     * Writes the hard states of all {@code batch} in one durable write, then returns the messages
     * and log reads that waited for it. If the write throws, nothing is released.
     */
    public static Released persistThenRelease(List<Ready> batch, DurableWriter writer) throws Exception {
        final List<HardState> states = new ArrayList<>();
        final List<Message> messages = new ArrayList<>();
        final List<LogRead> reads = new ArrayList<>();
        for (final Ready ready : batch) {
            states.addAll(ready.hardStates);
            messages.addAll(ready.messagesAfterPersist);
            reads.addAll(ready.logReadsAfterPersist);
        }
        if (!states.isEmpty()) {
            writer.writeDurably(states);
        }
        return new Released(messages, reads);
    }
}
