package io.spaxos.sim;

import io.spaxos.core.msg.Message;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A simulated network that drops, duplicates, delays and so reorders messages, and partitions
 * nodes. A message to self is never lost: it does not cross a wire.
 */
final class SimNetwork {

    private static final int LONG_DELAY_UNITS = 1000;

    private record InFlight(long deliverAt, long seq, Message message) {
    }

    private final SplittableRandom random;
    private final PriorityQueue<InFlight> inFlight = new PriorityQueue<>((a, b) ->
            a.deliverAt != b.deliverAt ? Long.compare(a.deliverAt, b.deliverAt) : Long.compare(a.seq, b.seq));
    private final Set<Long> cutLinks = new HashSet<>();
    private long seq;
    double dropRate;
    double duplicateRate;
    int maxDelayUnits;
    boolean longDelays = true;

    SimNetwork(SplittableRandom random, double dropRate, double duplicateRate, int maxDelayUnits) {
        this.random = random;
        this.dropRate = dropRate;
        this.duplicateRate = duplicateRate;
        this.maxDelayUnits = maxDelayUnits;
    }

    void send(Message m, long now) {
        if (m.from() == m.to()) {
            inFlight.add(new InFlight(now + 1, seq++, m));
            return;
        }
        if (isCut(m.from(), m.to()) || random.nextDouble() < dropRate) {
            return;
        }
        // A long tail: now and then a message arrives very late, long after its sender moved on.
        final int delay = longDelays && random.nextInt(100) < 2 ? random.nextInt(LONG_DELAY_UNITS) : random.nextInt(maxDelayUnits);
        inFlight.add(new InFlight(now + 1 + delay, seq++, m));
        if (random.nextDouble() < duplicateRate) {
            inFlight.add(new InFlight(now + 1 + random.nextInt(maxDelayUnits * 3), seq++, m));
        }
    }

    /** Messages due at or before {@code now}; a message on a link cut while it was in flight is lost. */
    List<Message> due(long now) {
        final List<Message> due = new ArrayList<>();
        while (!inFlight.isEmpty() && inFlight.peek().deliverAt <= now) {
            final Message m = inFlight.poll().message;
            if (m.from() == m.to() || !isCut(m.from(), m.to())) {
                due.add(m);
            }
        }
        return due;
    }

    void cut(int a, int b) {
        cutLinks.add(link(a, b));
    }

    void healAll() {
        cutLinks.clear();
    }

    boolean isPartitioned() {
        return !cutLinks.isEmpty();
    }

    private boolean isCut(int a, int b) {
        return cutLinks.contains(link(a, b));
    }

    private static long link(int a, int b) {
        return ((long) Math.min(a, b) << 32) | Math.max(a, b);
    }
}
