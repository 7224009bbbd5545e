package io.spaxos.core;

import io.spaxos.core.msg.CatchupRequest;
import io.spaxos.core.msg.Learn;
import java.util.ArrayList;
import java.util.List;

/**
 * Learning chosen values a replica missed, from any peer that has them. Peers reveal how far they
 * have applied in heartbeats, accept replies and promises; a replica behind them asks for the
 * missing range, at most once per {@code catchupRetryTicks}.
 */
final class CatchUp {

    private final CoreConfig config;
    private final InstanceLog log;
    private final Outbox out;
    private long knownChosen;
    private int source;
    private long lastRequestTick = Long.MIN_VALUE / 2;

    CatchUp(CoreConfig config, InstanceLog log, Outbox out) {
        this.config = config;
        this.log = log;
        this.out = out;
    }

    long knownChosen() {
        return knownChosen;
    }

    /** {@code node} has every index up to {@code chosenUpTo} chosen (or at least that one). */
    void hint(long chosenUpTo, int node, long nowTick) {
        if (chosenUpTo >= knownChosen && node != config.self()) {
            knownChosen = chosenUpTo;
            source = node;
        }
        maybeRequest(nowTick);
    }

    void onTick(long nowTick) {
        maybeRequest(nowTick);
    }

    private void maybeRequest(long nowTick) {
        final long applied = log.appliedUpTo();
        if (knownChosen <= applied || source == 0 || nowTick - lastRequestTick < config.catchupRetryTicks()) {
            return;
        }
        final Slot next = log.get(applied + 1);
        if (next != null && next.isChosen()) {
            return;
        }
        lastRequestTick = nowTick;
        final long to = Math.min(knownChosen, applied + config.maxCatchupInstances());
        out.sendNow(new CatchupRequest(config.self(), source, applied + 1, to));
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
