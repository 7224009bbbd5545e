package io.spaxos.check;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Shrinks a non-linearizable history to a smaller one that is still not linearizable, for a
 * person to read.
 *
 * <p>Only sound reductions are used, so the small history is itself a proof that the original
 * is not linearizable: any reduction used turns a linearizable history into a linearizable
 * one. Dropping an arbitrary operation would not be: drop the write whose value a read saw and
 * any history fails, for a reason that was never in it. The reductions:
 * <ol>
 *   <li>Truncate at the earliest time T that still fails: drop operations called after T and
 *       make those still running at T indefinite. (A linearization of the whole, cut after the
 *       last operation completed by T, linearizes the truncation.) Failing is monotone in T,
 *       so T is found by bisection.</li>
 *   <li>Drop read-only operations, in halving chunks and then one at a time, while the history
 *       still fails (a read never changes the state, so removing it cannot break a
 *       linearization).</li>
 * </ol>
 * Writes that took effect are kept, so the result is small in reads and in time, not minimal.
 */
public final class HistoryMinimizer {

    private HistoryMinimizer() {
    }

    /**
     * @param history a history the checker found NOT_LINEARIZABLE
     * @param budget  bounds the whole minimisation; when it runs out the smallest failing
     *                history found so far is returned
     * @return a sub-history (in call-time order) that the checker finds NOT_LINEARIZABLE
     * @throws IllegalArgumentException if {@code history} cannot be shown non-linearizable
     *                                  within the budget
     */
    public static <S, I, O> List<Operation<I, O>> minimize(
            List<Operation<I, O>> history, Model<S, I, O> model, Budget budget) {
        final BudgetMeter meter = new BudgetMeter(budget);
        List<Operation<I, O>> current = LinearizabilityChecker.withoutNoOps(history, model);
        current.sort((a, b) -> Long.compare(a.callTime(), b.callTime()));
        if (!fails(current, model, meter)) {
            throw new IllegalArgumentException("history is not shown to be non-linearizable within " + budget);
        }
        current = truncateEarliest(current, model, meter);
        return dropReads(current, model, meter);
    }

    private static <S, I, O> List<Operation<I, O>> truncateEarliest(
            List<Operation<I, O>> history, Model<S, I, O> model, BudgetMeter meter) {
        final List<Long> times = new ArrayList<>(eventTimes(history));
        int failingAt = times.size() - 1;
        int passingBelow = -1;
        while (failingAt - passingBelow > 1 && !meter.isExhausted()) {
            final int middle = (passingBelow + failingAt) >>> 1;
            if (fails(truncate(history, times.get(middle), model), model, meter)) {
                failingAt = middle;
            } else {
                passingBelow = middle;
            }
        }
        return truncate(history, times.get(failingAt), model);
    }

    private static <S, I, O> List<Operation<I, O>> dropReads(
            List<Operation<I, O>> history, Model<S, I, O> model, BudgetMeter meter) {
        List<Operation<I, O>> current = history;
        for (int chunk = Math.max(1, readCount(current, model) / 2); chunk >= 1 && !meter.isExhausted(); chunk /= 2) {
            int skipReads = 0;
            while (skipReads < readCount(current, model) && !meter.isExhausted()) {
                final List<Operation<I, O>> candidate = withoutReads(current, model, skipReads, chunk);
                if (fails(candidate, model, meter)) {
                    current = candidate;
                } else {
                    skipReads += chunk;
                }
            }
        }
        return current;
    }

    /** {@code history} without its read-only operations number {@code from} to {@code from+count-1}. */
    private static <S, I, O> List<Operation<I, O>> withoutReads(
            List<Operation<I, O>> history, Model<S, I, O> model, int from, int count) {
        final List<Operation<I, O>> kept = new ArrayList<>(history.size());
        int readIndex = 0;
        for (final Operation<I, O> op : history) {
            if (model.isReadOnly(op.input())) {
                final boolean dropped = readIndex >= from && readIndex < from + count;
                readIndex++;
                if (dropped) {
                    continue;
                }
            }
            kept.add(op);
        }
        return kept;
    }

    static <S, I, O> List<Operation<I, O>> truncate(List<Operation<I, O>> history, long at, Model<S, I, O> model) {
        final List<Operation<I, O>> kept = new ArrayList<>(history.size());
        for (final Operation<I, O> op : history) {
            if (op.callTime() > at) {
                continue;
            }
            final boolean runningAtCut = op.isCompleted() && op.returnTime() > at;
            kept.add(runningAtCut ? op.asIndefinite() : op);
        }
        return LinearizabilityChecker.withoutNoOps(kept, model);
    }

    private static TreeSet<Long> eventTimes(List<? extends Operation<?, ?>> history) {
        final TreeSet<Long> times = new TreeSet<>();
        for (final Operation<?, ?> op : history) {
            times.add(op.callTime());
            if (op.isCompleted()) {
                times.add(op.returnTime());
            }
        }
        return times;
    }

    private static <S, I, O> int readCount(List<Operation<I, O>> history, Model<S, I, O> model) {
        return (int) history.stream().filter(op -> model.isReadOnly(op.input())).count();
    }

    /** True only if the check proves non-linearizability: UNKNOWN counts as passing. */
    private static <S, I, O> boolean fails(List<Operation<I, O>> history, Model<S, I, O> model, BudgetMeter meter) {
        return LinearizabilityChecker.check(history, model, meter).verdict() == CheckResult.Verdict.NOT_LINEARIZABLE;
    }
}
