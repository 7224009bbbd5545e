package io.spaxos.server.redis;

import io.spaxos.core.Bytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key-value data and what each command does to it, with Redis's answers and error texts.
 * Deterministic: the answer depends only on the data and the command, so every replica applying
 * the same log computes the same data and the same answers.
 *
 * <p>Writes come from the apply thread only. Read-only commands may also run on client threads
 * ({@code read_mode: local}); the map is concurrent, so each key read is atomic.
 */
final class KvStore {

    /** Redis's limit on a string value. */
    static final long MAX_VALUE_BYTES = 512L << 20;
    static final String NOT_INTEGER = "ERR value is not an integer or out of range";

    private final ConcurrentHashMap<Bytes, Bytes> data = new ConcurrentHashMap<>();

    int size() {
        return data.size();
    }

    Bytes get(Bytes key) {
        return data.get(key);
    }

    Reply apply(KvCommand c) {
        if (c instanceof KvCommand.Get g) {
            return Reply.bulkOrNil(data.get(g.key()));
        } else if (c instanceof KvCommand.Set s) {
            return set(s);
        } else if (c instanceof KvCommand.Del d) {
            long removed = 0;
            for (final Bytes key : d.keys()) {
                removed += data.remove(key) == null ? 0 : 1;
            }
            return new Reply.Int(removed);
        } else if (c instanceof KvCommand.Exists e) {
            // Counts repeats, as Redis does: EXISTS a a is 2 when a exists.
            return new Reply.Int(e.keys().stream().filter(data::containsKey).count());
        } else if (c instanceof KvCommand.IncrBy i) {
            return incrBy(i);
        } else if (c instanceof KvCommand.Append a) {
            return append(a);
        } else if (c instanceof KvCommand.Strlen s) {
            final Bytes value = data.get(s.key());
            return new Reply.Int(value == null ? 0 : value.length());
        } else if (c instanceof KvCommand.MGet m) {
            final List<Reply> values = new ArrayList<>(m.keys().size());
            for (final Bytes key : m.keys()) {
                values.add(Reply.bulkOrNil(data.get(key)));
            }
            return new Reply.Array(values);
        } else if (c instanceof KvCommand.MSet m) {
            for (int i = 0; i < m.keysAndValues().size(); i += 2) {
                data.put(m.keysAndValues().get(i), m.keysAndValues().get(i + 1));
            }
            return Reply.OK;
        } else if (c instanceof KvCommand.DbSize) {
            return new Reply.Int(data.size());
        } else if (c instanceof KvCommand.Digest) {
            return Reply.bulk(digest());
        }
        throw new IllegalArgumentException("unknown command " + c);
    }

    /** SET [NX | XX | IFEQ old] [GET] (Valkey 8.1's IFEQ: set only when the current value equals old). */
    private Reply set(KvCommand.Set s) {
        final Bytes old = data.get(s.key());
        final boolean allowed = switch (s.condition()) {
            case ALWAYS -> true;
            case NX -> old == null;
            case XX -> old != null;
            case IFEQ -> old != null && old.equals(s.expected());
        };
        if (allowed) {
            data.put(s.key(), s.value());
        }
        if (s.returnOld()) {
            return Reply.bulkOrNil(old);
        }
        return allowed ? Reply.OK : Reply.NIL;
    }

    /**
     * A hash of every key and value, independent of order (the XOR of one SHA-256 per pair, as
     * Redis's DEBUG DIGEST XORs one per key); all zeros when there are no keys.
     */
    String digest() {
        final byte[] sum = new byte[32];
        final MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        final byte[] keyLength = new byte[4];
        data.forEach((key, value) -> {
            ByteBuffer.wrap(keyLength).putInt(key.length());
            sha.update(keyLength);
            sha.update(key.unsafeArray());
            final byte[] one = sha.digest(value.unsafeArray());
            for (int i = 0; i < sum.length; i++) {
                sum[i] ^= one[i];
            }
        });
        return HexFormat.of().formatHex(sum);
    }

    private Reply incrBy(KvCommand.IncrBy i) {
        final Bytes old = data.get(i.key());
        long value = 0;
        if (old != null) {
            final Long parsed = Numbers.parseLong(old.unsafeArray());
            if (parsed == null) {
                return Reply.error(NOT_INTEGER);
            }
            value = parsed;
        }
        final long result;
        try {
            result = Math.addExact(value, i.delta());
        } catch (ArithmeticException overflow) {
            return Reply.error("ERR increment or decrement would overflow");
        }
        data.put(i.key(), Bytes.wrap(Long.toString(result).getBytes(StandardCharsets.US_ASCII)));
        return new Reply.Int(result);
    }

    private Reply append(KvCommand.Append a) {
        final Bytes old = data.get(a.key());
        final long length = (old == null ? 0L : old.length()) + a.value().length();
        if (length > MAX_VALUE_BYTES) {
            return Reply.error("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
        }
        if (old == null) {
            data.put(a.key(), a.value());
        } else {
            final byte[] joined = Arrays.copyOf(old.unsafeArray(), (int) length);
            System.arraycopy(a.value().unsafeArray(), 0, joined, old.length(), a.value().length());
            data.put(a.key(), Bytes.wrap(joined));
        }
        return new Reply.Int(length);
    }
}
