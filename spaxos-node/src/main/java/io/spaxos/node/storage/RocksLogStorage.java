package io.spaxos.node.storage;

import io.spaxos.core.Ballot;
import io.spaxos.core.HardState;
import io.spaxos.core.LogStorage;
import io.spaxos.core.RecoveredState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * The replica's hard states in RocksDB. One write batch per {@link #write} call, so a
 * whole batch of promises and accepts costs one fsync. Every value carries a CRC32C checked on
 * read: a corrupted record raises {@link StorageException} naming its key, because a replica that
 * voted from a flipped bit could break safety; it must stop rather than serve wrong data.
 *
 * <p>Used by the storage thread only; not designed for concurrent callers.
 */
public final class RocksLogStorage implements LogStorage {

    /** The layout of keys and values; bump when it changes so old builds refuse new directories. */
    public static final int FORMAT_VERSION = 1;
    static final byte[] PROMISE_KEY = "promise".getBytes(StandardCharsets.US_ASCII);

    private final RocksHandles rocks;
    private final Path dir;
    private boolean closed;

    private RocksLogStorage(RocksHandles rocks, Path dir) {
        this.rocks = rocks;
        this.dir = dir;
    }

    /**
     * Opens (creating if needed) the data directory of node {@code nodeId} of cluster {@code clusterId}.
     * A directory created for another node or cluster, or in an unknown format, is refused.
     */
    public static RocksLogStorage open(Path dir, String clusterId, int nodeId) throws StorageException {
        final RocksHandles rocks = RocksHandles.open(dir);
        try {
            DataDirIdentity.claimOrVerify(rocks, dir, clusterId, nodeId, FORMAT_VERSION);
        } catch (StorageException e) {
            rocks.close();
            throw e;
        }
        return new RocksLogStorage(rocks, dir);
    }

    public Path directory() {
        return dir;
    }

    @Override
    public void write(List<HardState> states, boolean sync) throws StorageException {
        requireOpen();
        try (WriteBatch batch = new WriteBatch()) {
            for (final HardState state : states) {
                if (state instanceof HardState.Promise p) {
                    batch.put(rocks.promise, PROMISE_KEY, RecordCodec.seal(PROMISE_KEY, RecordCodec.toRecord(p)));
                } else if (state instanceof HardState.Instance i) {
                    final byte[] key = RecordCodec.indexKey(i.index());
                    batch.put(rocks.instances, key, RecordCodec.seal(key, RecordCodec.toRecord(i)));
                }
            }
            // A synced write syncs the whole WAL, so it also makes every earlier unsynced write durable.
            rocks.db.write(sync ? rocks.syncWrites : rocks.lazyWrites, batch);
        } catch (RocksDBException | IllegalArgumentException e) {
            throw new StorageException((sync ? "durable" : "unsynced") + " write of " + states.size() + " states to "
                    + dir + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void sync() throws StorageException {
        requireOpen();
        try {
            rocks.db.syncWal();
        } catch (RocksDBException e) {
            throw new StorageException("sync of the write-ahead log in " + dir + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public RecoveredState recover() throws StorageException {
        requireOpen();
        final RecoveryScan scan = new RecoveryScan();
        try (RocksIterator it = rocks.db.newIterator(rocks.instances)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                final String problem = scan.add(instanceAt(it.key(), it.value()));
                if (!problem.isEmpty()) {
                    throw new StorageException("corrupted log in " + dir + ": " + problem);
                }
            }
            checkIterator(it);
        }
        return scan.result(readPromise());
    }

    @Override
    public List<HardState.Instance> readApplied(long fromIndex, long toIndex, int maxInstances)
            throws StorageException {
        requireOpen();
        final List<HardState.Instance> found = new ArrayList<>();
        if (maxInstances <= 0 || toIndex < fromIndex || toIndex < 0) {
            return found;
        }
        try (RocksIterator it = rocks.db.newIterator(rocks.instances)) {
            for (it.seek(RecordCodec.indexKey(Math.max(0, fromIndex))); it.isValid() && found.size() < maxInstances;
                 it.next()) {
                final byte[] key = it.key();
                if (Long.compareUnsigned(ByteBuffer.wrap(key).getLong(), toIndex) > 0) {
                    break; // past the range: not read, so a damaged record there does not fail this read
                }
                final HardState.Instance instance = instanceAt(key, it.value());
                // Applied instances form a prefix, so the first unapplied one ends the applied range.
                if (!instance.applied()) {
                    break;
                }
                found.add(instance);
            }
            checkIterator(it);
        }
        return found;
    }

    /**
     * Deletes every instance below {@code index}, for after a snapshot covers them. Only applied
     * instances may go: an unapplied one may be a vote a quorum still counts on.
     */
    public void deleteAppliedBelow(long index) throws StorageException {
        requireOpen();
        if (index <= 0) {
            return;
        }
        try (RocksIterator it = rocks.db.newIterator(rocks.instances)) {
            it.seekForPrev(RecordCodec.indexKey(index - 1));
            if (it.isValid() && !instanceAt(it.key(), it.value()).applied()) {
                throw new IllegalArgumentException("cannot delete below " + index + ": instance "
                        + ByteBuffer.wrap(it.key()).getLong() + " is not applied");
            }
            checkIterator(it);
            rocks.db.deleteRange(rocks.instances, rocks.syncWrites, RecordCodec.indexKey(0), RecordCodec.indexKey(index));
        } catch (RocksDBException e) {
            throw new StorageException("deleting instances below " + index + " in " + dir + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            rocks.close();
        }
    }

    private Ballot readPromise() throws StorageException {
        try {
            final byte[] value = rocks.db.get(rocks.promise, PROMISE_KEY);
            if (value == null) {
                return Ballot.ZERO;
            }
            return RecordCodec.promise(RecordCodec.open(PROMISE_KEY, value));
        } catch (RocksDBException e) {
            throw new StorageException("reading the promise in " + dir + " failed: " + e.getMessage(), e);
        } catch (RecordCodec.DecodeException e) {
            throw new StorageException("corrupted record promise in " + dir + ": " + e.getMessage());
        }
    }

    private HardState.Instance instanceAt(byte[] key, byte[] value) throws StorageException {
        long index = -1;
        try {
            index = RecordCodec.indexOf(key);
            return RecordCodec.instance(index, RecordCodec.open(key, value));
        } catch (RecordCodec.DecodeException e) {
            final String name = index < 0 ? "with key " + HexFormat.of().formatHex(key) : "instances/" + index;
            throw new StorageException("corrupted record " + name + " in " + dir + ": " + e.getMessage());
        }
    }

    /** An iterator that stopped on an I/O or checksum error looks just like the end of the data. */
    private void checkIterator(RocksIterator it) throws StorageException {
        try {
            it.status();
        } catch (RocksDBException e) {
            throw new StorageException("reading instances in " + dir + " failed: " + e.getMessage(), e);
        }
    }

    private void requireOpen() throws StorageException {
        if (closed) {
            throw new StorageException("storage in " + dir + " is closed");
        }
    }
}
