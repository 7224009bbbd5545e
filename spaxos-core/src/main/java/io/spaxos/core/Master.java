package io.spaxos.core;

import io.spaxos.core.msg.Accept;
import io.spaxos.core.msg.Accepted;
import io.spaxos.core.msg.Commit;
import io.spaxos.core.msg.ForwardReject;
import io.spaxos.core.msg.Heartbeat;
import io.spaxos.core.msg.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The distinguished proposer. Having won phase 1 for every index from its applied prefix on, it
 * proposes with phase 2 only: one round trip per batch. It keeps up to {@code windowInstances}
 * indexes in flight (pipelining) and puts many queued proposals in one index (batching).
 */
final class Master {

    /** Reports proposals that will never be chosen where the master put them. */
    interface NotChosen {
        void report(int origin, List<ForwardReject.Ref> refs, String reason);
    }

    /** Where a proposal came from: its origin replica and the attempt (forward id) there. */
    record Origin(int node, long forwardId) {
    }

    private static final int MAX_REMEMBERED_FORWARDS = 100_000;

    private record Queued(Proposal proposal, Origin origin) {
    }

    private final CoreConfig config;
    private final InstanceLog log;
    private final Outbox out;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    // Indexes proposed under the current ballot and not yet known chosen.
    private final TreeSet<Long> inFlight = new TreeSet<>();
    private final Map<Integer, Long> lastHeardTick = new HashMap<>();
    // Forwards taken lately, to drop network duplicates; bounded, oldest forgotten first.
    private final Map<String, Boolean> takenForwards = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_REMEMBERED_FORWARDS;
        }
    };
    private long queuedBytes;
    private Ballot ballot;
    private long nextIndex;
    private long lastHeartbeatTick;

    Master(CoreConfig config, InstanceLog log, Outbox out) {
        this.config = config;
        this.log = log;
        this.out = out;
    }

    Ballot ballot() {
        return ballot;
    }

    /**
     * Becomes master after phase 1: learns what the quorum reports chosen, re-proposes the
     * highest-ballot value reported at every other index up to the highest one known, and fills
     * the indexes where nothing was accepted with no-ops.
     */
    void takeOver(Candidacy won, long nowTick) {
        ballot = won.ballot;
        for (final Slot slot : log.slots()) {
            slot.clearProposal();
        }
        for (final int node : won.promisers()) {
            lastHeardTick.put(node, nowTick);
        }
        // Indexes up to maxAppliedUpTo are applied at some promiser: chosen, to be learned by catch-up.
        final long start = Math.max(log.appliedUpTo(), won.maxAppliedUpTo()) + 1;
        final long highest = Math.max(won.highestReportedIndex(), log.highestIndex());
        for (long index = start; index <= highest; index++) {
            final Slot slot = log.get(index);
            if (slot != null && slot.isChosen()) {
                continue;
            }
            final Promise.Vote vote = won.voteAt(index);
            if (vote != null && vote.chosen()) {
                log.markChosen(index, vote.value());
            } else {
                propose(index, vote != null ? vote.value() : Batch.NOOP, List.of(), nowTick);
            }
        }
        nextIndex = Math.max(highest, start - 1) + 1;
        sendHeartbeats(nowTick);
    }

    /**
     * Queues a forwarded proposal; false when the queue is full. A network duplicate of a Forward
     * already taken is dropped (and reported taken), so one submission is never placed twice.
     */
    boolean enqueueForwarded(Proposal proposal, int origin, long forwardId) {
        final String key = forwardKey(proposal, origin, forwardId);
        if (takenForwards.containsKey(key)) {
            return true;
        }
        if (proposal.sizeBytes() > config.maxBatchBytes()) {
            // The origin may allow larger batches than we do; we could never place this one.
            return false;
        }
        if (!enqueue(proposal, origin, forwardId)) {
            return false;
        }
        takenForwards.put(key, Boolean.TRUE);
        return true;
    }

    /** True when this replica took that forwarded proposal (since it last started). */
    boolean tookForward(Proposal proposal, int origin, long forwardId) {
        return takenForwards.containsKey(forwardKey(proposal, origin, forwardId));
    }

    private static String forwardKey(Proposal proposal, int origin, long forwardId) {
        return origin + "/" + forwardId + "/" + proposal.reqid();
    }

    /** Queues a proposal for the next batch; false when the queue is full. */
    boolean enqueue(Proposal proposal, int origin, long forwardId) {
        if (queue.size() >= config.maxQueuedProposals()) {
            return false;
        }
        queue.add(new Queued(proposal, new Origin(origin, forwardId)));
        queuedBytes += proposal.sizeBytes();
        return true;
    }

    /**
     * Turns queued proposals into batches while the window has room. A batch that is not full
     * closes only while fewer than {@code maxBatchesInFlight} batches wait to be chosen: at low load
     * a proposal leaves at once, and under load proposals gather while the rounds before them run,
     * so batches grow with the load instead of the per-batch costs (messages, syncs) growing.
     */
    void fillWindow(long nowTick) {
        skipChosenIndexes();
        while (!queue.isEmpty() && nextIndex - 1 - log.appliedUpTo() < config.windowInstances()
                && (inFlight.size() < config.maxBatchesInFlight() || fullBatchQueued())) {
            final List<Proposal> proposals = new ArrayList<>();
            final List<Origin> origins = new ArrayList<>();
            int bytes = 0;
            // A batch always takes its first proposal, so it is never an accidental no-op.
            while (!queue.isEmpty() && proposals.size() < config.maxBatchProposals()
                    && (proposals.isEmpty() || bytes + queue.peek().proposal().sizeBytes() <= config.maxBatchBytes())) {
                final Queued q = queue.poll();
                queuedBytes -= q.proposal().sizeBytes();
                proposals.add(q.proposal());
                origins.add(q.origin());
                bytes += q.proposal().sizeBytes();
            }
            propose(nextIndex++, new Batch(proposals), origins, nowTick);
            skipChosenIndexes();
        }
    }

    /**
     * How many more queued proposals would make {@link #fillWindow} send a batch: 1 when a batch
     * would close at once, the room left in the next batch while partial batches wait behind the
     * in-flight ones, {@link Integer#MAX_VALUE} while the window is full (only a chosen index makes
     * room, and learning of it is an input of its own). Counts proposals only: a batch full by
     * bytes leaves at the next step, as a partial one would.
     */
    int proposalsBeforeNextBatch() {
        if (nextIndex - 1 - log.appliedUpTo() >= config.windowInstances()) {
            return Integer.MAX_VALUE;
        }
        if (inFlight.size() < config.maxBatchesInFlight()) {
            return 1;
        }
        return Math.max(1, config.maxBatchProposals() - queue.size());
    }

    private boolean fullBatchQueued() {
        return queue.size() >= config.maxBatchProposals() || queuedBytes >= config.maxBatchBytes();
    }

    /**
     * Moves past indexes already chosen or applied: a master can learn of them (a catch-up, a late
     * Commit from a newer master) before it learns it was deposed, and proposing there is useless.
     */
    private void skipChosenIndexes() {
        nextIndex = Math.max(nextIndex, log.appliedUpTo() + 1);
        Slot slot;
        while ((slot = log.get(nextIndex)) != null && slot.isChosen()) {
            nextIndex++;
        }
    }

    private void propose(long index, Batch value, List<Origin> origins, long nowTick) {
        final Slot slot = log.slot(index);
        slot.clearProposal();
        slot.proposedBallot = ballot;
        slot.proposedValue = value;
        slot.proposedOrigins = List.copyOf(origins);
        slot.lastSentTick = nowTick;
        inFlight.add(index);
        // Our own accept travels the same path as the peers' and is written in parallel with sending.
        for (final int member : config.members()) {
            out.sendNow(new Accept(config.self(), member, ballot, index, value));
        }
    }

    void onAccepted(Accepted m, long nowTick) {
        heardFrom(m.from(), nowTick);
        final Slot slot = log.get(m.index());
        if (slot == null || !slot.hasProposal(ballot)) {
            return;
        }
        slot.votes.add(m.from());
        if (slot.votes.size() >= config.phase2Quorum() && !slot.isChosen()) {
            log.markChosen(slot.index, slot.proposedValue);
            inFlight.remove(slot.index);
            for (final int member : config.members()) {
                if (member != config.self()) {
                    out.sendNow(new Commit(config.self(), member, ballot, slot.index));
                }
            }
        }
    }

    void heardFrom(int node, long nowTick) {
        lastHeardTick.put(node, nowTick);
    }

    /** Heartbeats and retransmissions; returns false when no quorum was heard from lately. */
    boolean onTick(long nowTick) {
        if (nowTick - lastHeartbeatTick >= config.heartbeatTicks()) {
            sendHeartbeats(nowTick);
        }
        int recent = 1;
        for (final Map.Entry<Integer, Long> e : lastHeardTick.entrySet()) {
            if (e.getKey() != config.self() && nowTick - e.getValue() <= config.electionTimeoutTicks()) {
                recent++;
            }
        }
        if (recent < config.phase1Quorum()) {
            return false;
        }
        retransmit(nowTick);
        return true;
    }

    private void retransmit(long nowTick) {
        final Iterator<Long> it = inFlight.iterator();
        while (it.hasNext()) {
            final Slot slot = log.get(it.next());
            if (slot == null || slot.isChosen() || !slot.hasProposal(ballot)) {
                it.remove();
            } else if (nowTick - slot.lastSentTick >= config.acceptRetryTicks()) {
                slot.lastSentTick = nowTick;
                for (final int member : config.members()) {
                    if (!slot.votes.contains(member)) {
                        out.sendNow(new Accept(config.self(), member, ballot, slot.index, slot.proposedValue));
                    }
                }
            }
        }
    }

    private void sendHeartbeats(long nowTick) {
        lastHeartbeatTick = nowTick;
        for (final int member : config.members()) {
            if (member != config.self()) {
                out.sendNow(new Heartbeat(config.self(), member, ballot, log.durableAppliedUpTo()));
            }
        }
    }

    /** An applied slot whose chosen value is not what we proposed: our proposals there lost. */
    void onApplied(Slot slot, NotChosen notChosen) {
        inFlight.remove(slot.index);
        if (slot.proposedValue == null || slot.proposedValue.equals(slot.chosenValue)) {
            return;
        }
        final Map<Integer, List<ForwardReject.Ref>> lost = new LinkedHashMap<>();
        final List<Proposal> proposed = slot.proposedValue.proposals();
        for (int i = 0; i < proposed.size() && i < slot.proposedOrigins.size(); i++) {
            if (!slot.chosenValue.proposals().contains(proposed.get(i))) {
                final Origin origin = slot.proposedOrigins.get(i);
                lost.computeIfAbsent(origin.node(), k -> new ArrayList<>())
                        .add(new ForwardReject.Ref(proposed.get(i).reqid(), origin.forwardId()));
            }
        }
        lost.forEach((origin, reqids) ->
                notChosen.report(origin, reqids, "index " + slot.index + " was chosen with another value"));
    }

    /** Gives up mastership: queued proposals were never placed, so they are definitely not chosen. */
    void resign(NotChosen notChosen) {
        final Map<Integer, List<ForwardReject.Ref>> unplaced = new LinkedHashMap<>();
        for (final Queued q : queue) {
            unplaced.computeIfAbsent(q.origin().node(), k -> new ArrayList<>())
                    .add(new ForwardReject.Ref(q.proposal().reqid(), q.origin().forwardId()));
        }
        queue.clear();
        queuedBytes = 0;
        inFlight.clear();
        lastHeardTick.clear();
        ballot = null;
        unplaced.forEach((origin, reqids) -> notChosen.report(origin, reqids, "the master stepped down"));
    }
}
