package io.spaxos.core;

/**
 * A seeded pseudo-random sequence (SplitMix64) for election back-off. It lives here rather than
 * using java.util.Random so the core has no hidden source of randomness: the same seed and inputs
 * always give the same outputs, which is what lets the simulator replay a run exactly.
 */
final class Jitter {

    private long state;

    Jitter(long seed) {
        this.state = seed;
    }

    /** A value in {@code [0, bound)}; 0 when {@code bound <= 0}. */
    int nextInt(int bound) {
        if (bound <= 0) {
            return 0;
        }
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (int) Long.remainderUnsigned(z, bound);
    }
}
