package io.spaxos.node.storage.wal;

import io.spaxos.core.LogStorage.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The replica's write-ahead log: batches appended to fixed-size segment files that were filled
 * with zeros (or written once already) before use, so a sync overwrites blocks the file system
 * already holds and commits no file-size change. A segment whose batches are all stored elsewhere
 * (the caller says so with {@link #markStoredThrough}) becomes a spare for a later segment, so
 * steady state creates no files. Only the first segment of a new log starts sparse.
 *
 * <p>Recovery replays every batch of the live segments in order. The segment being written when the
 * process stopped may end in a torn record: it is read up to there, sealed at that point, and never
 * written again, so no byte after the tear can come back later. Damage anywhere else refuses to open.
 *
 * <p>{@link #append}, {@link #sync}, {@link #closeStored} and {@link #close} belong to one thread
 * (the storage thread, or the closing one once it has stopped);
 * {@link #markStoredThrough} and {@link #prepareSpare} may be called from another.
 */
public final class WriteAheadLog implements AutoCloseable {

    /** Batches this large are refused: far above any batch the storage thread builds. */
    public static final int MAX_BATCH_BYTES = 256 << 20;
    /** Retired segments kept for reuse; more are deleted. */
    private static final int MAX_SPARES = 2;
    private static final byte[] NO_PAYLOAD = new byte[0];
    private static final int REUSED_RECORD_BUFFER_BYTES = 1 << 20;

    /** Receives each recovered batch, oldest first. */
    @FunctionalInterface
    public interface Replay {
        void batch(byte[] batch) throws StorageException;
    }

    /** Work the log asks for, on the appending thread; each should be done on another thread. */
    public interface Housekeeping {
        /** Segment {@code segmentSeq} is sealed: once its batches are stored elsewhere, say so. */
        void sealed(long segmentSeq);

        /** The active segment is half full and no spare is ready: call {@link #prepareSpare}. */
        void spareWanted();
    }

    /** Opens a segment for appending; tests put a failing channel here, a disk error being hard to make. */
    @FunctionalInterface
    interface SegmentOpener {
        FileChannel open(Path segment) throws IOException;

        SegmentOpener FILE = segment -> FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.READ);
    }

    private final WalFiles files;
    private final long segmentBytes;
    private final Housekeeping housekeeping;
    private final SegmentOpener opener;
    private final ArrayDeque<Long> liveSegments = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Path> spares = new ConcurrentLinkedQueue<>();
    private final AtomicLong storedThroughSeq = new AtomicLong();
    private long activeSeq;
    private FileChannel active;
    private long activeCapacity;
    private long position;
    private boolean spareWanted;
    /** Every record goes through it; the typical batch is a few KiB. */
    private final ByteBuffer recordBuffer = ByteBuffer.allocateDirect(REUSED_RECORD_BUFFER_BYTES);
    private boolean closed;
    /** Set by the first failed write or sync; after it nothing more is written (see {@link #requireOpen}). */
    private String failure;

    private WriteAheadLog(WalFiles files, long segmentBytes, Housekeeping housekeeping, SegmentOpener opener) {
        this.files = files;
        this.segmentBytes = segmentBytes;
        this.housekeeping = housekeeping;
        this.opener = opener;
    }

    /**
     * Opens the log in {@code dir} (creating it if needed), replays its batches into {@code replay},
     * and starts a new segment for what comes next.
     *
     * @return the log; {@link #recoveredThroughSeq()} names the last segment recovered
     */
    public static WriteAheadLog open(Path dir, long segmentBytes, Replay replay, Housekeeping housekeeping)
            throws StorageException {
        return open(dir, segmentBytes, replay, housekeeping, SegmentOpener.FILE);
    }

    static WriteAheadLog open(Path dir, long segmentBytes, Replay replay, Housekeeping housekeeping,
                              SegmentOpener opener) throws StorageException {
        if (segmentBytes < 4096) {
            throw new IllegalArgumentException("segment size must be at least 4096 bytes: " + segmentBytes);
        }
        final WriteAheadLog log = new WriteAheadLog(new WalFiles(dir), segmentBytes, housekeeping, opener);
        try {
            Files.createDirectories(dir);
            log.recover(replay);
            return log;
        } catch (IOException e) {
            log.close();
            throw new StorageException("cannot open the write-ahead log in " + dir + ": " + e.getMessage(), e);
        } catch (StorageException | RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /** Whether {@code dir} holds any segment: a directory with none is a new one. */
    public static boolean holdsSegments(Path dir) throws StorageException {
        try {
            return WalFiles.holdsSegments(dir);
        } catch (IOException e) {
            throw new StorageException("cannot list the write-ahead log in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The newest segment that existed before {@link #open}; 0 if there was none. */
    public long recoveredThroughSeq() {
        return activeSeq - 1;
    }

    /** Appends one batch; with {@code sync}, it and every batch before it are durable on return. */
    public void append(byte[] batch, boolean sync) throws StorageException {
        requireOpen();
        if (batch.length > MAX_BATCH_BYTES) {
            throw new StorageException("a batch of " + batch.length + " bytes exceeds the write-ahead log's limit of "
                    + MAX_BATCH_BYTES);
        }
        try {
            final int size = WalRecord.size(batch.length);
            // Room is kept for the seal. A batch larger than a whole segment grows a fresh one.
            if (position > 0 && position + size + WalRecord.HEADER_BYTES > activeCapacity) {
                roll();
            }
            writeRecord(WalRecord.BATCH, batch);
        } catch (IOException e) {
            throw fail("write to the write-ahead log segment " + files.segment(activeSeq) + " failed: "
                    + e.getMessage(), e);
        }
        if (sync) {
            sync();
        }
        if (!spareWanted && position > activeCapacity / 2 && spares.isEmpty()) {
            spareWanted = true;
            housekeeping.spareWanted();
        }
    }

    /** Makes every appended batch durable. */
    public void sync() throws StorageException {
        requireOpen();
        try {
            active.force(false);
        } catch (IOException e) {
            throw fail("sync of the write-ahead log segment " + files.segment(activeSeq) + " failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Says every batch in segments up to {@code segmentSeq} is durable elsewhere, so those segments
     * need not be replayed; they are retired at the next segment change. Any thread.
     */
    public void markStoredThrough(long segmentSeq) {
        storedThroughSeq.accumulateAndGet(segmentSeq, Math::max);
    }

    /** Creates a spare segment if none is ready, so the next segment change does not wait for one. Any thread. */
    public void prepareSpare() throws StorageException {
        if (!spares.isEmpty()) {
            return;
        }
        try {
            spares.add(files.createZeroed(segmentBytes));
        } catch (IOException e) {
            throw new StorageException("cannot create a spare write-ahead log segment in " + files.dir + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Closes after the caller has stored every batch elsewhere: the next open replays nothing. An
     * empty segment stays, so sequence numbers keep growing and recycled files' old records never
     * match a new segment.
     */
    public void closeStored() throws StorageException {
        requireOpen();
        try {
            final long last = activeSeq;
            sealActive();
            startSegment(last + 1);
            markStoredThrough(last);
            retireStoredSegments();
        } catch (IOException e) {
            throw new StorageException("closing the write-ahead log in " + files.dir + " failed: " + e.getMessage(),
                    e);
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (active != null) {
            try {
                active.close();
            } catch (IOException e) {
                // Closing cannot lose data here: every batch a caller was told is durable was synced.
            }
        }
    }

    private void recover(Replay replay) throws IOException, StorageException {
        final List<Path> foundSpares = new ArrayList<>();
        final TreeMap<Long, Path> segments = files.listSegments(foundSpares);
        for (final Path spare : foundSpares) {
            // Without a live segment the sequence restarts at 1, and a spare's old records could match it.
            if (!segments.isEmpty() && spares.size() < MAX_SPARES && Files.size(spare) >= segmentBytes) {
                spares.add(spare);
            } else {
                files.deleteDurably(spare);
            }
        }
        long expectedSeq = segments.isEmpty() ? 1 : segments.firstKey();
        for (final Map.Entry<Long, Path> segment : segments.entrySet()) {
            if (segment.getKey() != expectedSeq) {
                throw new StorageException("write-ahead log in " + files.dir + " is missing segment " + expectedSeq
                        + " before " + segment.getValue().getFileName());
            }
            final boolean last = segment.getKey().equals(segments.lastKey());
            replaySegment(segment.getKey(), segment.getValue(), last, replay);
            liveSegments.add(segment.getKey());
            expectedSeq++;
        }
        startSegment(expectedSeq);
    }

    private void replaySegment(long seq, Path path, boolean last, Replay replay) throws IOException, StorageException {
        final SegmentScan scan;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            scan = SegmentScan.of(mapped, seq);
            if ((!scan.sealed && !last) || scan.damagedInTheMiddle) {
                throw new StorageException("write-ahead log segment " + path + " is damaged at offset "
                        + scan.endOffset + (last ? ", with whole records after it" : ", before its seal")
                        + "; records after the damage were synced and cannot be dropped");
            }
            for (final ByteBuffer batch : scan.batches) {
                final byte[] bytes = new byte[batch.remaining()];
                batch.get(bytes);
                replay.batch(bytes);
            }
        }
        if (!scan.sealed) {
            // Sealing where the torn record starts: its remains, and anything after, are never read.
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                final ByteBuffer seal = ByteBuffer.allocate(WalRecord.size(0));
                WalRecord.encode(seal, seq, WalRecord.SEAL, NO_PAYLOAD);
                seal.flip();
                while (seal.hasRemaining()) {
                    channel.write(seal, scan.endOffset + seal.position());
                }
                channel.force(false);
            }
        }
    }

    /** Seals the active segment, retires what is stored elsewhere, and starts the next segment. */
    private void roll() throws IOException {
        sealActive();
        housekeeping.sealed(activeSeq);
        retireStoredSegments();
        startSegment(activeSeq + 1);
    }

    private void sealActive() throws IOException {
        writeRecord(WalRecord.SEAL, NO_PAYLOAD);
        // The seal must be durable before any record of the next segment can be.
        active.force(false);
        active.close();
        active = null;
    }

    private void retireStoredSegments() throws IOException {
        final long storedThrough = storedThroughSeq.get();
        // Oldest first, each rename durable before the next: the live segments stay a contiguous run.
        while (!liveSegments.isEmpty() && liveSegments.peekFirst() <= storedThrough) {
            final Path segment = files.segment(liveSegments.pollFirst());
            if (spares.size() < MAX_SPARES) {
                spares.add(files.retire(segment));
            } else {
                files.deleteDurably(segment);
            }
        }
    }

    private void startSegment(long seq) throws IOException {
        Path spare = spares.poll();
        if (spare == null) {
            // Quick to create, slower to fill (each sync also commits block allocation); later
            // segments reuse retired ones or spares zero-filled off this thread by prepareSpare.
            spare = files.createSparse(segmentBytes);
        }
        final Path segment = files.segment(seq);
        files.moveDurably(spare, segment);
        active = opener.open(segment);
        activeCapacity = active.size();
        activeSeq = seq;
        position = 0;
        spareWanted = false;
        liveSegments.add(seq);
    }

    /** One write for a typical record; a larger one goes through the same buffer in pieces. */
    private void writeRecord(byte type, byte[] payload) throws IOException {
        recordBuffer.clear();
        WalRecord.encodeHeader(recordBuffer, activeSeq, type, payload);
        int copied = 0;
        while (true) {
            final int piece = Math.min(recordBuffer.remaining(), payload.length - copied);
            recordBuffer.put(payload, copied, piece);
            copied += piece;
            recordBuffer.flip();
            while (recordBuffer.hasRemaining()) {
                position += active.write(recordBuffer, position);
            }
            if (copied == payload.length) {
                break;
            }
            recordBuffer.clear();
        }
        activeCapacity = Math.max(activeCapacity, position);
    }

    /**
     * After a failed write the segment may end in part of a record, and after a failed sync the
     * kernel may have dropped the unsynced pages while reporting the next sync as a success: either
     * way, appending more could pass off lost data as durable.
     */
    private StorageException fail(String message, IOException cause) {
        failure = message;
        return new StorageException(message, cause);
    }

    private void requireOpen() throws StorageException {
        if (closed) {
            throw new StorageException("write-ahead log in " + files.dir + " is closed");
        }
        if (failure != null) {
            throw new StorageException("write-ahead log in " + files.dir + " is unusable since an earlier failure: "
                    + failure);
        }
    }
}
