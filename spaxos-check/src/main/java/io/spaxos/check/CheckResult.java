package io.spaxos.check;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a linearizability check.
 *
 * @param verdict        LINEARIZABLE, NOT_LINEARIZABLE, or UNKNOWN when the budget ran out
 * @param linearization  LINEARIZABLE: a witness, an order of the operations that took effect
 *                       which the model accepts (a per-key check lists each key's witness in
 *                       turn). NOT_LINEARIZABLE: the longest linearizable prefix the search
 *                       found. UNKNOWN: empty
 * @param stuck          NOT_LINEARIZABLE: the completed operation that could not be linearized
 *                       after that longest prefix, before it returned
 * @param key            per-key checks: the key the verdict is about (the first failing or
 *                       unknown key); empty otherwise
 * @param steps          search steps spent
 */
public record CheckResult<I, O>(
        Verdict verdict,
        List<Operation<I, O>> linearization,
        Optional<Operation<I, O>> stuck,
        Optional<Object> key,
        long steps) {

    public enum Verdict {
        LINEARIZABLE,
        NOT_LINEARIZABLE,
        /** The budget ran out first; nothing is known. */
        UNKNOWN
    }

    public CheckResult {
        Objects.requireNonNull(verdict, "verdict");
        linearization = List.copyOf(linearization);
        Objects.requireNonNull(stuck, "stuck");
        Objects.requireNonNull(key, "key");
    }

    public boolean isLinearizable() {
        return verdict == Verdict.LINEARIZABLE;
    }

    CheckResult<I, O> forKey(Object partitionKey) {
        return new CheckResult<>(verdict, linearization, stuck, Optional.of(partitionKey), steps);
    }

    CheckResult<I, O> withSteps(long totalSteps) {
        return new CheckResult<>(verdict, linearization, stuck, key, totalSteps);
    }

    /** A short human-readable account: the verdict, and for a failure what got stuck where. */
    public String describe() {
        final StringBuilder text = new StringBuilder(verdict.toString());
        key.ifPresent(k -> text.append(" for key ").append(k));
        text.append(" after ").append(steps).append(" steps");
        stuck.ifPresent(op -> text.append("\n  cannot linearize ").append(op)
                .append("\n  after the longest linearizable prefix (").append(linearization.size()).append(" ops):"));
        if (verdict == Verdict.NOT_LINEARIZABLE) {
            linearization.forEach(op -> text.append("\n    ").append(op));
        }
        return text.toString();
    }
}
