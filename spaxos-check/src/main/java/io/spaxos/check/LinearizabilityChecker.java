package io.spaxos.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a concurrent history is linearizable (Herlihy and Wing 1990): whether every
 * operation can be given one instant between its call and its return so that, in the order of
 * those instants, the operations agree with a sequential {@link Model}.
 *
 * <p>Failed operations are dropped (they had no effect). Indefinite operations may take effect
 * at any instant after their call, or never; indefinite reads are dropped because they
 * constrain nothing. Every check has a {@link Budget}; a check that exhausts it answers UNKNOWN.
 */
public final class LinearizabilityChecker {

    private LinearizabilityChecker() {
    }

    /** Checks one object's history with the {@link Budget#DEFAULT} budget. */
    public static <S, I, O> CheckResult<I, O> check(List<Operation<I, O>> history, Model<S, I, O> model) {
        return check(history, model, Budget.DEFAULT);
    }

    /** Checks one object's history; UNKNOWN if {@code budget} runs out. */
    public static <S, I, O> CheckResult<I, O> check(
            List<Operation<I, O>> history, Model<S, I, O> model, Budget budget) {
        return check(history, model, new BudgetMeter(budget));
    }

    /**
     * Checks a history over many independent objects, one key at a time: linearizability is
     * local, so the whole history is linearizable exactly when each key's sub-history is
     * (Herlihy and Wing 1990, §3.3, "locality"). Checking keys apart shrinks the search
     * exponentially.
     *
     * @param model the model of one object; it sees each key's operations, unwrapped, apart
     * @return the first NOT_LINEARIZABLE key's result; else UNKNOWN (naming the key) if any key
     *         ran out of budget; else LINEARIZABLE. The budget is shared by all keys
     */
    public static <K, S, I, O> CheckResult<I, O> checkPerKey(
            List<Operation<Keyed<K, I>, O>> history, Model<S, I, O> model, Budget budget) {
        final Map<K, List<Operation<I, O>>> byKey = new LinkedHashMap<>();
        for (final Operation<Keyed<K, I>, O> op : history) {
            byKey.computeIfAbsent(op.input().key(), k -> new ArrayList<>()).add(new Operation<>(
                    op.process(), op.callTime(), op.returnTime(), op.input().input(), op.output(), op.status()));
        }
        final BudgetMeter meter = new BudgetMeter(budget);
        final List<Operation<I, O>> witness = new ArrayList<>();
        CheckResult<I, O> firstUnknown = null;
        for (final Map.Entry<K, List<Operation<I, O>>> key : byKey.entrySet()) {
            final CheckResult<I, O> result = check(key.getValue(), model, meter).forKey(key.getKey());
            switch (result.verdict()) {
                case NOT_LINEARIZABLE -> {
                    return result.withSteps(meter.stepsSpent());
                }
                case UNKNOWN -> firstUnknown = firstUnknown == null ? result : firstUnknown;
                case LINEARIZABLE -> witness.addAll(result.linearization());
            }
        }
        if (firstUnknown != null) {
            return firstUnknown.withSteps(meter.stepsSpent());
        }
        return new CheckResult<>(CheckResult.Verdict.LINEARIZABLE, witness, Optional.empty(), Optional.empty(),
                meter.stepsSpent());
    }

    static <S, I, O> CheckResult<I, O> check(List<Operation<I, O>> history, Model<S, I, O> model, BudgetMeter meter) {
        Objects.requireNonNull(model, "model");
        final List<Operation<I, O>> relevant = withoutNoOps(history, model);
        if (meter.isExhausted()) {
            return new CheckResult<>(CheckResult.Verdict.UNKNOWN, List.of(), Optional.empty(), Optional.empty(), 0);
        }
        return new LinearizationSearch<>(relevant, model, meter).run();
    }

    /** The operations that can matter: not failed, and not indefinite reads. */
    static <S, I, O> List<Operation<I, O>> withoutNoOps(List<Operation<I, O>> history, Model<S, I, O> model) {
        final List<Operation<I, O>> relevant = new ArrayList<>(history.size());
        for (final Operation<I, O> op : history) {
            final boolean failed = op.status() == Operation.Status.FAIL;
            final boolean unseenRead = op.status() == Operation.Status.INDEFINITE && model.isReadOnly(op.input());
            if (!failed && !unseenRead) {
                relevant.add(op);
            }
        }
        return relevant;
    }
}
