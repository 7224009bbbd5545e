package io.spaxos.check;

import java.util.Objects;
import java.util.Optional;

/**
 * A single read / write / compare-and-set register that starts nil. The state is the current
 * value, {@code Optional.empty()} for nil; see {@link RegisterOp} for the outputs it expects.
 *
 * @param <V> the value type (compared with {@code equals})
 */
public final class RegisterModel<V> implements Model<Optional<V>, RegisterOp<V>, Object> {

    @Override
    public Optional<V> initialState() {
        return Optional.empty();
    }

    @Override
    public Optional<Optional<V>> step(Optional<V> state, RegisterOp<V> input, Object output) {
        if (input instanceof RegisterOp.Read<V>) {
            return Objects.equals(state.orElse(null), output) ? Optional.of(state) : Optional.empty();
        }
        if (input instanceof RegisterOp.Write<V> write) {
            return Optional.of(Optional.ofNullable(write.value()));
        }
        final RegisterOp.Cas<V> cas = (RegisterOp.Cas<V>) input;
        final boolean matches = Objects.equals(state.orElse(null), cas.from());
        final boolean swapped = Boolean.TRUE.equals(output);
        if (matches != swapped) {
            return Optional.empty();
        }
        return Optional.of(swapped ? Optional.ofNullable(cas.to()) : state);
    }

    @Override
    public Optional<Optional<V>> stepIndefinite(Optional<V> state, RegisterOp<V> input) {
        if (input instanceof RegisterOp.Write<V> write) {
            return Optional.of(Optional.ofNullable(write.value()));
        }
        if (input instanceof RegisterOp.Cas<V> cas && Objects.equals(state.orElse(null), cas.from())) {
            return Optional.of(Optional.ofNullable(cas.to()));
        }
        // A read, or a cas that would fail here: either way no effect, the same as never happening.
        return Optional.empty();
    }

    @Override
    public boolean isReadOnly(RegisterOp<V> input) {
        return input instanceof RegisterOp.Read<V>;
    }

    @Override
    public String describe(RegisterOp<V> input, Object output) {
        if (input instanceof RegisterOp.Read<V>) {
            return "read -> " + show(output);
        }
        if (input instanceof RegisterOp.Cas<V>) {
            return input + (Boolean.TRUE.equals(output) ? " ok" : " saw another value");
        }
        return input.toString();
    }

    static String show(Object value) {
        return value == null ? "nil" : value.toString();
    }
}
