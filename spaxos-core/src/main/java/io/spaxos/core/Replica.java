package io.spaxos.core;

import io.spaxos.core.msg.Accept;
import io.spaxos.core.msg.Accepted;
import io.spaxos.core.msg.CatchupRequest;
import io.spaxos.core.msg.Commit;
import io.spaxos.core.msg.Forward;
import io.spaxos.core.msg.ForwardReject;
import io.spaxos.core.msg.Heartbeat;
import io.spaxos.core.msg.HeartbeatReply;
import io.spaxos.core.msg.Learn;
import io.spaxos.core.msg.Message;
import io.spaxos.core.msg.Prepare;
import io.spaxos.core.msg.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Multi-Paxos replica as a pure state machine: the seed's state-machine thread with every
 * kind of I/O taken out. Inputs are {@link #propose}, {@link #step}, {@link #tick},
 * {@link #persisted}, and the {@link RecoveredState} it is built from; all output comes out of
 * {@link #ready()}. It never blocks, reads a clock, touches a file or a socket, or draws a random
 * number it was not seeded for, so the same inputs always give the same outputs.
 *
 * <p>Roles: the acceptor and learner rules run on every replica; on top of them a replica is a
 * follower, a candidate running phase 1 for every index from its applied prefix on, or the master,
 * which proposes with phase 2 only.
 */
public final class Replica {

    private final CoreConfig config;
    private final int self;
    private final Outbox out = new Outbox();
    private final InstanceLog log;
    private final LocalProposals locals;
    private final Jitter jitter;
    private final Master master;
    private final CatchUp catchUp;

    private long nowTick;
    private long forwardSeq;
    private long readySeq;
    // Readys whose hard states are not yet durable -> the applied prefix each one's records reach.
    private final TreeMap<Long, Long> readiesAwaitingSync = new TreeMap<>();

    // Acceptor. Invariant: promised never decreases, and is durable before any message depending on it leaves.
    private Ballot promised;
    private long highestRoundSeen;

    // Leadership view.
    private Status.Role role = Status.Role.FOLLOWER;
    private int knownMaster;
    private Ballot knownMasterBallot = Ballot.ZERO;
    // Ballots up to this round that are ours were issued before the last restart.
    private final long roundAtRecovery;
    private long electionDeadlineTick;
    private Candidacy candidacy;

    public Replica(CoreConfig config, RecoveredState recovered) {
        this.config = config;
        this.self = config.self();
        this.promised = recovered.promised();
        this.highestRoundSeen = promised.round();
        this.roundAtRecovery = promised.round();
        this.log = new InstanceLog(recovered, config.maxInstancesAhead());
        this.locals = new LocalProposals(config.maxQueuedProposals());
        this.jitter = new Jitter(config.jitterSeed());
        this.master = new Master(config, log, out);
        this.catchUp = new CatchUp(config, log, out);
        resetElectionDeadline();
    }

    // ---------------------------------------------------------------- inputs

    /** Submits a proposal; its {@link Outcome} comes out of a later {@link #ready()}. */
    public void propose(Proposal proposal) {
        String refusal = proposal.sizeBytes() > config.maxBatchBytes()
                ? "proposal of " + proposal.sizeBytes() + " bytes exceeds the batch limit of " + config.maxBatchBytes()
                : null;
        if (refusal == null) {
            refusal = locals.add(proposal, nowTick + config.proposalTimeoutTicks());
        }
        if (refusal != null) {
            out.outcome(Outcome.notChosen(proposal.reqid(), refusal));
        }
    }

    /** Advances time by one tick. */
    public void tick() {
        nowTick++;
        for (final Outcome outcome : locals.expire(nowTick)) {
            out.outcome(outcome);
        }
        if (role == Status.Role.MASTER) {
            if (!master.onTick(nowTick)) {
                stepDown(0);
            }
        } else if (nowTick >= electionDeadlineTick) {
            startElection();
        }
        catchUp.onTick(nowTick);
    }

    /** Reports that the hard states of the {@link Ready} with this id are durable. */
    public void persisted(long readyId) {
        final Long appliedThrough = readiesAwaitingSync.remove(readyId);
        if (appliedThrough != null) {
            log.retireThrough(appliedThrough);
        }
    }

    /**
     * Reports that every Ready up to this id is durable, for callers that write Readys in the order
     * they were taken (as the storage thread does).
     */
    public void persistedThrough(long readyId) {
        final Map<Long, Long> durable = readiesAwaitingSync.headMap(readyId, true);
        for (final long appliedThrough : durable.values()) {
            log.retireThrough(appliedThrough);
        }
        durable.clear();
    }

    /** Handles a message from a peer or from itself. */
    public void step(Message message) {
        noteRound(message);
        if (message instanceof Accept m) {
            onAccept(m);
        } else if (message instanceof Accepted m) {
            onAccepted(m);
        } else if (message instanceof Commit m) {
            onCommit(m);
        } else if (message instanceof Heartbeat m) {
            onHeartbeat(m);
        } else if (message instanceof HeartbeatReply m) {
            onHeartbeatReply(m);
        } else if (message instanceof Prepare m) {
            onPrepare(m);
        } else if (message instanceof Promise m) {
            onPromise(m);
        } else if (message instanceof CatchupRequest m) {
            catchUp.serve(m);
        } else if (message instanceof Learn m) {
            catchUp.onLearn(m);
        } else if (message instanceof Forward m) {
            onForward(m);
        } else if (message instanceof ForwardReject m) {
            onForwardReject(m);
        }
    }

    /** Takes everything produced since the last call. */
    public Ready ready() {
        routeHeldProposals();
        // Apply first: an index chosen in this step frees its place in the window at once.
        applyChosen();
        if (role == Status.Role.MASTER) {
            master.fillWindow(nowTick);
        }
        final Ready ready = out.drain(++readySeq);
        if (ready.needsPersist()) {
            readiesAwaitingSync.put(ready.id(), log.appliedUpTo());
        }
        return ready;
    }

    /**
     * How many new proposals would make the next {@link #ready()} send something: 1 unless this
     * replica is the master and proposals are gathering behind batches in flight. A driver may
     * leave proposals unstepped until this many wait (they are stepped with the next input or
     * tick); it is a hint for waking, and stepping proposals earlier is never wrong.
     */
    public int proposalsBeforeNextBatch() {
        return role == Status.Role.MASTER ? master.proposalsBeforeNextBatch() : 1;
    }

    public Status status() {
        return new Status(self, role, knownMaster, promised, log.appliedUpTo(), log.nextEntry() - 1,
                Math.max(log.appliedUpTo(), catchUp.knownChosen()), locals.size());
    }

    // ---------------------------------------------------------------- acceptor (Paxos Made Simple §2.2)

    private void onPrepare(Prepare m) {
        if (m.ballot().compareTo(promised) < 0) {
            out.sendAfterPersist(new Promise(self, m.from(), m.ballot(), false, promised, log.durableAppliedUpTo(), List.of()));
            return;
        }
        if (m.ballot().greaterThan(promised)) {
            promise(m.ballot());
            knownMaster = 0;
        }
        if (m.from() != self) {
            // Give the candidate a full timeout to finish phase 1 before competing with it.
            resetElectionDeadline();
        }
        // Everything above the durable applied prefix is reported, applied or not: what the
        // candidate is told is retired here must stay retired across a crash.
        final List<Promise.Vote> votes = log.votesFrom(Math.max(m.fromIndex(), log.durableAppliedUpTo() + 1));
        out.sendAfterPersist(new Promise(self, m.from(), m.ballot(), true, promised, log.durableAppliedUpTo(), votes));
    }

    private void onAccept(Accept m) {
        if (m.ballot().compareTo(promised) < 0) {
            out.sendAfterPersist(rejectAccept(m));
            return;
        }
        if (m.ballot().greaterThan(promised)) {
            promise(m.ballot());
        }
        followMaster(m.from(), m.ballot());
        if (m.index() <= log.appliedUpTo() || log.tooFarAhead(m.index())) {
            // Applied here already, or too far ahead to hold: the master learns our applied prefix and
            // catches up from us, or waits for us to catch up.
            out.sendAfterPersist(rejectAccept(m));
            return;
        }
        final Slot slot = log.slot(m.index());
        if (!(m.ballot().equals(slot.acceptedBallot) && m.value().equals(slot.acceptedValue))) {
            slot.acceptedBallot = m.ballot();
            slot.acceptedValue = m.value();
            out.persist(new HardState.Instance(m.index(), m.ballot(), m.value(), HardState.Instance.NOT_APPLIED));
        }
        out.sendAfterPersist(new Accepted(self, m.from(), m.ballot(), m.index(), true, promised, log.durableAppliedUpTo()));
    }

    private Accepted rejectAccept(Accept m) {
        return new Accepted(self, m.from(), m.ballot(), m.index(), false, promised, log.durableAppliedUpTo());
    }

    private void promise(Ballot ballot) {
        promised = ballot;
        out.persist(new HardState.Promise(ballot));
        if (role != Status.Role.FOLLOWER && !ballot.equals(ownBallot())) {
            stepDown(0);
        }
    }

    // ---------------------------------------------------------------- learner

    private void onCommit(Commit m) {
        if (role == Status.Role.MASTER && m.ballot().greaterThan(master.ballot())) {
            // A newer master chose something: we were deposed and have not heard it yet.
            stepDown(0);
            followMaster(m.from(), m.ballot());
        }
        final Slot slot = log.get(m.index());
        if (slot != null && slot.acceptedValue != null && m.ballot().equals(slot.acceptedBallot)) {
            log.markChosen(m.index(), slot.acceptedValue);
        } else if (m.index() > log.appliedUpTo()) {
            catchUp.hint(m.index(), m.from(), nowTick);
        }
    }

    /** Applies the chosen prefix: entries to the application, outcomes to local submitters. */
    private void applyChosen() {
        Slot slot;
        while ((slot = log.applyNext()) != null) {
            final long firstEntry = log.nextEntry() - slot.chosenValue.size();
            long entry = firstEntry;
            for (final Proposal p : slot.chosenValue.proposals()) {
                final ChosenEntry chosen = new ChosenEntry(entry++, slot.index, p.reqid(), p.value());
                out.chosen(chosen);
                final Outcome outcome = locals.onChosen(chosen);
                if (outcome != null) {
                    out.outcome(outcome);
                }
            }
            out.persist(new HardState.Instance(slot.index, Ballot.ZERO, slot.chosenValue, firstEntry));
            master.onApplied(slot, this::notChosenAtMaster);
        }
    }

    // ---------------------------------------------------------------- leadership

    private Ballot ownBallot() {
        return role == Status.Role.MASTER ? master.ballot() : candidacy != null ? candidacy.ballot : null;
    }

    private void startElection() {
        final Ballot ballot = new Ballot(Math.max(promised.round(), highestRoundSeen) + 1, self);
        highestRoundSeen = ballot.round();
        role = Status.Role.CANDIDATE;
        knownMaster = 0;
        candidacy = new Candidacy(ballot, log.appliedUpTo() + 1);
        // Promise our own ballot first: once durable, a restart can never issue it again.
        promised = ballot;
        out.persist(new HardState.Promise(ballot));
        for (final int member : config.members()) {
            out.sendAfterPersist(new Prepare(self, member, ballot, candidacy.fromIndex));
        }
        resetElectionDeadline();
    }

    private void onPromise(Promise m) {
        if (role != Status.Role.CANDIDATE || !m.ballot().equals(candidacy.ballot)) {
            return;
        }
        if (!m.ok()) {
            // Outranked: back off for a random time so duelling candidates settle.
            stepDown(0);
            return;
        }
        if (candidacy.add(m) >= config.phase1Quorum()) {
            role = Status.Role.MASTER;
            knownMaster = self;
            if (candidacy.maxAppliedUpTo() > log.appliedUpTo()) {
                catchUp.hint(candidacy.maxAppliedUpTo(), candidacy.maxAppliedNode(), nowTick);
            }
            master.takeOver(candidacy, nowTick);
            candidacy = null;
        }
    }

    private void onAccepted(Accepted m) {
        if (m.appliedUpTo() > log.appliedUpTo()) {
            catchUp.hint(m.appliedUpTo(), m.from(), nowTick);
        }
        if (role == Status.Role.MASTER && m.ballot().equals(master.ballot())) {
            if (m.ok()) {
                master.onAccepted(m, nowTick);
            } else if (m.promised().greaterThan(master.ballot())) {
                stepDown(0);
            }
        }
    }

    private void onHeartbeat(Heartbeat m) {
        if (m.ballot().compareTo(promised) < 0) {
            out.sendNow(new HeartbeatReply(self, m.from(), m.ballot(), false, promised, log.durableAppliedUpTo()));
            return;
        }
        if (role != Status.Role.FOLLOWER && !m.ballot().equals(ownBallot())) {
            stepDown(m.from());
        }
        followMaster(m.from(), m.ballot());
        if (m.appliedUpTo() > log.appliedUpTo()) {
            catchUp.hint(m.appliedUpTo(), m.from(), nowTick);
        }
        out.sendNow(new HeartbeatReply(self, m.from(), m.ballot(), true, promised, log.durableAppliedUpTo()));
    }

    private void onHeartbeatReply(HeartbeatReply m) {
        if (m.appliedUpTo() > log.appliedUpTo()) {
            catchUp.hint(m.appliedUpTo(), m.from(), nowTick);
        }
        if (role != Status.Role.MASTER || !m.ballot().equals(master.ballot())) {
            return;
        }
        if (m.ok()) {
            master.heardFrom(m.from(), nowTick);
        } else if (m.promised().greaterThan(master.ballot())) {
            stepDown(0);
        }
    }

    private void followMaster(int node, Ballot ballot) {
        if (node != self) {
            knownMaster = node;
            knownMasterBallot = ballot;
            resetElectionDeadline();
        }
    }

    /** Stops being master or candidate; {@code newMaster} is 0 when unknown. */
    private void stepDown(int newMaster) {
        if (role == Status.Role.MASTER) {
            master.resign(this::notChosenAtMaster);
        }
        role = Status.Role.FOLLOWER;
        candidacy = null;
        knownMaster = newMaster;
        resetElectionDeadline();
    }

    private void resetElectionDeadline() {
        electionDeadlineTick = nowTick + config.electionTimeoutTicks() + jitter.nextInt(config.electionJitterTicks());
    }

    private void noteRound(Message message) {
        Ballot seen = Ballot.ZERO;
        if (message instanceof Prepare m) {
            seen = m.ballot();
        } else if (message instanceof Promise m) {
            seen = m.promised();
        } else if (message instanceof Accept m) {
            seen = m.ballot();
        } else if (message instanceof Accepted m) {
            seen = m.promised();
        } else if (message instanceof Heartbeat m) {
            seen = m.ballot();
        } else if (message instanceof HeartbeatReply m) {
            seen = m.promised();
        }
        highestRoundSeen = Math.max(highestRoundSeen, seen.round());
    }

    // ---------------------------------------------------------------- proposals and forwarding

    /** Sends proposals waiting here to the master, or queues them if this replica is the master. */
    private void routeHeldProposals() {
        final int target = role == Status.Role.MASTER ? self : knownMaster;
        if (target == 0 || locals.size() == 0) {
            return;
        }
        final List<Proposal> held = locals.held();
        if (held.isEmpty()) {
            return;
        }
        if (target == self) {
            for (final Proposal p : held) {
                final long attempt = ++forwardSeq;
                if (master.enqueue(p, self, attempt)) {
                    locals.markSent(p.reqid(), self, attempt);
                }
            }
            return;
        }
        // Each Forward holds at most one batch's worth, so it fits any frame a batch fits.
        int from = 0;
        while (from < held.size()) {
            int to = from;
            int bytes = 0;
            while (to < held.size() && to - from < config.maxBatchProposals()
                    && (to == from || bytes + held.get(to).sizeBytes() <= config.maxBatchBytes())) {
                bytes += held.get(to++).sizeBytes();
            }
            final List<Proposal> part = held.subList(from, to);
            final long forwardId = ++forwardSeq;
            for (final Proposal p : part) {
                locals.markSent(p.reqid(), target, forwardId);
            }
            out.sendNow(new Forward(self, target, forwardId, knownMasterBallot, part));
            from = to;
        }
    }

    private void onForward(Forward m) {
        final boolean current = role == Status.Role.MASTER && m.ballot().equals(master.ballot());
        if (!current && m.ballot().node() == self && m.ballot().round() <= roundAtRecovery) {
            // Addressed to a mastership of ours from before a restart: we may have placed these then,
            // so only the origin's deadline can settle them. Claiming "not chosen" could be a lie.
            return;
        }
        final List<ForwardReject.Ref> refused = new ArrayList<>();
        for (final Proposal p : m.proposals()) {
            final boolean taken = current
                    ? master.enqueueForwarded(p, m.from(), m.forwardId())
                    : master.tookForward(p, m.from(), m.forwardId());
            if (!taken) {
                refused.add(new ForwardReject.Ref(p.reqid(), m.forwardId()));
            }
        }
        if (!refused.isEmpty()) {
            out.sendNow(new ForwardReject(self, m.from(), refused, !current,
                    current ? "master queue full" : "not the master"));
        }
    }

    private void onForwardReject(ForwardReject m) {
        if (m.retryable() && knownMaster == m.from()) {
            knownMaster = 0;
        }
        for (final ForwardReject.Ref ref : m.refs()) {
            final Outcome outcome = locals.onNotChosen(ref, m.retryable(), m.reason(), nowTick);
            if (outcome != null) {
                out.outcome(outcome);
            }
        }
    }

    /** The master learned that proposals it took will never be chosen where it put them (or anywhere). */
    private void notChosenAtMaster(int origin, List<ForwardReject.Ref> refs, String reason) {
        if (origin == self) {
            for (final ForwardReject.Ref ref : refs) {
                final Outcome outcome = locals.onNotChosen(ref, true, reason, nowTick);
                if (outcome != null) {
                    out.outcome(outcome);
                }
            }
        } else {
            out.sendNow(new ForwardReject(self, origin, refs, true, reason));
        }
    }
}
