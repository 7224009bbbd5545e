package io.spaxos.bench.load;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** RESP2: {@code SET bench:<client> <value>}, as redis-benchmark sends it. Serves Redis and spaxos. */
public final class RespProtocol implements WireProtocol {

    private static final int MAX_DEPTH = 8;

    @Override
    public byte[] request(int client, byte[] value) {
        return command("SET".getBytes(StandardCharsets.US_ASCII), key(client), value);
    }

    public static byte[] key(int client) {
        return ("bench:" + client).getBytes(StandardCharsets.US_ASCII);
    }

    /** Encodes one command as a RESP array of bulk strings. */
    public static byte[] command(byte[]... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (final byte[] arg : args) {
            out.writeBytes(("$" + arg.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(arg);
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        return out.toByteArray();
    }

    @Override
    public int replyLength(ByteBuffer buf, int from, int to) {
        final long end = parse(buf, from, to, 0);
        if (end == 0) {
            return 0;
        }
        final int length = (int) (Math.abs(end) - from);
        return end < 0 ? -length : length;
    }

    /** Returns the end offset of the reply at {@code at} (negated for an error), or 0 if incomplete. */
    private static long parse(ByteBuffer buf, int at, int to, int depth) {
        if (at >= to) {
            return 0;
        }
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("RESP reply nested deeper than " + MAX_DEPTH);
        }
        final int lineEnd = lineEnd(buf, at, to);
        if (lineEnd < 0) {
            return 0;
        }
        final byte type = buf.get(at);
        switch (type) {
            case '+':
            case ':':
                return lineEnd + 2;
            case '-':
                return -(lineEnd + 2);
            case '$': {
                final long length = number(buf, at + 1, lineEnd);
                if (length < 0) {
                    return lineEnd + 2;
                }
                final long end = lineEnd + 2 + length + 2;
                return end <= to ? end : 0;
            }
            case '*': {
                final long count = number(buf, at + 1, lineEnd);
                long next = lineEnd + 2;
                boolean error = false;
                for (long i = 0; i < count; i++) {
                    final long end = parse(buf, (int) next, to, depth + 1);
                    if (end == 0) {
                        return 0;
                    }
                    error |= end < 0;
                    next = Math.abs(end);
                }
                return error ? -next : next;
            }
            default:
                throw new IllegalStateException("not a RESP reply: starts with byte " + (type & 0xff));
        }
    }

    private static int lineEnd(ByteBuffer buf, int from, int to) {
        for (int i = from; i + 1 < to; i++) {
            if (buf.get(i) == '\r' && buf.get(i + 1) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static long number(ByteBuffer buf, int from, int to) {
        boolean negative = false;
        long n = 0;
        for (int i = from; i < to; i++) {
            final byte b = buf.get(i);
            if (i == from && b == '-') {
                negative = true;
            } else if (b >= '0' && b <= '9' && i - from < 18) {
                n = n * 10 + (b - '0');
            } else {
                throw new IllegalStateException("bad length in RESP reply");
            }
        }
        return negative ? -n : n;
    }
}
