package io.spaxos.sim;

/**
 * Deliberately broken ways to run the protocol. Each breaks one rule Paxos depends on; the
 * simulator's checkers must catch every one, or they are not checking anything.
 */
public enum Variant {
    /** The correct system. */
    NONE,
    /** Phase 2 needs a single vote: phase-1 and phase-2 quorums no longer intersect. */
    PHASE2_QUORUM_OF_ONE,
    /** The disk acknowledges a sync it has not done: replies leave before their hard state is durable. */
    REPLY_BEFORE_PERSIST,
    /** The disk loses the promised ballot on restart, so a replica can break a promise it made. */
    FORGET_PROMISE_ON_RESTART
}
