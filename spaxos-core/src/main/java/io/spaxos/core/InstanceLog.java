package io.spaxos.core;

import io.spaxos.core.msg.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The unapplied part of the log, one {@link Slot} per index. An applied slot leaves memory
 * (retirement) once its applied record is durable, so memory is bounded by how far the replica is
 * ahead of its applied prefix, which the master's window and {@link #maxIndexAhead} bound.
 *
 * <p>Why wait for durability: peers are told the durable applied prefix (in promises, accept
 * replies and heartbeats) and treat every index up to it as chosen and retired there, so they
 * never propose there again. A prefix reported before it was durable could shrink in a crash,
 * and nobody would then fill those indexes.
 */
final class InstanceLog {

    private final TreeMap<Long, Slot> slots = new TreeMap<>();
    // Invariant: durableAppliedUpTo <= appliedUpTo; every index <= appliedUpTo is chosen and
    // applied; slots holds no index <= durableAppliedUpTo.
    private long appliedUpTo;
    private long durableAppliedUpTo;
    // Entry index the next applied proposal gets.
    private long nextEntry;
    private final long maxIndexAhead;

    InstanceLog(RecoveredState recovered, long maxIndexAhead) {
        this.appliedUpTo = recovered.appliedUpTo();
        this.durableAppliedUpTo = recovered.appliedUpTo();
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

    /** The applied prefix that is on disk: what this replica may tell peers it has applied. */
    long durableAppliedUpTo() {
        return durableAppliedUpTo;
    }

    /** The applied records up to {@code index} are durable: those slots leave memory. */
    void retireThrough(long index) {
        if (index > durableAppliedUpTo) {
            durableAppliedUpTo = Math.min(index, appliedUpTo);
            slots.headMap(durableAppliedUpTo, true).clear();
        }
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

    /** Returns the next slot if it is chosen, advancing the applied prefix; it stays until retired. */
    Slot applyNext() {
        final Slot next = slots.get(appliedUpTo + 1);
        if (next == null || !next.isChosen()) {
            return null;
        }
        appliedUpTo = next.index;
        nextEntry += next.chosenValue.size();
        return next;
    }
}
