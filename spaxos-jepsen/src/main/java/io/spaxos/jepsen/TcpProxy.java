package io.spaxos.jepsen;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Forwards TCP connections from a loopback port to another, and can cut them: while cut, every
 * connection through it is closed and new ones are closed as soon as they are accepted. A spaxos
 * peer connection is one-way (the dialler sends, the listener receives), so one proxy per
 * ordered pair of replicas cuts one direction of their traffic and nothing else.
 *
 * <p>Cutting closes connections rather than stalling them: the sender sees its connection drop
 * and redials, as it would when a real link goes down, and nothing sent during the cut arrives
 * later.
 */
final class TcpProxy implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MS = 1_000;
    private static final int BUFFER_BYTES = 16 << 10;

    private final String name;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong forwardedBytes = new AtomicLong();
    private volatile boolean cut;
    private volatile boolean closed;

    private TcpProxy(String name, ServerSocket server, int targetPort) {
        this.name = name;
        this.server = server;
        this.targetPort = targetPort;
    }

    /** Listens on {@code 127.0.0.1:listenPort} and forwards to {@code 127.0.0.1:targetPort}. */
    static TcpProxy start(String name, int listenPort, int targetPort) throws IOException {
        final ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 64);
        final TcpProxy proxy = new TcpProxy(name, server, targetPort);
        daemon("proxy " + name + " accept", proxy::acceptLoop).start();
        return proxy;
    }

    String name() {
        return name;
    }

    boolean isCut() {
        return cut;
    }

    long forwardedBytes() {
        return forwardedBytes.get();
    }

    /** Drops every connection through this proxy and refuses new ones until {@link #heal()}. */
    void cut() {
        cut = true;
        closeAll();
    }

    void heal() {
        cut = false;
    }

    private void acceptLoop() {
        while (!closed) {
            final Socket inbound;
            try {
                inbound = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (cut) {
                quietClose(inbound);
                continue;
            }
            final Socket outbound = new Socket();
            try {
                inbound.setTcpNoDelay(true);
                outbound.setTcpNoDelay(true);
                outbound.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), CONNECT_TIMEOUT_MS);
            } catch (IOException targetDown) {
                quietClose(inbound);
                quietClose(outbound);
                continue;
            }
            open.add(inbound);
            open.add(outbound);
            // cut() may have run between the check above and the adds: it must not miss these two.
            if (cut || closed) {
                quietClose(inbound);
                quietClose(outbound);
                continue;
            }
            daemon("proxy " + name + " >", () -> pump(inbound, outbound)).start();
            daemon("proxy " + name + " <", () -> pump(outbound, inbound)).start();
        }
    }

    /** Copies until either side ends; then closes both, so the other pump ends too. */
    private void pump(Socket from, Socket to) {
        final byte[] buffer = new byte[BUFFER_BYTES];
        try {
            final InputStream in = from.getInputStream();
            final OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n >= 0 && !cut; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                forwardedBytes.addAndGet(n);
            }
        } catch (IOException endOfConnection) {
            // Either side closed or reset: the connection is over.
        } finally {
            quietClose(from);
            quietClose(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private void closeAll() {
        for (final Socket socket : open) {
            quietClose(socket);
        }
    }

    @Override
    public void close() {
        closed = true;
        quietClose(server);
        closeAll();
    }

    private static Thread daemon(String name, Runnable body) {
        final Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void quietClose(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Already closed, or the peer is gone: either way the socket is done.
        }
    }
}
