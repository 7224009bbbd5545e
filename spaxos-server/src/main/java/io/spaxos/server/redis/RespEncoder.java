package io.spaxos.server.redis;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.nio.charset.StandardCharsets;

/** Writes {@link Reply} values as RESP2; a {@link Reply.CloseAfter} closes the connection once written. */
final class RespEncoder extends ChannelOutboundHandlerAdapter {

    private static final byte[] CRLF = {'\r', '\n'};

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof Reply reply)) {
            ctx.write(msg, promise);
            return;
        }
        final Reply inner = reply instanceof Reply.CloseAfter c ? c.reply() : reply;
        final ByteBuf out = ctx.alloc().buffer(estimate(inner));
        encode(inner, out);
        ctx.write(out, promise);
        if (reply instanceof Reply.CloseAfter) {
            promise.addListener(ChannelFutureListener.CLOSE);
        }
    }

    static void encode(Reply reply, ByteBuf out) {
        // Java 17: no pattern switch, hence the instanceof chain.
        if (reply instanceof Reply.Simple s) {
            line(out, '+', s.text());
        } else if (reply instanceof Reply.Error e) {
            line(out, '-', e.text());
        } else if (reply instanceof Reply.Int i) {
            line(out, ':', Long.toString(i.value()));
        } else if (reply instanceof Reply.Nil) {
            line(out, '$', "-1");
        } else if (reply instanceof Reply.Bulk b) {
            line(out, '$', Integer.toString(b.bytes().length()));
            out.writeBytes(b.bytes().unsafeArray());
            out.writeBytes(CRLF);
        } else if (reply instanceof Reply.Array a) {
            line(out, '*', Integer.toString(a.items().size()));
            for (final Reply item : a.items()) {
                encode(item, out);
            }
        } else if (reply instanceof Reply.CloseAfter c) {
            encode(c.reply(), out);
        }
    }

    private static void line(ByteBuf out, char type, String text) {
        out.writeByte(type);
        out.writeCharSequence(text, StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
    }

    private static int estimate(Reply reply) {
        if (reply instanceof Reply.Bulk b) {
            return b.bytes().length() + 16;
        }
        if (reply instanceof Reply.Array a) {
            return 16 + a.items().size() * 32;
        }
        return 64;
    }
}
