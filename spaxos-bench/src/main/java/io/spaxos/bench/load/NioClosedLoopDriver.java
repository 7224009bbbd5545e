package io.spaxos.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A closed-loop client for any request/reply protocol over TCP: one connection per client, one
 * request outstanding on each, all connections served by a few selector threads. A thread per
 * client would cost a wake-up and two context switches per request; on a 2-core machine shared
 * with the servers that client CPU would be taken from the system being measured.
 */
public final class NioClosedLoopDriver implements Driver {

    private static final long RECONNECT_DELAY_NS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long STOP_GRACE_NS = TimeUnit.SECONDS.toNanos(2);
    private static final int MAX_REPLY_BYTES = 16 << 20;

    private final String name;
    private final List<InetSocketAddress> endpoints;
    private final WireProtocol protocol;
    private final int threads;
    private final List<Loop> loops = new ArrayList<>();
    private volatile boolean running;

    /** Client {@code i} connects to {@code endpoints[i % endpoints.size()]}. */
    public NioClosedLoopDriver(String name, List<InetSocketAddress> endpoints, WireProtocol protocol, int threads) {
        if (endpoints.isEmpty() || threads < 1) {
            throw new IllegalArgumentException("need at least one endpoint and one thread");
        }
        this.name = name;
        this.endpoints = List.copyOf(endpoints);
        this.protocol = protocol;
        this.threads = threads;
    }

    @Override
    public void open(int clients, byte[] value) throws IOException {
        for (int t = 0; t < Math.min(threads, clients); t++) {
            loops.add(new Loop(Selector.open()));
        }
        for (int i = 0; i < clients; i++) {
            final Conn conn = new Conn(i, endpoints.get(i % endpoints.size()), protocol.request(i, value));
            final Loop loop = loops.get(i % loops.size());
            loop.conns.add(conn);
            loop.connect(conn);
        }
    }

    @Override
    public void start(LatencySink sink) {
        running = true;
        int n = 0;
        for (final Loop loop : loops) {
            loop.sink = sink;
            loop.thread = new Thread(loop::run, name + "-client-" + n++);
            loop.thread.setDaemon(true);
            loop.thread.start();
        }
    }

    @Override
    public void stop() {
        running = false;
        for (final Loop loop : loops) {
            if (loop.thread != null) {
                try {
                    loop.thread.join(TimeUnit.NANOSECONDS.toMillis(STOP_GRACE_NS) + 1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        stop();
        for (final Loop loop : loops) {
            for (final Conn conn : loop.conns) {
                conn.closeQuietly();
            }
            try {
                loop.selector.close();
            } catch (IOException ignored) {
                // closing: nothing to do
            }
        }
        loops.clear();
    }

    private static final class Conn {
        final int client;
        final InetSocketAddress endpoint;
        final ByteBuffer out;
        ByteBuffer in = ByteBuffer.allocateDirect(4096);
        SocketChannel channel;
        SelectionKey key;
        long sentAtNs;
        boolean outstanding;
        long reconnectAtNs;

        Conn(int client, InetSocketAddress endpoint, byte[] request) {
            this.client = client;
            this.endpoint = endpoint;
            this.out = ByteBuffer.allocateDirect(request.length);
            this.out.put(request).flip();
        }

        void closeQuietly() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing: nothing to do
                }
                channel = null;
            }
        }
    }

    private final class Loop {
        final Selector selector;
        final List<Conn> conns = new ArrayList<>();
        volatile LatencySink sink;
        Thread thread;
        int outstanding;
        int dead;

        Loop(Selector selector) {
            this.selector = selector;
        }

        void connect(Conn conn) throws IOException {
            final SocketChannel channel = SocketChannel.open();
            try {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.connect(conn.endpoint);
                channel.configureBlocking(false);
                conn.key = channel.register(selector, SelectionKey.OP_READ, conn);
            } catch (IOException e) {
                channel.close();
                throw new IOException("client " + conn.client + " cannot connect to " + conn.endpoint + ": "
                        + e.getMessage(), e);
            }
            conn.channel = channel;
            conn.in.clear();
        }

        void run() {
            for (final Conn conn : conns) {
                send(conn);
            }
            long stopDeadlineNs = 0;
            while (true) {
                if (!running) {
                    final long now = System.nanoTime();
                    if (stopDeadlineNs == 0) {
                        stopDeadlineNs = now + STOP_GRACE_NS;
                    }
                    if (outstanding == 0 || now > stopDeadlineNs) {
                        return;
                    }
                }
                try {
                    selector.select(100);
                } catch (IOException e) {
                    sink.error("selector failed: " + e.getMessage());
                    return;
                }
                final Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    final SelectionKey key = it.next();
                    it.remove();
                    final Conn conn = (Conn) key.attachment();
                    if (key.isValid() && key.isWritable()) {
                        flush(conn);
                    }
                    if (key.isValid() && key.isReadable()) {
                        read(conn);
                    }
                }
                if (dead > 0 && running) {
                    reconnectDead();
                }
            }
        }

        void send(Conn conn) {
            conn.out.rewind();
            conn.outstanding = true;
            outstanding++;
            conn.sentAtNs = System.nanoTime();
            flush(conn);
        }

        void flush(Conn conn) {
            try {
                conn.channel.write(conn.out);
                conn.key.interestOps(conn.out.hasRemaining()
                        ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            } catch (IOException e) {
                fail(conn, "write failed: " + e.getMessage());
            }
        }

        void read(Conn conn) {
            final int n;
            try {
                if (!conn.in.hasRemaining()) {
                    grow(conn);
                }
                n = conn.channel.read(conn.in);
            } catch (IOException | IllegalStateException e) {
                fail(conn, "read failed: " + e.getMessage());
                return;
            }
            if (n < 0) {
                fail(conn, "connection closed by the server");
                return;
            }
            final int filled = conn.in.position();
            int at = 0;
            while (at < filled) {
                final int r;
                try {
                    r = protocol.replyLength(conn.in, at, filled);
                } catch (RuntimeException e) {
                    fail(conn, "bad reply: " + e.getMessage());
                    return;
                }
                if (r == 0) {
                    break;
                }
                final long latencyNs = System.nanoTime() - conn.sentAtNs;
                if (!conn.outstanding) {
                    fail(conn, "reply without a request");
                    return;
                }
                if (r > 0) {
                    sink.ok(latencyNs);
                } else {
                    sink.error(protocol.describe(conn.in, at, -r));
                }
                at += Math.abs(r);
                conn.outstanding = false;
                outstanding--;
                if (running) {
                    send(conn);
                }
            }
            if (at > 0) {
                conn.in.limit(filled).position(at);
                conn.in.compact();
            }
        }

        void grow(Conn conn) {
            if (conn.in.capacity() >= MAX_REPLY_BYTES) {
                throw new IllegalStateException("reply longer than " + MAX_REPLY_BYTES + " bytes");
            }
            final ByteBuffer bigger = ByteBuffer.allocateDirect(conn.in.capacity() * 2);
            conn.in.flip();
            bigger.put(conn.in);
            conn.in = bigger;
        }

        void fail(Conn conn, String why) {
            sink.error("client " + conn.client + ": " + why);
            if (conn.key != null) {
                conn.key.cancel();
            }
            conn.closeQuietly();
            if (conn.outstanding) {
                conn.outstanding = false;
                outstanding--;
            }
            conn.reconnectAtNs = System.nanoTime() + RECONNECT_DELAY_NS;
            dead++;
        }

        void reconnectDead() {
            final long now = System.nanoTime();
            for (final Conn conn : conns) {
                if (conn.channel == null && now >= conn.reconnectAtNs) {
                    try {
                        selector.selectNow(); // flushes cancelled keys before registering again
                        connect(conn);
                        dead--;
                        send(conn);
                    } catch (IOException e) {
                        sink.error(e.getMessage());
                        conn.reconnectAtNs = now + RECONNECT_DELAY_NS;
                    }
                }
            }
        }
    }
}
