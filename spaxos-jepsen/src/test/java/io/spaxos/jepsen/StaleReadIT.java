package io.spaxos.jepsen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Shows the harness can fail: the same partition run, once with {@code read_mode: local} (reads
 * answered by whichever replica the client talks to, from what it has applied so far) and once
 * with the default, linearizable reads. The first must be caught, the second must pass.
 */
class StaleReadIT {

    private static final Duration FAULTS = Duration.ofSeconds(20);
    /** Partitions of 3-5 s, 1-2 s apart: a cut-off replica keeps answering local reads from old state. */
    private static final Nemesis.Schedule FREQUENT = new Nemesis.Schedule(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(3), Duration.ofSeconds(5));
    /**
     * A stale read needs a client to read from a lagging replica after a newer write was
     * acknowledged; it nearly always happens within one run, but timing is the machine's, so a
     * run that happens to see none is retried (each run is bounded).
     */
    private static final int MAX_ATTEMPTS = 3;
    private static final long SEED = 201;

    @Test
    void local_reads_under_partitions_are_reported_as_a_linearizability_violation() {
        final List<String> attempts = new ArrayList<>();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            final RunReport report = Scenarios.run(options("stale-local-" + attempt, 5, "local", SEED + attempt - 1));
            if (report.violation()) {
                assertThat(report.valid()).isFalse();
                assertThat(report.check().smallestFailing()).as("a small failing history").isNotEmpty()
                        .hasSizeLessThan(report.ops().size());
                assertThat(HistoryCheck.explainSmallest(report.check())).contains("read ->");
                return;
            }
            attempts.add(report.summary());
        }
        throw new AssertionError("no violation in " + MAX_ATTEMPTS + " runs with read_mode local:\n"
                + String.join("\n", attempts));
    }

    @Test
    void the_same_partitions_with_linearizable_reads_pass() {
        final RunReport report = Scenarios.run(options("stale-linearizable", 6, "linearizable", SEED));
        assertThat(report.valid()).as(report.summary()).isTrue();
        assertThat(report.faults().getOrDefault(FaultKind.PARTITION, 0)).isPositive();
    }

    private static RunOptions options(String name, int slot, String readMode, long seed) {
        return Scenarios.options(name, slot, Set.of(FaultKind.PARTITION), readMode, FAULTS, seed).withSchedule(FREQUENT);
    }
}
