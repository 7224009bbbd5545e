package io.spaxos.core;

import io.spaxos.core.msg.Message;
import io.spaxos.core.msg.Prepare;
import io.spaxos.core.msg.Promise;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives one {@link Replica} by hand for the rule tests: every output goes through the real
 * {@link Ready#persistThenRelease} with a writer that only collects what it was given, so a test can
 * see what was written and what was released only after the write.
 */
final class ReplicaDriver {

    static final List<Integer> MEMBERS = List.of(1, 2, 3);

    /** Three nodes, no election jitter, small limits; a tick is whatever the test says it is. */
    static CoreConfig config(int self) {
        return CoreConfig.defaults(self, MEMBERS)
                .withTimes(5, 20, 0, 10)
                .withLimits(4, 3, 1000, 100)
                .withProposalTimeout(100);
    }

    /** What one {@link Replica#ready()} gave, and what persisting it released. */
    record Step(Ready ready, List<Message> released, List<Ready.LogRead> logReads, List<HardState> written) {

        /** Every message that left: sent at once plus released after the write. */
        List<Message> sent() {
            final List<Message> all = new ArrayList<>(ready.messagesNow());
            all.addAll(released);
            return all;
        }

        <T extends Message> List<T> sent(Class<T> type) {
            return sent().stream().filter(type::isInstance).map(type::cast).toList();
        }

        List<ChosenEntry> chosen() {
            return ready.chosen();
        }

        List<Outcome> outcomes() {
            return ready.outcomes();
        }
    }

    final Replica replica;
    final CoreConfig config;
    final List<HardState> disk = new ArrayList<>();
    /** When false, the test reports syncs itself with {@link Replica#persisted}. */
    boolean reportPersisted = true;

    ReplicaDriver(CoreConfig config, RecoveredState recovered) {
        this.config = config;
        this.replica = new Replica(config, recovered);
    }

    static ReplicaDriver fresh(int self) {
        return new ReplicaDriver(config(self), RecoveredState.empty());
    }

    int self() {
        return config.self();
    }

    Step take() {
        final Ready ready = replica.ready();
        final List<HardState> written = new ArrayList<>();
        final Ready.Released released;
        try {
            released = Ready.persistThenRelease(List.of(ready), (states, sync) -> {
                written.addAll(states);
                disk.addAll(states);
            });
        } catch (Exception e) {
            throw new AssertionError("the collecting writer cannot fail", e);
        }
        if (reportPersisted) {
            replica.persisted(ready.id());
        }
        return new Step(ready, released.messages(), released.logReads(), written);
    }

    Step step(Message message) {
        replica.step(message);
        return take();
    }

    Step propose(Proposal... proposals) {
        for (final Proposal p : proposals) {
            replica.propose(p);
        }
        return take();
    }

    Step tick() {
        replica.tick();
        return take();
    }

    /** Ticks until this replica sends Prepares; returns the ballot it runs with. */
    Ballot startElection() {
        final int bound = config.electionTimeoutTicks() + config.electionJitterTicks() + 2;
        for (int i = 0; i < bound; i++) {
            final List<Prepare> prepares = tick().sent(Prepare.class);
            if (!prepares.isEmpty()) {
                return prepares.get(0).ballot();
            }
        }
        throw new AssertionError("no election within " + bound + " ticks");
    }

    /** Wins phase 1 with promises from the other members, which accepted nothing. */
    Ballot becomeMaster() {
        final Ballot ballot = startElection();
        for (final int peer : MEMBERS) {
            if (peer != self()) {
                step(promise(peer, ballot, 0, List.of()));
            }
        }
        if (replica.status().role() != Status.Role.MASTER) {
            throw new AssertionError("not master after a quorum of promises: " + replica.status());
        }
        return ballot;
    }

    Promise promise(int from, Ballot ballot, long appliedUpTo, List<Promise.Vote> votes) {
        return new Promise(from, self(), ballot, true, ballot, appliedUpTo, votes);
    }

    static Proposal proposal(String reqid) {
        return Proposal.of(reqid, "value-of-" + reqid);
    }

    static Batch batch(String... reqids) {
        final List<Proposal> proposals = new ArrayList<>();
        for (final String r : reqids) {
            proposals.add(proposal(r));
        }
        return new Batch(proposals);
    }
}
