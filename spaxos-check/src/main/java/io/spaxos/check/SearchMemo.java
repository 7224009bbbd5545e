package io.spaxos.check;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The (set of linearized operations, model state) pairs the search has already entered. Two
 * visits with an equal pair have the same future, so the second is pruned (Lowe 2017, §4).
 * The set of linearized operations is a bitset over operation indexes, kept here and changed by
 * {@link #set}/{@link #clear} as the search goes forward and back.
 */
final class SearchMemo {

    private final long[] linearized;
    private final Set<Key> seen = new HashSet<>();

    SearchMemo(int opCount) {
        this.linearized = new long[(opCount + 63) / 64];
    }

    void set(int op) {
        linearized[op >>> 6] |= 1L << op;
    }

    void clear(int op) {
        linearized[op >>> 6] &= ~(1L << op);
    }

    /** Records the current linearized set with {@code state}; false if that pair was seen. */
    boolean firstVisit(Object state) {
        return seen.add(new Key(linearized.clone(), state));
    }

    int size() {
        return seen.size();
    }

    private static final class Key {
        private final long[] linearized;
        private final Object state;
        private final int hash;

        Key(long[] linearized, Object state) {
            this.linearized = linearized;
            this.state = state;
            this.hash = 31 * Arrays.hashCode(linearized) + state.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && hash == key.hash
                    && Arrays.equals(linearized, key.linearized)
                    && state.equals(key.state);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
