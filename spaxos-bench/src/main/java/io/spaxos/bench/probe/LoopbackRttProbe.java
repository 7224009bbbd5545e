package io.spaxos.bench.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.HdrHistogram.Histogram;

/**
 * The network's floor: a 64-byte ping-pong over loopback TCP between two threads. A replicated
 * write needs at least one such round trip between the leader and a follower.
 */
public final class LoopbackRttProbe {

    private static final int MESSAGE_BYTES = 64;

    private LoopbackRttProbe() {
    }

    /** Runs for about {@code millis} ms or {@code maxRoundTrips}, with an echo server on {@code port}. */
    public static Probe measure(int port, long millis, int maxRoundTrips) throws IOException, InterruptedException {
        final Histogram h = new Histogram(3);
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            final Thread echo = new Thread(() -> echo(server), "rtt-echo");
            echo.setDaemon(true);
            echo.start();
            final long start;
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setTcpNoDelay(true);
                final OutputStream out = socket.getOutputStream();
                final InputStream in = socket.getInputStream();
                final byte[] buf = new byte[MESSAGE_BYTES];
                for (int i = 0; i < 1000; i++) { // warm the JIT and the connection
                    pingPong(out, in, buf);
                }
                start = System.nanoTime();
                final long deadline = start + millis * 1_000_000L;
                for (int i = 0; i < maxRoundTrips && System.nanoTime() < deadline; i++) {
                    final long t0 = System.nanoTime();
                    pingPong(out, in, buf);
                    h.recordValue(System.nanoTime() - t0);
                }
            }
            echo.join(2000);
            return new Probe("64 B loopback TCP round trip", h, (System.nanoTime() - start) / 1e9);
        }
    }

    private static void pingPong(OutputStream out, InputStream in, byte[] buf) throws IOException {
        out.write(buf);
        out.flush();
        readFully(in, buf);
    }

    private static void echo(ServerSocket server) {
        try (Socket s = server.accept()) {
            s.setTcpNoDelay(true);
            final InputStream in = s.getInputStream();
            final OutputStream out = s.getOutputStream();
            final byte[] buf = new byte[MESSAGE_BYTES];
            while (readFully(in, buf)) {
                out.write(buf);
                out.flush();
            }
        } catch (IOException ignored) {
            // the client closed: the probe is over
        }
    }

    private static boolean readFully(InputStream in, byte[] buf) throws IOException {
        int got = 0;
        while (got < buf.length) {
            final int n = in.read(buf, got, buf.length - got);
            if (n < 0) {
                if (got == 0) {
                    return false;
                }
                throw new IOException("closed mid-message");
            }
            got += n;
        }
        return true;
    }
}
