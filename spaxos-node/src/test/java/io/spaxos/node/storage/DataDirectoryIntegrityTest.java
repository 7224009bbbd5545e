package io.spaxos.node.storage;

import static io.spaxos.node.storage.RocksLogStorageTest.CLUSTER;
import static io.spaxos.node.storage.RocksLogStorageTest.fiveInstances;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spaxos.core.LogStorage.StorageException;
import io.spaxos.node.wire.proto.WireProto;
import io.spaxos.core.HardState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory is only ever used by the replica it belongs to, and only while it reads back intact. */
class DataDirectoryIntegrityTest {

    @TempDir
    Path dir;

    @Test
    void a_directory_of_another_node_is_refused_naming_both_identities() throws Exception {
        RocksLogStorage.open(dir, CLUSTER, 1).close();

        assertThatThrownBy(() -> RocksLogStorage.open(dir, CLUSTER, 2))
                .isInstanceOf(StorageException.class)
                .hasMessage("data directory " + dir + " belongs to node 1 of cluster 'test-cluster', but this is"
                        + " node 2 of cluster 'test-cluster'");
    }

    @Test
    void a_directory_of_another_cluster_is_refused_naming_both_identities() throws Exception {
        RocksLogStorage.open(dir, CLUSTER, 1).close();

        assertThatThrownBy(() -> RocksLogStorage.open(dir, "other", 1))
                .isInstanceOf(StorageException.class)
                .hasMessage("data directory " + dir + " belongs to node 1 of cluster 'test-cluster', but this is"
                        + " node 1 of cluster 'other'");
    }

    @Test
    void a_directory_in_an_unknown_format_is_refused() throws Exception {
        try (RocksHandles rocks = RocksHandles.open(dir)) {
            final WireProto.MetaRecord future = WireProto.MetaRecord.newBuilder().setFormatVersion(99)
                    .setClusterId(CLUSTER).setNodeId(1).build();
            rocks.db.put(rocks.meta, DataDirIdentity.META_KEY, RecordCodec.seal(DataDirIdentity.META_KEY, future));
        }

        assertThatThrownBy(() -> RocksLogStorage.open(dir, CLUSTER, 1))
                .isInstanceOf(StorageException.class)
                .hasMessage("data directory " + dir + " has format version 99 (node 1 of cluster 'test-cluster');"
                        + " this build reads format version 2");
    }

    @Test
    void a_directory_of_format_1_opens_with_its_state_and_is_marked_format_2() throws Exception {
        final HardState.Promise promise = new HardState.Promise(RocksLogStorageTest.B);
        try (RocksHandles rocks = RocksHandles.open(dir)) {
            // Format 1 kept everything in RocksDB, written through RocksDB's own log.
            final WireProto.MetaRecord old = WireProto.MetaRecord.newBuilder().setFormatVersion(1)
                    .setClusterId(CLUSTER).setNodeId(1).build();
            rocks.db.put(rocks.meta, rocks.syncWrites, DataDirIdentity.META_KEY,
                    RecordCodec.seal(DataDirIdentity.META_KEY, old));
            rocks.db.put(rocks.promise, rocks.syncWrites, RocksLogStorage.PROMISE_KEY,
                    RecordCodec.seal(RocksLogStorage.PROMISE_KEY, RecordCodec.toRecord(promise)));
        }

        try (RocksLogStorage storage = RocksLogStorage.open(dir, CLUSTER, 1)) {
            assertThat(storage.recover().promised()).isEqualTo(promise.promised());
        }
        try (RocksHandles rocks = RocksHandles.open(dir)) {
            final byte[] meta = rocks.db.get(rocks.meta, DataDirIdentity.META_KEY);
            assertThat(RecordCodec.meta(RecordCodec.open(DataDirIdentity.META_KEY, meta)).getFormatVersion())
                    .isEqualTo(2);
        }
    }

    @Test
    void replica_state_without_a_meta_record_is_refused() throws Exception {
        try (RocksHandles rocks = RocksHandles.open(dir)) {
            rocks.db.put(rocks.promise, RocksLogStorage.PROMISE_KEY, new byte[] {1, 2, 3, 4, 5});
        }

        assertThatThrownBy(() -> RocksLogStorage.open(dir, CLUSTER, 1))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("holds replica state but no meta record");
    }

    @Test
    void a_write_ahead_log_without_a_meta_record_is_refused() throws Exception {
        final Path other = dir.resolve("other");
        try (RocksLogStorage storage = RocksLogStorage.open(other, CLUSTER, 1)) {
            storage.writeDurably(fiveInstances());
            CrashImage.copy(other, dir.resolve("copy"));
        }
        final Path orphan = dir.resolve("orphan");
        Files.createDirectories(orphan);
        // Only the log was carried over: its batches would be adopted by whoever opens this directory.
        CrashImage.copy(dir.resolve("copy").resolve(RocksLogStorage.WAL_DIR), orphan.resolve(RocksLogStorage.WAL_DIR));

        assertThatThrownBy(() -> RocksLogStorage.open(orphan, CLUSTER, 2))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("holds a write-ahead log but no meta record");
    }

    @Test
    void a_flipped_bit_in_an_instance_is_detected_on_recovery_naming_the_key() throws Exception {
        writeFiveInstancesAndClose();
        flipOneBit(RocksHandles.INSTANCES_CF_NAME, RecordCodec.indexKey(2));

        try (RocksLogStorage storage = RocksLogStorage.open(dir, CLUSTER, 1)) {
            assertThatThrownBy(storage::recover)
                    .isInstanceOf(StorageException.class)
                    .hasMessageStartingWith("corrupted record instances/2 in " + dir + ": checksum mismatch");
            assertThatThrownBy(() -> storage.readApplied(1, 3, 10))
                    .isInstanceOf(StorageException.class)
                    .hasMessageStartingWith("corrupted record instances/2");
            assertThat(storage.readApplied(1, 1, 10)).hasSize(1);
        }
    }

    @Test
    void a_flipped_bit_in_the_promise_is_detected_on_recovery() throws Exception {
        writeFiveInstancesAndClose();
        flipOneBit(RocksHandles.PROMISE_CF_NAME, RocksLogStorage.PROMISE_KEY);

        try (RocksLogStorage storage = RocksLogStorage.open(dir, CLUSTER, 1)) {
            assertThatThrownBy(storage::recover)
                    .isInstanceOf(StorageException.class)
                    .hasMessageStartingWith("corrupted record promise in " + dir + ": checksum mismatch");
        }
    }

    @Test
    void a_record_copied_under_another_key_is_detected() throws Exception {
        writeFiveInstancesAndClose();
        try (RocksHandles rocks = RocksHandles.open(dir)) {
            final byte[] four = rocks.db.get(rocks.instances, RecordCodec.indexKey(4));
            rocks.db.put(rocks.instances, RecordCodec.indexKey(5), four);
        }

        try (RocksLogStorage storage = RocksLogStorage.open(dir, CLUSTER, 1)) {
            assertThatThrownBy(storage::recover)
                    .isInstanceOf(StorageException.class)
                    .hasMessageStartingWith("corrupted record instances/5");
        }
    }

    @Test
    void a_flipped_bit_in_the_meta_record_refuses_to_open() throws Exception {
        writeFiveInstancesAndClose();
        flipOneBit(null, DataDirIdentity.META_KEY);

        assertThatThrownBy(() -> RocksLogStorage.open(dir, CLUSTER, 1))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("corrupted record meta in data directory " + dir);
    }

    @Test
    void a_damaged_write_ahead_log_record_refuses_to_open_instead_of_dropping_synced_writes() throws Exception {
        final Path crashed = dir.resolve("crashed");
        try (RocksLogStorage storage = RocksLogStorage.open(dir.resolve("live"), CLUSTER, 1)) {
            for (final HardState state : fiveInstances()) {
                storage.writeDurably(List.of(state));
            }
            CrashImage.copy(dir.resolve("live"), crashed);
        }
        final Path segment;
        try (Stream<Path> files = Files.list(crashed.resolve(RocksLogStorage.WAL_DIR))) {
            segment = files.filter(f -> f.getFileName().toString().startsWith("segment-"))
                    .max(Comparator.naturalOrder()).orElseThrow();
        }
        final byte[] bytes = Files.readAllBytes(segment);
        final int firstPromise = indexOf(bytes, RocksLogStorage.PROMISE_KEY);
        bytes[firstPromise + RocksLogStorage.PROMISE_KEY.length + 2] ^= 0x10;
        Files.write(segment, bytes);

        assertThatThrownBy(() -> RocksLogStorage.open(crashed, CLUSTER, 1).close())
                .isInstanceOf(StorageException.class).hasMessageContaining(crashed.toString())
                .hasMessageContaining("is damaged");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    private void writeFiveInstancesAndClose() throws Exception {
        try (RocksLogStorage storage = RocksLogStorage.open(dir, CLUSTER, 1)) {
            storage.writeDurably(fiveInstances());
        }
    }

    /** Flips the lowest bit of the value's last byte, as a bad disk sector or a stray write would. */
    private void flipOneBit(String columnFamily, byte[] key) throws Exception {
        try (RocksHandles rocks = RocksHandles.open(dir)) {
            final var cf = columnFamily == null ? rocks.meta
                    : columnFamily.equals(RocksHandles.PROMISE_CF_NAME) ? rocks.promise : rocks.instances;
            final byte[] value = rocks.db.get(cf, key);
            value[value.length - 1] ^= 1;
            rocks.db.put(cf, key, value);
        }
    }
}
