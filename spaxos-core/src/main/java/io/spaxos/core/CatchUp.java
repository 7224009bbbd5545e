package io.spaxos.core;

import io.spaxos.core.msg.CatchupRequest;
import io.spaxos.core.msg.Learn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Learning chosen values a replica missed, from any peer that has them. Peers reveal how far they
 * have applied in heartbeats, accept replies and promises; a replica behind them asks for the
 * missing range, at most once per {@code catchupRetryTicks}.
 */
final class CatchUp {

    /** Requests to one peer without progress before its claim is dropped and another peer asked. */
    static final int MAX_FRUITLESS_REQUESTS = 3;

    private final CoreConfig config;
    private final InstanceLog log;
    private final Outbox out;
    // What each peer said it has chosen or applied up to. A claim can outlive what its node still
    // knows (a Commit's sender may crash before writing), so a claim that yields nothing is dropped.
    private final Map<Integer, Long> claims = new HashMap<>();
    private int target;
    private long appliedAtLastRequest = -1;
    private int fruitlessRequests;
    private long lastRequestTick = Long.MIN_VALUE / 2;

    CatchUp(CoreConfig config, InstanceLog log, Outbox out) {
        this.config = config;
        this.log = log;
        this.out = out;
    }

    /** The highest index any peer claims is chosen. */
    long knownChosen() {
        long max = 0;
        for (final long claim : claims.values()) {
            max = Math.max(max, claim);
        }
        return max;
    }

    /** {@code node} says every index up to {@code chosenUpTo} is chosen there (or at least that one). */
    void hint(long chosenUpTo, int node, long nowTick) {
        if (node != config.self()) {
            claims.merge(node, chosenUpTo, Math::max);
        }
        maybeRequest(nowTick);
    }

    void onTick(long nowTick) {
        maybeRequest(nowTick);
    }

    private void maybeRequest(long nowTick) {
        final long applied = log.appliedUpTo();
        if (nowTick - lastRequestTick < config.catchupRetryTicks()) {
            return;
        }
        final Slot next = log.get(applied + 1);
        if (next != null && next.isChosen()) {
            return;
        }
        if (target != 0 && applied == appliedAtLastRequest && ++fruitlessRequests >= MAX_FRUITLESS_REQUESTS) {
            claims.remove(target);
            fruitlessRequests = 0;
        } else if (applied != appliedAtLastRequest) {
            fruitlessRequests = 0;
        }
        int best = 0;
        long bestClaim = applied;
        for (final Map.Entry<Integer, Long> claim : claims.entrySet()) {
            if (claim.getValue() > bestClaim) {
                best = claim.getKey();
                bestClaim = claim.getValue();
            }
        }
        if (best == 0) {
            target = 0;
            return;
        }
        target = best;
        appliedAtLastRequest = applied;
        lastRequestTick = nowTick;
        out.sendNow(new CatchupRequest(config.self(), best, applied + 1,
                Math.min(bestClaim, applied + config.maxCatchupInstances())));
    }

    /** Answers from memory what is still there, and asks storage for what was applied and retired. */
    void serve(CatchupRequest m) {
        final long from = Math.max(1, m.fromIndex());
        final long to = Math.min(m.toIndex(), from + config.maxCatchupInstances() - 1);
        if (to < from) {
            return;
        }
        final long applied = log.appliedUpTo();
        if (from <= applied) {
            out.readLog(new Ready.LogRead(m.from(), from, Math.min(to, applied)));
        }
        final List<Learn.Chosen> chosen = new ArrayList<>();
        long bytes = 0;
        for (long index = Math.max(from, applied + 1); index <= to && bytes < config.maxLearnBytes(); index++) {
            final Slot slot = log.get(index);
            if (slot != null && slot.isChosen()) {
                chosen.add(new Learn.Chosen(index, slot.chosenValue));
                bytes += slot.chosenValue.sizeBytes();
            }
        }
        if (!chosen.isEmpty()) {
            out.sendNow(new Learn(config.self(), m.from(), chosen));
        }
    }

    void onLearn(Learn m) {
        for (final Learn.Chosen c : m.chosen()) {
            log.markChosen(c.index(), c.value());
        }
    }
}
