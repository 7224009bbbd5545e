package io.spaxos.node.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import io.spaxos.core.CoreConfig;
import io.spaxos.core.msg.Message;
import io.spaxos.node.wire.proto.WireProto;
import java.nio.ByteBuffer;

/**
 * Core messages to and from their wire bytes ({@code spaxos.proto}, {@code Envelope}). Decoding
 * never returns a message with a field the sender did not set validly: it throws
 * {@link MalformedMessageException} naming the field.
 */
public final class MessageCodec {

    private MessageCodec() {
    }

    /** @throws IllegalArgumentException if the message has a sender or receiver id no peer could accept */
    public static byte[] encode(Message m) {
        requireNodeId(m.from(), "from", m);
        requireNodeId(m.to(), "to", m);
        return MessageEncoder.toEnvelope(m).toByteArray();
    }

    public static Message decode(byte[] bytes) throws MalformedMessageException {
        try {
            return MessageDecoder.fromEnvelope(WireProto.Envelope.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedMessageException("not a spaxos message: " + e.getMessage(), e);
        }
    }

    /** Reads the buffer's remaining bytes; the buffer's position is left unspecified. */
    public static Message decode(ByteBuffer bytes) throws MalformedMessageException {
        try {
            return MessageDecoder.fromEnvelope(WireProto.Envelope.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedMessageException("not a spaxos message: " + e.getMessage(), e);
        }
    }

    private static void requireNodeId(int id, String field, Message m) {
        if (id < 1 || id > CoreConfig.MAX_NODE_ID) {
            throw new IllegalArgumentException(field + " " + id + " is outside 1.." + CoreConfig.MAX_NODE_ID
                    + " in " + m.getClass().getSimpleName());
        }
    }
}
