package io.spaxos.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Just-in-time linearization (Wing and Gong 1993; Lowe 2017, "Testing for linearizability",
 * §3-4) of one object's history.
 *
 * <p>Walk the events in time order. At a call, try to linearize that operation now: if the
 * model accepts it and the resulting (linearized set, state) is new, remove its events and
 * restart from the first remaining event. At a return, the returning operation should already
 * have been linearized and was not, so undo the most recent choice and try the next call after
 * it. The history is linearizable once every completed operation is linearized: indefinite
 * operations still pending may simply never have taken effect.
 *
 * <p>One instance runs once; it is not thread-safe.
 */
final class LinearizationSearch<S, I, O> {

    private final List<Operation<I, O>> ops;
    private final Model<S, I, O> model;
    private final BudgetMeter meter;
    private final EventList events;
    private final SearchMemo memo;

    /** The call entries linearized so far, in order, and the state before each. */
    private final int[] chosenCalls;
    private final List<S> statesBefore = new ArrayList<>();
    private int depth;

    /** The deepest dead end seen: where a return was reached with the most ops linearized. */
    private List<Operation<I, O>> longestPrefix = List.of();
    private Operation<I, O> stuck;

    /**
     * @param ops operations that are OK or INDEFINITE (the caller drops failed ones)
     */
    LinearizationSearch(List<Operation<I, O>> ops, Model<S, I, O> model, BudgetMeter meter) {
        this.ops = ops;
        this.model = model;
        this.meter = meter;
        this.events = new EventList(ops);
        this.memo = new SearchMemo(ops.size());
        this.chosenCalls = new int[ops.size()];
    }

    CheckResult<I, O> run() {
        final long stepsBefore = meter.stepsSpent();
        int unlinearizedCompleted = (int) ops.stream().filter(Operation::isCompleted).count();
        S state = model.initialState();
        int entry = events.first();
        while (unlinearizedCompleted > 0) {
            if (!meter.trySpendStep()) {
                return result(CheckResult.Verdict.UNKNOWN, List.of(), stepsBefore);
            }
            if (entry == EventList.END) {
                throw new IllegalStateException("ran past the last return with completed operations left");
            }
            if (EventList.isCall(entry)) {
                final int op = EventList.op(entry);
                final Optional<S> after = tryStep(state, ops.get(op));
                memo.set(op);
                if (after.isPresent() && memo.firstVisit(after.get())) {
                    push(entry, state);
                    state = after.get();
                    events.lift(entry);
                    if (events.hasReturn(op)) {
                        unlinearizedCompleted--;
                    }
                    entry = events.first();
                } else {
                    memo.clear(op);
                    entry = events.next(entry);
                }
            } else {
                noteDeadEnd(EventList.op(entry));
                if (depth == 0) {
                    return result(CheckResult.Verdict.NOT_LINEARIZABLE, longestPrefix, stepsBefore);
                }
                final int call = chosenCalls[--depth];
                state = statesBefore.remove(depth);
                final int op = EventList.op(call);
                memo.clear(op);
                events.unlift(call);
                if (events.hasReturn(op)) {
                    unlinearizedCompleted++;
                }
                entry = events.next(call);
            }
        }
        return result(CheckResult.Verdict.LINEARIZABLE, chosenOps(), stepsBefore);
    }

    private Optional<S> tryStep(S state, Operation<I, O> op) {
        return op.isCompleted()
                ? model.step(state, op.input(), op.output())
                : model.stepIndefinite(state, op.input());
    }

    private void push(int call, S stateBefore) {
        chosenCalls[depth++] = call;
        statesBefore.add(stateBefore);
    }

    private void noteDeadEnd(int returningOp) {
        if (stuck == null || depth > longestPrefix.size()) {
            longestPrefix = chosenOps();
            stuck = ops.get(returningOp);
        }
    }

    private List<Operation<I, O>> chosenOps() {
        final List<Operation<I, O>> chosen = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            chosen.add(ops.get(EventList.op(chosenCalls[i])));
        }
        return chosen;
    }

    private CheckResult<I, O> result(
            CheckResult.Verdict verdict, List<Operation<I, O>> linearization, long stepsBefore) {
        final Optional<Operation<I, O>> stuckOp =
                verdict == CheckResult.Verdict.NOT_LINEARIZABLE ? Optional.of(stuck) : Optional.empty();
        final long steps = meter.stepsSpent() - stepsBefore;
        return new CheckResult<>(verdict, linearization, stuckOp, Optional.empty(), steps);
    }
}
