package io.spaxos.check;

import java.util.Objects;

/**
 * An operation input addressed to one of several independent objects, for
 * {@link LinearizabilityChecker#checkPerKey}: for example a register op on key {@code "x"}.
 *
 * @param key   which object; compared with {@code equals}
 * @param input the operation on that object, as its {@link Model} understands it
 */
public record Keyed<K, I>(K key, I input) {

    public Keyed {
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        return key + ": " + input;
    }
}
