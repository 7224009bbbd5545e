package io.spaxos.node.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one outbound connection to one peer. Messages to the peer go only this way (the peer answers
 * on its own outbound connection), so there is never a question of which of two connections to use.
 * While disconnected, messages are dropped, not queued: Paxos retries what matters, and a queue for
 * a dead peer would only grow. Reconnects back off exponentially from {@link #MIN_BACKOFF_MS} to
 * {@link #MAX_BACKOFF_MS}.
 */
final class PeerLink {

    private static final Logger LOG = LoggerFactory.getLogger(PeerLink.class);
    static final long MIN_BACKOFF_MS = 50;
    static final long MAX_BACKOFF_MS = 1_000;

    private final int peerId;
    private final InetSocketAddress address;
    private final Bootstrap bootstrap;
    private final byte[] handshakeFrame;
    private final TransportCounters counters;
    /** Set, on the network thread, only once the handshake is written ahead of anything else. */
    private volatile Channel channel;
    private volatile boolean closed;
    private long backoffMs = MIN_BACKOFF_MS;
    private long connectedAtNanos;

    PeerLink(int peerId, InetSocketAddress address, Bootstrap bootstrap, byte[] handshakeFrame,
             TransportCounters counters) {
        this.peerId = peerId;
        this.address = address;
        this.bootstrap = bootstrap;
        this.handshakeFrame = handshakeFrame;
        this.counters = counters;
    }

    void connect() {
        if (closed) {
            return;
        }
        bootstrap.connect(address).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                LOG.debug("cannot connect to node {} at {}: {}", peerId, address, f.cause().toString());
                scheduleReconnect();
                return;
            }
            final Channel ch = f.channel();
            ch.writeAndFlush(Unpooled.wrappedBuffer(handshakeFrame));
            connectedAtNanos = System.nanoTime();
            channel = ch;
            LOG.info("connected to node {} at {}", peerId, address);
            ch.closeFuture().addListener(c -> onClosed(ch));
            if (closed) {
                ch.close();
            }
        });
    }

    private void onClosed(Channel ch) {
        channel = null;
        if (closed) {
            return;
        }
        LOG.info("lost connection to node {} at {}", peerId, address);
        // A peer that accepts and then drops us at once (say, it refuses our handshake) must not be
        // redialled every 50 ms forever: only a connection that lasted resets the back-off.
        if (System.nanoTime() - connectedAtNanos > TimeUnit.MILLISECONDS.toNanos(MAX_BACKOFF_MS)) {
            backoffMs = MIN_BACKOFF_MS;
        }
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        final long delayMs = backoffMs;
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        try {
            bootstrap.config().group().schedule(this::connect, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The network thread is shutting down: the transport is closing, nothing to reconnect.
        }
    }

    /** Writes one frame (without its length prefix); drops it if disconnected or over the high-water mark. */
    void write(byte[] frame, boolean flush) {
        final Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            counters.droppedDisconnected.increment();
            return;
        }
        if (!ch.isWritable()) {
            counters.droppedOverflow.increment();
            return;
        }
        final ByteBuf buf = Unpooled.wrappedBuffer(frame);
        if (flush) {
            ch.writeAndFlush(buf, ch.voidPromise());
        } else {
            ch.write(buf, ch.voidPromise());
        }
        counters.sent.increment();
    }

    void flush() {
        final Channel ch = channel;
        if (ch != null) {
            ch.flush();
        }
    }

    boolean isConnected() {
        final Channel ch = channel;
        return ch != null && ch.isActive();
    }

    void close() {
        closed = true;
        final Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }
}
