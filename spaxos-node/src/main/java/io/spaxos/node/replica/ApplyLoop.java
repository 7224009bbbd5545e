package io.spaxos.node.replica;

import io.spaxos.core.ChosenEntry;
import io.spaxos.core.Outcome;
import io.spaxos.node.ProposalResult;
import io.spaxos.node.StateMachine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apply thread: the seed's chosen queue, drained into the application. It applies entries
 * strictly in entry-index order, once each (after a rebuild the core may emit entries again; they
 * are skipped), and completes the futures of proposals made at this replica.
 */
final class ApplyLoop<R> implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ApplyLoop.class);

    /** Chosen entries and outcomes from one Ready, in order. */
    record Batch(List<ChosenEntry> chosen, List<Outcome> outcomes) {
        /** The core was rebuilt: every proposal still waiting has lost its record there. */
        static final Batch REBUILT = new Batch(List.of(), List.of());
    }

    private final int nodeId;
    private final StateMachine<R> stateMachine;
    private final BlockingQueue<Batch> queue;
    private final ConcurrentMap<String, CompletableFuture<ProposalResult<R>>> waiting;
    private final Consumer<ChosenEntry> chosenListener;
    private volatile boolean running = true;
    private volatile long lastAppliedEntry;

    ApplyLoop(int nodeId, StateMachine<R> stateMachine, BlockingQueue<Batch> queue,
              ConcurrentMap<String, CompletableFuture<ProposalResult<R>>> waiting, long lastAppliedEntry,
              Consumer<ChosenEntry> chosenListener) {
        this.nodeId = nodeId;
        this.stateMachine = stateMachine;
        this.queue = queue;
        this.waiting = waiting;
        this.lastAppliedEntry = lastAppliedEntry;
        this.chosenListener = chosenListener;
    }

    long lastAppliedEntry() {
        return lastAppliedEntry;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running) {
            try {
                final Batch batch = queue.take();
                if (batch == Batch.REBUILT) {
                    failAllWaiting("the replica rebuilt its state from disk after a storage error");
                } else {
                    apply(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void apply(Batch batch) {
        final Map<String, R> answers = new HashMap<>();
        for (final ChosenEntry entry : batch.chosen()) {
            if (entry.index() <= lastAppliedEntry) {
                continue;
            }
            if (entry.index() != lastAppliedEntry + 1) {
                // The core hands out a dense log; a gap means a bug, and applying past it would fork state.
                throw new IllegalStateException("node " + nodeId + ": entry " + entry.index()
                        + " follows entry " + lastAppliedEntry);
            }
            final R answer = stateMachine.apply(entry);
            lastAppliedEntry = entry.index();
            chosenListener.accept(entry);
            if (waiting.containsKey(entry.reqid())) {
                answers.putIfAbsent(entry.reqid(), answer);
            }
        }
        for (final Outcome outcome : batch.outcomes()) {
            final CompletableFuture<ProposalResult<R>> future = waiting.remove(outcome.reqid());
            if (future != null) {
                future.complete(new ProposalResult<>(outcome, answers.get(outcome.reqid())));
            }
        }
    }

    /** Completes every waiting proposal as UNKNOWN: its outcome can no longer be reported. */
    void failAllWaiting(String reason) {
        for (final String reqid : List.copyOf(waiting.keySet())) {
            final CompletableFuture<ProposalResult<R>> future = waiting.remove(reqid);
            if (future != null) {
                future.complete(new ProposalResult<>(Outcome.unknown(reqid, reason), null));
            }
        }
        LOG.debug("node {}: proposals waiting for an outcome were told: {}", nodeId, reason);
    }
}
