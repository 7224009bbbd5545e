package io.spaxos.node.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.spaxos.core.CoreConfig;
import io.spaxos.core.msg.Message;
import io.spaxos.node.wire.Handshake;
import io.spaxos.node.wire.MessageCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries core messages between replicas over TCP: the seed's network thread (NT). One Netty event
 * loop thread does all socket work and is the only thread that calls {@code inbound}, for peer
 * messages and for messages sent to this replica alike. (The replica's own threads step messages
 * to themselves without this hop; a message to self that does come here is still delivered.)
 *
 * <p>Frames are a 4-byte big-endian length and a {@code spaxos.proto} payload of at most
 * {@code maxFrameBytes}. Delivery is best effort: a message to a disconnected or backed-up peer is
 * dropped and counted ({@link #stats()}), never queued without bound.
 */
public final class PeerTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeerTransport.class);
    static final int LENGTH_PREFIX_BYTES = 4;
    public static final int MIN_FRAME_BYTES = 1 << 10;
    /** Per peer: above the high mark new messages are dropped until the buffer drains to the low mark. */
    static final int WRITE_BUFFER_LOW_BYTES = 4 << 20;
    static final int WRITE_BUFFER_HIGH_BYTES = 8 << 20;
    static final int CONNECT_TIMEOUT_MS = 1_000;
    private static final long SHUTDOWN_TIMEOUT_MS = 2_000;

    private final int selfId;
    private final String clusterId;
    private final Map<Integer, InetSocketAddress> peerAddresses;
    private final InetSocketAddress bindAddress;
    private final int maxFrameBytes;
    private final Consumer<Message> inbound;
    private final TransportCounters counters = new TransportCounters();
    /** Every accepted connection takes memory and a descriptor; peers need a few each at most. */
    private final int maxInboundConnections;
    private final AtomicInteger inboundConnections = new AtomicInteger();
    private final Map<Integer, PeerLink> links = new HashMap<>();
    private final EventLoopGroup group;
    private volatile Channel serverChannel;
    /** Written last in {@link #start()}: a sender that sees it also sees every link. */
    private volatile boolean started;

    /**
     * @param peers    every other replica's peer address by node id (an entry for {@code selfId} is ignored)
     * @param inbound  receives every message for this replica, on the network thread; must not block
     */
    public PeerTransport(int selfId, String clusterId, Map<Integer, InetSocketAddress> peers,
                         InetSocketAddress bindAddress, int maxFrameBytes, Consumer<Message> inbound) {
        if (selfId < 1 || selfId > CoreConfig.MAX_NODE_ID) {
            throw new IllegalArgumentException("selfId must be in 1.." + CoreConfig.MAX_NODE_ID + ": " + selfId);
        }
        if (clusterId.isEmpty() || clusterId.length() > Handshake.MAX_CLUSTER_ID_CHARS) {
            throw new IllegalArgumentException("clusterId must have 1.." + Handshake.MAX_CLUSTER_ID_CHARS
                    + " characters: '" + clusterId + "'");
        }
        if (maxFrameBytes < MIN_FRAME_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must be >= " + MIN_FRAME_BYTES + ": " + maxFrameBytes);
        }
        this.selfId = selfId;
        this.clusterId = clusterId;
        this.peerAddresses = new HashMap<>(peers);
        this.peerAddresses.remove(selfId);
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        this.maxFrameBytes = maxFrameBytes;
        this.inbound = Objects.requireNonNull(inbound, "inbound");
        this.maxInboundConnections = 4 * peerAddresses.size() + 16;
        this.group = EventLoops.group(1, new DefaultThreadFactory("spaxos-nt-" + selfId, true));
    }

    /** Listens on the bind address and starts dialling every peer. */
    public void start() throws IOException {
        if (serverChannel != null) {
            throw new IllegalStateException("node " + selfId + "'s transport is already started");
        }
        final ChannelFuture bound = serverBootstrap().bind(bindAddress).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            close();
            throw new IOException("node " + selfId + " cannot listen on " + bindAddress + ": " + bound.cause(),
                    bound.cause());
        }
        serverChannel = bound.channel();
        final Bootstrap client = clientBootstrap();
        final byte[] handshake = new Handshake(clusterId, selfId, Handshake.PROTOCOL_VERSION).encode();
        for (final Map.Entry<Integer, InetSocketAddress> peer : peerAddresses.entrySet()) {
            final PeerLink link = new PeerLink(peer.getKey(), peer.getValue(), client, handshake, counters);
            links.put(peer.getKey(), link);
            link.connect();
        }
        started = true;
        LOG.info("node {} of cluster '{}' listening for peers on {} ({})", selfId, clusterId, serverChannel.localAddress(),
                EventLoops.transportName());
    }

    /** Sends one message to {@code m.to()}; to self it is handed to {@code inbound} on the network thread. */
    public void send(Message m) {
        final Outgoing out = prepare(m);
        if (out != null) {
            out.link.write(out.frame, true);
        }
    }

    /**
     * Sends several messages. They are encoded on the caller's thread and written, and each
     * connection flushed once, in one task on the network thread: one wake-up of that thread for
     * the whole group, where a write and a flush handed over separately can cost two.
     */
    public void sendAll(Collection<? extends Message> messages) {
        final List<Outgoing> group = new ArrayList<>(messages.size());
        for (final Message m : messages) {
            final Outgoing out = prepare(m);
            if (out != null) {
                group.add(out);
            }
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            this.group.execute(() -> {
                final Set<PeerLink> touched = new HashSet<>();
                for (final Outgoing out : group) {
                    out.link.write(out.frame, false);
                    touched.add(out.link);
                }
                touched.forEach(PeerLink::flush);
            });
        } catch (RejectedExecutionException e) {
            counters.droppedDisconnected.add(group.size()); // closing: the network thread is gone
        }
    }

    /** A frame for a peer's link. */
    private record Outgoing(PeerLink link, byte[] frame) {
    }

    /** Checks and encodes a message for a peer; a message to self is delivered, and null returned. */
    private Outgoing prepare(Message m) {
        if (m.from() != selfId) {
            throw new IllegalArgumentException("node " + selfId + " cannot send a message from node " + m.from());
        }
        if (!started) {
            throw new IllegalStateException("node " + selfId + "'s transport is not started");
        }
        if (m.to() == selfId) {
            deliverToSelf(m);
            return null;
        }
        final PeerLink link = links.get(m.to());
        if (link == null) {
            throw new IllegalArgumentException("node " + m.to() + " is not a peer of node " + selfId);
        }
        final byte[] frame = MessageCodec.encode(m);
        if (frame.length > maxFrameBytes) {
            counters.droppedOversized.increment();
            LOG.warn("dropped a {} to node {}: {} bytes is over the {}-byte frame limit",
                    m.getClass().getSimpleName(), m.to(), frame.length, maxFrameBytes);
            return null;
        }
        return new Outgoing(link, frame);
    }

    private void deliverToSelf(Message m) {
        try {
            group.execute(() -> {
                counters.received.increment();
                try {
                    inbound.accept(m);
                } catch (RuntimeException e) {
                    LOG.error("inbound consumer failed on a message from self", e);
                }
            });
            counters.sent.increment();
        } catch (RejectedExecutionException e) {
            counters.droppedDisconnected.increment(); // closing: the network thread is gone
        }
    }

    /** Where the transport listens; useful when the bind address had port 0. */
    public InetSocketAddress boundAddress() {
        final Channel ch = serverChannel;
        if (ch == null) {
            throw new IllegalStateException("not started");
        }
        return (InetSocketAddress) ch.localAddress();
    }

    /** Whether the outbound connection to {@code peerId} is up (handshake sent). */
    public boolean isConnected(int peerId) {
        final PeerLink link = links.get(peerId);
        return link != null && link.isConnected();
    }

    public TransportStats stats() {
        return counters.snapshot();
    }

    /** Stops listening, closes every connection and the network thread. Safe to call more than once. */
    @Override
    public void close() {
        links.values().forEach(PeerLink::close);
        final Channel ch = serverChannel;
        if (ch != null) {
            ch.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS);
        }
        group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS).awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS);
    }

    private ServerBootstrap serverBootstrap() {
        return new ServerBootstrap()
                .group(group)
                .channel(EventLoops.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (inboundConnections.incrementAndGet() > maxInboundConnections) {
                            inboundConnections.decrementAndGet();
                            counters.connectionsRejected.increment();
                            LOG.warn("closing connection from {}: more than {} inbound connections",
                                    ch.remoteAddress(), maxInboundConnections);
                            ch.close();
                            return;
                        }
                        ch.closeFuture().addListener(f -> inboundConnections.decrementAndGet());
                        // failFast: an oversized length is refused when read, not after buffering the frame.
                        ch.pipeline().addLast(
                                new LengthFieldBasedFrameDecoder(maxFrameBytes + LENGTH_PREFIX_BYTES, 0,
                                        LENGTH_PREFIX_BYTES, 0, LENGTH_PREFIX_BYTES, true),
                                new InboundHandler(selfId, clusterId, Set.copyOf(peerAddresses.keySet()), inbound,
                                        counters));
                    }
                });
    }

    private Bootstrap clientBootstrap() {
        return new Bootstrap()
                .group(group)
                .channel(EventLoops.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(WRITE_BUFFER_LOW_BYTES, WRITE_BUFFER_HIGH_BYTES))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LengthFieldPrepender(LENGTH_PREFIX_BYTES), new OutboundHandler());
                    }
                });
    }
}
