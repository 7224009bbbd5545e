package io.spaxos.jepsen;

import io.spaxos.check.Budget;
import io.spaxos.check.CheckResult;
import io.spaxos.check.LinearizabilityChecker;
import io.spaxos.check.Operation;
import io.spaxos.check.RegisterModel;
import io.spaxos.check.RegisterOp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Shortens a failing register history from the front, where {@link io.spaxos.check.HistoryMinimizer}
 * cannot (it keeps every write from the start). Pick a cut time T at which no write or cas is in
 * flight. The operations before T leave the register in one of a set S of values, which the
 * checker computes (a read of v placed after them is linearizable exactly when v is in S).
 * Replace them by one concurrent write of each value of S, just before T; keep the indefinite
 * ones (they may still take effect after T) and drop reads in flight at T.
 *
 * <p>Sound: if the original history had a linearization, the register held some v0 in S at T,
 * and linearizing the replacement writes with v0 last, then the rest as before, linearizes the
 * shortened history. So a shortened history that still fails proves the original fails. The
 * latest T that still fails is used.
 */
final class PrefixCut {

    private static final RegisterModel<Integer> MODEL = new RegisterModel<>();
    private static final int MAX_CUTS_TRIED = 400;
    private static final Budget EACH_CHECK = Budget.ofTime(Duration.ofSeconds(10));

    private PrefixCut() {
    }

    /**
     * @param failing a history the checker finds NOT_LINEARIZABLE
     * @return a shorter failing history whose first operations (negative processes) stand for
     *         everything before the cut; {@code failing} itself if no cut works within {@code time}
     */
    static List<Operation<RegisterOp<Integer>, Object>> cut(List<Operation<RegisterOp<Integer>, Object>> failing,
                                                           Duration time) {
        final long endNs = System.nanoTime() + time.toNanos();
        final List<Long> cuts = failing.stream().filter(Operation::isCompleted).map(Operation::returnTime)
                .distinct().sorted(Comparator.reverseOrder()).limit(MAX_CUTS_TRIED).toList();
        final Set<Integer> domain = values(failing);
        for (final long at : cuts) {
            if (System.nanoTime() - endNs > 0) {
                break;
            }
            if (writeInFlight(failing, at)) {
                continue;
            }
            final List<Operation<RegisterOp<Integer>, Object>> before = new ArrayList<>();
            final List<Operation<RegisterOp<Integer>, Object>> after = new ArrayList<>();
            for (final Operation<RegisterOp<Integer>, Object> op : failing) {
                if (op.callTime() > at) {
                    after.add(op);
                } else if (op.isCompleted() ? op.returnTime() <= at : true) {
                    before.add(op);
                }
                // Otherwise a read in flight at the cut: dropping a read never breaks a linearization.
            }
            if (after.stream().noneMatch(Operation::isCompleted)) {
                continue;
            }
            final List<Integer> possible = possibleValues(before, domain, at);
            if (possible.isEmpty()) {
                continue;
            }
            final List<Operation<RegisterOp<Integer>, Object>> shortened = new ArrayList<>();
            for (int i = 0; i < possible.size(); i++) {
                shortened.add(Operation.ok(-1 - i, at, at, RegisterOp.write(possible.get(i)), null));
            }
            before.stream().filter(op -> !op.isCompleted())
                    .forEach(op -> shortened.add(Operation.indefinite(op.process(), at, op.input())));
            shortened.addAll(after);
            if (verdict(shortened) == CheckResult.Verdict.NOT_LINEARIZABLE) {
                return shortened;
            }
        }
        return failing;
    }

    /** True if a completed write or cas was called by {@code at} and returned after it. */
    private static boolean writeInFlight(List<Operation<RegisterOp<Integer>, Object>> ops, long at) {
        return ops.stream().anyMatch(op -> op.isCompleted() && !MODEL.isReadOnly(op.input())
                && op.callTime() <= at && op.returnTime() > at);
    }

    /** The values the register may hold after {@code before}: those a read placed after it may see. */
    private static List<Integer> possibleValues(List<Operation<RegisterOp<Integer>, Object>> before,
                                                Set<Integer> domain, long at) {
        final List<Integer> possible = new ArrayList<>();
        for (final Integer value : domain) {
            final List<Operation<RegisterOp<Integer>, Object>> probe = new ArrayList<>(before);
            probe.add(Operation.ok(Integer.MIN_VALUE, at + 1, at + 1, RegisterOp.read(), value));
            final CheckResult.Verdict verdict = verdict(probe);
            if (verdict == CheckResult.Verdict.UNKNOWN) {
                return List.of();
            }
            if (verdict == CheckResult.Verdict.LINEARIZABLE) {
                possible.add(value);
            }
        }
        return possible;
    }

    /** Every value the history mentions, and nil (null). */
    private static Set<Integer> values(List<Operation<RegisterOp<Integer>, Object>> ops) {
        final Set<Integer> values = new LinkedHashSet<>();
        values.add(null);
        for (final Operation<RegisterOp<Integer>, Object> op : ops) {
            if (op.input() instanceof RegisterOp.Write<Integer> write) {
                values.add(write.value());
            } else if (op.input() instanceof RegisterOp.Cas<Integer> cas) {
                values.add(cas.from());
                values.add(cas.to());
            } else if (op.isCompleted() && op.output() instanceof Integer seen) {
                values.add(seen);
            }
        }
        return values;
    }

    private static CheckResult.Verdict verdict(List<Operation<RegisterOp<Integer>, Object>> history) {
        return LinearizabilityChecker.check(history, MODEL, EACH_CHECK).verdict();
    }
}
