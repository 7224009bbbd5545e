package io.spaxos.server.redis;

import java.util.ArrayDeque;
import java.util.HashSet;

/**
 * The reqids of the last {@code capacity} key-value entries applied, oldest forgotten first.
 * Deterministic: it depends only on the sequence of entries, so every replica (and a replica
 * replaying its log after a restart) remembers exactly the same reqids at the same entry.
 */
final class RecentRequests {

    private final int capacity;
    private final ArrayDeque<String> order = new ArrayDeque<>();
    private final HashSet<String> members = new HashSet<>();

    RecentRequests(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /** Remembers {@code reqid}; false when it is remembered already (a duplicate). */
    boolean add(String reqid) {
        if (!members.add(reqid)) {
            return false;
        }
        order.addLast(reqid);
        if (order.size() > capacity) {
            members.remove(order.removeFirst());
        }
        return true;
    }

    int size() {
        return order.size();
    }
}
