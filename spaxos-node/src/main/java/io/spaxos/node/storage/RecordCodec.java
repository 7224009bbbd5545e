package io.spaxos.node.storage;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.spaxos.core.Ballot;
import io.spaxos.core.HardState;
import io.spaxos.node.wire.MalformedMessageException;
import io.spaxos.node.wire.ProtoValues;
import io.spaxos.node.wire.proto.WireProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Keys and values of the RocksDB records. Every value is a 4-byte big-endian CRC32C over the key
 * and the payload, then the payload (a {@code spaxos.proto} record). Covering the key too means a
 * record that ends up under the wrong key is caught like a flipped bit.
 */
final class RecordCodec {

    static final int CHECKSUM_BYTES = 4;
    static final int INDEX_KEY_BYTES = 8;

    private RecordCodec() {
    }

    /** Big-endian, so RocksDB's byte order is index order and a range of indexes is a key range. */
    static byte[] indexKey(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0: " + index);
        }
        return ByteBuffer.allocate(INDEX_KEY_BYTES).putLong(index).array();
    }

    static long indexOf(byte[] key) throws DecodeException {
        if (key.length != INDEX_KEY_BYTES) {
            throw new DecodeException("key has " + key.length + " bytes, expected " + INDEX_KEY_BYTES);
        }
        final long index = ByteBuffer.wrap(key).getLong();
        if (index < 0) {
            throw new DecodeException("key is a negative index " + index);
        }
        return index;
    }

    /** Checksum and record in one array, serialized in place: the storage thread's hot path. */
    static byte[] seal(byte[] key, MessageLite record) {
        final int size = record.getSerializedSize();
        final byte[] value = new byte[CHECKSUM_BYTES + size];
        final CodedOutputStream out = CodedOutputStream.newInstance(value, CHECKSUM_BYTES, size);
        try {
            record.writeTo(out);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("serializing into an array of its exact size cannot fail", e);
        }
        ByteBuffer.wrap(value).putInt(0, checksum(key, value, CHECKSUM_BYTES, size));
        return value;
    }

    /** The payload of {@code value} after checking its checksum. */
    static ByteBuffer open(byte[] key, byte[] value) throws DecodeException {
        if (value.length < CHECKSUM_BYTES) {
            throw new DecodeException("value has " + value.length + " bytes, shorter than its checksum");
        }
        final int stored = ByteBuffer.wrap(value).getInt();
        final int computed = checksum(key, value, CHECKSUM_BYTES, value.length - CHECKSUM_BYTES);
        if (stored != computed) {
            throw new DecodeException(String.format("checksum mismatch (stored %08x, computed %08x)", stored, computed));
        }
        return ByteBuffer.wrap(value, CHECKSUM_BYTES, value.length - CHECKSUM_BYTES).slice();
    }

    private static int checksum(byte[] key, byte[] bytes, int offset, int length) {
        final CRC32C crc = new CRC32C();
        crc.update(key);
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    static WireProto.InstanceRecord toRecord(HardState.Instance instance) {
        final WireProto.InstanceRecord.Builder b = WireProto.InstanceRecord.newBuilder()
                .setIndex(instance.index())
                .setValue(ProtoValues.toProto(instance.value()))
                .setFirstEntry(instance.firstEntry());
        // Once applied the ballot no longer matters, so a learned value may come without one.
        if (instance.ballot() != null) {
            b.setBallot(ProtoValues.toProto(instance.ballot()));
        }
        return b.build();
    }

    static HardState.Instance instance(long keyIndex, ByteBuffer payload) throws DecodeException {
        try {
            final WireProto.InstanceRecord r = WireProto.InstanceRecord.parseFrom(payload);
            final long index = ProtoValues.index(r.getIndex(), "index");
            if (index != keyIndex) {
                throw new DecodeException("record says index " + index + " but is stored at index " + keyIndex);
            }
            final long firstEntry = ProtoValues.index(r.getFirstEntry(), "first_entry");
            final boolean applied = firstEntry != HardState.Instance.NOT_APPLIED;
            final Ballot ballot = applied && !r.hasBallot() ? Ballot.ZERO
                    : ProtoValues.ballot(r.hasBallot(), r.getBallot(), "ballot");
            return new HardState.Instance(index, ballot, ProtoValues.batch(r.hasValue(), r.getValue(), "value"),
                    firstEntry);
        } catch (InvalidProtocolBufferException | MalformedMessageException e) {
            throw new DecodeException("unreadable instance record: " + e.getMessage());
        }
    }

    static Ballot promise(ByteBuffer payload) throws DecodeException {
        try {
            final WireProto.PromiseRecord r = WireProto.PromiseRecord.parseFrom(payload);
            return ProtoValues.ballot(r.hasPromised(), r.getPromised(), "promised");
        } catch (InvalidProtocolBufferException | MalformedMessageException e) {
            throw new DecodeException("unreadable promise record: " + e.getMessage());
        }
    }

    static WireProto.PromiseRecord toRecord(HardState.Promise promise) {
        return WireProto.PromiseRecord.newBuilder().setPromised(ProtoValues.toProto(promise.promised())).build();
    }

    static WireProto.MetaRecord meta(ByteBuffer payload) throws DecodeException {
        try {
            return WireProto.MetaRecord.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw new DecodeException("unreadable meta record: " + e.getMessage());
        }
    }

    /** A record that cannot be trusted; the caller adds which record and where. */
    static final class DecodeException extends Exception {
        DecodeException(String message) {
            super(message);
        }
    }
}
