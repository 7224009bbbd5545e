package io.spaxos.core;

import io.spaxos.core.msg.Message;
import java.util.ArrayList;
import java.util.List;

/** Collects what one step produces until the caller takes it as a {@link Ready}. */
final class Outbox {

    private final List<HardState> hardStates = new ArrayList<>();
    private final List<Message> afterPersist = new ArrayList<>();
    private final List<Ready.LogRead> logReads = new ArrayList<>();
    private final List<Message> now = new ArrayList<>();
    private final List<ChosenEntry> chosen = new ArrayList<>();
    private final List<Outcome> outcomes = new ArrayList<>();

    void persist(HardState state) {
        hardStates.add(state);
    }

    /** A message that depends on this replica's state: it leaves only after everything written so far. */
    void sendAfterPersist(Message message) {
        afterPersist.add(message);
    }

    /** A message that depends on no unwritten state. */
    void sendNow(Message message) {
        now.add(message);
    }

    void readLog(Ready.LogRead read) {
        logReads.add(read);
    }

    void chosen(ChosenEntry entry) {
        chosen.add(entry);
    }

    void outcome(Outcome outcome) {
        outcomes.add(outcome);
    }

    Ready drain(long id) {
        final Ready ready = new Ready(id, hardStates, afterPersist, logReads, now, chosen, outcomes);
        hardStates.clear();
        afterPersist.clear();
        logReads.clear();
        now.clear();
        chosen.clear();
        outcomes.clear();
        return ready;
    }
}
