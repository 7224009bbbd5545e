package io.spaxos.server.simple;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Turns the {@link #QUIT} marker, written in reply order after every earlier reply, into a close
 * once those replies are flushed: a client that pipelines {@code PROP ...} then {@code QUIT} gets
 * its answer before the connection goes.
 */
final class CloseAfterReplies extends ChannelOutboundHandlerAdapter {

    /** Written instead of a reply line to QUIT. */
    static final Object QUIT = new Object() {
        @Override
        public String toString() {
            return "QUIT";
        }
    };

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg == QUIT) {
            promise.setSuccess();
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.write(msg, promise);
    }
}
