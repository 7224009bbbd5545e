package io.spaxos.server.simple;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Sits between the line encoder and {@link LineProtocolHandler} and tells it when replies leave:
 * <ul>
 *   <li>the {@link #QUIT} marker, written in reply order after every earlier reply, becomes a
 *       close once those replies are flushed, so {@code PROP ...} then {@code QUIT} still gets
 *       its answer;</li>
 *   <li>every flush (replies left the reply queue) is passed back as a {@link #FLUSHED} event,
 *       so a connection that stopped reading because its queue was full reads again.</li>
 * </ul>
 */
final class ReplyFlow extends ChannelOutboundHandlerAdapter {

    /** Written instead of a reply line to QUIT. */
    static final Object QUIT = new Marker("QUIT");
    /** Fired inbound after each flush of replies. */
    static final Object FLUSHED = new Marker("FLUSHED");

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg == QUIT) {
            promise.setSuccess();
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireUserEventTriggered(FLUSHED);
    }

    private record Marker(String name) {
    }
}
