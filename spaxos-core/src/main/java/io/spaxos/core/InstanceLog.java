package io.spaxos.core;

import io.spaxos.core.msg.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The unapplied part of the log, one {@link Slot} per index. Applied slots leave memory at once
 * (retirement), so its size is bounded by how far the replica is ahead of its applied prefix,
 * which the master's window and {@link #maxIndexAhead} bound.
 */
final class InstanceLog {

    private final TreeMap<Long, Slot> slots = new TreeMap<>();
    // Invariant: every index <= appliedUpTo is chosen, applied and absent from slots.
    private long appliedUpTo;
    // Entry index the next applied proposal gets.
    private long nextEntry;
    private final long maxIndexAhead;

    InstanceLog(RecoveredState recovered, long maxIndexAhead) {
        this.appliedUpTo = recovered.appliedUpTo();
        this.nextEntry = recovered.nextEntry();
        this.maxIndexAhead = maxIndexAhead;
        for (final HardState.Instance instance : recovered.unapplied()) {
            final Slot slot = slot(instance.index());
            slot.acceptedBallot = instance.ballot();
            slot.acceptedValue = instance.value();
        }
    }

    long appliedUpTo() {
        return appliedUpTo;
    }

    long nextEntry() {
        return nextEntry;
    }

    /** True when the index is far enough ahead that holding it would make memory unbounded. */
    boolean tooFarAhead(long index) {
        return index > appliedUpTo + maxIndexAhead;
    }

    Slot get(long index) {
        return slots.get(index);
    }

    /** The slot of an unapplied index, created if absent. */
    Slot slot(long index) {
        if (index <= appliedUpTo) {
            throw new IllegalStateException("index " + index + " is already applied (up to " + appliedUpTo + ")");
        }
        return slots.computeIfAbsent(index, Slot::new);
    }

    long highestIndex() {
        return slots.isEmpty() ? appliedUpTo : slots.lastKey();
    }

    Iterable<Slot> slots() {
        return slots.values();
    }

    /** What this acceptor holds from {@code fromIndex} on, for a phase-1 answer. */
    List<Promise.Vote> votesFrom(long fromIndex) {
        final List<Promise.Vote> votes = new ArrayList<>();
        for (final Map.Entry<Long, Slot> e : slots.tailMap(fromIndex, true).entrySet()) {
            final Slot s = e.getValue();
            if (s.isChosen()) {
                votes.add(new Promise.Vote(s.index, s.acceptedBallot, s.chosenValue, true));
            } else if (s.acceptedValue != null) {
                votes.add(new Promise.Vote(s.index, s.acceptedBallot, s.acceptedValue, false));
            }
        }
        return votes;
    }

    /** Records that {@code value} is chosen at {@code index}; returns false if already known or applied. */
    boolean markChosen(long index, Batch value) {
        if (index <= appliedUpTo || tooFarAhead(index)) {
            return false;
        }
        final Slot slot = slot(index);
        if (slot.isChosen()) {
            if (!slot.chosenValue.equals(value)) {
                // Two values chosen for one index: the protocol is broken. Never paper over it.
                throw new IllegalStateException("index " + index + " chosen twice: " + slot.chosenValue + " and " + value);
            }
            return false;
        }
        slot.chosenValue = value;
        return true;
    }

    /** Removes and returns the next slot if it is chosen, advancing the applied prefix. */
    Slot applyNext() {
        final Slot next = slots.get(appliedUpTo + 1);
        if (next == null || !next.isChosen()) {
            return null;
        }
        slots.remove(next.index);
        appliedUpTo = next.index;
        nextEntry += next.chosenValue.size();
        return next;
    }
}
