package io.spaxos.check;

import java.util.Optional;

/**
 * The sequential specification of one object: what it does when operations are applied one at a
 * time. The checker searches for an order of a concurrent history that this model accepts.
 *
 * <p>States must be immutable, non-null and have value {@code equals}/{@code hashCode}: the
 * search memoises (set of linearized operations, state) pairs, and two equal pairs lead to the
 * same future (Lowe 2017, §4: this cache is what makes the search practical).
 *
 * @param <S> the object's state
 * @param <I> an operation's input
 * @param <O> an operation's output
 */
public interface Model<S, I, O> {

    /** The state before any operation, for example an absent register value. */
    S initialState();

    /**
     * Applies a completed operation.
     *
     * @return the next state, or empty if {@code output} is impossible in {@code state}
     */
    Optional<S> step(S state, I input, O output);

    /**
     * Applies an operation whose output nobody saw, supposing it took effect here.
     *
     * <p>Return empty when taking effect in {@code state} would change nothing (for example a
     * compare-and-set whose expected value is not there): the checker always also considers
     * that an indefinite operation never took effect, which covers that case.
     *
     * @return the next state, or empty if taking effect here is impossible or changes nothing
     */
    Optional<S> stepIndefinite(S state, I input);

    /**
     * True if operations with this input never change the state (reads). An indefinite one
     * constrains nothing and is dropped; the minimiser may drop any of them, because removing
     * a read from a linearizable history leaves it linearizable.
     */
    boolean isReadOnly(I input);

    /** How an operation reads in a report, for example {@code "cas 3->0 ok"}. */
    default String describe(I input, O output) {
        return input + " -> " + output;
    }
}
