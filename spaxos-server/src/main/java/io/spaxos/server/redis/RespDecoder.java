package io.spaxos.server.redis;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the bytes of one connection into commands: RESP arrays of bulk strings (what clients
 * send) and inline commands (what people type into telnet). Emits a {@link Command} per command,
 * in order, however the bytes were split into reads; emits one {@link ProtocolError} on bad input
 * and then ignores the rest of the connection, which the handler closes after replying.
 *
 * <p>Memory is bounded: a line (inline command or header) is at most {@value #MAX_LINE_BYTES}
 * bytes, a bulk string at most {@code maxBulkBytes} (Redis's proto-max-bulk-len), and the bytes
 * of a partly received command at most {@code maxBufferedBytes}.
 */
final class RespDecoder extends ByteToMessageDecoder {

    /** Redis's PROTO_INLINE_MAX_SIZE. */
    static final int MAX_LINE_BYTES = 64 << 10;
    /** Arguments of one command; MSET of half a million keys is still accepted. */
    static final int MAX_ARGS = 1 << 20;
    /** Redis's default proto-max-bulk-len. */
    static final long DEFAULT_MAX_BULK_BYTES = 512L << 20;

    /** One command and its arguments, the first being its name. */
    record Command(List<byte[]> args) {
    }

    /** Bad input; the text is the whole error reply, such as {@code ERR Protocol error: invalid bulk length}. */
    record ProtocolError(String message) {
    }

    private final long maxBulkBytes;
    private final long maxBufferedBytes;
    private List<byte[]> args;
    private int argsRemaining;
    private long argsBytes;
    private int bulkLength = -1;
    private boolean failed;

    RespDecoder(long maxBulkBytes, long maxBufferedBytes) {
        this.maxBulkBytes = maxBulkBytes;
        this.maxBufferedBytes = maxBufferedBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!failed && in.isReadable()) {
            final boolean progressed = args == null ? startCommand(in, out) : continueArray(in, out);
            if (!progressed) {
                break;
            }
        }
        if (failed) {
            in.skipBytes(in.readableBytes());
        } else if (in.readableBytes() + argsBytes > maxBufferedBytes) {
            fail(out, "request of more than " + maxBufferedBytes + " bytes (this server's limit per connection)");
            in.skipBytes(in.readableBytes());
        }
    }

    /** Reads an array header or a whole inline command; false when more bytes are needed. */
    private boolean startCommand(ByteBuf in, List<Object> out) {
        if (in.getByte(in.readerIndex()) != '*') {
            return inline(in, out);
        }
        final byte[] line = readLine(in, out, "too big mbulk count string");
        if (line == null) {
            return false;
        }
        final long count = headerNumber(line);
        if (count == Long.MIN_VALUE || count > MAX_ARGS) {
            fail(out, "invalid multibulk length");
            return false;
        }
        if (count > 0) {
            args = new ArrayList<>((int) Math.min(count, 16));
            argsRemaining = (int) count;
            argsBytes = 0;
        }
        return true;
    }

    private boolean continueArray(ByteBuf in, List<Object> out) {
        if (bulkLength < 0) {
            final byte[] line = readLine(in, out, "too big bulk count string");
            if (line == null) {
                return false;
            }
            if (line.length == 0 || line[0] != '$') {
                fail(out, "expected '$', got '" + (line.length == 0 ? "\\r" : printable(line[0])) + "'");
                return false;
            }
            final long length = headerNumber(line);
            if (length < 0 || length > maxBulkBytes) {
                fail(out, "invalid bulk length");
                return false;
            }
            if (argsBytes + length > maxBufferedBytes) {
                fail(out, "request of more than " + maxBufferedBytes + " bytes (this server's limit per connection)");
                return false;
            }
            bulkLength = (int) length;
        }
        if (in.readableBytes() < bulkLength + 2L) {
            return false;
        }
        final byte[] arg = new byte[bulkLength];
        in.readBytes(arg);
        if (in.readByte() != '\r' || in.readByte() != '\n') {
            fail(out, "expected CRLF after a bulk string of " + bulkLength + " bytes");
            return false;
        }
        args.add(arg);
        argsBytes += bulkLength;
        bulkLength = -1;
        if (--argsRemaining == 0) {
            out.add(new Command(args));
            args = null;
            argsBytes = 0;
        }
        return true;
    }

    private boolean inline(ByteBuf in, List<Object> out) {
        final int newline = in.indexOf(in.readerIndex(), in.readerIndex() + Math.min(in.readableBytes(), MAX_LINE_BYTES + 1), (byte) '\n');
        if (newline < 0) {
            if (in.readableBytes() > MAX_LINE_BYTES) {
                fail(out, "too big inline request");
            }
            return false;
        }
        int end = newline;
        if (end > in.readerIndex() && in.getByte(end - 1) == '\r') {
            end--;
        }
        final byte[] line = new byte[end - in.readerIndex()];
        in.readBytes(line);
        in.readerIndex(newline + 1);
        final List<byte[]> split = InlineCommand.split(line);
        if (split == null) {
            fail(out, "unbalanced quotes in request");
            return false;
        }
        if (!split.isEmpty()) {
            out.add(new Command(split));
        }
        return true;
    }

    /** A CRLF-terminated line without its CRLF, or null when it has not fully arrived. */
    private byte[] readLine(ByteBuf in, List<Object> out, String tooLong) {
        final int searchBytes = Math.min(in.readableBytes(), MAX_LINE_BYTES + 2);
        final int cr = in.indexOf(in.readerIndex(), in.readerIndex() + searchBytes, (byte) '\r');
        if (cr < 0 || cr + 1 >= in.writerIndex()) {
            if (in.readableBytes() > MAX_LINE_BYTES) {
                fail(out, tooLong);
            }
            return null;
        }
        if (in.getByte(cr + 1) != '\n') {
            fail(out, "expected LF after CR");
            return null;
        }
        final byte[] line = new byte[cr - in.readerIndex()];
        in.readBytes(line);
        in.skipBytes(2);
        return line;
    }

    /** The integer after a header's type byte; Long.MIN_VALUE when there is none. */
    private static long headerNumber(byte[] line) {
        final Long n = Numbers.parseLong(line, 1);
        return n == null ? Long.MIN_VALUE : n;
    }

    private void fail(List<Object> out, String problem) {
        failed = true;
        args = null;
        out.add(new ProtocolError("ERR Protocol error: " + problem));
    }

    private static String printable(byte b) {
        return b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff);
    }
}
