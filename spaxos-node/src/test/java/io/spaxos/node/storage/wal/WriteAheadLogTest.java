package io.spaxos.node.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spaxos.core.LogStorage.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogTest {

    private static final long SMALL_SEGMENT_BYTES = 4096;

    @TempDir
    Path dir;

    private final List<String> replayed = new ArrayList<>();
    private final List<Long> sealed = new ArrayList<>();
    private int sparesWanted;

    private WriteAheadLog open(long segmentBytes) throws StorageException {
        replayed.clear();
        return WriteAheadLog.open(dir, segmentBytes, batch -> replayed.add(new String(batch, StandardCharsets.UTF_8)),
                new WriteAheadLog.Housekeeping() {
                    @Override
                    public void sealed(long segmentSeq) {
                        sealed.add(segmentSeq);
                    }

                    @Override
                    public void spareWanted() {
                        sparesWanted++;
                    }
                });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String batchOf(int n, int length) {
        final String prefix = "batch " + n + " ";
        return prefix + "x".repeat(Math.max(0, length - prefix.length()));
    }

    @Test
    void batches_come_back_in_order_after_reopening() throws Exception {
        try (WriteAheadLog log = open(SMALL_SEGMENT_BYTES)) {
            log.append(bytes("one"), false);
            log.append(bytes("two"), true);
            log.append(bytes("three"), true);
        }

        try (WriteAheadLog log = open(SMALL_SEGMENT_BYTES)) {
            assertThat(replayed).containsExactly("one", "two", "three");
            assertThat(log.recoveredThroughSeq()).isEqualTo(1);
        }
    }

    @Test
    void batches_across_many_segments_come_back_in_order() throws Exception {
        final List<String> written = new ArrayList<>();
        try (WriteAheadLog log = open(SMALL_SEGMENT_BYTES)) {
            for (int i = 0; i < 100; i++) {
                written.add(batchOf(i, 300));
                log.append(bytes(written.get(i)), i % 7 == 0);
            }
            log.sync();
        }
        assertThat(sealed).as("segments sealed as they filled").hasSizeGreaterThan(5);

        try (WriteAheadLog log = open(SMALL_SEGMENT_BYTES)) {
            assertThat(replayed).containsExactlyElementsOf(written);
        }
    }

    @Test
    void a_batch_larger_than_a_segment_gets_a_segment_of_its_own() throws Exception {
        final String large = batchOf(1, 3 * (int) SMALL_SEGMENT_BYTES);
        try (WriteAheadLog log = open(SMALL_SEGMENT_BYTES)) {
            log.append(bytes("before"), true);
            log.append(bytes(large), true);
            log.append(bytes("after"), true);
        }

        try (WriteAheadLog log = open(SMALL_SEGMENT_BYTES)) {
            assertThat(replayed).containsExactly("before", large, "after");
        }
    }

    @Test
    void a_batch_larger_than_the_write_buffer_comes_back_whole() throws Exception {
        final StringBuilder large = new StringBuilder();
        for (int i = 0; large.length() < 3 << 20; i++) {
            large.append(i).append(',');
        }
        try (WriteAheadLog log = open(SMALL_SEGMENT_BYTES)) {
            log.append(bytes(large.toString()), true);
            log.append(bytes("after"), true);
        }

        try (WriteAheadLog log = open(SMALL_SEGMENT_BYTES)) {
            assertThat(replayed).containsExactly(large.toString(), "after");
        }
    }

    @Test
    void segments_stored_elsewhere_are_recycled_and_not_replayed() throws Exception {
        final List<String> written = new ArrayList<>();
        try (WriteAheadLog log = open(SMALL_SEGMENT_BYTES)) {
            for (int i = 0; i < 200; i++) {
                written.add(batchOf(i, 300));
                log.append(bytes(written.get(i)), true);
                if (!sealed.isEmpty()) {
                    log.markStoredThrough(sealed.get(sealed.size() - 1));
                }
                if (sparesWanted > 0) {
                    sparesWanted--;
                    log.prepareSpare();
                }
            }
        }
        assertThat(sealed).hasSizeGreaterThan(10);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.count()).as("live segments and at most two spares, not one file per segment")
                    .isLessThanOrEqualTo(4);
        }

        try (WriteAheadLog log = open(SMALL_SEGMENT_BYTES)) {
            // Recycled files still hold their old records; only the live segments' batches may come back.
            assertThat(replayed).isNotEmpty().hasSizeLessThan(written.size());
            assertThat(written).endsWith(replayed.toArray(String[]::new));
        }
    }

    @Test
    void a_spare_is_asked_for_once_when_the_segment_is_half_full() throws Exception {
        try (WriteAheadLog log = open(SMALL_SEGMENT_BYTES)) {
            log.append(bytes(batchOf(1, 1000)), true);
            assertThat(sparesWanted).isZero();

            log.append(bytes(batchOf(2, 1500)), true);
            log.append(bytes(batchOf(3, 500)), true);
            assertThat(sparesWanted).isEqualTo(1);

            log.prepareSpare();
            log.append(bytes(batchOf(4, 1500)), true); // a new segment, with a spare ready
            log.append(bytes(batchOf(5, 1500)), true);
            assertThat(sealed).containsExactly(1L);
            assertThat(sparesWanted).as("the spare was used; the second segment wants the next one").isEqualTo(2);
        }
    }

    @Test
    void a_torn_last_record_is_dropped_and_the_ones_before_it_kept() throws Exception {
        writeSyncedAndClose("one", "two", "torn");
        final Path segment = onlySegment();
        final int tornAt = WalRecord.size(3) * 2;
        overwrite(segment, tornAt + WalRecord.HEADER_BYTES + 1, new byte[3]); // the write reached the disk in part

        try (WriteAheadLog log = open(SMALL_SEGMENT_BYTES)) {
            assertThat(replayed).containsExactly("one", "two");
        }
    }

    @Test
    void what_followed_a_torn_record_never_comes_back_after_more_writes() throws Exception {
        try (WriteAheadLog log = open(SMALL_SEGMENT_BYTES)) {
            log.append(bytes("kept"), true);
            log.append(bytes("torn"), false);
            log.append(bytes("lost"), false);
        }
        final Path segment = onlySegment();
        // Only the later record reached the disk; the earlier one's header did not.
        overwrite(segment, WalRecord.size(4), new byte[WalRecord.HEADER_BYTES]);
        try (WriteAheadLog log = open(SMALL_SEGMENT_BYTES)) {
            assertThat(replayed).containsExactly("kept");
            // Same length as the torn record: written where it was, "lost" would be whole right after it.
            log.append(bytes("next"), true);
        }

        try (WriteAheadLog log = open(SMALL_SEGMENT_BYTES)) {
            assertThat(replayed).containsExactly("kept", "next");
        }
    }

    @Test
    void damage_with_whole_records_after_it_refuses_to_open() throws Exception {
        writeSyncedAndClose("one", "two", "three");
        flipBit(onlySegment(), WalRecord.HEADER_BYTES + 1); // in the first record's payload

        assertThatThrownBy(() -> open(SMALL_SEGMENT_BYTES)).isInstanceOf(StorageException.class)
                .hasMessageContaining("is damaged at offset 0, with whole records after it");
    }

    @Test
    void damage_in_a_sealed_segment_refuses_to_open() throws Exception {
        try (WriteAheadLog log = open(SMALL_SEGMENT_BYTES)) {
            for (int i = 0; i < 30; i++) {
                log.append(bytes(batchOf(i, 300)), true);
            }
        }
        final Path first = segments().get(0);
        // The last record of the first segment: no record of that segment follows it but the seal.
        final int lastRecordPayload = WalRecord.size(300) * ((int) (SMALL_SEGMENT_BYTES - WalRecord.HEADER_BYTES)
                / WalRecord.size(300) - 1) + WalRecord.HEADER_BYTES;
        flipBit(first, lastRecordPayload + 5);

        assertThatThrownBy(() -> open(SMALL_SEGMENT_BYTES)).isInstanceOf(StorageException.class)
                .hasMessageContaining(first.toString()).hasMessageContaining("before its seal");
    }

    @Test
    void a_missing_segment_refuses_to_open() throws Exception {
        try (WriteAheadLog log = open(SMALL_SEGMENT_BYTES)) {
            for (int i = 0; i < 50; i++) {
                log.append(bytes(batchOf(i, 300)), true);
            }
        }
        Files.delete(segments().get(1));

        assertThatThrownBy(() -> open(SMALL_SEGMENT_BYTES)).isInstanceOf(StorageException.class)
                .hasMessageContaining("is missing segment 2");
    }

    @Test
    void a_batch_over_the_limit_is_refused_and_the_log_stays_usable() throws Exception {
        try (WriteAheadLog log = open(SMALL_SEGMENT_BYTES)) {
            assertThatThrownBy(() -> log.append(new byte[WriteAheadLog.MAX_BATCH_BYTES + 1], true))
                    .isInstanceOf(StorageException.class).hasMessageContaining("exceeds");
            log.append(bytes("fine"), true);
        }

        try (WriteAheadLog log = open(SMALL_SEGMENT_BYTES)) {
            assertThat(replayed).containsExactly("fine");
        }
    }

    @Test
    void using_a_closed_log_is_a_storage_error() throws Exception {
        final WriteAheadLog log = open(SMALL_SEGMENT_BYTES);
        log.close();
        log.close();

        assertThatThrownBy(() -> log.append(bytes("late"), true)).isInstanceOf(StorageException.class)
                .hasMessageContaining("closed");
    }

    private void writeSyncedAndClose(String... batches) throws StorageException {
        try (WriteAheadLog log = open(SMALL_SEGMENT_BYTES)) {
            for (final String batch : batches) {
                log.append(bytes(batch), true);
            }
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("segment-")).sorted().toList();
        }
    }

    /** The segment written before the last reopen (a reopen starts a new one). */
    private Path onlySegment() throws IOException {
        final List<Path> segments = segments();
        assertThat(segments).hasSize(1);
        return segments.get(0);
    }

    private static void overwrite(Path file, long at, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), at);
        }
    }

    private static void flipBit(Path file, int at) throws IOException {
        final byte[] content = Files.readAllBytes(file);
        content[at] ^= 0x10;
        Files.write(file, content);
    }
}
