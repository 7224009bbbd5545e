package io.spaxos.check;

/**
 * Spends a {@link Budget}. One meter can be shared by several checks (the keys of a per-key
 * check, the trials of the minimiser) so that the budget bounds them together.
 */
final class BudgetMeter {

    /** Reading the clock costs about as much as a search step, so it is read only this often. */
    private static final int STEPS_PER_CLOCK_READ = 1024;

    private final long maxSteps;
    private final long startNs;
    private final long maxTimeNs;
    private long steps;
    private boolean exhausted;

    BudgetMeter(Budget budget) {
        this.maxSteps = budget.maxSteps();
        this.startNs = System.nanoTime();
        this.maxTimeNs = saturatedNanos(budget);
    }

    /** Spends one step; false once the budget is gone (and from then on). */
    boolean trySpendStep() {
        if (exhausted) {
            return false;
        }
        steps++;
        if (steps > maxSteps
                || (steps % STEPS_PER_CLOCK_READ == 0 && System.nanoTime() - startNs > maxTimeNs)) {
            exhausted = true;
        }
        return !exhausted;
    }

    boolean isExhausted() {
        return exhausted || System.nanoTime() - startNs > maxTimeNs;
    }

    long stepsSpent() {
        return steps;
    }

    private static long saturatedNanos(Budget budget) {
        try {
            return budget.maxTime().toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
