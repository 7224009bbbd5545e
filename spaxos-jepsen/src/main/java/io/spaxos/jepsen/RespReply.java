package io.spaxos.jepsen;

import java.util.List;

/** A RESP2 reply as {@link RespClient} reads it. */
sealed interface RespReply {

    /** {@code +text}. */
    record Simple(String text) implements RespReply {
    }

    /** {@code -text}; the text starts with the error code ({@code ERR}, {@code TRYAGAIN}). */
    record Error(String text) implements RespReply {
        String code() {
            final int space = text.indexOf(' ');
            return space < 0 ? text : text.substring(0, space);
        }
    }

    /** {@code :n}. */
    record Int(long value) implements RespReply {
    }

    /** {@code $n ...}; {@code text} is null for the nil bulk string {@code $-1}. */
    record Bulk(String text) implements RespReply {
        boolean isNil() {
            return text == null;
        }
    }

    /** {@code *n ...}; null items for {@code *-1} are not expected from spaxos. */
    record Array(List<RespReply> items) implements RespReply {
    }
}
