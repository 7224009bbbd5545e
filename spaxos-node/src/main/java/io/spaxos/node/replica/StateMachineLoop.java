package io.spaxos.node.replica;

import io.spaxos.core.CoreConfig;
import io.spaxos.core.Proposal;
import io.spaxos.core.Ready;
import io.spaxos.core.RecoveredState;
import io.spaxos.core.Replica;
import io.spaxos.core.Status;
import io.spaxos.core.msg.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The state-machine thread (SMT): the only thread that touches the core. Each turn it drains its
 * inbox (proposals, peer messages, ticks) in one batch, feeds it all to the core, takes one Ready,
 * and hands it on: messages that need no write to the network at once, the rest to the storage
 * thread, chosen entries and outcomes to the apply thread. Hand-offs block when the next thread's
 * queue is full, which is the back-pressure that bounds memory; no thread ever waits on this one
 * while holding something this one needs.
 */
final class StateMachineLoop implements Runnable {

    static final int MAX_INPUTS_PER_TURN = 4096;
    private static final long POLL_MS = 50;

    private final CoreConfig coreConfig;
    private final BlockingQueue<Object> inbox;
    private final BlockingQueue<Inputs.StorageJob> storage;
    private final BlockingQueue<ApplyLoop.Batch> apply;
    private final Consumer<List<Message>> network;
    private final Supplier<Inputs.Durable> durable;
    private volatile boolean running = true;
    private volatile Status status;
    private Replica core;
    private int generation;
    private long jitterSeed;

    StateMachineLoop(CoreConfig coreConfig, RecoveredState recovered, BlockingQueue<Object> inbox,
                     BlockingQueue<Inputs.StorageJob> storage, BlockingQueue<ApplyLoop.Batch> apply,
                     Consumer<List<Message>> network, Supplier<Inputs.Durable> durable) {
        this.coreConfig = coreConfig;
        this.inbox = inbox;
        this.storage = storage;
        this.apply = apply;
        this.network = network;
        this.durable = durable;
        this.jitterSeed = coreConfig.jitterSeed();
        this.core = new Replica(coreConfig, recovered);
        this.status = core.status();
    }

    Status status() {
        return status;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        final List<Object> batch = new ArrayList<>();
        while (running) {
            try {
                final Object first = inbox.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    inbox.drainTo(batch, MAX_INPUTS_PER_TURN - 1);
                }
                turn(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void turn(List<Object> inputs) throws InterruptedException {
        final Inputs.Durable done = durable.get();
        if (done.generation() == generation) {
            core.persistedThrough(done.readyId());
        }
        for (final Object input : inputs) {
            if (input instanceof Message m) {
                core.step(m);
            } else if (input instanceof Proposal p) {
                core.propose(p);
            } else if (input == Inputs.TICK) {
                core.tick();
            } else if (input instanceof Inputs.Rebuild r) {
                rebuild(r);
            }
        }
        final Ready ready = core.ready();
        if (!ready.chosen().isEmpty() || !ready.outcomes().isEmpty()) {
            apply.put(new ApplyLoop.Batch(ready.chosen(), ready.outcomes()));
        }
        if (!ready.messagesNow().isEmpty()) {
            network.accept(ready.messagesNow());
        }
        if (ready.hasStorageWork()) {
            storage.put(new Inputs.StorageJob(generation, ready));
        }
        status = core.status();
    }

    /** Starts a new core from what storage holds; proposals in flight at the old one end UNKNOWN. */
    private void rebuild(Inputs.Rebuild rebuild) throws InterruptedException {
        generation = rebuild.generation();
        jitterSeed = jitterSeed * 31 + generation;
        core = new Replica(coreConfig.withJitterSeed(jitterSeed), rebuild.state());
        apply.put(ApplyLoop.Batch.REBUILT);
    }
}
