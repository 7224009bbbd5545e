package io.spaxos.node.transport;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link TransportStats}; written by the sender's and the network thread. */
final class TransportCounters {

    final LongAdder sent = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder droppedDisconnected = new LongAdder();
    final LongAdder droppedOverflow = new LongAdder();
    final LongAdder droppedOversized = new LongAdder();
    final LongAdder droppedMisaddressed = new LongAdder();
    final LongAdder connectionsRejected = new LongAdder();

    TransportStats snapshot() {
        return new TransportStats(sent.sum(), received.sum(), droppedDisconnected.sum(), droppedOverflow.sum(),
                droppedOversized.sum(), droppedMisaddressed.sum(), connectionsRejected.sum());
    }
}
