package io.spaxos.bench.load;

import java.nio.ByteBuffer;

/**
 * A request/reply protocol for {@link NioClosedLoopDriver}: the bytes of each client's write, and
 * how to find where a reply ends. Implementations are stateless, so one serves every connection.
 */
public interface WireProtocol {

    /** The request client {@code client} sends, again and again; built once per connection. */
    byte[] request(int client, byte[] value);

    /**
     * Looks at the bytes {@code [from, to)} of {@code buf} without moving its position. Returns 0 if
     * they do not yet hold a whole reply, the reply's length if they hold a successful one, and
     * minus its length if they hold an error reply.
     *
     * @throws IllegalStateException if the bytes cannot be a reply of this protocol
     */
    int replyLength(ByteBuffer buf, int from, int to);

    /** A short readable form of an error reply, for the report. */
    default String describe(ByteBuffer buf, int from, int length) {
        final byte[] bytes = new byte[Math.min(length, 200)];
        buf.get(from, bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8).strip();
    }
}
