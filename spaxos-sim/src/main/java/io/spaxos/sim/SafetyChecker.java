package io.spaxos.sim;

import io.spaxos.core.Bytes;
import io.spaxos.core.ChosenEntry;
import io.spaxos.core.Outcome;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Agreement, validity, durability and honest outcomes, over every replica and all time. It only
 * watches what replicas emit; it never looks inside them.
 */
final class SafetyChecker {

    private record Applied(long instance, String reqid, Bytes value) {
    }

    private final Violations violations;
    private final Map<String, Bytes> proposed = new HashMap<>();
    // The chosen log as first seen by any replica: entry index -> entry.
    private final Map<Long, Applied> log = new HashMap<>();
    private final Map<String, Long> entryOfReqid = new HashMap<>();
    private final Map<Integer, Long> lastEntryOfNode = new HashMap<>();
    private final Map<String, Long> reportedChosen = new HashMap<>();
    private final Set<String> reportedNotChosen = new HashSet<>();

    SafetyChecker(Violations violations) {
        this.violations = violations;
    }

    void onProposed(String reqid, Bytes value) {
        proposed.put(reqid, value);
    }

    /** The replica restarted from a disk whose applied prefix ends at {@code lastEntry}. */
    void onRestart(int node, long lastEntry) {
        lastEntryOfNode.put(node, lastEntry);
    }

    void onChosen(int node, ChosenEntry e) {
        final Bytes value = proposed.get(e.reqid());
        if (value == null || !value.equals(e.value())) {
            violations.add("validity", "node " + node + " chose " + e.reqid() + "=" + e.value() + " that no client proposed");
        }
        final Applied applied = new Applied(e.instance(), e.reqid(), e.value());
        final Applied first = log.putIfAbsent(e.index(), applied);
        if (first != null && !first.equals(applied)) {
            violations.add("agreement", "entry " + e.index() + " is " + first + " at one replica and " + applied
                    + " at node " + node);
        }
        final Long earlier = entryOfReqid.putIfAbsent(e.reqid(), e.index());
        if (earlier != null && earlier != e.index()) {
            violations.add("at-most-once", e.reqid() + " chosen at entries " + earlier + " and " + e.index());
        }
        final long last = lastEntryOfNode.getOrDefault(node, 0L);
        if (e.index() != last + 1) {
            violations.add("order", "node " + node + " applied entry " + e.index() + " right after " + last);
        }
        lastEntryOfNode.put(node, e.index());
        if (reportedNotChosen.contains(e.reqid())) {
            violations.add("outcome", e.reqid() + " was reported not chosen, then chosen at entry " + e.index());
        }
    }

    void onOutcome(int node, Outcome o) {
        switch (o.kind()) {
            case CHOSEN -> {
                final Applied applied = log.get(o.index());
                if (applied == null || !applied.reqid().equals(o.reqid())) {
                    violations.add("outcome", "node " + node + " reported " + o.reqid() + " chosen at entry " + o.index()
                            + " which holds " + applied);
                }
                reportedChosen.put(o.reqid(), o.index());
            }
            case NOT_CHOSEN -> {
                if (entryOfReqid.containsKey(o.reqid())) {
                    violations.add("outcome", "node " + node + " reported " + o.reqid() + " not chosen, but it was chosen");
                }
                reportedNotChosen.add(o.reqid());
            }
            case UNKNOWN -> { }
        }
    }

    /** Durability: every entry reported chosen is held, unchanged, by every replica in the end. */
    void checkDurable(List<Integer> nodes) {
        for (final Map.Entry<String, Long> r : reportedChosen.entrySet()) {
            for (final int node : nodes) {
                if (lastEntryOfNode.getOrDefault(node, 0L) < r.getValue()) {
                    violations.add("durability", "node " + node + " ends at entry " + lastEntryOfNode.getOrDefault(node, 0L)
                            + " without " + r.getKey() + ", reported chosen at entry " + r.getValue());
                    return;
                }
            }
        }
    }

    long lastEntry(int node) {
        return lastEntryOfNode.getOrDefault(node, 0L);
    }
}
