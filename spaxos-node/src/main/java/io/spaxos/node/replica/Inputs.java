package io.spaxos.node.replica;

import io.spaxos.core.RecoveredState;

/** Control inputs of the state-machine thread, beside proposals and peer messages. */
final class Inputs {

    private Inputs() {
    }

    /** Nothing to do but look at what the storage thread finished. */
    static final Object WAKE = new Object() {
        @Override
        public String toString() {
            return "wake";
        }
    };

    /** Rebuild the core from what storage holds, after a write error; {@code generation} tags its output. */
    record Rebuild(int generation, RecoveredState state) {
    }

    /** A Ready handed to the storage thread, tagged with the core generation that produced it. */
    record StorageJob(int generation, io.spaxos.core.Ready ready) {
    }

    /** The storage thread's progress: every Ready up to {@code readyId} of {@code generation} is durable. */
    record Durable(int generation, long readyId) {
        static final Durable NONE = new Durable(0, 0);
    }
}
