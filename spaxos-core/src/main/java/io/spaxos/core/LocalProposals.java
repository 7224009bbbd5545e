package io.spaxos.core;

import io.spaxos.core.msg.ForwardReject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Proposals submitted at this replica that have no outcome yet. Each gets exactly one
 * {@link Outcome}: chosen, definitely not chosen, or unknown at its deadline.
 *
 * <p>A proposal is sent to at most one master at a time and is resent only after a definite "not
 * chosen", so the core never places one submission at two indexes.
 */
final class LocalProposals {

    /** Where a pending proposal is: held here until a master is known, or sent to one. */
    private static final int HELD = 0;

    private static final class Pending {
        final Proposal proposal;
        final long deadlineTick;
        int sentTo = HELD;
        // Identifies the attempt: replies about an earlier attempt are ignored.
        long forwardId;

        Pending(Proposal proposal, long deadlineTick) {
            this.proposal = proposal;
            this.deadlineTick = deadlineTick;
        }
    }

    private final Map<String, Pending> byReqid = new LinkedHashMap<>();
    private final int maxPending;

    LocalProposals(int maxPending) {
        this.maxPending = maxPending;
    }

    int size() {
        return byReqid.size();
    }

    /** Returns the reason the proposal cannot be taken, or null when it was taken. */
    String add(Proposal proposal, long deadlineTick) {
        if (byReqid.containsKey(proposal.reqid())) {
            return "reqid " + proposal.reqid() + " is already pending";
        }
        if (byReqid.size() >= maxPending) {
            return "overloaded: " + maxPending + " proposals already pending at this replica";
        }
        byReqid.put(proposal.reqid(), new Pending(proposal, deadlineTick));
        return null;
    }

    /** Proposals waiting for a master, oldest first. */
    List<Proposal> held() {
        final List<Proposal> held = new ArrayList<>();
        for (final Pending p : byReqid.values()) {
            if (p.sentTo == HELD) {
                held.add(p.proposal);
            }
        }
        return held;
    }

    void markSent(String reqid, int node, long forwardId) {
        final Pending p = byReqid.get(reqid);
        if (p != null) {
            p.sentTo = node;
            p.forwardId = forwardId;
        }
    }

    /** The entry resolves a pending proposal if reqid and value both match. */
    Outcome onChosen(ChosenEntry entry) {
        final Pending p = byReqid.get(entry.reqid());
        if (p == null || !p.proposal.value().equals(entry.value())) {
            return null;
        }
        byReqid.remove(entry.reqid());
        return Outcome.chosen(entry.reqid(), entry.index());
    }

    /**
     * A definite "not chosen" for one attempt of a proposal. It goes back to being held when
     * {@code retry} allows and time remains, else it gets its outcome.
     */
    Outcome onNotChosen(ForwardReject.Ref ref, boolean retry, String reason, long nowTick) {
        final String reqid = ref.reqid();
        final Pending p = byReqid.get(reqid);
        if (p == null || p.sentTo == HELD || p.forwardId != ref.forwardId()) {
            return null;
        }
        if (retry && nowTick < p.deadlineTick) {
            p.sentTo = HELD;
            return null;
        }
        byReqid.remove(reqid);
        return Outcome.notChosen(reqid, reason);
    }

    /** Outcomes of proposals whose deadline passed. One never sent anywhere was definitely not chosen. */
    List<Outcome> expire(long nowTick) {
        final List<Outcome> expired = new ArrayList<>();
        final Iterator<Pending> it = byReqid.values().iterator();
        while (it.hasNext()) {
            final Pending p = it.next();
            if (nowTick >= p.deadlineTick) {
                it.remove();
                expired.add(p.sentTo == HELD
                        ? Outcome.notChosen(p.proposal.reqid(), "no master reachable before the deadline")
                        : Outcome.unknown(p.proposal.reqid(), "no outcome before the deadline; it may still be chosen"));
            }
        }
        return expired;
    }
}
