package io.spaxos.server.simple;

import io.spaxos.server.testing.LineClient;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client that proposes to one replica until it dies or a count is reached, keeping a few
 * proposals in flight on its connection, and records every {@code CHOSEN} answer it gets.
 */
final class Proposer implements Runnable {

    private static final int WINDOW = 4;

    private final int port;
    private final String prefix;
    private final int maxProposals;
    private final long deadlineNs;
    private final ConcurrentMap<Long, SimpleSvr.Entry> acknowledged;
    private final ConcurrentMap<Long, String> conflicts;
    private final AtomicInteger chosenInRound;
    private int sent;
    private int errors;
    private String endedBy = "count";

    /**
     * @param acknowledged every index answered CHOSEN, shared by all proposers over all rounds
     * @param conflicts    indexes answered CHOSEN for two different proposals, and the two; answers
     *                     naming another proposal than asked, at negative keys
     */
    Proposer(int port, String prefix, int maxProposals, long deadlineNs, ConcurrentMap<Long, SimpleSvr.Entry> acknowledged,
             ConcurrentMap<Long, String> conflicts, AtomicInteger chosenInRound) {
        this.port = port;
        this.prefix = prefix;
        this.maxProposals = maxProposals;
        this.deadlineNs = deadlineNs;
        this.acknowledged = acknowledged;
        this.conflicts = conflicts;
        this.chosenInRound = chosenInRound;
    }

    @Override
    public void run() {
        final ArrayDeque<SimpleSvr.Entry> inFlight = new ArrayDeque<>();
        try (LineClient client = LineClient.connect(port, SimpleSvr.PROP_REPLY)) {
            int answered = 0;
            while (answered < maxProposals) {
                if (System.nanoTime() > deadlineNs) {
                    endedBy = "deadline";
                    return;
                }
                while (sent < maxProposals && inFlight.size() < WINDOW) {
                    final SimpleSvr.Entry entry = new SimpleSvr.Entry(prefix + "-" + sent, "value-of-" + prefix + "-" + sent);
                    client.send("PROP " + entry.reqid() + " " + entry.value());
                    inFlight.add(entry);
                    sent++;
                }
                record(client.readLine(), inFlight.poll());
                answered++;
            }
        } catch (IOException e) {
            endedBy = e.getClass().getSimpleName();
        }
    }

    private void record(String reply, SimpleSvr.Entry proposed) {
        if (!reply.startsWith("CHOSEN ")) {
            errors++;
            return;
        }
        final String[] words = reply.split(" ");
        if (words.length != 3 || !words[2].equals(proposed.reqid())) {
            conflicts.put(-1L - conflicts.size(), "PROP " + proposed.reqid() + " answered '" + reply + "'");
            return;
        }
        final long index = Long.parseLong(words[1]);
        final SimpleSvr.Entry earlier = acknowledged.putIfAbsent(index, proposed);
        if (earlier != null) {
            conflicts.put(index, earlier.line(index) + " and " + proposed.line(index));
        }
        chosenInRound.incrementAndGet();
    }

    /** "sent N, errors E, ended by X"; read after the thread ended. */
    String summary() {
        return "sent " + sent + " errors " + errors + " ended by " + endedBy;
    }
}
