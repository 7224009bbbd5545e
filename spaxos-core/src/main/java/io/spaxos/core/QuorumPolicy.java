package io.spaxos.core;

/**
 * How many votes each phase needs. Safety needs every phase-1 quorum to intersect every phase-2
 * quorum (Howard et al., "Flexible Paxos", 2016): {@code phase1 + phase2 > nodes}.
 */
public interface QuorumPolicy {

    int phase1(int nodes);

    int phase2(int nodes);

    /** A majority for both phases: the classic choice, tolerating any minority of failures. */
    QuorumPolicy MAJORITY = new QuorumPolicy() {
        @Override
        public int phase1(int nodes) {
            return nodes / 2 + 1;
        }

        @Override
        public int phase2(int nodes) {
            return nodes / 2 + 1;
        }

        @Override
        public String toString() {
            return "majority";
        }
    };
}
