package io.spaxos.check;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An independent check of a LINEARIZABLE verdict: replays the witness the checker returned. */
final class Witnesses {

    private Witnesses() {
    }

    /**
     * Empty if {@code witness} linearizes {@code history}: it holds every completed operation
     * once, only operations of the history, respects real-time order, and the model accepts it.
     * Otherwise, why not.
     */
    static <S, I, O> Optional<String> problemWith(
            List<Operation<I, O>> witness, List<Operation<I, O>> history, Model<S, I, O> model) {
        final Set<Operation<I, O>> used = new HashSet<>();
        S state = model.initialState();
        for (final Operation<I, O> op : witness) {
            if (!history.contains(op) || op.status() == Operation.Status.FAIL || !used.add(op)) {
                return Optional.of("not a usable operation of the history, or used twice: " + op);
            }
            final Optional<S> next = op.isCompleted()
                    ? model.step(state, op.input(), op.output())
                    : model.stepIndefinite(state, op.input());
            if (next.isEmpty()) {
                return Optional.of("the model rejects " + op + " in state " + state);
            }
            state = next.get();
        }
        // Real time: an operation that returned before another was called must come first.
        for (int i = 0; i < witness.size(); i++) {
            for (int j = i + 1; j < witness.size(); j++) {
                final Operation<I, O> later = witness.get(j);
                if (later.isCompleted() && later.returnTime() < witness.get(i).callTime()) {
                    return Optional.of(later + " returned before " + witness.get(i) + " was called, yet follows it");
                }
            }
        }
        for (final Operation<I, O> op : history) {
            if (op.isCompleted() && !used.contains(op)) {
                return Optional.of("completed operation missing: " + op);
            }
        }
        return Optional.empty();
    }
}
