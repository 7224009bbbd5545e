package io.spaxos.check;

import java.time.Duration;
import java.util.Objects;

/**
 * A limit on how long a check may search. Linearizability checking is NP-complete (Gibbons and
 * Korach, 1997), so every check needs one; when it runs out the verdict is UNKNOWN, never a
 * guess.
 *
 * @param maxTime  wall-clock time allowed
 * @param maxSteps search steps allowed (one step tries or undoes one operation); a step limit
 *                 makes a result repeatable across machines, where a time limit does not
 */
public record Budget(Duration maxTime, long maxSteps) {

    /** One minute, unlimited steps: a default for checks nobody tuned. */
    public static final Budget DEFAULT = new Budget(Duration.ofMinutes(1), Long.MAX_VALUE);

    public Budget {
        Objects.requireNonNull(maxTime, "maxTime");
        if (maxTime.isNegative() || maxSteps < 0) {
            throw new IllegalArgumentException("budget must not be negative: " + maxTime + ", " + maxSteps + " steps");
        }
    }

    public static Budget ofTime(Duration maxTime) {
        return new Budget(maxTime, Long.MAX_VALUE);
    }

    public static Budget ofSteps(long maxSteps) {
        return new Budget(Duration.ofSeconds(Long.MAX_VALUE), maxSteps);
    }
}
