package io.spaxos.server.redis;

import io.spaxos.core.Ballot;
import io.spaxos.core.Bytes;
import io.spaxos.core.ChosenEntry;
import io.spaxos.core.Outcome;
import io.spaxos.core.Status;
import io.spaxos.node.ProposalResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A replica without a cluster: proposals are applied to a local state machine, refused, or held. */
final class FakeReplica implements Replica {

    enum Mode { APPLY, NOT_CHOSEN, UNKNOWN, HOLD }

    record Proposed(String reqid, List<KvCommand> commands, CompletableFuture<ProposalResult<List<Reply>>> result) {
    }

    final KvStateMachine kv = new KvStateMachine();
    /** Every proposal so far; written on the event loop, so read it under this object's lock or after the client is done. */
    final List<Proposed> proposed = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile Mode mode = Mode.APPLY;
    private long nextEntry = 1;

    @Override
    public int id() {
        return 1;
    }

    @Override
    public Status status() {
        return new Status(1, Status.Role.MASTER, 1, Ballot.ZERO, nextEntry - 1, nextEntry - 1, nextEntry - 1, 0);
    }

    @Override
    public long lastAppliedEntry() {
        return nextEntry - 1;
    }

    @Override
    public Optional<String> failure() {
        return Optional.empty();
    }

    @Override
    public synchronized CompletableFuture<ProposalResult<List<Reply>>> propose(String reqid, byte[] value) {
        final CompletableFuture<ProposalResult<List<Reply>>> result = new CompletableFuture<>();
        proposed.add(new Proposed(reqid, KvCodec.decode(Bytes.wrap(value)).orElseThrow(), result));
        switch (mode) {
            case APPLY -> {
                final long entry = nextEntry++;
                final List<Reply> answers = kv.apply(new ChosenEntry(entry, entry, reqid, Bytes.wrap(value)));
                result.complete(new ProposalResult<>(Outcome.chosen(reqid, entry), answers));
            }
            case NOT_CHOSEN -> result.complete(new ProposalResult<>(Outcome.notChosen(reqid, "queue full"), null));
            case UNKNOWN -> result.complete(new ProposalResult<>(Outcome.unknown(reqid, "no quorum"), null));
            case HOLD -> { }
        }
        return result;
    }
}
