package io.spaxos.check;

import static io.spaxos.check.Histories.REGISTER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The checker against 102 real Jepsen histories of etcd with known answers (the test data of
 * porcupine and Knossos): every verdict must match, none may be UNKNOWN, and every
 * LINEARIZABLE verdict must come with a witness that replays.
 */
class JepsenEtcdHistoriesTest {

    /** Per history; porcupine-style search needs milliseconds for most and well under this for all. */
    private static final Budget PER_HISTORY = Budget.ofTime(Duration.ofSeconds(20));

    @Test
    void the_checker_agrees_with_every_label_of_the_102_jepsen_etcd_histories() throws Exception {
        final Path directory = JepsenTestData.directory();
        final Map<String, Boolean> labels = JepsenTestData.expectedLabels(directory);
        assertThat(labels).hasSize(102);
        assertThat(labels.values().stream().filter(linearizable -> linearizable)).hasSize(23);

        final List<String> disagreements = new ArrayList<>();
        final long startNs = System.nanoTime();
        long slowestMs = 0;
        String slowest = "";
        for (final Map.Entry<String, Boolean> label : labels.entrySet()) {
            final var history = JepsenEtcdLog.parse(directory.resolve(label.getKey()));
            final long historyStartNs = System.nanoTime();
            final CheckResult<RegisterOp<Integer>, Object> result =
                    LinearizabilityChecker.check(history, REGISTER, PER_HISTORY);
            final long tookMs = (System.nanoTime() - historyStartNs) / 1_000_000;
            if (tookMs >= slowestMs) {
                slowestMs = tookMs;
                slowest = label.getKey();
            }
            final var expected = label.getValue()
                    ? CheckResult.Verdict.LINEARIZABLE
                    : CheckResult.Verdict.NOT_LINEARIZABLE;
            if (result.verdict() != expected) {
                disagreements.add(label.getKey() + ": expected " + expected + ", got " + result.verdict());
            } else if (result.isLinearizable()) {
                Witnesses.problemWith(result.linearization(), history, REGISTER)
                        .ifPresent(problem -> disagreements.add(label.getKey() + ": bad witness: " + problem));
            }
        }
        System.out.printf("checked %d Jepsen etcd histories from %s in %d ms (slowest %s: %d ms)%n",
                labels.size(), directory, (System.nanoTime() - startNs) / 1_000_000, slowest, slowestMs);

        assertThat(disagreements).isEmpty();
    }
}
