package io.spaxos.check;

/**
 * An operation on a single register; {@code null} values mean nil (absent).
 *
 * <p>Outputs that {@link RegisterModel} expects for completed operations: a {@link Read} returns
 * the value it saw (or {@code null} for nil); a {@link Write} returns nothing (ignored); a
 * {@link Cas} returns {@link Boolean#TRUE} if it swapped and {@link Boolean#FALSE} if it saw a
 * different value. A cas reported as failed with no effect can instead be given status FAIL.
 *
 * @param <V> the register's value type (compared with {@code equals})
 */
public sealed interface RegisterOp<V> {

    /** Reads the current value. */
    record Read<V>() implements RegisterOp<V> {
        @Override
        public String toString() {
            return "read";
        }
    }

    /** Sets the value unconditionally. */
    record Write<V>(V value) implements RegisterOp<V> {
        @Override
        public String toString() {
            return "write " + RegisterModel.show(value);
        }
    }

    /** Sets the value to {@code to} only if it is {@code from}. */
    record Cas<V>(V from, V to) implements RegisterOp<V> {
        @Override
        public String toString() {
            return "cas " + RegisterModel.show(from) + "->" + RegisterModel.show(to);
        }
    }

    static <V> RegisterOp<V> read() {
        return new Read<>();
    }

    static <V> RegisterOp<V> write(V value) {
        return new Write<>(value);
    }

    static <V> RegisterOp<V> cas(V from, V to) {
        return new Cas<>(from, to);
    }
}
