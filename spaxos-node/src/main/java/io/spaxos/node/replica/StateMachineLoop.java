package io.spaxos.node.replica;

import io.spaxos.core.CoreConfig;
import io.spaxos.core.Proposal;
import io.spaxos.core.Ready;
import io.spaxos.core.RecoveredState;
import io.spaxos.core.Replica;
import io.spaxos.core.Status;
import io.spaxos.core.msg.Accepted;
import io.spaxos.core.msg.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The state-machine thread (SMT): the only thread that touches the core. Each turn it drains its
 * inbox (proposals, peer messages, control inputs) in one batch, feeds it all to the core, takes a
 * Ready, and hands it on: messages that need no write to the network at once, the rest to the
 * storage thread, chosen entries and outcomes to the apply thread. Hand-offs block when the next
 * thread's queue is full, which is the back-pressure that bounds memory; no thread ever waits on
 * this one while holding something this one needs.
 *
 * <p>Time: the thread keeps the tick schedule itself, waiting on its inbox no longer than the next
 * tick is due, so no timer thread wakes it. Messages the core sends to its own replica (a master's
 * accept to itself) are stepped within the same turn: they would only have come back through this
 * inbox, one thread hand-off later.
 *
 * <p>Proposals wait in a queue of their own, which the thread drains at every turn. Producers wake
 * it only when enough wait to make a batch leave ({@link Replica#proposalsBeforeNextBatch}): while a
 * master's batch is in flight, proposals gather without a thread wake-up each, and the turn that
 * learns the batch was chosen takes them all.
 *
 * <p>Late votes (for an index already chosen here) wait in a queue of their own as well, drained at
 * every turn without waking the thread: with three replicas one vote in two arrives after its
 * index was chosen, and it only refreshes liveness and catch-up hints, which a turn up to one tick
 * later serves as well.
 */
final class StateMachineLoop implements Runnable {

    static final int MAX_INPUTS_PER_TURN = 4096;
    /** Rounds of stepping own messages in one turn; a core never needs more than two (accept, then nothing). */
    static final int MAX_SELF_ROUNDS = 4;
    /** Ticks a late turn catches up at most; a replica starved for longer just sees less time pass. */
    static final int MAX_TICKS_PER_TURN = 10;

    private final CoreConfig coreConfig;
    private final BlockingQueue<Object> inbox;
    private final BlockingQueue<Proposal> proposals;
    private final BlockingQueue<Message> lateVotes;
    // Set by the first producer to wake this thread since its last turn began, so one WAKE is enough.
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final BlockingQueue<Inputs.StorageJob> storage;
    private final BlockingQueue<ApplyLoop.Batch> apply;
    private final Consumer<List<Message>> network;
    private final Supplier<Inputs.Durable> durable;
    private final int self;
    private final long tickNanos;
    private final List<Message> toSelf = new ArrayList<>();
    private final List<Message> toPeers = new ArrayList<>();
    private volatile boolean running = true;
    private volatile Status status;
    private volatile int wakeAtQueuedProposals = 1;
    private long nextTickAt;
    private Replica core;
    private int generation;
    private long jitterSeed;

    StateMachineLoop(CoreConfig coreConfig, RecoveredState recovered, int tickMs, BlockingQueue<Object> inbox,
                     BlockingQueue<Proposal> proposals, BlockingQueue<Message> lateVotes,
                     BlockingQueue<Inputs.StorageJob> storage, BlockingQueue<ApplyLoop.Batch> apply,
                     Consumer<List<Message>> network, Supplier<Inputs.Durable> durable) {
        if (tickMs <= 0) {
            throw new IllegalArgumentException("tickMs must be > 0: " + tickMs);
        }
        this.coreConfig = coreConfig;
        this.self = coreConfig.self();
        this.tickNanos = TimeUnit.MILLISECONDS.toNanos(tickMs);
        this.inbox = inbox;
        this.proposals = proposals;
        this.lateVotes = lateVotes;
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

    /**
     * Called by the network and storage threads for each message to this replica; never blocks.
     * @return false when the message was dropped because the inbox is full (Paxos tolerates loss)
     */
    boolean deliver(Message message) {
        if (isLateVote(message) && lateVotes.offer(message)) {
            return true;
        }
        return inbox.offer(message);
    }

    // Every index up to appliedUpTo is chosen, so a vote there cannot help choose anything.
    private boolean isLateVote(Message message) {
        return message instanceof Accepted vote && vote.ok() && vote.index() <= status.appliedUpTo();
    }

    /** Called by a producer after queueing a proposal: wakes this thread if the proposal should be stepped now. */
    void proposalQueued() {
        if (proposals.size() >= wakeAtQueuedProposals) {
            wake();
        }
    }

    private void wake() {
        if (!wakePending.get() && !wakePending.getAndSet(true) && !inbox.offer(Inputs.WAKE)) {
            // A full inbox means a turn is coming anyway; let the next producer try again.
            wakePending.set(false);
        }
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        final List<Object> batch = new ArrayList<>();
        nextTickAt = System.nanoTime() + tickNanos;
        while (running) {
            try {
                final long waitNanos = nextTickAt - System.nanoTime();
                final Object first = waitNanos > 0 ? inbox.poll(waitNanos, TimeUnit.NANOSECONDS) : inbox.poll();
                wakePending.set(false);
                if (first != null) {
                    batch.add(first);
                    inbox.drainTo(batch, MAX_INPUTS_PER_TURN - 1);
                }
                lateVotes.drainTo(batch, MAX_INPUTS_PER_TURN);
                proposals.drainTo(batch, MAX_INPUTS_PER_TURN);
                turn(batch, ticksDue());
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Ticks whose time has come, advancing the schedule; a long stall is not replayed in full. */
    private int ticksDue() {
        final long now = System.nanoTime();
        int ticks = 0;
        while (now - nextTickAt >= 0) {
            if (ticks < MAX_TICKS_PER_TURN) {
                ticks++;
                nextTickAt += tickNanos;
            } else {
                nextTickAt = now + tickNanos;
            }
        }
        return ticks;
    }

    private void turn(List<Object> inputs, int ticks) throws InterruptedException {
        final Inputs.Durable done = durable.get();
        if (done.generation() == generation) {
            core.persistedThrough(done.readyId());
        }
        for (final Object input : inputs) {
            if (input instanceof Message m) {
                core.step(m);
            } else if (input instanceof Proposal p) {
                core.propose(p);
            } else if (input instanceof Inputs.Rebuild r) {
                rebuild(r);
            }
        }
        for (int i = 0; i < ticks; i++) {
            core.tick();
        }
        for (int round = 1; ; round++) {
            handOn(core.ready());
            if (toSelf.isEmpty()) {
                break;
            }
            if (round == MAX_SELF_ROUNDS) {
                // The core keeps messaging itself: the rest waits in the inbox like a peer's message.
                toSelf.forEach(inbox::offer);
                toSelf.clear();
                break;
            }
            // Stepped like any inbox message, so one code path counts every vote, ours included.
            for (final Message m : toSelf) {
                core.step(m);
            }
            toSelf.clear();
        }
        status = core.status();
        // Published before looking at the queue, which producers fill before reading this: either
        // this turn sees their proposals or they see the new threshold.
        wakeAtQueuedProposals = core.proposalsBeforeNextBatch();
        proposalQueued();
    }

    private void handOn(Ready ready) throws InterruptedException {
        if (!ready.chosen().isEmpty() || !ready.outcomes().isEmpty()) {
            apply.put(new ApplyLoop.Batch(ready.chosen(), ready.outcomes()));
        }
        if (!ready.messagesNow().isEmpty()) {
            for (final Message m : ready.messagesNow()) {
                (m.to() == self ? toSelf : toPeers).add(m);
            }
            if (!toPeers.isEmpty()) {
                network.accept(List.copyOf(toPeers));
                toPeers.clear();
            }
        }
        if (ready.hasStorageWork()) {
            storage.put(new Inputs.StorageJob(generation, ready));
        }
    }

    /** Starts a new core from what storage holds; proposals in flight at the old one end UNKNOWN. */
    private void rebuild(Inputs.Rebuild rebuild) throws InterruptedException {
        generation = rebuild.generation();
        jitterSeed = jitterSeed * 31 + generation;
        core = new Replica(coreConfig.withJitterSeed(jitterSeed), rebuild.state());
        apply.put(ApplyLoop.Batch.REBUILT);
    }
}
