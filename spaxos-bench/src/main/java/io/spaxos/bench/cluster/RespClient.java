package io.spaxos.bench.cluster;

import io.spaxos.bench.load.RespProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A blocking RESP client for control commands (PING, INFO, SET) while starting a cluster. */
public final class RespClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final RespProtocol protocol = new RespProtocol();

    public RespClient(int port, int timeoutMs) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(Ports.HOST, port), timeoutMs);
        socket.setSoTimeout(timeoutMs);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends one command; returns the reply's text, with a leading '-' for an error reply. */
    public String call(String... args) throws IOException {
        final byte[][] bytes = Arrays.stream(args).map(a -> a.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        out.write(RespProtocol.command(bytes));
        out.flush();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        while (true) {
            final int n = in.read(buf.array(), buf.position(), buf.remaining());
            if (n < 0) {
                throw new IOException("connection closed");
            }
            buf.position(buf.position() + n);
            final int r = protocol.replyLength(buf, 0, buf.position());
            if (r != 0) {
                final String text = new String(buf.array(), 0, Math.abs(r), StandardCharsets.UTF_8);
                return r < 0 ? "-" + text.substring(1).strip() : text.substring(1);
            }
            if (!buf.hasRemaining()) {
                buf = ByteBuffer.allocate(buf.capacity() * 2).put(buf.flip());
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
