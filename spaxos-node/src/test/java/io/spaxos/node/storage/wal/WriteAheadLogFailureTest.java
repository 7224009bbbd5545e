package io.spaxos.node.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spaxos.core.LogStorage.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fails under the log: after a failed write or sync the log must refuse every later
 * write (the kernel may have dropped pages it will not report again), and a reopen must give back
 * every batch acknowledged before the failure. The failures are injected into the segment's file
 * channel; everything else is the real file system.
 */
class WriteAheadLogFailureTest {

    private static final long SMALL_SEGMENT_BYTES = 4096;

    @TempDir
    Path dir;

    private final List<String> replayed = new ArrayList<>();
    private FailingChannel channel;

    private WriteAheadLog open(WriteAheadLog.SegmentOpener opener) throws StorageException {
        replayed.clear();
        return WriteAheadLog.open(dir, SMALL_SEGMENT_BYTES,
                batch -> replayed.add(new String(batch, StandardCharsets.UTF_8)),
                new WriteAheadLog.Housekeeping() {
                    @Override
                    public void sealed(long segmentSeq) {
                    }

                    @Override
                    public void spareWanted() {
                    }
                }, opener);
    }

    private WriteAheadLog openFailing() throws StorageException {
        return open(segment -> channel = new FailingChannel(WriteAheadLog.SegmentOpener.FILE.open(segment)));
    }

    private WriteAheadLog reopen() throws StorageException {
        return open(WriteAheadLog.SegmentOpener.FILE);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void after_a_failed_sync_every_later_write_is_refused() throws Exception {
        try (WriteAheadLog log = openFailing()) {
            log.append(bytes("acked"), true);
            channel.failSyncs = true;
            assertThatThrownBy(() -> log.append(bytes("not acked"), true)).isInstanceOf(StorageException.class)
                    .hasMessageContaining("sync of the write-ahead log segment").hasMessageContaining("injected");
            channel.failSyncs = false; // the disk seems fine again: the log must not believe it

            assertThatThrownBy(() -> log.append(bytes("after"), true)).isInstanceOf(StorageException.class)
                    .hasMessageContaining("unusable since an earlier failure");
            assertThatThrownBy(log::sync).isInstanceOf(StorageException.class)
                    .hasMessageContaining("unusable since an earlier failure");
            assertThatThrownBy(log::closeStored).isInstanceOf(StorageException.class);
        }

        try (WriteAheadLog log = reopen()) {
            assertThat(replayed).startsWith("acked").doesNotContain("after");
        }
    }

    @Test
    void a_write_that_fails_halfway_loses_only_the_batch_it_was_writing() throws Exception {
        try (WriteAheadLog log = openFailing()) {
            log.append(bytes("acked"), true);
            channel.bytesBeforeWriteFails = WalRecord.HEADER_BYTES + 2;
            assertThatThrownBy(() -> log.append(bytes("torn batch"), true)).isInstanceOf(StorageException.class)
                    .hasMessageContaining("write to the write-ahead log segment");
            assertThatThrownBy(() -> log.append(bytes("after"), true)).isInstanceOf(StorageException.class)
                    .hasMessageContaining("unusable since an earlier failure");
        }

        try (WriteAheadLog log = reopen()) {
            assertThat(replayed).containsExactly("acked");
            log.append(bytes("next"), true);
        }
        try (WriteAheadLog log = reopen()) {
            assertThat(replayed).containsExactly("acked", "next");
        }
    }

    @Test
    void a_failure_while_sealing_a_full_segment_keeps_what_was_synced() throws Exception {
        final List<String> appended = new ArrayList<>();
        try (WriteAheadLog log = openFailing()) {
            log.append(bytes("acked"), true);
            appended.add("acked");
            channel.failSyncs = true;
            // Unsynced appends only, until the segment is full and the seal's sync fails.
            StorageException failure = null;
            for (int i = 0; i < 100 && failure == null; i++) {
                final String batch = "unsynced " + i + " " + "x".repeat(200);
                try {
                    log.append(bytes(batch), false);
                    appended.add(batch);
                } catch (StorageException e) {
                    failure = e;
                }
            }
            assertThat(failure).as("the segment filled and its seal failed").isNotNull();
            assertThat(failure.getMessage()).contains("injected");
            channel.failSyncs = false;
            assertThatThrownBy(() -> log.append(bytes("after"), true)).isInstanceOf(StorageException.class)
                    .hasMessageContaining("unusable since an earlier failure");
        }

        try (WriteAheadLog log = reopen()) {
            assertThat(replayed).startsWith("acked");
            assertThat(appended).startsWith(replayed.toArray(String[]::new));
        }
    }

    /** A segment's channel whose syncs, or whose writes past a byte budget, fail like a bad disk. */
    private static final class FailingChannel extends FileChannel {
        private final FileChannel file;
        volatile boolean failSyncs;
        /** Bytes still written before writes fail; negative for no limit. */
        volatile long bytesBeforeWriteFails = -1;

        FailingChannel(FileChannel file) {
            this.file = file;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            final long budget = bytesBeforeWriteFails;
            if (budget < 0) {
                return file.write(src, position);
            }
            if (budget > 0) {
                // The start of the buffer reaches the file, as when a disk fills mid-write.
                final ByteBuffer part = src.duplicate();
                part.limit(part.position() + (int) Math.min(budget, part.remaining()));
                final int written = file.write(part, position);
                src.position(src.position() + written);
                bytesBeforeWriteFails = budget - written;
                return written;
            }
            throw new IOException("injected: no space left on device");
        }

        @Override
        public void force(boolean metaData) throws IOException {
            if (failSyncs) {
                throw new IOException("injected: input/output error");
            }
            file.force(metaData);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return file.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            throw new UnsupportedOperationException("the log writes at explicit positions");
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            throw new UnsupportedOperationException("the log writes at explicit positions");
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return file.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException("the log writes through write(buffer, position)");
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return file.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return file.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}
