package io.spaxos.server.redis;

import io.spaxos.core.Bytes;
import java.util.List;

/**
 * A key-value command as it travels through the log, already checked for syntax: the state
 * machine only decides what it does to the data, never whether it is well-formed.
 */
sealed interface KvCommand {

    /** True when the command only reads, so {@code read_mode: local} may answer it from local state. */
    default boolean readOnly() {
        return false;
    }

    record Get(Bytes key) implements KvCommand {
        @Override
        public boolean readOnly() {
            return true;
        }
    }

    /** SET with its condition; {@code expected} is IFEQ's comparison value (null otherwise). */
    record Set(Bytes key, Bytes value, Condition condition, Bytes expected, boolean returnOld) implements KvCommand {
    }

    enum Condition { ALWAYS, NX, XX, IFEQ }

    record Del(List<Bytes> keys) implements KvCommand {
    }

    record Exists(List<Bytes> keys) implements KvCommand {
        @Override
        public boolean readOnly() {
            return true;
        }
    }

    /** INCR, INCRBY, DECR and DECRBY. */
    record IncrBy(Bytes key, long delta) implements KvCommand {
    }

    record Append(Bytes key, Bytes value) implements KvCommand {
    }

    record Strlen(Bytes key) implements KvCommand {
        @Override
        public boolean readOnly() {
            return true;
        }
    }

    record MGet(List<Bytes> keys) implements KvCommand {
        @Override
        public boolean readOnly() {
            return true;
        }
    }

    /** Keys and values alternate: k1 v1 k2 v2 ... */
    record MSet(List<Bytes> keysAndValues) implements KvCommand {
    }

    record DbSize() implements KvCommand {
        @Override
        public boolean readOnly() {
            return true;
        }
    }

    /** DEBUG DIGEST: a hash of the whole data set, to compare replicas. */
    record Digest() implements KvCommand {
        @Override
        public boolean readOnly() {
            return true;
        }
    }
}
