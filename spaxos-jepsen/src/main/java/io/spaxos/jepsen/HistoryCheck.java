package io.spaxos.jepsen;

import io.spaxos.check.Budget;
import io.spaxos.check.CheckResult;
import io.spaxos.check.HistoryMinimizer;
import io.spaxos.check.HistoryPrinter;
import io.spaxos.check.Keyed;
import io.spaxos.check.LinearizabilityChecker;
import io.spaxos.check.Operation;
import io.spaxos.check.RegisterModel;
import io.spaxos.check.RegisterOp;
import java.util.List;
import java.util.Optional;

/**
 * Runs the linearizability checker over a run's history, key by key, with each key a
 * read/write/cas register; on a violation, shrinks the failing key's history to the smallest
 * failing sub-history it can find, and renders it.
 */
final class HistoryCheck {

    private static final RegisterModel<Integer> MODEL = new RegisterModel<>();

    /**
     * @param verdict         LINEARIZABLE, NOT_LINEARIZABLE, or UNKNOWN when the budget ran out
     * @param description     the checker's account (the stuck operation and the prefix before it)
     * @param smallestFailing NOT_LINEARIZABLE: the smallest failing history of that key found
     */
    record Verdict(CheckResult.Verdict verdict, String description, Optional<Object> key,
                   List<Operation<RegisterOp<Integer>, Object>> smallestFailing, long steps) {

        boolean linearizable() {
            return verdict == CheckResult.Verdict.LINEARIZABLE;
        }

        /** The checker's account with the longest linearizable prefix cut to its last {@code maxOps} operations. */
        String brief(int maxOps) {
            final List<String> lines = description.lines().toList();
            final int head = Math.min(lines.size(), 3);
            if (lines.size() <= head + maxOps) {
                return description;
            }
            return String.join("\n", lines.subList(0, head)) + "\n    ... (" + (lines.size() - head - maxOps)
                    + " earlier operations)\n" + String.join("\n", lines.subList(lines.size() - maxOps, lines.size()));
        }
    }

    private HistoryCheck() {
    }

    static Verdict check(List<Op> ops, Budget checkBudget, Budget minimizeBudget) {
        final List<Operation<Keyed<String, RegisterOp<Integer>>, Object>> history =
                ops.stream().map(Op::toOperation).toList();
        final CheckResult<RegisterOp<Integer>, Object> result =
                LinearizabilityChecker.checkPerKey(history, MODEL, checkBudget);
        if (result.verdict() != CheckResult.Verdict.NOT_LINEARIZABLE) {
            return new Verdict(result.verdict(), result.describe(), result.key(), List.of(), result.steps());
        }
        final Object key = result.key().orElseThrow();
        final List<Operation<RegisterOp<Integer>, Object>> keyHistory = ops.stream()
                .filter(op -> op.key().equals(key))
                .map(op -> {
                    final Operation<Keyed<String, RegisterOp<Integer>>, Object> o = op.toOperation();
                    return new Operation<>(o.process(), o.callTime(), o.returnTime(), o.input().input(), o.output(),
                            o.status());
                }).toList();
        final List<Operation<RegisterOp<Integer>, Object>> smallest = minimize(keyHistory, minimizeBudget);
        return new Verdict(result.verdict(), result.describe(), result.key(), smallest, result.steps());
    }

    /** The smallest failing history of a NOT_LINEARIZABLE verdict, printed, with what its parts mean. */
    static String explainSmallest(Verdict verdict) {
        final List<Operation<RegisterOp<Integer>, Object>> ops = verdict.smallestFailing();
        final boolean cut = ops.stream().anyMatch(op -> op.process() < 0);
        return "smallest failing history found (key " + verdict.key().orElse("?") + ", " + ops.size()
                + " operations, times in microseconds since the run started"
                + (cut ? "; p-1, p-2, ... are not clients: their writes stand for everything before them, which"
                        + " could have left the key at any of those values" : "") + "):\n"
                + HistoryPrinter.format(ops, MODEL);
    }

    /**
     * The standard minimiser (truncate the end, drop reads), then a cut at the front
     * ({@link PrefixCut}), then the minimiser again on what is left. Every step is sound, so
     * the result still proves the violation.
     */
    static List<Operation<RegisterOp<Integer>, Object>> minimize(List<Operation<RegisterOp<Integer>, Object>> failing,
                                                                Budget budget) {
        final List<Operation<RegisterOp<Integer>, Object>> truncated = minimizeOrKeep(failing, budget);
        final List<Operation<RegisterOp<Integer>, Object>> cut = PrefixCut.cut(truncated, budget.maxTime());
        return cut == truncated ? truncated : minimizeOrKeep(cut, budget);
    }

    private static List<Operation<RegisterOp<Integer>, Object>> minimizeOrKeep(
            List<Operation<RegisterOp<Integer>, Object>> failing, Budget budget) {
        try {
            return HistoryMinimizer.minimize(failing, MODEL, budget);
        } catch (IllegalArgumentException notShownWithinBudget) {
            return failing;
        }
    }
}
