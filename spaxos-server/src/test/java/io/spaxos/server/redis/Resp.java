package io.spaxos.server.redis;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test helpers: commands as a client sends them, replies as text. */
final class Resp {

    private Resp() {
    }

    /** A RESP array of bulk strings, as redis-cli sends a command. */
    static String command(String... args) {
        final StringBuilder s = new StringBuilder("*").append(args.length).append("\r\n");
        for (final String a : args) {
            s.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        return s.toString();
    }

    static ByteBuf buf(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    static ByteBuf buf(byte[] bytes) {
        return Unpooled.wrappedBuffer(bytes);
    }

    static String text(List<byte[]> args) {
        final StringBuilder s = new StringBuilder();
        for (final byte[] a : args) {
            s.append(s.length() == 0 ? "" : " ").append(new String(a, StandardCharsets.UTF_8));
        }
        return s.toString();
    }

    /** The RESP bytes of a reply, as text. */
    static String encoded(Reply reply) {
        final ByteBuf out = Unpooled.buffer();
        RespEncoder.encode(reply, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
