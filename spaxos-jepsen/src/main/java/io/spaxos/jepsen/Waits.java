package io.spaxos.jepsen;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting by condition, with a deadline: never a bare sleep standing in for "long enough". */
final class Waits {

    private Waits() {
    }

    /** Polls {@code condition} every {@code poll} until it holds; throws once {@code deadline} has passed. */
    static void until(String what, Duration deadline, Duration poll, BooleanSupplier condition) {
        final long endNs = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - endNs > 0) {
                throw new IllegalStateException("timed out after " + deadline + " waiting for " + what);
            }
            pause(poll);
        }
    }

    /** A timed wait that is the point (a nemesis holding a fault, a client backing off), not a stand-in. */
    static void pause(Duration duration) {
        try {
            Thread.sleep(Math.max(0, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
