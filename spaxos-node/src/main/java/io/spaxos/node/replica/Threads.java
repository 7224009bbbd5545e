package io.spaxos.node.replica;

import io.spaxos.core.ChosenEntry;
import io.spaxos.core.CoreConfig;
import io.spaxos.core.LogStorage;
import io.spaxos.core.Outcome;
import io.spaxos.core.Proposal;
import io.spaxos.core.RecoveredState;
import io.spaxos.core.Status;
import io.spaxos.core.msg.Message;
import io.spaxos.node.ProposalResult;
import io.spaxos.node.StateMachine;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replica's threads and the bounded queues between them:
 * <pre>
 *   network ──inbox──────▶ SMT ──storage jobs──▶ ST ──▶ network (messages after their write)
 *   clients ──proposals──▶  │                      └──▶ inbox (those to this replica)
 *                           ├──▶ network (messages that need no write)
 *                           └──apply batches──▶ apply thread ──▶ application
 * </pre>
 * The SMT keeps time itself (see {@link StateMachineLoop}); every thread blocks while it has
 * nothing to do.
 * Producers outside the replica never block: a full inbox drops a peer message (Paxos tolerates
 * loss), a full proposal queue refuses a proposal with a reason.
 */
public final class Threads<R> {

    private static final Logger LOG = LoggerFactory.getLogger(Threads.class);
    static final int INBOX_CAPACITY = 65_536;
    static final int PROPOSAL_QUEUE_CAPACITY = 65_536;
    static final int STORAGE_QUEUE_CAPACITY = 1_024;
    static final int APPLY_QUEUE_CAPACITY = 1_024;
    private static final long JOIN_MS = 5_000;

    private final int nodeId;
    private final BlockingQueue<Object> inbox = new ArrayBlockingQueue<>(INBOX_CAPACITY);
    private final BlockingQueue<Proposal> proposals = new ArrayBlockingQueue<>(PROPOSAL_QUEUE_CAPACITY);
    private final BlockingQueue<Message> lateVotes = new ArrayBlockingQueue<>(INBOX_CAPACITY);
    private final BlockingQueue<Inputs.StorageJob> storageJobs = new ArrayBlockingQueue<>(STORAGE_QUEUE_CAPACITY);
    private final BlockingQueue<ApplyLoop.Batch> applyBatches = new ArrayBlockingQueue<>(APPLY_QUEUE_CAPACITY);
    private final ConcurrentMap<String, CompletableFuture<ProposalResult<R>>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong droppedMessages = new AtomicLong();
    private final CoreConfig coreConfig;
    private final RecoveredState recovered;
    private final LogStorage storage;
    private final ApplyLoop<R> applyLoop;
    private final int tickMs;
    private StorageLoop storageLoop;
    private StateMachineLoop smtLoop;
    private Thread smt;
    private Thread st;
    private Thread applier;
    private volatile String failure;

    /** @param tickMs how long one tick of the core's protocol time is */
    public Threads(int nodeId, CoreConfig coreConfig, int tickMs, RecoveredState recovered, LogStorage storage,
                   StateMachine<R> stateMachine, Consumer<ChosenEntry> onChosen) {
        this.nodeId = nodeId;
        this.tickMs = tickMs;
        this.coreConfig = coreConfig;
        this.recovered = recovered;
        this.storage = storage;
        this.applyLoop = new ApplyLoop<>(nodeId, stateMachine, applyBatches, waiting, recovered.nextEntry() - 1, onChosen);
    }

    /** Wires the network; must be called before {@link #start}. */
    public void connect(Consumer<List<Message>> network) {
        smtLoop = new StateMachineLoop(coreConfig, recovered, tickMs, inbox, proposals, lateVotes, storageJobs,
                applyBatches, network, () -> storageLoop.durable());
        storageLoop = new StorageLoop(nodeId, storage, storageJobs, inbox, this::deliver, network, this::stopServing,
                coreConfig.maxCatchupInstances(), coreConfig.maxLearnBytes());
    }

    public void start() {
        applier = start(applyLoop, "spaxos-apply-" + nodeId);
        st = start(storageLoop, "spaxos-st-" + nodeId);
        smt = start(smtLoop, "spaxos-smt-" + nodeId);
    }

    /**
     * Starts a loop on its own thread. A loop that throws has found a state it must not go on
     * from (a broken invariant, an exhausted resource): the replica stops serving, fail-stop,
     * rather than limp on with one thread missing.
     */
    private Thread start(Runnable loop, String name) {
        final Thread thread = new Thread(() -> {
            try {
                loop.run();
            } catch (Throwable e) {
                LOG.error("{} failed", name, e);
                stopServing(name + " failed: " + e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Called by the network and storage threads for every message to this replica; never blocks. */
    public void deliver(Message message) {
        if (!smtLoop.deliver(message)) {
            droppedMessages.incrementAndGet();
        }
    }

    public CompletableFuture<ProposalResult<R>> propose(Proposal proposal) {
        final CompletableFuture<ProposalResult<R>> future = new CompletableFuture<>();
        final String stopped = failure;
        if (stopped != null) {
            future.complete(new ProposalResult<>(Outcome.notChosen(proposal.reqid(), "replica stopped: " + stopped), null));
            return future;
        }
        if (waiting.putIfAbsent(proposal.reqid(), future) != null) {
            future.complete(new ProposalResult<>(
                    Outcome.notChosen(proposal.reqid(), "reqid " + proposal.reqid() + " is already pending here"), null));
            return future;
        }
        if (!proposals.offer(proposal)) {
            waiting.remove(proposal.reqid(), future);
            future.complete(new ProposalResult<>(
                    Outcome.notChosen(proposal.reqid(), "overloaded: the replica's proposal queue is full"), null));
        } else {
            smtLoop.proposalQueued();
        }
        return future;
    }

    public Status status() {
        return smtLoop.status();
    }

    public long lastAppliedEntry() {
        return applyLoop.lastAppliedEntry();
    }

    public long droppedMessages() {
        return droppedMessages.get();
    }

    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    private void stopServing(String reason) {
        if (failure != null) {
            return;
        }
        failure = reason;
        LOG.error("node {}: {}", nodeId, reason);
        smtLoop.stop();
        applyLoop.failAllWaiting("replica stopped: " + reason);
    }

    public void failWaiting(String reason) {
        applyLoop.failAllWaiting(reason);
    }

    /** Stops every thread and waits for them, so storage can be closed safely afterwards. */
    public void stop() {
        smtLoop.stop();
        storageLoop.stop();
        applyLoop.stop();
        for (final Thread t : new Thread[] {smt, st, applier}) {
            if (t != null) {
                t.interrupt();
                try {
                    t.join(JOIN_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
