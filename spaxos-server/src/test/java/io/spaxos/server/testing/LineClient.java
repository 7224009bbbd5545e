package io.spaxos.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking TCP client for line protocols (simplesvr's, Redis inline commands): sends lines,
 * reads reply lines, every read bounded by a timeout. Also sends raw bytes, for tests that feed a
 * port garbage and then check that the server closed the connection.
 */
public final class LineClient implements AutoCloseable {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** A server that keeps talking instead of closing: give up on it after this many reads. */
    private static final int MAX_DISCARDED_READS = 10_000;

    private final Socket socket;
    private final OutputStream out;
    private final BufferedReader in;
    private final int port;

    private LineClient(Socket socket, int port) throws IOException {
        this.socket = socket;
        this.port = port;
        this.out = socket.getOutputStream();
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Connects to {@code 127.0.0.1:port}; replies are awaited up to {@code readTimeout} each. */
    public static LineClient connect(int port, Duration readTimeout) throws IOException {
        final Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                    (int) DEFAULT_CONNECT_TIMEOUT.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            return new LineClient(socket, port);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    public static LineClient connect(int port) throws IOException {
        return connect(port, DEFAULT_READ_TIMEOUT);
    }

    /** One request, one reply line, on a fresh connection. */
    public static String exchange(int port, String line, Duration readTimeout) throws IOException {
        try (LineClient client = connect(port, readTimeout)) {
            return client.call(line);
        }
    }

    /** The reply to {@code line}, or the reason there is none; for conditions polled while a server starts. */
    public static String tryExchange(int port, String line, Duration readTimeout) {
        try {
            return exchange(port, line, readTimeout);
        } catch (IOException e) {
            return "(no answer: " + e + ")";
        }
    }

    public int port() {
        return port;
    }

    public void setReadTimeout(Duration readTimeout) throws IOException {
        socket.setSoTimeout((int) readTimeout.toMillis());
    }

    /** Sends {@code line} and a newline, without waiting for a reply. */
    public void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next reply line; throws {@link SocketTimeoutException} after the read timeout, or on end of stream. */
    public String readLine() throws IOException {
        final String line = in.readLine();
        if (line == null) {
            throw new EndOfStreamException("port " + port + " closed the connection");
        }
        return line;
    }

    public String call(String line) throws IOException {
        send(line);
        return readLine();
    }

    /** Sends every line at once (pipelined), then reads one reply per line, in order. */
    public List<String> callAll(List<String> lines) throws IOException {
        final StringBuilder batch = new StringBuilder();
        for (final String line : lines) {
            batch.append(line).append('\n');
        }
        out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        final List<String> replies = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            replies.add(readLine());
        }
        return replies;
    }

    /**
     * Waits up to {@code within} for the server to close the connection, discarding anything it
     * sends meanwhile; false if it is still open then.
     */
    public boolean closedByPeer(Duration within) throws IOException {
        final long deadlineNs = System.nanoTime() + within.toNanos();
        final char[] sink = new char[8192];
        for (int reads = 0; reads < MAX_DISCARDED_READS && System.nanoTime() < deadlineNs; reads++) {
            final long leftMs = Math.max(1, (deadlineNs - System.nanoTime()) / 1_000_000);
            socket.setSoTimeout((int) Math.min(leftMs, Integer.MAX_VALUE));
            try {
                if (in.read(sink) == -1) {
                    return true;
                }
            } catch (SocketTimeoutException stillOpen) {
                return false;
            } catch (SocketException reset) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server closed the connection where a reply was expected. */
    public static final class EndOfStreamException extends IOException {
        public EndOfStreamException(String message) {
            super(message);
        }
    }
}
