package io.spaxos.sim;

import java.util.SplittableRandom;

/**
 * Everything one simulated run depends on, all derived from its seed (and the node count), so a
 * seed alone replays a run exactly.
 *
 * @param faultTicks    ticks during which faults are injected
 * @param livenessTicks after every fault healed, the ticks within which every new proposal must be
 *                      chosen and all replicas must converge
 */
public record SimParams(long seed, int nodes, Variant variant, int faultTicks, int livenessTicks,
                        double dropRate, double duplicateRate, int maxDelayUnits,
                        double crashPerTick, double partitionPerTick, double proposePerTick) {

    /** Simulated time units per protocol tick: messages and syncs take a few units. */
    public static final int UNITS_PER_TICK = 10;

    public static final int LIVENESS_TICKS = 800;

    /**
     * Ticks after the heal before liveness proposals start: time for stale views of a crashed
     * master to expire and a master to be elected. A proposal forwarded to a master that crashed
     * can only end UNKNOWN, so it says nothing about liveness.
     */
    public static final int SETTLE_TICKS = 100;

    public static SimParams fromSeed(long seed, int nodes, Variant variant) {
        final SplittableRandom r = new SplittableRandom(seed);
        return new SimParams(seed, nodes, variant,
                300 + r.nextInt(900),
                LIVENESS_TICKS,
                r.nextDouble() * 0.2,
                r.nextDouble() * 0.1,
                1 + r.nextInt(3 * UNITS_PER_TICK),
                r.nextDouble() * 0.03,
                r.nextDouble() * 0.03,
                0.2 + r.nextDouble() * 2);
    }
}
