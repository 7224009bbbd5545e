package io.spaxos.server.redis;

import io.spaxos.core.ChosenEntry;
import io.spaxos.node.StateMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The replicated key-value store: applies each chosen key-value entry (a group of commands from
 * one client connection) in log order and answers with one reply per command. Reads are log
 * entries too, answered here at apply time; that is what makes them linearizable.
 *
 * <p>Entries that are not key-value entries (a line-protocol {@code PROP} to the same log) are
 * ignored. An entry whose reqid was applied within the last {@value #REMEMBERED_REQUESTS}
 * key-value entries is a duplicate and is not applied again (at-most-once); its answer is null.
 */
public final class KvStateMachine implements StateMachine<List<Reply>> {

    /** How many key-value entries back a duplicate reqid is still recognised. */
    public static final int REMEMBERED_REQUESTS = 100_000;

    private final KvStore store = new KvStore();
    private final RecentRequests recent;
    // Written by the apply thread only (so ++ is safe), read by INFO on client threads.
    private volatile long appliedEntry;
    private volatile long appliedKvEntries;
    private volatile long ignoredEntries;
    private volatile long duplicateEntries;

    public KvStateMachine() {
        this(REMEMBERED_REQUESTS);
    }

    KvStateMachine(int rememberedRequests) {
        this.recent = new RecentRequests(rememberedRequests);
    }

    @Override
    public List<Reply> apply(ChosenEntry entry) {
        appliedEntry = entry.index();
        final Optional<List<KvCommand>> commands = KvCodec.decode(entry.value());
        if (commands.isEmpty()) {
            ignoredEntries++;
            return null;
        }
        if (!recent.add(entry.reqid())) {
            duplicateEntries++;
            return null;
        }
        final List<Reply> answers = new ArrayList<>(commands.get().size());
        for (final KvCommand c : commands.get()) {
            answers.add(store.apply(c));
        }
        appliedKvEntries++;
        return answers;
    }

    /** Answers a read-only command from the state applied so far ({@code read_mode: local}): may be stale. */
    Reply readLocally(KvCommand command) {
        if (!command.readOnly()) {
            throw new IllegalArgumentException("not a read: " + command);
        }
        return store.apply(command);
    }

    int keyCount() {
        return store.size();
    }

    /** Entry index of the last entry this state machine saw (key-value or not). */
    public long appliedEntry() {
        return appliedEntry;
    }

    public long appliedKvEntries() {
        return appliedKvEntries;
    }

    public long ignoredEntries() {
        return ignoredEntries;
    }

    public long duplicateEntries() {
        return duplicateEntries;
    }
}
