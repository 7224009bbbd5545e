package io.spaxos.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spaxos.core.Ballot;
import io.spaxos.core.Batch;
import io.spaxos.core.HardState;
import io.spaxos.core.LogStorage.StorageException;
import io.spaxos.core.Proposal;
import io.spaxos.core.RecoveredState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksLogStorageTest {

    static final String CLUSTER = "test-cluster";
    static final Ballot B = new Ballot(3, 1);

    @TempDir
    Path dir;

    static Batch batch(String... reqids) {
        return new Batch(java.util.Arrays.stream(reqids).map(r -> Proposal.of(r, "value of " + r)).toList());
    }

    static HardState.Instance accepted(long index, Batch value) {
        return new HardState.Instance(index, B, value, HardState.Instance.NOT_APPLIED);
    }

    static HardState.Instance applied(long index, Batch value, long firstEntry) {
        return new HardState.Instance(index, B, value, firstEntry);
    }

    /** Instances 1..3 applied (entries 1..4), 4 and 5 accepted only. */
    static List<HardState> fiveInstances() {
        return List.of(new HardState.Promise(B),
                applied(1, batch("a", "b"), 1), applied(2, Batch.NOOP, 3), applied(3, batch("c", "d"), 3),
                accepted(4, batch("e")), accepted(5, batch("f")));
    }

    @Test
    void a_new_directory_recovers_as_empty() throws Exception {
        try (RocksLogStorage storage = RocksLogStorage.open(dir, CLUSTER, 1)) {
            final RecoveredState state = storage.recover();

            assertThat(state.promised()).isEqualTo(Ballot.ZERO);
            assertThat(state.appliedUpTo()).isZero();
            assertThat(state.nextEntry()).isEqualTo(1);
            assertThat(state.unapplied()).isEmpty();
        }
    }

    @Test
    void what_was_written_is_recovered() throws Exception {
        try (RocksLogStorage storage = RocksLogStorage.open(dir, CLUSTER, 1)) {
            storage.writeDurably(fiveInstances());

            final RecoveredState state = storage.recover();

            assertThat(state.promised()).isEqualTo(B);
            assertThat(state.appliedUpTo()).isEqualTo(3);
            assertThat(state.nextEntry()).isEqualTo(5);
            assertThat(state.unapplied()).containsExactly(accepted(4, batch("e")), accepted(5, batch("f")));
        }
    }

    @Test
    void what_was_written_is_recovered_after_reopening() throws Exception {
        try (RocksLogStorage storage = RocksLogStorage.open(dir, CLUSTER, 1)) {
            storage.writeDurably(fiveInstances());
        }
        try (RocksLogStorage storage = RocksLogStorage.open(dir, CLUSTER, 1)) {
            final RecoveredState state = storage.recover();

            assertThat(state.promised()).isEqualTo(B);
            assertThat(state.appliedUpTo()).isEqualTo(3);
            assertThat(state.unapplied()).extracting(HardState.Instance::index).containsExactly(4L, 5L);
        }
    }

    @Test
    void durable_writes_survive_a_crash_that_loses_rocksdbs_memtables() throws Exception {
        final Path crashed = dir.resolve("crashed");
        try (RocksLogStorage storage = RocksLogStorage.open(dir.resolve("live"), CLUSTER, 1)) {
            storage.writeDurably(fiveInstances());
            storage.write(List.of(accepted(4, batch("e2"))), false);
            storage.writeDurably(List.of(new HardState.Promise(new Ballot(4, 2))));
            CrashImage.copy(dir.resolve("live"), crashed);
        }

        try (RocksLogStorage storage = RocksLogStorage.open(crashed, CLUSTER, 1)) {
            final RecoveredState state = storage.recover();

            assertThat(state.promised()).isEqualTo(new Ballot(4, 2));
            assertThat(state.appliedUpTo()).isEqualTo(3);
            assertThat(state.unapplied()).containsExactly(accepted(4, batch("e2")), accepted(5, batch("f")));
        }
    }

    @Test
    void writes_across_recycled_log_segments_survive_a_crash() throws Exception {
        final Path crashed = dir.resolve("crashed");
        final int instances = 2_000;
        try (RocksLogStorage storage = RocksLogStorage.open(dir.resolve("live"), CLUSTER, 1, 16 << 10)) {
            for (int i = 1; i <= instances; i++) {
                storage.writeDurably(List.of(accepted(i, batch("r" + i, "x".repeat(200)))));
            }
            // Segments retired so far are in RocksDB's files only: the crash image must not need them.
            storage.awaitBackgroundFlushes();
            CrashImage.copy(dir.resolve("live"), crashed);
        }
        try (Stream<Path> wal = Files.list(crashed.resolve(RocksLogStorage.WAL_DIR))) {
            assertThat(wal.count()).as("segments recycled, not one file per 16 KiB").isLessThan(10);
        }

        try (RocksLogStorage storage = RocksLogStorage.open(crashed, CLUSTER, 1)) {
            final RecoveredState state = storage.recover();

            assertThat(state.unapplied()).hasSize(instances);
            assertThat(state.unapplied().get(instances - 1)).isEqualTo(accepted(instances,
                    batch("r" + instances, "x".repeat(200))));
        }
    }

    @Test
    void a_clean_close_leaves_nothing_to_replay() throws Exception {
        try (RocksLogStorage storage = RocksLogStorage.open(dir, CLUSTER, 1)) {
            storage.writeDurably(fiveInstances());
        }

        try (Stream<Path> segments = Files.list(dir.resolve(RocksLogStorage.WAL_DIR))) {
            final List<Path> live = segments.filter(f -> f.getFileName().toString().startsWith("segment-")).toList();
            // The segment that held the writes is retired; the one left was started after them.
            assertThat(live).singleElement().extracting(f -> f.getFileName().toString())
                    .isEqualTo("segment-00000000000000000002.wal");
        }
    }

    @Test
    void a_later_write_replaces_the_earlier_state_at_the_same_key() throws Exception {
        try (RocksLogStorage storage = RocksLogStorage.open(dir, CLUSTER, 1)) {
            storage.writeDurably(List.of(new HardState.Promise(B), accepted(1, batch("x"))));
            final Ballot higher = new Ballot(9, 2);
            storage.writeDurably(List.of(new HardState.Promise(higher), applied(1, batch("y"), 1)));

            final RecoveredState state = storage.recover();

            assertThat(state.promised()).isEqualTo(higher);
            assertThat(state.appliedUpTo()).isEqualTo(1);
            assertThat(state.nextEntry()).isEqualTo(2);
            assertThat(storage.readApplied(1, 1, 1)).containsExactly(applied(1, batch("y"), 1));
        }
    }

    @Test
    void applied_instances_are_read_by_index_range_and_count() throws Exception {
        try (RocksLogStorage storage = RocksLogStorage.open(dir, CLUSTER, 1)) {
            storage.writeDurably(fiveInstances());

            assertThat(storage.readApplied(2, 3, 10)).extracting(HardState.Instance::index).containsExactly(2L, 3L);
            assertThat(storage.readApplied(1, 100, 2)).extracting(HardState.Instance::index).containsExactly(1L, 2L);
            assertThat(storage.readApplied(3, 5, 10)).extracting(HardState.Instance::index)
                    .as("unapplied instances are not returned").containsExactly(3L);
            assertThat(storage.readApplied(6, 9, 10)).isEmpty();
            assertThat(storage.readApplied(3, 2, 10)).isEmpty();
            assertThat(storage.readApplied(1, 3, 0)).isEmpty();
        }
    }

    @Test
    void deleting_below_an_index_keeps_the_rest_recoverable() throws Exception {
        try (RocksLogStorage storage = RocksLogStorage.open(dir, CLUSTER, 1)) {
            storage.writeDurably(fiveInstances());

            storage.deleteAppliedBelow(3);

            assertThat(storage.readApplied(1, 5, 10)).extracting(HardState.Instance::index).containsExactly(3L);
            final RecoveredState state = storage.recover();
            assertThat(state.appliedUpTo()).isEqualTo(3);
            assertThat(state.nextEntry()).isEqualTo(5);
            assertThat(state.unapplied()).hasSize(2);
        }
    }

    @Test
    void deleting_an_unapplied_instance_is_refused() throws Exception {
        try (RocksLogStorage storage = RocksLogStorage.open(dir, CLUSTER, 1)) {
            storage.writeDurably(fiveInstances());

            assertThatThrownBy(() -> storage.deleteAppliedBelow(5))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot delete below 5: instance 4 is not applied");
            assertThat(storage.recover().unapplied()).hasSize(2);
        }
    }

    @Test
    void an_applied_instance_above_an_unapplied_one_is_reported_as_corruption() throws Exception {
        try (RocksLogStorage storage = RocksLogStorage.open(dir, CLUSTER, 1)) {
            storage.writeDurably(List.of(accepted(1, batch("a")), applied(2, batch("b"), 1)));

            assertThatThrownBy(storage::recover)
                    .isInstanceOf(StorageException.class)
                    .hasMessage("corrupted log in " + dir + ": instance 2 is applied but instance 1 below it is not"
                            + " (applied instances must form a prefix)");
        }
    }

    @Test
    void a_gap_in_the_applied_instances_is_reported_as_corruption() throws Exception {
        try (RocksLogStorage storage = RocksLogStorage.open(dir, CLUSTER, 1)) {
            storage.writeDurably(List.of(applied(1, batch("a"), 1), applied(3, batch("b"), 2)));

            assertThatThrownBy(storage::recover)
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("applied instances jump from 1 to 3");
        }
    }

    @Test
    void a_gap_in_the_entry_numbers_is_reported_as_corruption() throws Exception {
        try (RocksLogStorage storage = RocksLogStorage.open(dir, CLUSTER, 1)) {
            storage.writeDurably(List.of(applied(1, batch("a", "b"), 1), applied(2, batch("c"), 4)));

            assertThatThrownBy(storage::recover)
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("instance 2 starts at entry 4 but instance 1 ends before entry 3");
        }
    }

    @Test
    void an_applied_instance_without_a_ballot_is_stored_under_ballot_zero() throws Exception {
        try (RocksLogStorage storage = RocksLogStorage.open(dir, CLUSTER, 1)) {
            storage.writeDurably(List.of(new HardState.Instance(1, null, batch("a"), 1)));

            assertThat(storage.readApplied(1, 1, 1)).containsExactly(new HardState.Instance(1, Ballot.ZERO, batch("a"), 1));
        }
    }

    @Test
    void using_a_closed_storage_is_a_storage_error_and_closing_twice_is_harmless() throws Exception {
        final RocksLogStorage storage = RocksLogStorage.open(dir, CLUSTER, 1);
        storage.close();
        storage.close();

        assertThatThrownBy(storage::recover).isInstanceOf(StorageException.class).hasMessageContaining("is closed");
    }

    @Test
    void a_directory_already_open_is_refused() throws Exception {
        try (RocksLogStorage storage = RocksLogStorage.open(dir, CLUSTER, 1)) {
            assertThatThrownBy(() -> RocksLogStorage.open(dir, CLUSTER, 1))
                    .isInstanceOf(StorageException.class)
                    .hasMessageStartingWith("cannot open data directory " + dir);
        }
    }
}
