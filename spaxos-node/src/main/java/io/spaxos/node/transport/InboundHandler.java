package io.spaxos.node.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.spaxos.core.msg.Message;
import io.spaxos.node.wire.Handshake;
import io.spaxos.node.wire.MalformedMessageException;
import io.spaxos.node.wire.MessageCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted connection: the first frame must be a {@link Handshake} from a known node of this
 * cluster; every later frame is a message from that node. Anything else closes the connection with
 * one log line and no stack trace: a bad peer or a port scanner must not flood the log or stop the
 * process.
 *
 * <p>Messages decoded from one read are handed on together when the read completes, not one by
 * one as they are decoded: a master's Commit and its next Accept arrive in the same read, and a
 * small Commit handed on alone would wake the state-machine thread for a turn of its own while
 * the larger Accept is still being decoded.
 */
final class InboundHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(InboundHandler.class);
    /** Messages held back within one read at most; more are handed on at once. */
    static final int MAX_HELD_MESSAGES = 256;
    /** A connection that has not said who it is by then is not a peer. */
    static final long HANDSHAKE_TIMEOUT_MS = 5_000;

    private final int selfId;
    private final String clusterId;
    private final Set<Integer> peerIds;
    private final Consumer<Message> inbound;
    private final TransportCounters counters;
    /** 0 until the handshake arrived; then the node every message on this connection must come from. */
    private int peerId;
    private ScheduledFuture<?> handshakeTimeout;
    /** Frames already decoded from the same read still arrive after a close; none may be used. */
    private boolean rejected;
    private final List<Message> decoded = new ArrayList<>();

    InboundHandler(int selfId, String clusterId, Set<Integer> peerIds, Consumer<Message> inbound,
                   TransportCounters counters) {
        this.selfId = selfId;
        this.clusterId = clusterId;
        this.peerIds = peerIds;
        this.inbound = inbound;
        this.counters = counters;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        handshakeTimeout = ctx.executor().schedule(
                () -> reject(ctx, "no handshake within " + HANDSHAKE_TIMEOUT_MS + " ms"),
                HANDSHAKE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (handshakeTimeout != null) {
            handshakeTimeout.cancel(false);
        }
        if (peerId != 0) {
            LOG.debug("inbound connection from node {} at {} closed", peerId, ctx.channel().remoteAddress());
        }
        handOn();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        final ByteBuf frame = (ByteBuf) msg;
        try {
            if (rejected) {
                return;
            }
            if (peerId == 0) {
                acceptHandshake(ctx, Handshake.decode(frame.nioBuffer()));
            } else {
                deliver(MessageCodec.decode(frame.nioBuffer()));
            }
        } catch (MalformedMessageException e) {
            reject(ctx, "malformed frame: " + e.getMessage());
        } finally {
            frame.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        handOn();
        ctx.fireChannelReadComplete();
    }

    private void acceptHandshake(ChannelHandlerContext ctx, Handshake h) {
        if (h.protocolVersion() != Handshake.PROTOCOL_VERSION) {
            reject(ctx, "node " + h.nodeId() + " speaks protocol version " + h.protocolVersion()
                    + ", this node speaks " + Handshake.PROTOCOL_VERSION);
        } else if (!clusterId.equals(h.clusterId())) {
            reject(ctx, "node " + h.nodeId() + " is in cluster '" + h.clusterId() + "', this node is in '"
                    + clusterId + "'");
        } else if (!peerIds.contains(h.nodeId())) {
            reject(ctx, "unknown node id " + h.nodeId() + " (peers are " + peerIds + ")");
        } else {
            peerId = h.nodeId();
            handshakeTimeout.cancel(false);
            LOG.debug("inbound connection from node {} at {}", peerId, ctx.channel().remoteAddress());
        }
    }

    private void deliver(Message m) {
        // The handshake authenticated the connection, not the message: a message claiming another
        // sender would let one peer vote as another.
        if (m.from() != peerId || m.to() != selfId) {
            counters.droppedMisaddressed.increment();
            LOG.debug("dropped {} from {} to {} on the connection of node {}", m.getClass().getSimpleName(),
                    m.from(), m.to(), peerId);
            return;
        }
        counters.received.increment();
        decoded.add(m);
        if (decoded.size() >= MAX_HELD_MESSAGES) {
            handOn();
        }
    }

    private void handOn() {
        for (final Message m : decoded) {
            try {
                inbound.accept(m);
            } catch (RuntimeException e) {
                LOG.error("inbound consumer failed on a message from node {}", peerId, e);
            }
        }
        decoded.clear();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            // A peer that restarts resets its connections: routine, not a warning.
            LOG.debug("inbound connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        } else {
            final Throwable reason = cause instanceof DecoderException && cause.getCause() != null
                    ? cause.getCause() : cause;
            reject(ctx, "bad frame: " + reason.getClass().getSimpleName() + ": " + reason.getMessage());
        }
    }

    private void reject(ChannelHandlerContext ctx, String reason) {
        if (rejected) {
            return;
        }
        rejected = true;
        counters.connectionsRejected.increment();
        LOG.warn("closing connection from {}{}: {}", ctx.channel().remoteAddress(),
                peerId == 0 ? "" : " (node " + peerId + ")", reason);
        ctx.close();
    }
}
