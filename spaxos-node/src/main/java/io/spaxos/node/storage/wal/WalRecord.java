package io.spaxos.node.storage.wal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * One record of a write-ahead-log segment: a 9-byte header (payload length, CRC32C, type) and the
 * payload. The checksum covers the segment's sequence number as well as the type, length and
 * payload, so a record left over from an earlier use of a recycled segment file fails its check
 * exactly like a torn or never-written one: a reader stops there instead of replaying stale data.
 *
 * <p>Pure: encodes into and decodes from buffers, no I/O.
 */
public final class WalRecord {

    public static final int HEADER_BYTES = 4 + 4 + 1;
    /** A batch of writes, replayed on recovery. */
    static final byte BATCH = 1;
    /** The segment ends here; nothing after it is read. */
    static final byte SEAL = 2;

    private WalRecord() {
    }

    /** Bytes the record with a payload of {@code payloadBytes} takes in a segment. */
    public static int size(int payloadBytes) {
        return HEADER_BYTES + payloadBytes;
    }

    /** Writes the record at {@code dst}'s position and advances it. */
    static void encode(ByteBuffer dst, long segmentSeq, byte type, byte[] payload) {
        encodeHeader(dst, segmentSeq, type, payload);
        dst.put(payload);
    }

    /** Writes the header of the record holding {@code payload}; the payload goes right after it. */
    static void encodeHeader(ByteBuffer dst, long segmentSeq, byte type, byte[] payload) {
        dst.putInt(payload.length).putInt(checksum(segmentSeq, type, payload.length, ByteBuffer.wrap(payload)))
                .put(type);
    }

    /**
     * Reads the record at {@code offset} of {@code segment}. Anything but a complete record of
     * this segment with a matching checksum reads as {@link Read#invalid}.
     */
    static Read read(ByteBuffer segment, int offset, long segmentSeq) {
        if (offset < 0 || segment.limit() - offset < HEADER_BYTES) {
            return Read.INVALID;
        }
        final int length = segment.getInt(offset);
        final int storedChecksum = segment.getInt(offset + 4);
        final byte type = segment.get(offset + 8);
        if ((type != BATCH && type != SEAL) || length < 0 || length > segment.limit() - offset - HEADER_BYTES) {
            return Read.INVALID;
        }
        final ByteBuffer payload = segment.slice(offset + HEADER_BYTES, length);
        if (checksum(segmentSeq, type, length, payload.duplicate()) != storedChecksum) {
            return Read.INVALID;
        }
        return new Read(type, payload, offset + HEADER_BYTES + length);
    }

    private static int checksum(long segmentSeq, byte type, int length, ByteBuffer payload) {
        final CRC32C crc = new CRC32C();
        final ByteBuffer header = ByteBuffer.allocate(8 + 1 + 4).putLong(segmentSeq).put(type).putInt(length).flip();
        crc.update(header);
        crc.update(payload);
        return (int) crc.getValue();
    }

    /** @param type {@link #BATCH}, {@link #SEAL}, or 0 when invalid */
    record Read(byte type, ByteBuffer payload, int nextOffset) {
        static final Read INVALID = new Read((byte) 0, ByteBuffer.allocate(0), -1);

        boolean invalid() {
            return type == 0;
        }
    }
}
