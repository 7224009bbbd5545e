package io.spaxos.node.storage;

import io.spaxos.core.Ballot;
import io.spaxos.core.HardState;
import io.spaxos.core.LogStorage;
import io.spaxos.core.RecoveredState;
import io.spaxos.node.storage.wal.WriteAheadLog;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replica's hard states in RocksDB. One write batch per {@link #write} call, so a
 * whole batch of promises and accepts costs one fsync. Every value carries a CRC32C checked on
 * read: a corrupted record raises {@link StorageException} naming its key, because a replica that
 * voted from a flipped bit could break safety; it must stop rather than serve wrong data.
 *
 * <p>Each batch is made durable in spaxos's own {@link WriteAheadLog} (in {@code wal/}) and then
 * put into RocksDB's memtables without RocksDB's log. RocksDB's log appends to its file, so each
 * sync also commits the file's new size to the file system's journal; the own log overwrites
 * preallocated segments instead. When a segment is full, a background thread flushes the memtables
 * to RocksDB's files and the segment is recycled; opening replays the segments not yet flushed.
 *
 * <p>Used by the storage thread only; not designed for concurrent callers.
 */
public final class RocksLogStorage implements LogStorage {

    /** The layout of keys and values; bump when it changes so old builds refuse new directories. */
    public static final int FORMAT_VERSION = 2;
    /** Directories of format 1 hold everything in RocksDB (its log included) and open as they are. */
    static final int UPGRADABLE_FORMAT_VERSION = 1;
    /** Segment size of the write-ahead log: several seconds of writes at full load, flushed to RocksDB at once. */
    public static final long DEFAULT_WAL_SEGMENT_BYTES = 32L << 20;
    static final String WAL_DIR = "wal";
    private static final Logger LOG = LoggerFactory.getLogger(RocksLogStorage.class);
    static final byte[] PROMISE_KEY = "promise".getBytes(StandardCharsets.US_ASCII);

    private final RocksHandles rocks;
    private final Path dir;
    private final ExecutorService flusher;
    private WriteAheadLog wal;
    private boolean closed;

    private RocksLogStorage(RocksHandles rocks, Path dir) {
        this.rocks = rocks;
        this.dir = dir;
        this.flusher = Executors.newSingleThreadExecutor(r -> {
            final Thread thread = new Thread(r, "spaxos-flush-" + dir.getFileName());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens (creating if needed) the data directory of node {@code nodeId} of cluster {@code clusterId}.
     * A directory created for another node or cluster, or in an unknown format, is refused.
     */
    public static RocksLogStorage open(Path dir, String clusterId, int nodeId) throws StorageException {
        return open(dir, clusterId, nodeId, DEFAULT_WAL_SEGMENT_BYTES);
    }

    /** As {@link #open(Path, String, int)}, with write-ahead-log segments of {@code walSegmentBytes}. */
    public static RocksLogStorage open(Path dir, String clusterId, int nodeId, long walSegmentBytes)
            throws StorageException {
        final RocksHandles rocks = RocksHandles.open(dir);
        final RocksLogStorage storage = new RocksLogStorage(rocks, dir);
        try {
            final Path walDir = dir.resolve(WAL_DIR);
            DataDirIdentity.claimOrVerify(rocks, dir, clusterId, nodeId, FORMAT_VERSION,
                    WriteAheadLog.holdsSegments(walDir));
            storage.wal = WriteAheadLog.open(walDir, walSegmentBytes, storage::replay, storage.housekeeping());
            // What was replayed sits in memtables only, until flushed like a sealed segment.
            storage.flushInBackground(storage.wal.recoveredThroughSeq());
            return storage;
        } catch (StorageException | RuntimeException e) {
            storage.close();
            throw e;
        }
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
            writeLogged(batch, sync);
        } catch (RocksDBException | IllegalArgumentException e) {
            throw new StorageException((sync ? "durable" : "unsynced") + " write of " + states.size() + " states to "
                    + dir + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void sync() throws StorageException {
        requireOpen();
        wal.sync();
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
        }
        try (WriteBatch batch = new WriteBatch()) {
            batch.deleteRange(rocks.instances, RecordCodec.indexKey(0), RecordCodec.indexKey(index));
            writeLogged(batch, true);
        } catch (RocksDBException e) {
            throw new StorageException("deleting instances below " + index + " in " + dir + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        flusher.shutdown();
        // A flush still running uses the database; closing it underneath would crash the process,
        // so even an interrupt does not cut this wait short (it is passed on afterwards).
        boolean interrupted = false;
        while (true) {
            try {
                if (flusher.awaitTermination(10, TimeUnit.SECONDS)) {
                    break;
                }
                LOG.warn("waiting for a RocksDB flush in {} to finish before closing", dir);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (wal != null) {
            try {
                // Stored in RocksDB's files, the log has nothing left to replay: the next open is quick.
                rocks.flushAll();
                wal.closeStored();
            } catch (RocksDBException | StorageException e) {
                LOG.warn("closing {} without a final flush; the next open replays the write-ahead log: {}", dir,
                        e.getMessage());
                wal.close();
            }
        }
        rocks.close();
    }

    /**
     * The log first, then the memtables: a batch RocksDB holds is always in the log or in RocksDB's
     * files. A synced append syncs the whole log, so it also makes every earlier unsynced one durable.
     */
    private void writeLogged(WriteBatch batch, boolean sync) throws StorageException, RocksDBException {
        wal.append(batch.data(), sync);
        rocks.db.write(rocks.unloggedWrites, batch);
    }

    /** Waits until every flush started so far has finished and its segments may be recycled. */
    void awaitBackgroundFlushes() throws InterruptedException, java.util.concurrent.ExecutionException {
        flusher.submit(() -> { }).get();
    }

    private WriteAheadLog.Housekeeping housekeeping() {
        return new WriteAheadLog.Housekeeping() {
            @Override
            public void sealed(long segmentSeq) {
                flushInBackground(segmentSeq);
            }

            @Override
            public void spareWanted() {
                flusher.execute(() -> {
                    try {
                        wal.prepareSpare();
                    } catch (StorageException e) {
                        // The next segment is then created sparse: slower to fill, no less durable.
                        LOG.warn("{}", e.getMessage());
                    }
                });
            }
        };
    }

    private void replay(byte[] batch) throws StorageException {
        try (WriteBatch replayed = new WriteBatch(batch)) {
            rocks.db.write(rocks.unloggedWrites, replayed);
        } catch (RocksDBException e) {
            throw new StorageException("replaying a write-ahead log batch into " + dir + " failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Called as segment {@code segmentSeq} is sealed: every batch in it is already in a memtable,
     * so once those are flushed the segment is no longer needed.
     */
    private void flushInBackground(long segmentSeq) {
        if (segmentSeq <= 0) {
            return;
        }
        flusher.execute(() -> {
            try {
                rocks.flushAll();
                wal.markStoredThrough(segmentSeq);
            } catch (RocksDBException e) {
                // The segments stay and are replayed on the next open; only disk use grows.
                LOG.error("flushing {} after write-ahead log segment {} failed: {}", dir, segmentSeq, e.getMessage());
            }
        });
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
