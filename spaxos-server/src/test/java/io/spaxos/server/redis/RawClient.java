package io.spaxos.server.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A bare socket client: sends raw bytes, reads whole RESP replies back as their exact text. */
final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    RawClient(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, 5_000);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
    }

    RawClient send(String bytes) throws IOException {
        return send(bytes.getBytes(StandardCharsets.UTF_8));
    }

    RawClient send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /** The next {@code n} replies, concatenated exactly as received. */
    String replies(int n) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            reply(out);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** True when the server closed the connection (after everything it sent was read). */
    boolean closedByServer() throws IOException {
        return in.read() < 0;
    }

    private void reply(ByteArrayOutputStream out) throws IOException {
        final String line = line();
        out.writeBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        final char type = line.charAt(0);
        if (type == '$') {
            final int length = Integer.parseInt(line.substring(1));
            if (length >= 0) {
                out.writeBytes(in.readNBytes(length + 2));
            }
        } else if (type == '*') {
            final int count = Integer.parseInt(line.substring(1));
            for (int i = 0; i < count; i++) {
                reply(out);
            }
        }
    }

    private String line() throws IOException {
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            final int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed; got so far: " + line.toString(StandardCharsets.UTF_8));
            }
            if (previous == '\r' && b == '\n') {
                final byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
