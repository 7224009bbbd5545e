package io.spaxos.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * etcd v3 puts through its HTTP/JSON gateway ({@code POST /v3/kv/put}) over persistent HTTP/1.1
 * connections. Hand-written rather than jetcd (gRPC + Netty, about a core of client CPU here) or
 * java.net.http (a selector thread, an executor and allocations per request): on a 2-core machine
 * that runs the cluster too, every cycle the client spends is taken from the server.
 */
public final class EtcdHttpProtocol implements WireProtocol {

    private final String hostPort;

    public EtcdHttpProtocol(String hostPort) {
        this.hostPort = hostPort;
    }

    @Override
    public byte[] request(int client, byte[] value) {
        final Base64.Encoder b64 = Base64.getEncoder();
        final String body = "{\"key\":\"" + b64.encodeToString(("bench:" + client).getBytes(StandardCharsets.US_ASCII))
                + "\",\"value\":\"" + b64.encodeToString(value) + "\"}";
        final String head = "POST /v3/kv/put HTTP/1.1\r\nHost: " + hostPort
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n";
        return (head + body).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public int replyLength(ByteBuffer buf, int from, int to) {
        final int headEnd = indexOf(buf, from, to, "\r\n\r\n");
        if (headEnd < 0) {
            if (to - from > 64 * 1024) {
                throw new IllegalStateException("HTTP response head longer than 64 KiB");
            }
            return 0;
        }
        final String head = ascii(buf, from, headEnd).toLowerCase(Locale.ROOT);
        if (!head.startsWith("http/1.")) {
            throw new IllegalStateException("not an HTTP/1.x response: " + head.lines().findFirst().orElse(""));
        }
        final int status = Integer.parseInt(head.substring(9, 12));
        final int bodyStart = headEnd + 4;
        int end;
        final String contentLength = header(head, "content-length");
        if (contentLength != null) {
            end = bodyStart + Integer.parseInt(contentLength.trim());
            if (end > to) {
                return 0;
            }
        } else if ("chunked".equals(header(head, "transfer-encoding"))) {
            end = chunkedEnd(buf, bodyStart, to);
            if (end == 0) {
                return 0;
            }
        } else {
            throw new IllegalStateException("HTTP response with neither Content-Length nor chunked body");
        }
        return status == 200 ? end - from : -(end - from);
    }

    private static int chunkedEnd(ByteBuffer buf, int at, int to) {
        while (true) {
            final int lineEnd = indexOf(buf, at, to, "\r\n");
            if (lineEnd < 0) {
                return 0;
            }
            final String sizeText = ascii(buf, at, lineEnd);
            final int semi = sizeText.indexOf(';');
            final int size = Integer.parseInt((semi < 0 ? sizeText : sizeText.substring(0, semi)).trim(), 16);
            if (size == 0) {
                final int trailerEnd = indexOf(buf, lineEnd, to, "\r\n\r\n");
                return trailerEnd < 0 ? 0 : trailerEnd + 4;
            }
            at = lineEnd + 2 + size + 2;
            if (at > to) {
                return 0;
            }
        }
    }

    private static String header(String head, String name) {
        for (final String line : head.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    private static int indexOf(ByteBuffer buf, int from, int to, String needle) {
        outer:
        for (int i = from; i + needle.length() <= to; i++) {
            for (int j = 0; j < needle.length(); j++) {
                if (buf.get(i + j) != needle.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String ascii(ByteBuffer buf, int from, int to) {
        final byte[] bytes = new byte[to - from];
        buf.get(from, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
