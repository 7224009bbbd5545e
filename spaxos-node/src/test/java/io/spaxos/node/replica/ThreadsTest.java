package io.spaxos.node.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spaxos.core.Bytes;
import io.spaxos.core.CoreConfig;
import io.spaxos.core.HardState;
import io.spaxos.core.LogStorage;
import io.spaxos.core.Outcome;
import io.spaxos.core.Proposal;
import io.spaxos.core.RecoveredState;
import io.spaxos.core.Status;
import io.spaxos.node.ProposalResult;
import io.spaxos.node.storage.RocksLogStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replica's threads on a single-member group, with real RocksDB storage that can be made to fail. */
class ThreadsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Threads<String> threads;
    private LogStorage storage;

    /** Fails the writes it is told to, then behaves. */
    private static final class FlakyStorage implements LogStorage {
        final LogStorage real;
        final AtomicInteger failuresLeft = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();
        /** "write synced|unsynced votes|applied-only" per write, "sync" per sync, in order. */
        final List<String> ops = new CopyOnWriteArrayList<>();

        FlakyStorage(LogStorage real) {
            this.real = real;
        }

        @Override
        public void write(List<HardState> states, boolean sync) throws StorageException {
            writes.incrementAndGet();
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new StorageException("injected write failure");
            }
            real.write(states, sync);
            ops.add("write " + (sync ? "synced " : "unsynced ")
                    + (states.stream().anyMatch(HardState::needsSync) ? "votes" : "applied-only"));
        }

        @Override
        public void sync() throws StorageException {
            real.sync();
            ops.add("sync");
        }

        @Override
        public RecoveredState recover() throws StorageException {
            return real.recover();
        }

        @Override
        public List<HardState.Instance> readApplied(long from, long to, int max) throws StorageException {
            return real.readApplied(from, to, max);
        }

        @Override
        public void close() {
            real.close();
        }
    }

    private final List<String> applied = new CopyOnWriteArrayList<>();

    private FlakyStorage start() throws Exception {
        return start(CoreConfig.defaults(1, List.of(1)).withTimes(2, 5, 2, 3), 5);
    }

    private FlakyStorage start(CoreConfig config, int tickMs) throws Exception {
        final FlakyStorage flaky = new FlakyStorage(RocksLogStorage.open(dir.resolve("node-1"), "test", 1));
        storage = flaky;
        threads = new Threads<>(1, config, tickMs, flaky.recover(), flaky, e -> {
            applied.add(e.reqid());
            return "applied " + e.reqid();
        }, e -> { });
        // A single member sends only to itself: the network hands messages straight back.
        threads.connect(messages -> messages.forEach(threads::deliver));
        threads.start();
        return flaky;
    }

    @AfterEach
    void stop() {
        if (threads != null) {
            threads.stop();
        }
        if (storage != null) {
            storage.close();
        }
    }

    private ProposalResult<String> propose(String reqid) throws Exception {
        return threads.propose(new Proposal(reqid, Bytes.utf8("v-" + reqid))).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void a_proposal_is_chosen_applied_and_answered_with_the_state_machines_result() throws Exception {
        start();
        final ProposalResult<String> result = propose("a");
        assertThat(result.outcome().kind()).isEqualTo(Outcome.Kind.CHOSEN);
        assertThat(result.answer()).isEqualTo("applied a");
        assertThat(applied).containsExactly("a");
    }

    @Test
    void proposals_are_stepped_when_they_would_make_a_batch_leave_not_at_the_next_tick() throws Exception {
        // Ticks a second apart: a proposal left waiting for a tick would take half a second on average.
        start(CoreConfig.defaults(1, List.of(1)).withTimes(1, 2, 0, 1).withLimits(64, 8, 1 << 20, 1000), 1_000);
        await().atMost(DEADLINE).until(() -> threads.status().role() == Status.Role.MASTER);
        final long started = System.nanoTime();

        for (int i = 0; i < 10; i++) {
            assertThat(propose("one-" + i).chosen()).as("alone, each leaves at once").isTrue();
        }
        final List<CompletableFuture<ProposalResult<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            burst.add(threads.propose(new Proposal("burst-" + i, Bytes.utf8("v"))));
        }
        for (final CompletableFuture<ProposalResult<String>> f : burst) {
            assertThat(f.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).chosen())
                    .as("gathered behind a batch in flight, stepped when it is chosen or a batch is full").isTrue();
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no proposal waited for a tick")
                .isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void applied_records_are_written_unsynced_and_synced_soon_when_no_vote_follows() throws Exception {
        final FlakyStorage flaky = start();
        assertThat(propose("a").chosen()).isTrue();

        await().atMost(DEADLINE).until(() -> flaky.ops.contains("sync"));

        assertThat(flaky.ops).contains("write unsynced applied-only")
                .allMatch(op -> op.equals("sync") || op.equals("write synced votes") || op.equals("write unsynced applied-only"));
        assertThat(flaky.ops.indexOf("write unsynced applied-only")).isLessThan(flaky.ops.indexOf("sync"));
    }

    @Test
    void after_a_write_error_the_replica_rebuilds_from_disk_and_keeps_serving() throws Exception {
        final FlakyStorage flaky = start();
        assertThat(propose("before").chosen()).isTrue();

        flaky.failuresLeft.set(1);
        // The proposal in flight when the write fails may end either way, but never hangs.
        final ProposalResult<String> during = propose("during");
        assertThat(during.outcome().kind()).isIn(Outcome.Kind.CHOSEN, Outcome.Kind.UNKNOWN, Outcome.Kind.NOT_CHOSEN);

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(propose("after").chosen()).isTrue());
        assertThat(threads.failure()).isEmpty();
        assertThat(applied).startsWith("before").contains("after").doesNotHaveDuplicates();
    }

    @Test
    void when_storage_keeps_failing_the_replica_stops_serving_instead_of_answering() throws Exception {
        final FlakyStorage flaky = start();
        flaky.failuresLeft.set(Integer.MAX_VALUE);
        propose("doomed");
        await().atMost(DEADLINE).until(() -> threads.failure().isPresent());
        assertThat(threads.failure().get()).contains("storage keeps failing");

        final ProposalResult<String> refused = propose("refused");
        assertThat(refused.outcome().kind()).isEqualTo(Outcome.Kind.NOT_CHOSEN);
        assertThat(refused.outcome().reason()).contains("replica stopped");
        assertThat(applied).doesNotContain("refused");
    }

    @Test
    void a_restart_rebuilds_from_what_was_written() throws Exception {
        start();
        for (int i = 0; i < 20; i++) {
            assertThat(propose("r" + i).chosen()).isTrue();
        }
        threads.stop();
        final RecoveredState recovered = storage.recover();
        assertThat(recovered.nextEntry() - 1).isBetween(1L, 20L);
        assertThat(storage.readApplied(1, recovered.appliedUpTo(), 1000))
                .flatExtracting(i -> i.value().proposals()).extracting(Proposal::reqid)
                .containsExactlyElementsOf(applied.subList(0, (int) (recovered.nextEntry() - 1)));
    }
}
