package io.spaxos.jepsen;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking Redis-protocol (RESP2) client for one connection: one command at a time, every read
 * bounded by a timeout ({@link java.net.SocketTimeoutException} past it). Small on purpose: the
 * harness must know exactly when a request left and a reply came back, and treat every error
 * as what it is.
 */
final class RespClient implements AutoCloseable {

    /** A reply is a few values at most; anything longer is not from spaxos. */
    private static final int MAX_LINE_BYTES = 64 << 10;
    private static final int MAX_BULK_BYTES = 1 << 20;
    private static final int MAX_ARRAY_ITEMS = 1 << 16;
    private static final int MAX_DEPTH = 4;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RespClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream());
    }

    /** Connects to {@code 127.0.0.1:port}. */
    static RespClient connect(int port, Duration connectTimeout, Duration readTimeout) throws IOException {
        final Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            return new RespClient(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends one command as a RESP array of bulk strings and reads its reply. */
    RespReply call(String... args) throws IOException {
        out.write(encode(args));
        out.flush();
        return readReply();
    }

    /** The next reply on this connection. */
    RespReply readReply() throws IOException {
        return read(0);
    }

    static byte[] encode(String... args) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final StringBuilder head = new StringBuilder().append('*').append(args.length).append("\r\n");
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
        for (final String arg : args) {
            final byte[] data = arg.getBytes(StandardCharsets.UTF_8);
            bytes.writeBytes(("$" + data.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            bytes.writeBytes(data);
            bytes.writeBytes(new byte[] {'\r', '\n'});
        }
        return bytes.toByteArray();
    }

    private RespReply read(int depth) throws IOException {
        final int type = in.read();
        if (type < 0) {
            throw new EOFException("the server closed the connection");
        }
        final String line = readLine();
        switch (type) {
            case '+':
                return new RespReply.Simple(line);
            case '-':
                return new RespReply.Error(line);
            case ':':
                return new RespReply.Int(parseLong(line));
            case '$':
                return bulk(parseLong(line));
            case '*':
                return array(parseLong(line), depth);
            default:
                throw new IOException("not a RESP reply: type byte 0x" + Integer.toHexString(type));
        }
    }

    private RespReply bulk(long length) throws IOException {
        if (length == -1) {
            return new RespReply.Bulk(null);
        }
        if (length < 0 || length > MAX_BULK_BYTES) {
            throw new IOException("bulk reply of " + length + " bytes");
        }
        final byte[] data = in.readNBytes((int) length);
        if (data.length != length || in.read() != '\r' || in.read() != '\n') {
            throw new EOFException("bulk reply cut short");
        }
        return new RespReply.Bulk(new String(data, StandardCharsets.UTF_8));
    }

    private RespReply array(long count, int depth) throws IOException {
        if (count < 0 || count > MAX_ARRAY_ITEMS || depth >= MAX_DEPTH) {
            throw new IOException("array reply of " + count + " items at depth " + depth);
        }
        final List<RespReply> items = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            items.add(read(depth + 1));
        }
        return new RespReply.Array(items);
    }

    private String readLine() throws IOException {
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int i = 0; i < MAX_LINE_BYTES; i++) {
            final int b = in.read();
            if (b < 0) {
                throw new EOFException("reply line cut short");
            }
            if (b == '\r') {
                if (in.read() != '\n') {
                    throw new IOException("CR without LF in a reply line");
                }
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        throw new IOException("reply line longer than " + MAX_LINE_BYTES + " bytes");
    }

    private static long parseLong(String text) throws IOException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException("not a number in a reply: '" + text + "'", e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a socket we are abandoning: nothing left to do with it.
        }
    }
}
