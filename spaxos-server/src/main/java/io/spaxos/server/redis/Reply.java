package io.spaxos.server.redis;

import io.spaxos.core.Bytes;
import java.util.List;

/**
 * A RESP2 reply. The key-value state machine answers with these, so the answer computed at apply
 * time is exactly what the client receives.
 */
public sealed interface Reply {

    Reply OK = new Simple("OK");
    Reply NIL = new Nil();
    Reply EMPTY_ARRAY = new Array(List.of());

    /** {@code +text}. */
    record Simple(String text) implements Reply {
        public Simple {
            text = oneLine(text);
        }
    }

    /** {@code -text}: the text starts with the error code, e.g. {@code ERR syntax error}. */
    record Error(String text) implements Reply {
        public Error {
            text = oneLine(text);
        }
    }

    /** {@code :n}. */
    record Int(long value) implements Reply {
    }

    /** {@code $len bytes}. */
    record Bulk(Bytes bytes) implements Reply {
    }

    /** {@code $-1}: no such key. */
    record Nil() implements Reply {
    }

    /** {@code *n items}. */
    record Array(List<Reply> items) implements Reply {
        public Array {
            items = List.copyOf(items);
        }
    }

    /** A reply after which the server closes the connection (QUIT, a protocol error). */
    record CloseAfter(Reply reply) implements Reply {
    }

    static Reply error(String text) {
        return new Error(text);
    }

    static Reply bulk(String text) {
        return new Bulk(Bytes.utf8(text));
    }

    /** A value, or {@link #NIL} when there is none. */
    static Reply bulkOrNil(Bytes value) {
        return value == null ? NIL : new Bulk(value);
    }

    /**
     * RESP simple strings and errors end at the first CR or LF: one inside (say, from an exception
     * message) would corrupt the stream, so they become spaces, as Redis does.
     */
    private static String oneLine(String text) {
        if (text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
